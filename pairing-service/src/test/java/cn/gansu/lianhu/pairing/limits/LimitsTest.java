package cn.gansu.lianhu.pairing.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
 * Limits, health and metrics of pairing-service (issue 8 point 2): request bodies (JSON 2 MiB, unit and cadre imports 64 MiB; one byte more is
 * 413 problem+json, rule {@code body.too-large}, nothing written), page sizes of every list operation, liveness
 * without database or broker, readiness with the database, consumer lag per group on {@code /q/metrics}.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class LimitsTest {
    static final long UPLOAD_LIMIT = 64L * 1024 * 1024;

    @Inject
    DataSource ds;

    @Test
    void configuredLimitsAreTheDocumentedOnes() {
        BodyLimitProbe.assertConfiguredLimits(UPLOAD_LIMIT);
    }

    @Test
    void jsonBodyOneByteOverTheLimitIs413ProblemAndNothingIsWritten() throws SQLException {
        BodyLimitProbe.jsonOverLimit("/api/v1/units", this::rows);
    }

    @Test
    void jsonBodyAtTheLimitIsReadAndAnsweredForItsContent() throws SQLException {
        BodyLimitProbe.jsonAtLimit("/api/v1/units", 400, this::rows);
    }

    @Test
    void chunkedJsonBodyOverTheLimitIs413() throws IOException, SQLException {
        BodyLimitProbe.chunkedJsonOverLimit("/api/v1/units", this::rows);
    }

    @Test
    void importDeclaringOneByteOverTheUploadLimitIs413ProblemWithoutReadingIt() throws IOException, SQLException {
        for (String path : List.of("/api/v1/units/imports", "/api/v1/cadres/imports")) {
            for (String type : List.of("text/csv")) {
                BodyLimitProbe.uploadOverLimit(path, type, UPLOAD_LIMIT, this::rows);
            }
        }
    }

    @Test
    void importJustUnderTheUploadLimitIsReadAndAnsweredForItsContent() throws IOException, SQLException {
        BodyLimitProbe.uploadAtLimit("/api/v1/units/imports", UPLOAD_LIMIT, this::rows);
    }

    @Test
    void everyListOperationRefusesPageSizeOver500AndNegativePages() {
        PageLimitAudit.Result result = PageLimitAudit.checkThisService(Map.of("code", "620102"));
        assertEquals(List.of(), result.failures());
        assertEquals(List.of("GET /api/v1/audit", "GET /api/v1/dead-letters", "GET /api/v1/cadres", "GET /api/v1/imports/{id}/errors", "GET /api/v1/pairings",
                "GET /api/v1/plans/{id}/items", "GET /api/v1/plans/{id}/units", "GET /api/v1/units").stream().sorted().toList(),
                result.checked().stream().sorted().toList());
    }

    @Test
    void livenessDependsOnNeitherDatabaseNorBroker() {
        OperationalProbe.assertLiveWithoutDatabaseOrBroker();
    }

    @Test
    void readinessHasTheDatabaseButNoBrokerConnection() {
        OperationalProbe.assertReadyWithDatabase(true, "registry-households");
    }

    @Test
    void consumerLagIsOnMetrics() throws InterruptedException {
        assertNotNull(OperationalProbe.metric("lianhu_outbox_backlog"), "lianhu_outbox_backlog on /q/metrics");
        List<String> lag = OperationalProbe.consumerLag("registry-households", "pairing-service", "registry.households");
        assertFalse(lag.isEmpty());
    }

    /** What an accepted request would have written. */
    long rows() throws SQLException {
        return BodyLimitProbe.count(ds, "select (select count(*) from unit) + (select count(*) from cadre) + (select count(*) from import_job) + (select count(*) from outbox_event)");
    }
}
