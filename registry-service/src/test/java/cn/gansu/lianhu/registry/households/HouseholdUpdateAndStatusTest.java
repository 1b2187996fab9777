package cn.gansu.lianhu.registry.households;

import static cn.gansu.lianhu.registry.households.HouseholdFixtures.POOR_VILLAGE;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.count;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.counts;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.household;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.idNumber;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.member;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.registry.domain.Sex;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Updating households with optimistic concurrency, and the poverty status lifecycle with its history. */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class HouseholdUpdateAndStatusTest {

    @BeforeEach
    void regions() throws SQLException {
        HouseholdFixtures.ensureRegions();
    }

    private static String register(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/households")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void updateReplacesMembersKeepingRemovedOnesInactive() throws SQLException {
        String head = idNumber(Sex.MALE);
        String wife = idNumber(Sex.FEMALE);
        String child = idNumber(Sex.FEMALE);
        String id = register(household(POOR_VILLAGE, member("张建国", head, "HEAD"), member("李秀英", wife, "SPOUSE")));

        Map<String, Object> body = household(POOR_VILLAGE, member("张小花", child, "CHILD"),
                member("张建国", head, "HEAD"));
        body.put("incomePerCapita", 3120);
        body.put("otherCauses", List.of("SCHOOLING", "ILLNESS", "SCHOOLING"));
        body.put("phone", "0931-8765432");
        body.put("version", 1);
        given().contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/households/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("version", equalTo(2))
                .body("incomePerCapita", equalTo(3120.0f))
                .body("otherCauses", equalTo(List.of("SCHOOLING")))
                .body("phoneMasked", equalTo("093*****5432"))
                .body("status", equalTo("IN_POVERTY"))
                .body("members", hasSize(2))
                .body("members[0].relation", equalTo("HEAD"))
                .body("members[1].name", equalTo("张小花"))
                .body("members[1].idNumberMasked", equalTo(child.substring(0, 6) + "********" + child.substring(14)));

        UUID hid = UUID.fromString(id);
        assertEquals(3, count("select count(*) from household_member where household_id = ?", hid));
        assertEquals(0, count("select count(*) from household_member where household_id = ? and id_number = ?"
                + " and active", hid, wife));
        assertEquals(1, count("select count(*) from household_member where household_id = ? and id_number = ?"
                + " and not active", hid, wife));
        assertEquals(List.of("1", "2"), HouseholdFixtures.strings(
                "select payload::json -> 'data' ->> 'version' from outbox_event where event_key = ? order by id", id));
        assertEquals(List.of("2"), HouseholdFixtures.strings(
                "select payload::json -> 'data' ->> 'memberCount' from outbox_event where event_key = ?"
                        + " and event_type like '%household.updated.v1'", id));

        // the removed spouse is free to be registered elsewhere
        register(household(POOR_VILLAGE, member("李秀英", wife, "HEAD")));

        // a stale version is refused and changes nothing
        List<Long> before = counts();
        body.put("incomePerCapita", 9999);
        given().contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/households/" + id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("version"))
                .body("errors[0].rule", equalTo("version.stale"));
        assertEquals(before, counts());

        // If-Match wins over the body
        given().contentType(ContentType.JSON).header("If-Match", "\"2\"").body(body)
                .when().put("/api/v1/households/" + id)
                .then().statusCode(200)
                .body("version", equalTo(3))
                .body("incomePerCapita", equalTo(9999.0f));
        given().contentType(ContentType.JSON).header("If-Match", "W/\"2\"").body(body)
                .when().put("/api/v1/households/" + id)
                .then().statusCode(409)
                .body("errors[0].rule", equalTo("version.stale"));
    }

    @Test
    void updateNeedsAVersionAndKeepsTheRules() throws SQLException {
        String head = idNumber(Sex.MALE);
        String id = register(household(POOR_VILLAGE, member("张建国", head, "HEAD")));
        String other = idNumber(Sex.FEMALE);
        String otherId = register(household(POOR_VILLAGE, member("王桂兰", other, "HEAD")));

        Map<String, Object> body = household(POOR_VILLAGE, member("张建国", head, "HEAD"));
        updateRejected(id, body, 400, "version", "version.required");

        body.put("version", 1);
        body.put("members", List.of(member("张建国", head, "CHILD")));
        updateRejected(id, body, 400, "members", "member.head-missing");

        body.put("members", List.of(member("张建国", head, "HEAD"), member("王桂兰", other, "SPOUSE")));
        Response r = updateRejected(id, body, 409, "members[1].idNumber", "member.duplicate-person");
        assertEquals(true, ((String) r.path("detail")).endsWith(otherId));

        body.put("members", List.of(member("张建国", head, "HEAD")));
        body.put("villageCode", HouseholdFixtures.NON_POOR_VILLAGE);
        updateRejected(id, body, 422, "villageCode", "village.not-poor");

        given().contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/households/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static Response updateRejected(String id, Object body, int status, String field, String rule)
            throws SQLException {
        List<Long> before = counts();
        Response r = given().contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/households/" + id)
                .then().log().ifValidationFails().statusCode(status)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field))
                .body("errors[0].rule", equalTo(rule))
                .extract().response();
        assertEquals(before, counts(), "rows written by a rejected update");
        return r;
    }

    @Test
    void statusLifecycleWithHistory() throws SQLException {
        Map<String, Object> body = household(POOR_VILLAGE);
        body.put("statusSince", "2026-01-10");
        String id = register(body);

        statusRejected(id, Map.of("status", "RELAPSED", "effectiveDate", "2026-05-01"), 422, "status",
                "status.transition");
        statusRejected(id, Map.of("status", "IN_POVERTY", "effectiveDate", "2026-05-01"), 422, "status",
                "status.transition");
        statusRejected(id, Map.of("status", "LIFTED", "effectiveDate", "2026-05-01"), 400, "basis",
                "status.basis-required");
        statusRejected(id, Map.of("status", "LIFTED", "effectiveDate", "2026-05-01", "basis", "  "), 400, "basis",
                "status.basis-required");
        statusRejected(id, Map.of("status", "LIFTED", "basis", "评议通过"), 400, "effectiveDate",
                "status.date-required");
        statusRejected(id, Map.of("basis", "评议通过"), 400, "status", "not-null");
        statusRejected(id, Map.of("status", "LIFTED", "effectiveDate", "2026-11-30", "basis", "评议通过"), 422,
                "effectiveDate", "status.future-date");
        statusRejected(id, Map.of("status", "LIFTED", "effectiveDate", "2026-01-09", "basis", "评议通过"), 422,
                "effectiveDate", "status.date-order");
        statusRejected(id, Map.of("status", "LIFTED", "effectiveDate", "2026-06-30", "basis", "评议通过",
                "version", 7), 409, "version", "version.stale");

        given().contentType(ContentType.JSON)
                .body(Map.of("status", "LIFTED", "effectiveDate", "2026-06-30", "basis", "村民代表大会评议通过，人均纯收入4210元"))
                .when().post("/api/v1/households/" + id + "/status")
                .then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("status", equalTo("LIFTED"))
                .body("statusSince", equalTo("2026-06-30"))
                .body("version", equalTo(2));
        statusRejected(id, Map.of("status", "LIFTED", "effectiveDate", "2026-07-30", "basis", "again"), 422, "status",
                "status.transition");
        statusRejected(id, Map.of("status", "RELAPSED", "effectiveDate", "2026-06-29"), 422, "effectiveDate",
                "status.date-order");
        given().contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body(Map.of("status", "RELAPSED", "effectiveDate", "2026-09-01", "basis", "因病返贫"))
                .when().post("/api/v1/households/" + id + "/status")
                .then().statusCode(200)
                .body("status", equalTo("RELAPSED"))
                .body("version", equalTo(3));
        given().contentType(ContentType.JSON)
                .body(Map.of("status", "LIFTED", "effectiveDate", "2026-11-29", "basis", "产业扶持后再次评议通过"))
                .when().post("/api/v1/households/" + id + "/status")
                .then().statusCode(200)
                .body("status", equalTo("LIFTED"))
                .body("version", equalTo(4));

        given().when().get("/api/v1/households/" + id + "/status-history")
                .then().statusCode(200)
                .body("", hasSize(4))
                .body("[0].fromStatus", nullValue())
                .body("[0].toStatus", equalTo("IN_POVERTY"))
                .body("[0].effectiveDate", equalTo("2026-01-10"))
                .body("[1].fromStatus", equalTo("IN_POVERTY"))
                .body("[1].toStatus", equalTo("LIFTED"))
                .body("[1].effectiveDate", equalTo("2026-06-30"))
                .body("[1].basis", equalTo("村民代表大会评议通过，人均纯收入4210元"))
                .body("[2].toStatus", equalTo("RELAPSED"))
                .body("[2].effectiveDate", equalTo("2026-09-01"))
                .body("[2].basis", equalTo("因病返贫"))
                .body("[3].fromStatus", equalTo("RELAPSED"))
                .body("[3].toStatus", equalTo("LIFTED"))
                .body("[3].effectiveDate", equalTo("2026-11-29"));

        assertEquals(List.of("household.registered.v1:1:null", "household.status-changed.v1:2:IN_POVERTY",
                "household.status-changed.v1:3:LIFTED", "household.status-changed.v1:4:RELAPSED"),
                HouseholdFixtures.strings("select substring(event_type from 'household\\..*$') || ':'"
                        + " || (payload::json -> 'data' ->> 'version') || ':'"
                        + " || coalesce(payload::json -> 'data' ->> 'previousStatus', 'null')"
                        + " from outbox_event where event_key = ? order by id", id));

        given().contentType(ContentType.JSON).body(Map.of("status", "LIFTED", "effectiveDate", "2026-06-30",
                "basis", "x"))
                .when().post("/api/v1/households/" + UUID.randomUUID() + "/status")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/v1/households/" + UUID.randomUUID() + "/status-history")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static void statusRejected(String id, Object body, int status, String field, String rule)
            throws SQLException {
        List<Long> before = counts();
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/households/" + id + "/status")
                .then().log().ifValidationFails().statusCode(status)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field))
                .body("errors[0].rule", equalTo(rule));
        assertEquals(before, counts(), "rows written by a rejected status change");
    }
}
