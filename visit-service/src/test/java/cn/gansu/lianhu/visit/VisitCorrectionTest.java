package cn.gansu.lianhu.visit;

import static cn.gansu.lianhu.visit.VisitFixtures.count;
import static cn.gansu.lianhu.visit.VisitFixtures.decimal;
import static cn.gansu.lianhu.visit.VisitFixtures.events;
import static cn.gansu.lianhu.visit.VisitFixtures.logVisit;
import static cn.gansu.lianhu.visit.VisitFixtures.paired;
import static cn.gansu.lianhu.visit.VisitFixtures.publishPairing;
import static cn.gansu.lianhu.visit.VisitFixtures.update;
import static cn.gansu.lianhu.visit.VisitFixtures.uuid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.util.List;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import cn.gansu.lianhu.visit.VisitFixtures.Pairing;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Correcting a logged visit (issue 4 point 3): within the window of 7 days from the day it was logged (Beijing
 * time), audited with the visit before and after, tasks and help replaced, demands kept, VISIT_CORRECTED on the real
 * broker. Today is pinned to 2026-11-29.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class VisitCorrectionTest {
    private static final String CORRECTED = "cn.gansu.lianhu.visit.visit.corrected.v1";
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void producer() {
        producer = TestKafka.producer();
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    private static final String SIX_TASKS = """
            [{"task":"POLICY_PUBLICITY","policies":["农村低保","医疗救助"]},
             {"task":"PUBLIC_OPINION","demands":[{"category":"HOUSING","description":"危房改造"},
                                                 {"category":"MEDICAL","description":"慢病报销"}]},
             {"task":"DEVELOPMENT","help":[{"kind":"FUNDS","amountYuan":3000.50,"peopleBenefiting":4},
                                          {"kind":"SKILLS_TRAINING","amountYuan":1200,"peopleBenefiting":1}]},
             {"task":"EMOTION_EASING","grievance":{"topic":"宅基地纠纷","outcome":"RESOLVED"}},
             {"task":"GRASSROOTS","grassroots":{"work":"参加村支部主题党日"}},
             {"task":"MODEL_PROMOTION","model":{"title":"养牛致富","description":"带动三户养牛"}}]""";

    /** The body's version of a visit never corrected yet (review point 7: a version is required). */
    private static final String V1 = ",\"version\":1";

    private static final String GRASSROOTS = "[{\"task\":\"GRASSROOTS\",\"grassroots\":{\"work\":\"x\"}}]";

    private static String correction(String visitedOn, String tasks, String extra) {
        return """
                {"visitedOn":"%s","mode":"BY_PHONE","durationMinutes":30,"notes":"电话回访","tasks":%s,
                 "reason":"走访日期记错，帮扶类别应为产业项目","correctedBy":"王明"%s}""".formatted(visitedOn, tasks, extra);
    }

    @Test
    void aCorrectionReplacesTasksAndHelpKeepsDemandsIsAuditedAndPublished() throws Exception {
        Pairing p = paired(producer);
        String id = logVisit(p, "2026-11-20", SIX_TASKS);
        String tasks = """
                [{"task":"PUBLIC_OPINION"},
                 {"task":"DEVELOPMENT","help":[{"kind":"INDUSTRY_PROJECT","amountYuan":5000,"peopleBenefiting":3}]},
                 {"task":"GRASSROOTS","grassroots":{"work":"整顿软弱涣散党支部"}}]""";
        given().contentType("application/json").header("If-Match", "\"1\"")
                .body(correction("2026-11-18", tasks, V1))
                .when().put("/api/v1/visits/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("id", equalTo(id))
                .body("version", equalTo(2))
                .body("visitedOn", equalTo("2026-11-18"))
                .body("mode", equalTo("BY_PHONE"))
                .body("inPerson", equalTo(false))
                .body("durationMinutes", equalTo(30))
                .body("latitude", nullValue())
                .body("longitude", nullValue())
                .body("notes", equalTo("电话回访"))
                .body("pairingId", equalTo(p.id()))
                .body("tasks.task", contains("PUBLIC_OPINION", "DEVELOPMENT", "GRASSROOTS"))
                .body("tasks[0].demands.description", contains("危房改造", "慢病报销"))
                .body("tasks[2].grassroots.work", equalTo("整顿软弱涣散党支部"))
                .body("help", hasSize(1))
                .body("help[0].kind", equalTo("INDUSTRY_PROJECT"))
                .body("help[0].peopleBenefiting", equalTo(3))
                .body("helpYuan", equalTo(5000.00f))
                .body("demands", hasSize(2))
                .body("demands.status", contains("OPEN", "OPEN"))
                .body("demands.openedOn", contains("2026-11-20", "2026-11-20"))
                .body("demands.deadline", contains("2026-12-20", "2026-12-20"));

        assertEquals(3, count("select count(*) from visit_task where visit_id = cast(? as uuid)", id));
        assertEquals(1, count("select count(*) from visit_help where visit_id = cast(? as uuid)", id));
        assertEquals(new BigDecimal("5000.00"), decimal(
                "select sum(amount_yuan) from visit_help where visit_id = cast(? as uuid)", id));
        assertEquals(2, count("select count(*) from demand where visit_id = cast(? as uuid)", id));
        assertEquals(2, count("select version from visit where id = cast(? as uuid)", id));

        given().when().get("/api/v1/visits/" + id + "/corrections").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].visitId", equalTo(id))
                .body("[0].version", equalTo(2))
                .body("[0].reason", equalTo("走访日期记错，帮扶类别应为产业项目"))
                .body("[0].correctedBy", equalTo("test-province-admin")) // the token's actor, not the body's free text
                .body("[0].correctedAt", equalTo("2026-11-29T04:00:00Z"))
                .body("[0].before.version", equalTo(1))
                .body("[0].before.visitedOn", equalTo("2026-11-20"))
                .body("[0].before.mode", equalTo("IN_HOME"))
                .body("[0].before.durationMinutes", equalTo(90))
                .body("[0].before.helpYuan", equalTo(4200.50f))
                .body("[0].before.help.kind", contains("FUNDS", "SKILLS_TRAINING"))
                .body("[0].before.tasks", hasSize(6))
                .body("[0].after.version", equalTo(2))
                .body("[0].after.visitedOn", equalTo("2026-11-18"))
                .body("[0].after.mode", equalTo("BY_PHONE"))
                .body("[0].after.helpYuan", equalTo(5000))
                .body("[0].after.tasks.task", contains("PUBLIC_OPINION", "DEVELOPMENT", "GRASSROOTS"));

        List<JsonNode> corrected = events("visit.visits", CORRECTED, id, 1);
        assertEquals(1, corrected.size());
        JsonNode v = corrected.get(0).get("data");
        assertEquals(2, v.get("version").asInt());
        assertEquals("2026-11-18", v.get("visitedOn").asText());
        assertEquals("BY_PHONE", v.get("mode").asText());
        assertFalse(v.get("inPerson").asBoolean());
        assertEquals(30, v.get("durationMinutes").asInt());
        assertEquals(List.of("PUBLIC_OPINION", "DEVELOPMENT", "GRASSROOTS"),
                texts(v.get("tasks")));
        assertEquals(0, new BigDecimal("5000").compareTo(v.get("helpYuan").decimalValue()));
        assertEquals(1, v.get("help").size());
        assertEquals("INDUSTRY_PROJECT", v.get("help").get(0).get("kind").asText());
        assertEquals(0, new BigDecimal("5000").compareTo(v.get("help").get(0).get("amountYuan").decimalValue()));
        assertEquals(3, v.get("help").get(0).get("peopleBenefiting").asInt());
        assertEquals(2, v.get("demandsRaised").asInt());
        assertEquals(p.id(), v.get("pairingId").asText());
        assertEquals(p.unit(), v.get("unitId").asText());

        // the same If-Match again: the visit moved on to version 2
        given().contentType("application/json").header("If-Match", "\"1\"")
                .body(correction("2026-11-17", tasks, V1))
                .when().put("/api/v1/visits/" + id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("version"))
                .body("errors[0].rule", equalTo("version.stale"))
                .body("errors[0].message", equalTo("visit " + id + " is at version 2, not 1: read it again and "
                        + "repeat the correction"));
        // a stale version in the body without If-Match
        given().contentType("application/json").body(correction("2026-11-17", tasks, ",\"version\":1"))
                .when().put("/api/v1/visits/" + id)
                .then().statusCode(409).body("errors[0].rule", equalTo("version.stale"));
        // the current version in the body: a second correction, version 3
        given().contentType("application/json").body(correction("2026-11-17", tasks, ",\"version\":2"))
                .when().put("/api/v1/visits/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"3\"")).body("version", equalTo(3));
        given().when().get("/api/v1/visits/" + id + "/corrections").then().statusCode(200)
                .body("version", contains(2, 3))
                .body("[1].before.visitedOn", equalTo("2026-11-18"))
                .body("[1].after.visitedOn", equalTo("2026-11-17"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theWindowClosesSevenDaysAfterTheDayTheVisitWasLoggedInBeijingTime() throws Exception {
        Pairing p = paired(producer);
        String id = logVisit(p, "2026-11-20", GRASSROOTS);
        // 2026-11-21 23:59:59 in Beijing: last day 2026-11-28, today 2026-11-29 is past it
        update("update visit set created_at = timestamptz '2026-11-21 15:59:59+00' where id = cast(? as uuid)", id);
        given().contentType("application/json").body(correction("2026-11-19", GRASSROOTS, V1))
                .when().put("/api/v1/visits/" + id)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].rule", equalTo("visit.correction-window-closed"))
                .body("errors[0].message", equalTo("visit " + id + " was logged on 2026-11-21 and could be corrected "
                        + "up to and including 2026-11-28 (7 days); today is 2026-11-29"));
        assertEquals(1, count("select version from visit where id = cast(? as uuid)", id));
        assertEquals(0, count("select count(*) from visit_correction where visit_id = cast(? as uuid)", id));
        // one second later it is 2026-11-22 in Beijing: today is the last day of the window
        update("update visit set created_at = timestamptz '2026-11-21 16:00:00+00' where id = cast(? as uuid)", id);
        given().contentType("application/json").body(correction("2026-11-19", GRASSROOTS, V1))
                .when().put("/api/v1/visits/" + id)
                .then().statusCode(200).body("version", equalTo(2)).body("visitedOn", equalTo("2026-11-19"));
        assertEquals(1, count("select count(*) from visit_correction where visit_id = cast(? as uuid)", id));
    }

    @Test
    void badCorrectionsAreRefusedNamingFieldAndRuleAndWriteNothing() throws Exception {
        Pairing p = paired(producer);
        String withDemands = logVisit(p, "2026-11-20", """
                [{"task":"PUBLIC_OPINION","demands":[{"category":"HOUSING","description":"危房改造"}]}]""");
        String plain = logVisit(p, "2026-11-20", GRASSROOTS);

        // future date
        given().contentType("application/json").body(correction("2026-11-30", GRASSROOTS, V1))
                .when().put("/api/v1/visits/" + plain).then().statusCode(422)
                .body("errors[0].field", equalTo("visitedOn"))
                .body("errors[0].rule", equalTo("visit.date-future"))
                .body("errors[0].message", equalTo("visitedOn 2026-11-30 is after today (2026-11-29)"));
        // not paired on the new date (the pairing started 2026-03-01)
        given().contentType("application/json").body(correction("2026-02-28", GRASSROOTS, V1))
                .when().put("/api/v1/visits/" + plain).then().statusCode(422)
                .body("errors[0].field", equalTo("visitedOn"))
                .body("errors[0].rule", equalTo("visit.not-paired"))
                .body("errors[0].message", equalTo("cadre " + p.cadre() + " was not actively paired with household "
                        + p.household() + " on 2026-02-28"));
        // demands in a correction
        given().contentType("application/json").body(correction("2026-11-20",
                "[{\"task\":\"PUBLIC_OPINION\",\"demands\":[{\"category\":\"OTHER\",\"description\":\"新诉求\"}]}]", V1))
                .when().put("/api/v1/visits/" + withDemands).then().statusCode(422)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("tasks[0].demands"))
                .body("errors[0].rule", equalTo("visit.correction-demands"));
        // PUBLIC_OPINION removed
        given().contentType("application/json").body(correction("2026-11-20", GRASSROOTS, V1))
                .when().put("/api/v1/visits/" + withDemands).then().statusCode(422)
                .body("errors[0].field", equalTo("tasks"))
                .body("errors[0].rule", equalTo("visit.correction-demands"));
        // PUBLIC_OPINION added
        given().contentType("application/json").body(correction("2026-11-20",
                "[{\"task\":\"PUBLIC_OPINION\"},{\"task\":\"GRASSROOTS\",\"grassroots\":{\"work\":\"x\"}}]", V1))
                .when().put("/api/v1/visits/" + plain).then().statusCode(422)
                .body("errors[0].field", equalTo("tasks"))
                .body("errors[0].rule", equalTo("visit.correction-demands"));
        // reason missing, unknown task, negative amount: 400 with the fields
        given().contentType("application/json").body(correction("2026-11-20", GRASSROOTS, V1)
                        .replace("\"reason\":\"走访日期记错，帮扶类别应为产业项目\"", "\"reason\":\" \""))
                .when().put("/api/v1/visits/" + plain).then().statusCode(400)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("reason"))
                .body("errors[0].rule", equalTo("not-blank"));
        given().contentType("application/json").body(correction("2026-11-20", "[{\"task\":\"DANCING\"}]", V1))
                .when().put("/api/v1/visits/" + plain).then().statusCode(400)
                .body("errors[0].field", equalTo("tasks[0].task"))
                .body("errors[0].rule", equalTo("enum"));
        given().contentType("application/json").body(correction("2026-11-20", "[{\"task\":\"DEVELOPMENT\",\"help\":"
                        + "[{\"kind\":\"FUNDS\",\"amountYuan\":-0.01,\"peopleBenefiting\":1}]}]", V1))
                .when().put("/api/v1/visits/" + plain).then().statusCode(400)
                .body("errors[0].field", equalTo("tasks[0].help[0].amountYuan"))
                .body("errors[0].rule", equalTo("decimal-min"));
        given().contentType("application/json").header("If-Match", "one")
                .body(correction("2026-11-20", GRASSROOTS, V1))
                .when().put("/api/v1/visits/" + plain).then().statusCode(400)
                .body("errors[0].field", equalTo("If-Match"))
                .body("errors[0].rule", equalTo("if-match.format"));
        String unknown = uuid();
        given().contentType("application/json").body(correction("2026-11-20", GRASSROOTS, V1))
                .when().put("/api/v1/visits/" + unknown).then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/v1/visits/" + unknown + "/corrections").then().statusCode(404);
        given().when().get("/api/v1/visits/abc/corrections").then().statusCode(400)
                .body("errors[0].field", equalTo("id")).body("errors[0].rule", equalTo("param.type"));

        for (String id : List.of(withDemands, plain)) {
            assertEquals(1, count("select version from visit where id = cast(? as uuid)", id));
            assertEquals(0, count("select count(*) from visit_correction where visit_id = cast(? as uuid)", id));
            assertEquals(1, count("select count(*) from visit_task where visit_id = cast(? as uuid)", id));
        }
        assertEquals(1, count("select count(*) from demand where visit_id = cast(? as uuid)", withDemands));
        given().when().get("/api/v1/visits/" + plain + "/corrections").then().statusCode(200).body("", hasSize(0));
    }

    /**
     * Review point 7: GET sends the version as a strong ETag; a correction names the version read (If-Match or body),
     * else 400 version.required; a weak tag is refused (400 if-match.weak), not matched.
     */
    @Test
    void aCorrectionNeedsTheVersionReadAsAStrongTag() throws Exception {
        Pairing p = paired(producer);
        String id = logVisit(p, "2026-11-20", GRASSROOTS);
        String tag = given().when().get("/api/v1/visits/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("version", equalTo(1)).extract().header("ETag");
        given().contentType("application/json").body(correction("2026-11-19", GRASSROOTS, ""))
                .when().put("/api/v1/visits/" + id).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("If-Match"))
                .body("errors[0].rule", equalTo("version.required"));
        given().contentType("application/json").header("If-Match", "W/\"1\"")
                .body(correction("2026-11-19", GRASSROOTS, ""))
                .when().put("/api/v1/visits/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("If-Match"))
                .body("errors[0].rule", equalTo("if-match.weak"));
        assertEquals(1, count("select version from visit where id = cast(? as uuid)", id));
        assertEquals(0, count("select count(*) from visit_correction where visit_id = cast(? as uuid)", id));
        // the tag as sent in ETag works, and GET then sends the new one
        given().contentType("application/json").header("If-Match", tag)
                .body(correction("2026-11-19", GRASSROOTS, ""))
                .when().put("/api/v1/visits/" + id).then().statusCode(200).header("ETag", equalTo("\"2\""));
        given().when().get("/api/v1/visits/" + id).then().statusCode(200).header("ETag", equalTo("\"2\""))
                .body("version", equalTo(2));
    }

    /** Review point 2: the help limits of logging apply to a correction (one shared check). */
    @Test
    void aCorrectionWithHelpOverTheLimitsIs422AndWritesNothing() throws Exception {
        Pairing p = paired(producer);
        String id = logVisit(p, "2026-11-20", GRASSROOTS);
        given().contentType("application/json").header("If-Match", "\"1\"")
                .body(correction("2026-11-20", "[{\"task\":\"GRASSROOTS\",\"grassroots\":{\"work\":\"x\"}},"
                        + "{\"task\":\"DEVELOPMENT\",\"help\":[{\"kind\":\"FUNDS\",\"amountYuan\":20000000,"
                        + "\"peopleBenefiting\":10001}]}]", ""))
                .when().put("/api/v1/visits/" + id).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", contains("tasks[1].help[0].amountYuan", "tasks[1].help[0].peopleBenefiting"))
                .body("errors.rule", contains("visit.help-amount-too-large", "visit.help-people-too-many"));
        assertEquals(1, count("select version from visit where id = cast(? as uuid)", id));
        assertEquals(0, count("select count(*) from visit_help where visit_id = cast(? as uuid)", id));
        assertEquals(0, count("select count(*) from visit_correction where visit_id = cast(? as uuid)", id));
    }

    @Test
    void aCorrectionToAnotherDateMovesTheVisitToThePairingOfThatDate() throws Exception {
        String cadre = uuid();
        String household = uuid();
        Pairing earlier = new Pairing(uuid(), cadre, uuid(), household);
        Pairing later = new Pairing(uuid(), cadre, uuid(), household);
        publishPairing(producer, earlier, "ENDED", "2026-03-01", "2026-11-10", "UNIT_CHANGED", 2);
        publishPairing(producer, later, "ACTIVE", "2026-11-10", null, null, 1);
        String id = logVisit(later, "2026-11-20", GRASSROOTS);
        given().when().get("/api/v1/visits/" + id).then().statusCode(200)
                .body("pairingId", equalTo(later.id())).body("unitId", equalTo(later.unit()));

        given().contentType("application/json").body(correction("2026-11-05", GRASSROOTS, V1))
                .when().put("/api/v1/visits/" + id)
                .then().statusCode(200)
                .body("pairingId", equalTo(earlier.id()))
                .body("unitId", equalTo(earlier.unit()))
                .body("visitedOn", equalTo("2026-11-05"));
        JsonNode v = events("visit.visits", CORRECTED, id, 1).get(0).get("data");
        assertEquals(earlier.id(), v.get("pairingId").asText());
        assertEquals(earlier.unit(), v.get("unitId").asText());
        assertEquals("621121100201", v.get("villageCode").asText());
        given().when().get("/api/v1/visits/" + id + "/corrections").then().statusCode(200)
                .body("[0].before.pairingId", equalTo(later.id()))
                .body("[0].after.pairingId", equalTo(earlier.id()));
    }
}
