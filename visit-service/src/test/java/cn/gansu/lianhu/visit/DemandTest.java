package cn.gansu.lianhu.visit;

import static cn.gansu.lianhu.visit.VisitFixtures.count;
import static cn.gansu.lianhu.visit.VisitFixtures.events;
import static cn.gansu.lianhu.visit.VisitFixtures.logVisit;
import static cn.gansu.lianhu.visit.VisitFixtures.paired;
import static cn.gansu.lianhu.visit.VisitFixtures.uuid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.restassured.response.ValidatableResponse;

/**
 * The demand workflow (民意诉求, issue 4 point 4): demands opened by a logged visit move OPEN → ACCEPTED →
 * IN_PROGRESS → RESOLVED or REJECTED with an answer, get the household's satisfaction, are overdue past their
 * deadline (visit date + 30 days) and are listed with filters; every change is published as DEMAND_CHANGED on the
 * real broker. Today is pinned to 2026-11-29.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class DemandTest {
    private static final String CHANGED = "cn.gansu.lianhu.visit.demand.changed.v1";
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void producer() {
        producer = TestKafka.producer();
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    /** Logs a visit raising demands of these categories and returns the demand ids in that order. */
    private static List<String> raise(Pairing p, String visitedOn, String... categories) {
        StringBuilder demands = new StringBuilder();
        for (String c : categories) {
            demands.append(demands.isEmpty() ? "" : ",")
                    .append("{\"category\":\"%s\",\"description\":\"诉求 %s\"}".formatted(c, c));
        }
        String visit = logVisit(p, visitedOn, "[{\"task\":\"PUBLIC_OPINION\",\"demands\":[" + demands + "]}]");
        return given().when().get("/api/v1/visits/" + visit).then().statusCode(200).extract().jsonPath()
                .getList("demands.id", String.class);
    }

    /** The demand's ETag as GET sends it; "1" for an unknown demand. */
    private static String etag(String demand) {
        var current = given().when().get("/api/v1/demands/" + demand);
        return current.statusCode() == 200 ? current.header("ETag") : "\"1\"";
    }

    /** A transition based on the version just read (If-Match from GET's ETag). */
    private static ValidatableResponse move(String demand, String body) {
        return given().contentType("application/json").header("If-Match", etag(demand)).body(body)
                .when().post("/api/v1/demands/" + demand + "/transitions").then();
    }

    @Test
    void aDemandGoesFromOpenToResolvedWithHistorySatisfactionAndEvents() throws Exception {
        Pairing p = paired(producer);
        String d = raise(p, "2026-11-20", "HOUSING").get(0);
        given().when().get("/api/v1/demands/" + d).then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("id", equalTo(d))
                .body("householdId", equalTo(p.household()))
                .body("unitId", equalTo(p.unit()))
                .body("villageCode", equalTo("621121100201"))
                .body("category", equalTo("HOUSING"))
                .body("description", equalTo("诉求 HOUSING"))
                .body("status", equalTo("OPEN"))
                .body("openedOn", equalTo("2026-11-20"))
                .body("deadline", equalTo("2026-12-20"))
                .body("closedOn", nullValue())
                .body("answer", nullValue())
                .body("satisfaction", nullValue())
                .body("overdue", equalTo(false))
                .body("closedLate", equalTo(false))
                .body("version", equalTo(1))
                .body("history", hasSize(0));

        given().contentType("application/json").header("If-Match", "\"1\"")
                .body("{\"to\":\"ACCEPTED\",\"on\":\"2026-11-21\",\"note\":\"乡镇受理\"}")
                .when().post("/api/v1/demands/" + d + "/transitions")
                .then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("status", equalTo("ACCEPTED"))
                .body("version", equalTo(2))
                .body("closedOn", nullValue())
                .body("history", hasSize(1))
                .body("history[0].version", equalTo(2))
                .body("history[0].fromStatus", equalTo("OPEN"))
                .body("history[0].toStatus", equalTo("ACCEPTED"))
                .body("history[0].changedOn", equalTo("2026-11-21"))
                .body("history[0].note", equalTo("乡镇受理"))
                .body("history[0].changedAt", equalTo("2026-11-29T04:00:00Z"));
        // 'on' defaults to today
        move(d, "{\"to\":\"IN_PROGRESS\",\"version\":2}").statusCode(200)
                .body("status", equalTo("IN_PROGRESS")).body("history[1].changedOn", equalTo("2026-11-29"));

        move(d, "{\"to\":\"RESOLVED\",\"version\":3}").statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("answer"))
                .body("errors[0].rule", equalTo("demand.answer-required"))
                .body("errors[0].message", equalTo("answer is required to move a demand to RESOLVED"));
        move(d, "{\"to\":\"RESOLVED\",\"on\":\"2026-11-28\",\"answer\":\"已解决\"}").statusCode(422)
                .body("errors[0].field", equalTo("on"))
                .body("errors[0].rule", equalTo("demand.date-before-last-change"))
                .body("errors[0].message", equalTo("on 2026-11-28 is before 2026-11-29, the day demand " + d
                        + " was opened or last changed"));
        move(d, "{\"to\":\"RESOLVED\",\"on\":\"2026-11-30\",\"answer\":\"已解决\"}").statusCode(422)
                .body("errors[0].field", equalTo("on"))
                .body("errors[0].rule", equalTo("demand.date-future"))
                .body("errors[0].message", equalTo("on 2026-11-30 is after today (2026-11-29)"));
        given().contentType("application/json").header("If-Match", "\"2\"")
                .body("{\"to\":\"RESOLVED\",\"answer\":\"已解决\"}")
                .when().post("/api/v1/demands/" + d + "/transitions")
                .then().statusCode(409)
                .body("errors[0].field", equalTo("version"))
                .body("errors[0].rule", equalTo("version.stale"))
                .body("errors[0].message", equalTo("demand " + d + " is at version 3, not 2: read it again and "
                        + "repeat the change"));
        move(d, "{\"to\":\"RESOLVED\",\"answer\":\"已纳入2027年危房改造计划\",\"version\":3}").statusCode(200)
                .header("ETag", equalTo("\"4\""))
                .body("status", equalTo("RESOLVED"))
                .body("closedOn", equalTo("2026-11-29"))
                .body("answer", equalTo("已纳入2027年危房改造计划"))
                .body("satisfaction", nullValue())
                .body("overdue", equalTo(false))
                .body("closedLate", equalTo(false));

        // a closed demand does not reopen
        move(d, "{\"to\":\"OPEN\"}").statusCode(409)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("to"))
                .body("errors[0].rule", equalTo("demand.transition-not-allowed"))
                .body("errors[0].message", equalTo("demand " + d + " is RESOLVED: RESOLVED → OPEN is not allowed "
                        + "(from RESOLVED: none)"));
        move(d, "{\"to\":\"REJECTED\",\"answer\":\"x\"}").statusCode(409)
                .body("errors[0].rule", equalTo("demand.transition-not-allowed"));

        given().contentType("application/json").header("If-Match", "\"4\"")
                .body("{\"satisfaction\":\"BASICALLY_SATISFIED\"}")
                .when().put("/api/v1/demands/" + d + "/satisfaction")
                .then().statusCode(200)
                .header("ETag", equalTo("\"5\""))
                .body("satisfaction", equalTo("BASICALLY_SATISFIED"))
                .body("status", equalTo("RESOLVED"))
                .body("history", hasSize(4))
                .body("history.toStatus", contains("ACCEPTED", "IN_PROGRESS", "RESOLVED", "RESOLVED"))
                .body("history[3].fromStatus", equalTo("RESOLVED"))
                .body("history[3].satisfaction", equalTo("BASICALLY_SATISFIED"))
                .body("history[2].answer", equalTo("已纳入2027年危房改造计划"));
        given().contentType("application/json").header("If-Match", etag(d)).body("{\"satisfaction\":\"SATISFIED\"}")
                .when().put("/api/v1/demands/" + d + "/satisfaction")
                .then().statusCode(409)
                .body("errors[0].field", equalTo("satisfaction"))
                .body("errors[0].rule", equalTo("demand.satisfaction-given"));
        assertEquals(4, count("select count(*) from demand_change where demand_id = cast(? as uuid)", d));
        assertEquals(5, count("select version from demand where id = cast(? as uuid)", d));

        List<JsonNode> changed = events("visit.demands", CHANGED, d, 4);
        assertEquals(4, changed.size());
        assertEquals(List.of("ACCEPTED", "IN_PROGRESS", "RESOLVED", "RESOLVED"),
                changed.stream().map(e -> e.get("data").get("status").asText()).toList());
        assertEquals(List.of(2, 3, 4, 5), changed.stream().map(e -> e.get("data").get("version").asInt()).toList());
        JsonNode last = changed.get(3).get("data");
        assertEquals("BASICALLY_SATISFIED", last.get("satisfaction").asText());
        assertEquals("2026-11-29", last.get("closedOn").asText());
        assertEquals("2026-12-20", last.get("deadline").asText());
        assertEquals(p.unit(), last.get("unitId").asText());
        assertEquals(p.household(), last.get("householdId").asText());
        assertEquals("HOUSING", last.get("category").asText());
    }

    @Test
    void rejectionSatisfactionAndTheirRules() throws Exception {
        Pairing p = paired(producer);
        List<String> ds = raise(p, "2026-11-20", "MEDICAL", "OTHER");
        String rejected = ds.get(0);
        String open = ds.get(1);
        move(rejected, "{\"to\":\"REJECTED\",\"on\":\"2026-11-22\",\"answer\":\"不符合报销政策\"," 
                + "\"satisfaction\":\"DISSATISFIED\"}").statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("closedOn", equalTo("2026-11-22"))
                .body("answer", equalTo("不符合报销政策"))
                .body("satisfaction", equalTo("DISSATISFIED"))
                .body("history[0].fromStatus", equalTo("OPEN"))
                .body("history[0].satisfaction", equalTo("DISSATISFIED"));
        given().contentType("application/json").header("If-Match", etag(rejected)).body("{\"satisfaction\":\"SATISFIED\"}")
                .when().put("/api/v1/demands/" + rejected + "/satisfaction")
                .then().statusCode(409).body("errors[0].rule", equalTo("demand.satisfaction-given"));
        given().contentType("application/json").header("If-Match", etag(open)).body("{\"satisfaction\":\"SATISFIED\"}")
                .when().put("/api/v1/demands/" + open + "/satisfaction")
                .then().statusCode(409)
                .body("errors[0].field", equalTo("satisfaction"))
                .body("errors[0].rule", equalTo("demand.not-closed"))
                .body("errors[0].message", equalTo("demand " + open + " is OPEN: satisfaction is given once it is "
                        + "RESOLVED or REJECTED"));
        move(open, "{\"to\":\"ACCEPTED\",\"satisfaction\":\"SATISFIED\"}").statusCode(400)
                .body("errors[0].field", equalTo("satisfaction"))
                .body("errors[0].rule", equalTo("demand.satisfaction-not-closing"));
        move(open, "{\"to\":\"REJECTED\",\"answer\":\"  \"}").statusCode(400)
                .body("errors[0].field", equalTo("answer"))
                .body("errors[0].rule", equalTo("demand.answer-required"));
        // before the day it was opened
        move(open, "{\"to\":\"ACCEPTED\",\"on\":\"2026-11-19\"}").statusCode(422)
                .body("errors[0].rule", equalTo("demand.date-before-last-change"));
        // OPEN → IN_PROGRESS skips ACCEPTED
        move(open, "{\"to\":\"IN_PROGRESS\"}").statusCode(409)
                .body("errors[0].rule", equalTo("demand.transition-not-allowed"))
                .body("errors[0].message", equalTo("demand " + open + " is OPEN: OPEN → IN_PROGRESS is not allowed "
                        + "(from OPEN: ACCEPTED, REJECTED)"));
        move(open, "{\"on\":\"2026-11-21\"}").statusCode(400).body("errors[0].field", equalTo("to"));
        move(open, "{\"to\":\"DONE\"}").statusCode(400).body("errors[0].field", equalTo("to"));
        given().contentType("application/json").header("If-Match", "x1").body("{\"to\":\"ACCEPTED\"}")
                .when().post("/api/v1/demands/" + open + "/transitions")
                .then().statusCode(400).body("errors[0].rule", equalTo("if-match.format"));
        // review point 7: the version read is required (If-Match or body), and a weak tag is refused
        given().contentType("application/json").body("{\"to\":\"ACCEPTED\"}")
                .when().post("/api/v1/demands/" + open + "/transitions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("If-Match")).body("errors[0].rule", equalTo("version.required"));
        given().contentType("application/json").header("If-Match", "W/\"1\"").body("{\"to\":\"ACCEPTED\"}")
                .when().post("/api/v1/demands/" + open + "/transitions")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("If-Match")).body("errors[0].rule", equalTo("if-match.weak"));
        given().contentType("application/json").body("{\"satisfaction\":\"SATISFIED\"}")
                .when().put("/api/v1/demands/" + rejected + "/satisfaction")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("If-Match")).body("errors[0].rule", equalTo("version.required"));
        assertEquals(0, count("select count(*) from demand_change where demand_id = cast(? as uuid)", open));
        given().when().get("/api/v1/demands/" + open).then().statusCode(200)
                .body("status", equalTo("OPEN")).body("version", equalTo(1));

        String unknown = uuid();
        given().when().get("/api/v1/demands/" + unknown).then().statusCode(404)
                .contentType("application/problem+json");
        move(unknown, "{\"to\":\"ACCEPTED\"}").statusCode(404);
        given().contentType("application/json").header("If-Match", etag(unknown)).body("{\"satisfaction\":\"SATISFIED\"}")
                .when().put("/api/v1/demands/" + unknown + "/satisfaction").then().statusCode(404);
        given().when().get("/api/v1/demands/abc").then().statusCode(400)
                .body("errors[0].field", equalTo("id")).body("errors[0].rule", equalTo("param.type"));
    }

    @Test
    void overdueClosedLateAndTheListFilters() throws Exception {
        Pairing p = paired(producer);
        // raised 2026-10-20: deadline 2026-11-19, before today 2026-11-29
        List<String> old = raise(p, "2026-10-20", "HOUSING", "MEDICAL", "EDUCATION");
        String stillOpen = old.get(0);
        String accepted = old.get(1);
        String closedLate = old.get(2);
        String fresh = raise(p, "2026-11-20", "EMPLOYMENT").get(0);
        move(accepted, "{\"to\":\"ACCEPTED\",\"on\":\"2026-10-25\"}").statusCode(200).body("overdue", equalTo(true));
        move(closedLate, "{\"to\":\"ACCEPTED\",\"on\":\"2026-10-21\"}").statusCode(200);
        move(closedLate, "{\"to\":\"IN_PROGRESS\",\"on\":\"2026-10-22\"}").statusCode(200);
        move(closedLate, "{\"to\":\"RESOLVED\",\"on\":\"2026-11-25\",\"answer\":\"已入学\"}").statusCode(200)
                .body("overdue", equalTo(false)).body("closedLate", equalTo(true));
        given().when().get("/api/v1/demands/" + stillOpen).then().statusCode(200)
                .body("overdue", equalTo(true)).body("closedLate", equalTo(false))
                .body("deadline", equalTo("2026-11-19"));

        String unit = "/api/v1/demands?unit=" + p.unit();
        given().when().get(unit).then().statusCode(200)
                .body("total", equalTo(4))
                .body("items", hasSize(4))
                .body("items[0].id", equalTo(fresh))
                .body("items[0].openedOn", equalTo("2026-11-20"));
        given().when().get(unit + "&overdue=true").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.status", org.hamcrest.Matchers.containsInAnyOrder("OPEN", "ACCEPTED"))
                .body("items.overdue", contains(true, true));
        given().when().get(unit + "&overdue=false").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.id", contains(fresh, closedLate));
        given().when().get(unit + "&status=OPEN").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.id", contains(fresh, stillOpen));
        given().when().get(unit + "&status=RESOLVED").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(closedLate))
                .body("items[0].closedOn", equalTo("2026-11-25"))
                .body("items[0].closedLate", equalTo(true));
        given().when().get(unit + "&status=OPEN&overdue=true").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(stillOpen));
        given().when().get("/api/v1/demands?household=" + p.household()).then().statusCode(200)
                .body("total", equalTo(4));
        given().when().get(unit + "&village=6211").then().statusCode(200).body("total", equalTo(4));
        given().when().get(unit + "&village=621121100201").then().statusCode(200).body("total", equalTo(4));
        given().when().get(unit + "&village=621121").then().statusCode(200).body("total", equalTo(4));
        given().when().get(unit + "&village=6212").then().statusCode(200).body("total", equalTo(0));
        given().when().get(unit + "&size=1&page=1").then().statusCode(200)
                .body("total", equalTo(4)).body("items", hasSize(1)).body("page", equalTo(1)).body("size", equalTo(1));
        given().when().get("/api/v1/demands?unit=" + uuid()).then().statusCode(200).body("total", equalTo(0));

        given().when().get("/api/v1/demands?village=62x").then().statusCode(400)
                .body("errors[0].field", equalTo("village")).body("errors[0].rule", equalTo("region.code"));
        given().when().get("/api/v1/demands?status=DONE").then().statusCode(400)
                .body("errors[0].field", equalTo("status")).body("errors[0].rule", equalTo("enum"));
        given().when().get("/api/v1/demands?unit=abc").then().statusCode(400)
                .body("errors[0].field", equalTo("unit")).body("errors[0].rule", equalTo("param.type"));
        given().when().get("/api/v1/demands?household=abc").then().statusCode(400)
                .body("errors[0].field", equalTo("household")).body("errors[0].rule", equalTo("param.type"));
        given().when().get("/api/v1/demands?overdue=maybe").then().statusCode(400)
                .body("errors[0].field", equalTo("overdue"));
        given().when().get("/api/v1/demands?size=501").then().statusCode(400)
                .body("errors[0].field", equalTo("size")).body("errors[0].rule", equalTo("max"));
    }
}
