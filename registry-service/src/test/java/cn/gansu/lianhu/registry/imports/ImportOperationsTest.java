package cn.gansu.lianhu.registry.imports;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.OperatorProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Operator comfort (issue 9 point 5) for bulk imports: {@code lianhu_imports_total{kind,outcome}} and
 * {@code lianhu_imports_rows_total{kind}} count each ended job exactly once, and the events an import writes with
 * COPY carry the upload's correlation id.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class ImportOperationsTest {

    @Inject
    DataSource ds;

    @BeforeEach
    void villages() throws SQLException {
        HouseholdImportFixtures.insertVillages(ds);
    }

    @Test
    void importsAreCountedByOutcomeAndTheirEventsCarryTheUploadsCorrelationId() throws Exception {
        double succeeded = OperatorProbe.metric("lianhu_imports_total", "kind", "HOUSEHOLDS", "outcome", "SUCCEEDED");
        double dryRuns = OperatorProbe.metric("lianhu_imports_total", "kind", "HOUSEHOLDS", "outcome", "DRY_RUN_OK");
        double rows = OperatorProbe.metric("lianhu_imports_rows_total", "kind", "HOUSEHOLDS");
        String batch = "T" + UUID.randomUUID().toString().substring(0, 8);
        byte[] csv = HouseholdImportFixtures.csv(HouseholdImportFixtures.rows(12, batch)).getBytes(StandardCharsets.UTF_8);

        String dry = given().header("X-Correlation-Id", "import-dry-1").multiPart("file", "h.csv", csv, "text/csv")
                .queryParam("dryRun", true).when().post(HouseholdImportTest.IMPORTS)
                .then().statusCode(202).header("X-Correlation-Id", "import-dry-1").extract().path("id");
        assertEquals("DRY_RUN_OK", HouseholdImportTest.await(dry).get("status").asText());
        String id = given().header("X-Correlation-Id", "import-call-1").multiPart("file", "h.csv", csv, "text/csv")
                .when().post(HouseholdImportTest.IMPORTS)
                .then().statusCode(202).header("X-Correlation-Id", "import-call-1").extract().path("id");
        JsonNode job = HouseholdImportTest.await(id);
        assertEquals("SUCCEEDED", job.get("status").asText());

        assertEquals(succeeded + 1, OperatorProbe.metric("lianhu_imports_total", "kind", "HOUSEHOLDS", "outcome",
                "SUCCEEDED"));
        assertEquals(dryRuns + 1, OperatorProbe.metric("lianhu_imports_total", "kind", "HOUSEHOLDS", "outcome",
                "DRY_RUN_OK"));
        assertEquals(rows + 12, OperatorProbe.metric("lianhu_imports_rows_total", "kind", "HOUSEHOLDS"));
        // the 12 HOUSEHOLD_REGISTERED events, written with COPY, carry the upload's id (and none the dry run's)
        assertEquals(List.of("import-call-1:12"), correlationIds(batch));

        // later jobs on the same workers keep their own upload's id (fresh-clone review: later jobs lost it)
        for (int n = 2; n <= 4; n++) {
            String next = "T" + UUID.randomUUID().toString().substring(0, 8);
            byte[] more = HouseholdImportFixtures.csv(HouseholdImportFixtures.rows(2, next))
                    .getBytes(StandardCharsets.UTF_8);
            String nextId = given().header("X-Correlation-Id", "import-call-" + n)
                    .multiPart("file", "h.csv", more, "text/csv").when().post(HouseholdImportTest.IMPORTS)
                    .then().statusCode(202).extract().path("id");
            assertEquals("SUCCEEDED", HouseholdImportTest.await(nextId).get("status").asText());
            assertEquals(List.of("import-call-" + n + ":2"), correlationIds(next));
        }
    }

    private List<String> correlationIds(String batch) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select coalesce(e.correlation_id, '-') || ':' || count(*) from outbox_event e join household h"
                        + " on h.id = (case when e.event_key ~ '^[0-9a-f-]{36}$' then e.event_key::uuid end)"
                        + " where h.household_no like ? group by e.correlation_id order by 1")) {
            ps.setString(1, batch + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                java.util.ArrayList<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }
}
