package cn.gansu.lianhu.registry.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The import queue is bounded (issue 8 point 2; lianhu.imports.max-concurrent-jobs=2, max-queued-jobs=4): with
 * two jobs running and four QUEUED, a seventh upload is answered 429 problem+json with Retry-After and writes
 * nothing; the six accepted jobs all finish once they can.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class ImportQueueLimitTest {
    static final String IMPORTS = "/api/v1/households/imports";

    @Inject
    DataSource ds;

    @Test
    void seventhUploadWhileTwoRunAndFourWaitIs429WithRetryAfterAndWritesNothing() throws SQLException {
        HouseholdImportFixtures.insertVillages(ds);
        List<String> ids = new ArrayList<>();
        try (Connection lock = ds.getConnection(); Statement st = lock.createStatement()) {
            // the running jobs check their households against the stored ones: hold them there
            lock.setAutoCommit(false);
            st.execute("lock table household, household_member in access exclusive mode");
            for (int i = 0; i < 6; i++) {
                ids.add(given().contentType("text/csv").body(file()).when().post(IMPORTS)
                        .then().statusCode(202).body("status", equalTo("QUEUED")).extract().path("id"));
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> count(ids, "RUNNING") == 2 && count(ids, "QUEUED") == 4);
            long jobs = scalar("select count(*) from import_job");
            long submitters = scalar("select count(*) from import_job_submitter");

            given().contentType("text/csv").body(file()).when().post(IMPORTS)
                    .then().statusCode(429)
                    .contentType("application/problem+json")
                    .header("Retry-After", "30")
                    .body("type", equalTo("urn:lianhu:problem:too-many-imports"))
                    .body("detail", equalTo("2 imports are running and 4 are queued already; nothing was written,"
                            + " try again in 30 s"))
                    .body("errors.field", contains("file"))
                    .body("errors.rule", contains("import.too-many-jobs"))
                    .body("errors[0].message", equalTo("at most 2 imports run at once and 4 wait"));
            // the multipart form is held to the same queue
            given().multiPart("file", "h.csv", file(), "text/csv").when().post(IMPORTS)
                    .then().statusCode(429).header("Retry-After", "30")
                    .body("errors[0].rule", equalTo("import.too-many-jobs"));
            assertEquals(jobs, scalar("select count(*) from import_job"));
            assertEquals(submitters, scalar("select count(*) from import_job_submitter"));
            assertEquals(2, count(ids, "RUNNING"));
            assertEquals(4, count(ids, "QUEUED"));
            lock.rollback();
        }
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> count(ids, "SUCCEEDED") == 6);
        // room again: the next upload is accepted
        String next = given().contentType("text/csv").body(file()).when().post(IMPORTS)
                .then().statusCode(202).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> count(List.of(next), "SUCCEEDED") == 1);
    }

    static byte[] file() {
        return HouseholdImportFixtures.csv(HouseholdImportFixtures.rows(1, "Q" + UUID.randomUUID().toString()
                .substring(0, 8))).getBytes(StandardCharsets.UTF_8);
    }

    long count(List<String> ids, String status) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from import_job where id = any(?) and status = ?")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
            ps.setString(2, status);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    long scalar(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
