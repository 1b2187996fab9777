package cn.gansu.lianhu.events.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Which replica of a service relays its outbox (issue 9 point 4). Several replicas share one database; the
 * {@link OutboxRelay} of only one of them publishes at a time: the one holding PostgreSQL's session-level advisory
 * lock "LHOB" on a connection of its own. Two relays claiming batches side by side (SKIP LOCKED alone) would not
 * duplicate anything, but could publish two events of one key from two batches in the wrong order; with one relay
 * the events of a key reach their partition in the order they were written.
 *
 * <p>The lock is asked for before every drain: a relay that does not hold it does nothing (its replica's
 * commits are published by the holder, at the latest after the holder's {@code lianhu.outbox.poll-interval}). The
 * holder checks its connection before every drain; when the holder dies (kill -9, lost host) or its connection
 * breaks, PostgreSQL ends the session and frees the lock, and the next drain of another replica takes it.
 */
@ApplicationScoped
public class OutboxLeadership {
    private static final Logger LOG = Logger.getLogger(OutboxLeadership.class);
    /** Advisory lock key (class, object): "LHOB", 0. Per database, so per service. */
    static final int LOCK_CLASS = 0x4c484f42;

    @Inject
    DataSource dataSource;

    private Connection held;

    /** True if this replica relays now (it holds, or has just taken, the lock). */
    public synchronized boolean lead() {
        try {
            if (held != null) {
                if (held.isValid(2)) {
                    return true;
                }
                LOG.warn("outbox relay: the connection holding the relay lock broke; asking again");
                discard();
            }
            Connection c = dataSource.getConnection();
            boolean got = false;
            try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?, 0)")) {
                ps.setInt(1, LOCK_CLASS);
                try (ResultSet rs = ps.executeQuery()) {
                    got = rs.next() && rs.getBoolean(1);
                }
            } finally {
                if (!got) {
                    c.close();
                }
            }
            if (got) {
                held = c;
                LOG.info("outbox relay: this replica relays the outbox (advisory lock LHOB)");
            }
            return got;
        } catch (SQLException e) {
            discard();
            return false;
        }
    }

    /** Gives the lock up (shutdown): unlocks before the connection goes back to the pool. */
    public synchronized void release() {
        if (held == null) {
            return;
        }
        try (PreparedStatement ps = held.prepareStatement("select pg_advisory_unlock(?, 0)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.execute();
        } catch (SQLException e) {
            LOG.debugf("outbox relay: unlock failed (%s)", e.getMessage());
        }
        discard();
    }

    private void discard() {
        if (held != null) {
            try {
                held.close();
            } catch (SQLException e) {
                // broken already
            }
            held = null;
        }
    }
}
