package cn.gansu.lianhu.visit;

import static cn.gansu.lianhu.visit.PlanFixtures.awaitCount;
import static cn.gansu.lianhu.visit.PlanFixtures.household;
import static cn.gansu.lianhu.visit.PlanFixtures.pairing;
import static cn.gansu.lianhu.visit.PlanFixtures.publish;
import static cn.gansu.lianhu.visit.PlanFixtures.uuid;
import static cn.gansu.lianhu.visit.PlanFixtures.visit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import cn.gansu.lianhu.visit.PlanFixtures.Pairing;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Year-round contact (全年联系不断, issue 4 point 5) with the shared ContinuityRule: 90 days for households in
 * poverty, 180 for households lifted out of it. Pairings started in the past arrive as real events, visits are
 * logged over HTTP with past dates; today is 2026-11-29. Villages under 629902 are this class's own.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class ContinuityTest {
    private static final String VILLAGE = "629902001001";
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void producer() {
        producer = TestKafka.producer();
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void figuresAndTheOverdueListUseTheLiftedCadence() throws Exception {
        String unit = uuid();
        String cadreA = uuid();
        // q1: in poverty, in person 59 days ago — within
        Pairing q1 = pairing(cadreA, unit, uuid(), VILLAGE, "2026-01-01");
        // q2: in poverty, in person 120 days ago — overdue
        Pairing q2 = pairing(cadreA, unit, uuid(), VILLAGE, "2026-01-01");
        // q3: lifted, in person 120 days ago — within its 180 days
        Pairing q3 = pairing(uuid(), unit, uuid(), VILLAGE, "2026-01-01");
        // q4: lifted, in person 212 days ago — overdue
        Pairing q4 = pairing(uuid(), unit, uuid(), VILLAGE, "2026-01-01");
        // q5: in poverty, started 59 days ago, never visited — not overdue yet
        Pairing q5 = pairing(uuid(), unit, uuid(), VILLAGE, "2026-10-01");
        // q6: no household event (counts as in poverty), started 181 days ago, only a phone call — overdue
        Pairing q6 = pairing(uuid(), unit, uuid(), VILLAGE, "2026-06-01");
        // q9: relapsed, in person exactly 90 days ago — within, not overdue
        Pairing q9 = pairing(uuid(), unit, uuid(), VILLAGE, "2026-01-01");
        // another unit's pairing in the same village, never visited, started recently
        Pairing other = pairing(uuid(), uuid(), uuid(), VILLAGE, "2026-11-01");
        for (Pairing p : new Pairing[] { q1, q2, q3, q4, q5, q6, q9, other }) {
            publish(producer, p, "ACTIVE");
        }
        household(producer, q1.household(), VILLAGE, "IN_POVERTY");
        household(producer, q2.household(), VILLAGE, "IN_POVERTY");
        household(producer, q3.household(), VILLAGE, "LIFTED");
        household(producer, q4.household(), VILLAGE, "LIFTED");
        household(producer, q5.household(), VILLAGE, "IN_POVERTY");
        household(producer, q9.household(), VILLAGE, "RELAPSED");
        awaitCount(7, "select count(*) from known_pairing where unit_id = cast(? as uuid)", unit);
        awaitCount(6, "select count(*) from known_household where village_code = ?", VILLAGE);

        visit(q1, "2026-10-01", "IN_HOME");
        visit(q1, "2026-09-01", "VILLAGE_MEETING"); // older: the latest counts
        visit(q2, "2026-08-01", "IN_HOME");
        visit(q2, "2026-11-20", "BY_PHONE"); // not in person
        visit(q3, "2026-08-01", "VILLAGE_MEETING");
        visit(q4, "2026-05-01", "IN_HOME");
        visit(q6, "2026-11-20", "BY_PHONE");
        visit(q9, "2026-08-31", "IN_HOME");

        given().when().get("/api/v1/continuity?unit=" + unit).then().statusCode(200)
                .body("day", equalTo("2026-11-29")).body("overdueDays", equalTo(90))
                .body("liftedOverdueDays", equalTo(180)).body("activePairings", equalTo(7))
                .body("visitedWithinWindow", equalTo(3)).body("share", equalTo(0.4286f))
                .body("overdue", equalTo(3)).body("neverVisited", equalTo(2));
        given().when().get("/api/v1/continuity/overdue?unit=" + unit).then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.pairingId", contains(q4.id(), q6.id(), q2.id()))
                .body("items.daysSinceLastVisit", contains(212, 181, 120))
                .body("items.windowDays", contains(180, 90, 90))
                .body("items.householdStatus", contains("LIFTED", null, "IN_POVERTY"))
                .body("items.lastInPersonOn", contains("2026-05-01", null, "2026-08-01"))
                .body("items[1].startedOn", equalTo("2026-06-01"))
                .body("items[0].cadreId", equalTo(q4.cadre())).body("items[0].unitId", equalTo(unit))
                .body("items[0].householdId", equalTo(q4.household()))
                .body("items[0].villageCode", equalTo(VILLAGE));
        given().when().get("/api/v1/continuity/overdue?unit=" + unit + "&page=1&size=2").then().statusCode(200)
                .body("total", equalTo(3)).body("items", hasSize(1)).body("items[0].pairingId", equalTo(q2.id()));
        given().when().get("/api/v1/continuity?cadre=" + cadreA).then().statusCode(200)
                .body("activePairings", equalTo(2)).body("visitedWithinWindow", equalTo(1))
                .body("share", equalTo(0.5f)).body("overdue", equalTo(1)).body("neverVisited", equalTo(0));
        // the region holds the other unit's pairing as well
        given().when().get("/api/v1/continuity?village=629902").then().statusCode(200)
                .body("activePairings", equalTo(8)).body("visitedWithinWindow", equalTo(3))
                .body("overdue", equalTo(3)).body("neverVisited", equalTo(3));
        given().when().get("/api/v1/continuity?village=629902001001&unit=" + unit).then().statusCode(200)
                .body("activePairings", equalTo(7));

        // an in-person visit today brings q2 back within its window
        visit(q2, "2026-11-29", "IN_HOME");
        given().when().get("/api/v1/continuity?unit=" + unit).then().statusCode(200)
                .body("visitedWithinWindow", equalTo(4)).body("share", equalTo(0.5714f))
                .body("overdue", equalTo(2)).body("neverVisited", equalTo(2));
        given().when().get("/api/v1/continuity/overdue?unit=" + unit).then().statusCode(200)
                .body("items.pairingId", contains(q4.id(), q6.id()));

        // an ended pairing no longer counts
        PlanFixtures.end(producer, q4, "2026-11-29", "CADRE_TRANSFERRED");
        awaitCount(1, "select count(*) from known_pairing where unit_id = cast(? as uuid) and status = 'ENDED'", unit);
        given().when().get("/api/v1/continuity?unit=" + unit).then().statusCode(200)
                .body("activePairings", equalTo(6)).body("overdue", equalTo(1));
    }

    @Test
    void noPairingsGiveANullShareAndBadParametersAre400() {
        given().when().get("/api/v1/continuity?unit=" + uuid()).then().statusCode(200)
                .body("activePairings", equalTo(0)).body("visitedWithinWindow", equalTo(0))
                .body("share", nullValue()).body("overdue", equalTo(0));
        given().when().get("/api/v1/continuity/overdue?cadre=" + uuid()).then().statusCode(200)
                .body("total", equalTo(0)).body("items", hasSize(0));
        given().when().get("/api/v1/continuity?village=62x").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("village")).body("errors[0].rule", equalTo("region.code"));
        given().when().get("/api/v1/continuity/overdue?cadre=abc").then().statusCode(400)
                .body("errors[0].field", equalTo("cadre")).body("errors[0].rule", equalTo("param.type"));
        given().when().get("/api/v1/continuity?unit=abc").then().statusCode(400)
                .body("errors[0].field", equalTo("unit")).body("errors[0].rule", equalTo("param.type"));
        given().when().get("/api/v1/continuity/overdue?size=501").then().statusCode(400)
                .body("errors[0].field", equalTo("size")).body("errors[0].rule", equalTo("max"));
    }
}
