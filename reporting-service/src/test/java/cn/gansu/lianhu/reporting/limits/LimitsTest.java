package cn.gansu.lianhu.reporting.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.BodyLimitProbe;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.OperationalProbe;
import cn.gansu.lianhu.testsupport.PageLimitAudit;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Limits, health and metrics of reporting-service (issue 8 point 2): request bodies (JSON 2 MiB; no uploads; one byte more is
 * 413 problem+json, rule {@code body.too-large}, nothing written), page sizes of every list operation, liveness
 * without database or broker, readiness with the database, consumer lag per group on {@code /q/metrics}.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class LimitsTest {
    @Inject
    DataSource ds;

    @Test
    void configuredLimitsAreTheDocumentedOnes() {
        BodyLimitProbe.assertConfiguredLimits(BodyLimitProbe.JSON_LIMIT);
    }

    @Test
    void jsonBodyOneByteOverTheLimitIs413ProblemAndNothingIsWritten() throws SQLException {
        BodyLimitProbe.jsonOverLimit("/api/v1/no-such-operation", this::rows);
    }

    @Test
    void jsonBodyAtTheLimitIsReadAndAnsweredForItsContent() throws SQLException {
        BodyLimitProbe.jsonAtLimit("/api/v1/no-such-operation", 404, this::rows);
    }

    @Test
    void chunkedJsonBodyOverTheLimitIs413() throws IOException, SQLException {
        BodyLimitProbe.chunkedJsonOverLimit("/api/v1/no-such-operation", this::rows);
    }

    @Test
    void everyListOperationRefusesPageSizeOver500AndNegativePages() {
        PageLimitAudit.Result result = PageLimitAudit.checkThisService(Map.of("code", "620102"));
        assertEquals(List.of(), result.failures());
        assertEquals(List.of("GET /api/v1/assessment/regions/{code}/children", "GET /api/v1/assessment/regions/{code}/units",
                "GET /api/v1/assessment/units/{id}/cadres", "GET /api/v1/audit", "GET /api/v1/dead-letters", "GET /api/v1/regions/{code}/overdue-pairings",
                "GET /api/v1/regions/{code}/uncovered/cadres-below-minimum",
                "GET /api/v1/regions/{code}/uncovered/cadres-without-households",
                "GET /api/v1/regions/{code}/uncovered/counties-without-leader",
                "GET /api/v1/regions/{code}/uncovered/households-without-cadre",
                "GET /api/v1/regions/{code}/uncovered/units-below-required",
                "GET /api/v1/regions/{code}/uncovered/villages-without-unit", "GET /api/v1/regions/{code}/units",
                "GET /api/v1/units/{id}/cadres").stream().sorted().toList(),
                result.checked().stream().sorted().toList());
    }

    @Test
    void livenessDependsOnNeitherDatabaseNorBroker() {
        OperationalProbe.assertLiveWithoutDatabaseOrBroker();
    }

    @Test
    void readinessHasTheDatabaseButNoBrokerConnection() {
        OperationalProbe.assertReadyWithDatabase(false, "registry-households");
    }

    @Test
    void consumerLagIsOnMetrics() throws InterruptedException {
        List<String> lag = OperationalProbe.consumerLag("registry-households", "reporting-service", "registry.households");
        assertFalse(lag.isEmpty());
    }

    /** What an accepted request would have written. */
    long rows() throws SQLException {
        return BodyLimitProbe.count(ds, "select (select count(*) from audit_entry)");
    }
}
