package cn.gansu.lianhu.reporting.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.OperationalProbe;
import cn.gansu.lianhu.testsupport.PageLimitAudit;
import cn.gansu.lianhu.testsupport.RawHttp;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/**
 * Limits, health and metrics of reporting-service (issue 8 point 2): request bodies (JSON 2 MiB; no uploads; one byte more is
 * 413 problem+json, rule {@code body.too-large}, nothing written), page sizes of every list operation, liveness
 * without database or broker, readiness with the database, consumer lag per group on {@code /q/metrics}.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class LimitsTest {
    static final long JSON_LIMIT = 2L * 1024 * 1024;

    @Inject
    DataSource ds;

    @Test
    void configuredLimitsAreTheDocumentedOnes() {
        var config = ConfigProvider.getConfig();
        assertEquals(JSON_LIMIT, config.getValue("quarkus.http.limits.max-body-size", MemorySize.class).asLongValue());
        assertEquals(JSON_LIMIT, config.getValue("lianhu.http.limits.max-json-body-size", MemorySize.class).asLongValue());
    }

    @Test
    void jsonBodyOneByteOverTheLimitIs413ProblemAndNothingIsWritten() throws SQLException {
        long before = rows();
        given().contentType("application/json").body(jsonOfLength(JSON_LIMIT + 1))
                .when().post("/api/v1/no-such-operation")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("type", equalTo("urn:lianhu:problem:body-too-large"))
                .body("instance", equalTo("/api/v1/no-such-operation"))
                .body("errors.field", contains("body"))
                .body("errors.rule", contains("body.too-large"))
                .body("errors[0].message", equalTo("the request body of 2097153 bytes is over the limit of 2097152"
                        + " bytes (2 MiB) of this operation"));
        assertEquals(before, rows());
    }

    @Test
    void jsonBodyAtTheLimitIsReadAndAnsweredForItsContent() throws SQLException {
        long before = rows();
        // an empty object padded with spaces to exactly 2 MiB: read, then answered for its content
        given().contentType("application/json").body(jsonOfLength(JSON_LIMIT))
                .when().post("/api/v1/no-such-operation")
                .then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals(before, rows());
    }

    @Test
    void chunkedJsonBodyOverTheLimitIs413() throws IOException, SQLException {
        long before = rows();
        RawHttp.Response r = RawHttp.chunked(RestAssured.port, "POST", "/api/v1/no-such-operation", "application/json",
                jsonOfLength(JSON_LIMIT + 65536));
        assertEquals(413, r.status(), r.toString());
        JsonNode problem = new ObjectMapper().readTree(r.body());
        assertEquals("body.too-large", problem.at("/errors/0/rule").asText());
        assertEquals(before, rows());
    }

    @Test
    void everyListOperationRefusesPageSizeOver500AndNegativePages() {
        Map<String, Object> doc = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        PageLimitAudit.Result result = PageLimitAudit.check(doc, Map.of("code", "620102"));
        assertEquals(List.of("GET /api/v1/assessment/regions/{code}/children", "GET /api/v1/assessment/regions/{code}/units",
                "GET /api/v1/assessment/units/{id}/cadres", "GET /api/v1/audit", "GET /api/v1/regions/{code}/overdue-pairings",
                "GET /api/v1/regions/{code}/uncovered/cadres-below-minimum",
                "GET /api/v1/regions/{code}/uncovered/cadres-without-households",
                "GET /api/v1/regions/{code}/uncovered/counties-without-leader",
                "GET /api/v1/regions/{code}/uncovered/households-without-cadre",
                "GET /api/v1/regions/{code}/uncovered/units-below-required",
                "GET /api/v1/regions/{code}/uncovered/villages-without-unit", "GET /api/v1/regions/{code}/units",
                "GET /api/v1/units/{id}/cadres"), result.checked().stream().sorted().toList());
    }

    @Test
    void livenessDependsOnNeitherDatabaseNorBroker() {
        OperationalProbe.Health live = OperationalProbe.health("/q/health/live");
        assertEquals(200, live.status(), live.body());
        assertEquals("UP", live.overall());
        assertFalse(live.checks().contains("Database connections health check"), live.body());
        assertFalse(live.checks().contains("outbox"), live.body());
        assertFalse(live.body().contains("\"outbox\""), live.body());
        assertFalse(live.body().contains("\"dead-letters\""), live.body());
    }

    @Test
    void readinessHasTheDatabaseButNoBrokerConnection() {
        OperationalProbe.Health ready = OperationalProbe.health("/q/health/ready");
        assertEquals(200, ready.status(), ready.body());
        assertTrue(ready.checks().contains("Database connections health check"), ready.body());
        assertFalse(ready.body().contains("\"registry-households\""), ready.body());
    }

    @Test
    void consumerLagIsOnMetrics() throws InterruptedException {
        List<String> lag = OperationalProbe.consumerLag("registry-households", "reporting-service", "registry.households");
        assertFalse(lag.isEmpty());
    }

    /** {@code {}} padded with spaces to {@code length} bytes. */
    static byte[] jsonOfLength(long length) {
        byte[] b = new byte[(int) length];
        Arrays.fill(b, (byte) ' ');
        b[0] = '{';
        b[b.length - 1] = '}';
        return b;
    }

    /** What an accepted request would have written. */
    long rows() throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select (select count(*) from audit_entry)")) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }
}
