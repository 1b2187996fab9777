package cn.gansu.lianhu.registry.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.imports.ImportRunner;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Issue 9 point 4: several replicas of registry share its database. The jobs of another replica are rows of
 * import_job owned by another process ({@code registry-b/…}) — what a second replica writes. A replica starting does
 * not fail another's live jobs, only those whose owner's heartbeat is older than owner-timeout (60 s) or of an earlier
 * process of its own instance id; and the import limits (2 running, 4 queued) count every replica's live jobs.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class ImportReplicasTest {
    static final String IMPORTS = "/api/v1/households/imports";
    static final String OTHER = "registry-b/0a1b2c3d";

    @Inject
    DataSource ds;
    @Inject
    ImportRunner runner;

    private final List<UUID> others = new ArrayList<>();

    @AfterEach
    void removeOtherReplicasJobs() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from import_job where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", others.toArray()));
            ps.executeUpdate();
        }
    }

    @Test
    void startFailsOnlyJobsOfDeadOwnersAndOfAnEarlierProcessOfThisInstance() throws SQLException {
        String self = runner.owner();
        String instance = self.substring(0, self.lastIndexOf('/'));
        UUID live = other("RUNNING", OTHER, "0 seconds");
        UUID liveQueued = other("QUEUED", OTHER, "50 seconds");
        UUID dead = other("RUNNING", "registry-c/11112222", "61 seconds");
        UUID deadQueued = other("QUEUED", "registry-c/11112222", "5 minutes");
        UUID earlierProcess = other("RUNNING", instance + "/99990000", "1 second");
        UUID mine = other("RUNNING", self, "1 second");
        UUID likeTrap = other("RUNNING", instance + "x/99990000", "1 second"); // "_" or a prefix must not match

        runner.failInterrupted(null);

        assertEquals("RUNNING", status(live));
        assertEquals("QUEUED", status(liveQueued));
        assertEquals("FAILED", status(dead));
        assertEquals("FAILED", status(deadQueued));
        assertEquals("FAILED", status(earlierProcess));
        assertEquals("RUNNING", status(mine));
        assertEquals("RUNNING", status(likeTrap));
        assertTrue(message(dead).startsWith("interrupted: the service stopped while the job ran; nothing was written"));
    }

    @Test
    void theQueueLimitCountsTheLiveJobsOfEveryReplica() throws SQLException {
        HouseholdImportFixtures.insertVillages(ds);
        for (int i = 0; i < 2; i++) {
            other("RUNNING", OTHER, "1 second");
        }
        for (int i = 0; i < 4; i++) {
            other("QUEUED", OTHER, "1 second");
        }
        given().contentType("text/csv").body(ImportQueueLimitTest.file()).when().post(IMPORTS)
                .then().statusCode(429).header("Retry-After", "30")
                .body("detail", equalTo("2 imports are running and 4 are queued already; nothing was written,"
                        + " try again in 30 s"))
                .body("errors[0].rule", equalTo("import.too-many-jobs"));

        // the other replica died 61 s ago: its jobs no longer count, and the next heartbeat sweep fails them
        age(others, "61 seconds");
        String id = given().contentType("text/csv").body(ImportQueueLimitTest.file()).when().post(IMPORTS)
                .then().statusCode(202).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> "SUCCEEDED".equals(status(UUID.fromString(id))));
        assertEquals(runner.owner(), owner(UUID.fromString(id)));
    }

    @Test
    void aJobWaitsQueuedWhileTwoRunOnAnotherReplica() throws SQLException {
        HouseholdImportFixtures.insertVillages(ds);
        UUID a = other("RUNNING", OTHER, "1 second");
        UUID b = other("RUNNING", OTHER, "1 second");
        UUID id = UUID.fromString(given().contentType("text/csv").body(ImportQueueLimitTest.file()).when()
                .post(IMPORTS).then().statusCode(202).extract().path("id"));
        // the global running limit (2) holds it back for as long as both run: 3 s of polls every 250 ms
        for (int i = 0; i < 12; i++) {
            age(List.of(a, b), "1 second"); // the other replica's heartbeat
            assertEquals("QUEUED", status(id));
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        finish(a);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> "SUCCEEDED".equals(status(id)));
        assertEquals("RUNNING", status(b));
    }

    /** A job of another process with a heartbeat {@code age} old. */
    private UUID other(String status, String owner, String age) throws SQLException {
        UUID id = UUID.randomUUID();
        others.add(id);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into import_job (id, kind, status, phase, format, charset, mode, dry_run, size_bytes, created_at,
                    started_at, owner, heartbeat_at)
                values (?, 'HOUSEHOLDS', ?, 'READING', 'CSV', 'UTF-8', 'ALL_OR_NOTHING', false, 100, now() - interval '1 hour',
                    now(), ?, now() - cast(? as interval))""")) {
            ps.setObject(1, id);
            ps.setString(2, status);
            ps.setString(3, owner);
            ps.setString(4, age);
            ps.executeUpdate();
        }
        return id;
    }

    private void age(List<UUID> ids, String age) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update import_job set heartbeat_at = now() - cast(? as interval) where id = any(?)")) {
            ps.setString(1, age);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            ps.executeUpdate();
        }
    }

    private void finish(UUID id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update import_job set status = 'SUCCEEDED', phase = 'DONE', finished_at = now() where id = ?")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
    }

    private String status(UUID id) throws SQLException {
        return column(id, "status");
    }

    private String message(UUID id) throws SQLException {
        return column(id, "message");
    }

    private String owner(UUID id) throws SQLException {
        return column(id, "owner");
    }

    private String column(UUID id, String column) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select " + column + " from import_job where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "job " + id);
                return rs.getString(1);
            }
        }
    }
}
