package cn.gansu.lianhu.registry;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.events.outbox.OutboxLeadership;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Issue 9 point 4: with several replicas of a service, only the one holding the relay lock (PostgreSQL advisory lock
 * "LHOB") publishes the outbox, so one key's events keep their order. Here the test's own connection plays the
 * other replica: while it holds the lock, this process's relay publishes nothing (the row stays unsent for 3 s);
 * once it lets go (as a dead replica's session would), this relay takes the lock and publishes the row.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class OutboxLeadershipTest {
    static final int LOCK_CLASS = 0x4c484f42;

    @Inject
    DataSource ds;
    @Inject
    OutboxLeadership leadership;

    @Test
    void onlyTheReplicaHoldingTheRelayLockPublishes() throws Exception {
        UUID event = UUID.randomUUID();
        try (Connection other = ds.getConnection()) {
            // the other replica waits for the lock; this relay gives it up (as at its shutdown)
            CompletableFuture<Void> taken = CompletableFuture.runAsync(() -> lock(other));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                leadership.release();
                return taken.isDone();
            });
            taken.get(1, TimeUnit.SECONDS);
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at)
                    values (?, 'lianhu.test.relay-leadership', 'k', 'test', '{}', now())""")) {
                ps.setObject(1, event);
                ps.executeUpdate();
            }
            Thread.sleep(3000);
            assertNull(sentAt(event), "published by a relay without the lock");
            try (PreparedStatement ps = other.prepareStatement("select pg_advisory_unlock(?, 0)")) {
                ps.setInt(1, LOCK_CLASS);
                ps.execute();
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> sentAt(event) != null);
        assertTrue(leadership.lead(), "this replica relays again");
    }

    private static void lock(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_lock(?, 0)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sentAt(UUID event) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select cast(sent_at as varchar) from outbox_event where event_id = ?")) {
            ps.setObject(1, event);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }
}
