package cn.gansu.lianhu.visit;

import static cn.gansu.lianhu.visit.VisitFixtures.logVisit;
import static cn.gansu.lianhu.visit.VisitFixtures.paired;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import cn.gansu.lianhu.testsupport.events.PublishedEvents;
import cn.gansu.lianhu.visit.VisitFixtures.Pairing;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The events visit-service really publishes match the AsyncAPI document of lianhu-events (issue 9 point 3). The test
 * makes every kind of change visit publishes — a visit logged with help and demands (visit logged, help recorded,
 * demands opened), the visit corrected, a demand accepted — waits for the outbox relay, reads visit.visits,
 * visit.demands and visit-service.dead-letter from the beginning with a plain consumer and validates every record found
 * (those of the other test classes of this JVM too) against the schemas of its channel and type.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class PublishedEventsSchemaTest {
    private static final String SERVICE = "visit-service";

    @Test
    void everyPublishedRecordMatchesTheAsyncApiDocument() {
        Pairing p;
        try (KafkaProducer<String, String> producer = TestKafka.producer()) {
            p = paired(producer);
        }
        String visit = logVisit(p, "2026-11-20", """
                [{"task":"POLICY_PUBLICITY","policies":["农村低保","医疗救助"]},
                 {"task":"PUBLIC_OPINION","demands":[{"category":"HOUSING","description":"危房改造"},
                                                     {"category":"MEDICAL","description":"慢病报销"}]},
                 {"task":"DEVELOPMENT","help":[{"kind":"FUNDS","amountYuan":3000.50,"peopleBenefiting":4},
                                              {"kind":"SKILLS_TRAINING","amountYuan":1200,"peopleBenefiting":1}]}]""");
        given().contentType("application/json").header("If-Match", "\"1\"").body("""
                {"visitedOn":"2026-11-18","mode":"BY_PHONE","durationMinutes":30,"notes":"电话回访",
                 "tasks":[{"task":"PUBLIC_OPINION"},
                          {"task":"DEVELOPMENT","help":[{"kind":"INDUSTRY_PROJECT","amountYuan":5000,"peopleBenefiting":3}]}],
                 "reason":"走访日期记错，帮扶类别应为产业项目","correctedBy":"王明","version":1}""")
                .when().put("/api/v1/visits/" + visit).then().log().ifValidationFails().statusCode(200)
                .body("version", equalTo(2));
        String demand = given().when().get("/api/v1/visits/" + visit).then().statusCode(200).extract().jsonPath()
                .getList("demands.id", String.class).get(0);
        given().contentType("application/json").header("If-Match", "\"1\"")
                .body("{\"to\":\"ACCEPTED\",\"on\":\"2026-11-21\",\"note\":\"乡镇受理\"}")
                .when().post("/api/v1/demands/" + demand + "/transitions").then().log().ifValidationFails()
                .statusCode(200).body("status", equalTo("ACCEPTED"));

        PublishedEvents.assertEverySentTypeValid(SERVICE, List.of("visit.visits", "visit.demands"), 5);
    }
}
