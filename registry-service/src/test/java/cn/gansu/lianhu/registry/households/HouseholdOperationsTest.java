package cn.gansu.lianhu.registry.households;

import static cn.gansu.lianhu.registry.households.HouseholdFixtures.NON_POOR_VILLAGE;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.POOR_VILLAGE;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.household;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.OperatorProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Operator comfort (issue 9 point 5) in registry-service: a registration's log line and outbox row carry the
 * request's correlation id; {@code lianhu_households_registered_total} counts committed registrations only;
 * {@code /q/info}.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class HouseholdOperationsTest {

    @BeforeEach
    void regions() throws SQLException {
        HouseholdFixtures.ensureRegions();
    }

    @Test
    void aRegistrationLogsAndPublishesWithTheCallersCorrelationIdAndIsCountedOnce() throws SQLException {
        double registered = OperatorProbe.metric("lianhu_households_registered_total");
        String id;
        List<OperatorProbe.Line> lines;
        try (OperatorProbe.LogCapture log = new OperatorProbe.LogCapture("cn.gansu.lianhu.registry", Level.INFO)) {
            id = given().header("X-Correlation-Id", "reg-call-1").contentType(ContentType.JSON)
                    .body(household(POOR_VILLAGE)).when().post("/api/v1/households")
                    .then().statusCode(201).header("X-Correlation-Id", "reg-call-1").extract().path("id");
            lines = log.lines();
        }
        String registeredLine = "household " + id + " registered";
        assertEquals(List.of("reg-call-1"), lines.stream().filter(l -> l.message().startsWith(registeredLine))
                .map(OperatorProbe.Line::correlationId).toList());
        assertEquals(1, HouseholdFixtures.count("select count(*) from outbox_event where event_key = ?"
                + " and correlation_id = 'reg-call-1'", id));
        // refused (not a poor village): nothing written, nothing counted; the problem carries the id
        given().header("X-Correlation-Id", "reg-call-2").contentType(ContentType.JSON)
                .body(household(NON_POOR_VILLAGE)).when().post("/api/v1/households")
                .then().statusCode(422).contentType("application/problem+json").header("X-Correlation-Id", "reg-call-2");
        assertEquals(registered + 1, OperatorProbe.metric("lianhu_households_registered_total"));
    }

    @Test
    void infoNamesTheBuildTheCommitAndJava() {
        OperatorProbe.assertInfo("registry-service");
    }
}
