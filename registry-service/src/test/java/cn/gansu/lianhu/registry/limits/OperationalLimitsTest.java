package cn.gansu.lianhu.registry.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.OperationalProbe;
import cn.gansu.lianhu.testsupport.PageLimitAudit;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Page size limits of every list operation, health and metrics of registry-service (issue 8 point 2).
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class OperationalLimitsTest {

    @Test
    void everyListOperationRefusesPageSizeOver500AndNegativePages() {
        PageLimitAudit.Result result = PageLimitAudit.checkThisService(Map.of("code", "620102"));
        assertEquals(List.of(), result.failures());
        assertEquals(List.of("GET /api/v1/audit", "GET /api/v1/dead-letters", "GET /api/v1/households", "GET /api/v1/households/imports/{id}/errors",
                "GET /api/v1/regions", "GET /api/v1/regions/{code}/children").stream().sorted().toList(),
                result.checked().stream().sorted().toList());
    }

    @Test
    void livenessDependsOnNeitherDatabaseNorBroker() {
        OperationalProbe.assertLiveWithoutDatabaseOrBroker();
    }

    @Test
    void readinessHasTheDatabaseAndTheOutboxButNoBrokerConnection() {
        OperationalProbe.assertReadyWithDatabase(true, "pairing-pairings");
    }

    @Test
    void outboxBacklogAndConsumerLagAreOnMetrics() throws InterruptedException {
        Double backlog = OperationalProbe.metric("lianhu_outbox_backlog");
        assertNotNull(backlog, "lianhu_outbox_backlog on /q/metrics");
        assertTrue(backlog >= 0);
        List<String> lag = OperationalProbe.consumerLag("pairing-pairings", "registry-service", "pairing.pairings");
        assertFalse(lag.isEmpty());
    }
}
