package cn.gansu.lianhu.reporting;

import static cn.gansu.lianhu.reporting.ReportingEvents.help;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.HouseholdData;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;

/**
 * Issue 5 points 1–3: household status history, monthly trends and drill-down. Registry, pairing and visit events go
 * to the real broker; figures are awaited over REST. Today is 2026-11-29 (fixed clock). The test works in 金昌市
 * (6203), which no other reporting test uses.
 *
 * <pre>
 * 金川区 620302: 宁远堡镇 T1 / V1 620302100201 (hA IN_POVERTY, hB IN_POVERTY → LIFTED 06-15)
 *                双湾镇 T2 / V2 620302101201 (hC LIFTED → RELAPSED 07-20)
 * 永昌县 620321: 城关镇 T3 / V3 620321100201 (hD IN_POVERTY)
 * units: U0 金昌市乡村振兴局 (prefecture; c0), U1 金川区民政局 (c1, c2), U2 永昌县农业农村局 (c3)
 * pairings: pA c1–hA 02-10, pB c1–hB 03-01, pE c2–hD 01-05 ended 06-30, pD c3–hD 08-01, pC c0–hC 09-01
 * visits: v1 c1 hA 03-10 IN_HOME 1000.50, v2 c1 hB 03-25 BY_PHONE, v3 c2 hD 05-05 VILLAGE_MEETING 2000.00+300.25,
 *         v4 c3 hD 08-12 IN_HOME, v5 c0 hC 09-20 OTHER 150.00, v6 c1 hA 11-02 IN_HOME
 * demands: d1 hA 03-10 resolved 04-02, d2 hD 05-05 open, d3 hD 08-12 resolved 09-01, d4 hC 09-20 rejected 10-01
 * </pre>
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class TrendsAndDrillDownTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PROVINCE = "620000000000";
    private static final String JINCHANG = "620300000000";
    private static final String JINCHUAN = "620302000000";
    private static final String YONGCHANG = "620321000000";
    private static final String T1 = "620302100000";
    private static final String T2 = "620302101000";
    private static final String T3 = "620321100000";
    private static final String V1 = "620302100201";
    private static final String V2 = "620302101201";
    private static final String V3 = "620321100201";
    private static final List<String> TASKS = List.of("POLICY_PUBLICITY");
    private static boolean sent;
    private static UUID u0;
    private static UUID u1;
    private static UUID u2;
    private static UUID c1;
    private static UUID c2;

    @Inject
    ObjectMapper mapper;
    private ReportingEvents events;

    @BeforeEach
    void events() {
        events = new ReportingEvents(mapper);
    }

    /** Sends the walk-through once (tests of this class share it) and waits until reporting has applied it. */
    private synchronized void walkThrough() {
        if (sent) {
            return;
        }
        events.region(PROVINCE, "甘肃省", "PROVINCE", null, false, false);
        events.region(JINCHANG, "金昌市", "PREFECTURE", PROVINCE, false, false);
        events.region(JINCHUAN, "金川区", "COUNTY", JINCHANG, false, false);
        events.region(YONGCHANG, "永昌县", "COUNTY", JINCHANG, false, false);
        events.region(T1, "宁远堡镇", "TOWNSHIP", JINCHUAN, false, false);
        events.region(T2, "双湾镇", "TOWNSHIP", JINCHUAN, false, false);
        events.region(T3, "城关镇", "TOWNSHIP", YONGCHANG, false, false);
        events.region(V1, "新华村村民委员会", "VILLAGE", T1, false, true);
        events.region(V2, "天生炕村村民委员会", "VILLAGE", T2, false, true);
        events.region(V3, "金川西村村民委员会", "VILLAGE", T3, false, true);
        String hA = household(UUID.randomUUID().toString(), V1, "马有福", "IN_POVERTY", null, "2026-01-01", 1);
        String hB = household(UUID.randomUUID().toString(), V1, "韩尕西", "IN_POVERTY", null, "2026-01-01", 1);
        String hC = household(UUID.randomUUID().toString(), V2, "何玉兰", "LIFTED", null, "2025-12-01", 1);
        String hD = household(UUID.randomUUID().toString(), V3, "陈文", "IN_POVERTY", null, "2026-01-01", 1);
        // hB lifted on 06-15: delivered twice with one event id (inbox), and again under a new id (same version)
        HouseholdData liftedB = householdData(hB, V1, "韩尕西", "LIFTED", "IN_POVERTY", "2026-06-15", 2);
        String lifted = events.json(Topics.REGISTRY_HOUSEHOLDS, hB, EventTypes.HOUSEHOLD_STATUS_CHANGED, liftedB);
        events.send(Topics.REGISTRY_HOUSEHOLDS, hB, lifted);
        events.send(Topics.REGISTRY_HOUSEHOLDS, hB, lifted);
        events.household(EventTypes.HOUSEHOLD_STATUS_CHANGED, liftedB);
        household(hC, V2, "何玉兰", "RELAPSED", "LIFTED", "2026-07-20", 2);
        // an update without a status change is no change
        household(hA, V1, "马有福", "IN_POVERTY", "IN_POVERTY", "2026-01-01", 2);

        u0 = events.unit("金昌市乡村振兴局", "PREFECTURE", JINCHANG, 2, 1);
        u1 = events.unit("金川区民政局", "COUNTY", JINCHUAN, 2, 1);
        u2 = events.unit("永昌县农业农村局", "COUNTY", YONGCHANG, 2, 1);
        UUID c0 = events.cadre(u0, "张建国", "OTHER", 1);
        c1 = events.cadre(u1, "王立新", "OTHER", 1);
        c2 = events.cadre(u1, "李红", "OTHER", 1);
        UUID c3 = events.cadre(u2, "赵强", "OTHER", 1);

        UUID pA = events.pairing(c1, u1, hA, V1, LocalDate.of(2026, 2, 10));
        UUID pB = events.pairing(c1, u1, hB, V1, LocalDate.of(2026, 3, 1));
        UUID pE = UUID.randomUUID();
        events.pairing(pE, c2, u1, hD, V3, "ENDED", LocalDate.of(2026, 1, 5), LocalDate.of(2026, 6, 30), 2);
        UUID pD = events.pairing(c3, u2, hD, V3, LocalDate.of(2026, 8, 1));
        UUID pC = events.pairing(c0, u0, hC, V2, LocalDate.of(2026, 9, 1));

        UUID v1 = events.visit(c1, u1, hA, V1, pA, "2026-03-10", "IN_HOME", TASKS, List.of(help("FUNDS", "1000.50", 1)),
                0);
        events.visit(c1, u1, hB, V1, pB, "2026-03-25", "BY_PHONE", TASKS, List.of(), 0);
        UUID v3 = events.visit(c2, u1, hD, V3, pE, "2026-05-05", "VILLAGE_MEETING", TASKS,
                List.of(help("INDUSTRY_PROJECT", "2000.00", 2), help("EMPLOYMENT", "300.25", 1)), 0);
        UUID v4 = events.visit(c3, u2, hD, V3, pD, "2026-08-12", "IN_HOME", TASKS, List.of(), 0);
        UUID v5 = events.visit(c0, u0, hC, V2, pC, "2026-09-20", "OTHER", TASKS,
                List.of(help("SKILLS_TRAINING", "150.00", 1)), 0);
        events.visit(c1, u1, hA, V1, pA, "2026-11-02", "IN_HOME", TASKS, List.of(), 0);

        // deadlines 30 days after opening; a closed demand is at version 4 with the answer SATISFIED
        events.demand(UUID.randomUUID(), hA, V1, v1, u1, "RESOLVED", "2026-03-10", "2026-04-09", "2026-04-02",
                "SATISFIED", 4);
        events.demand(UUID.randomUUID(), hD, V3, v3, u1, "OPEN", "2026-05-05", "2026-06-04", null, null, 1);
        events.demand(UUID.randomUUID(), hD, V3, v4, u2, "RESOLVED", "2026-08-12", "2026-09-11", "2026-09-01",
                "SATISFIED", 4);
        events.demand(UUID.randomUUID(), hC, V2, v5, u0, "REJECTED", "2026-09-20", "2026-10-20", "2026-10-01",
                "SATISFIED", 4);
        sent = true;
        // everything applied: the last of each kind is visible
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath c = given().when().get("/api/v1/regions/{c}/coverage", JINCHANG).then().statusCode(200).extract()
                    .jsonPath();
            assertEquals(4, c.getInt("households.total"));
            assertEquals(1, c.getInt("households.relapsed"));
            assertEquals(4, c.getInt("targets.activePairings"));
            assertEquals(4, c.getInt("participants.cadres"));
            JsonPath v = given().queryParam("from", "2026-01-01").when().get("/api/v1/regions/{c}/visits", JINCHANG)
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(6, v.getInt("visits.total"));
            assertEquals(4, v.getInt("demands.opened"));
            assertEquals(1, v.getInt("demands.rejected"));
            assertEquals(2, v.getInt("demands.resolved"));
        });
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void monthlySeriesOfThePrefectureAreExact() {
        walkThrough();
        // month, toCover, covered, activePairings, visits, inPerson, opened, resolved, helpYuan, lifted, relapsed
        List<String> expected = List.of(
                "2026-01 3 1 1 0 0 0 0 0.00 0 0",
                "2026-02 3 2 2 0 0 0 0 0.00 0 0",
                "2026-03 3 3 3 2 1 1 0 1000.50 0 0",
                "2026-04 3 3 3 0 0 0 1 0.00 0 0",
                "2026-05 3 3 3 1 1 1 0 2300.25 0 0",
                "2026-06 2 1 2 0 0 0 0 0.00 1 0",
                "2026-07 3 1 2 0 0 0 0 0.00 0 1",
                "2026-08 3 2 3 1 1 1 0 0.00 0 0",
                "2026-09 3 3 4 1 0 1 1 150.00 0 0",
                "2026-10 3 3 4 0 0 0 0 0.00 0 0",
                "2026-11 3 3 4 1 1 0 0 0.00 0 0");
        JsonPath t = trends(JINCHANG, "2026-01", "2026-11");
        assertEquals(JINCHANG, t.getString("region.code"));
        assertEquals("金昌市", t.getString("region.name"));
        assertEquals("2026-01", t.getString("from"));
        assertEquals("2026-11", t.getString("to"));
        assertEquals(expected, rows(t));
        // default: January of this year .. this month
        assertEquals(expected, rows(trends("6203", null, null)));
        // the current month's coverage equals the coverage figures
        JsonPath c = given().when().get("/api/v1/regions/{c}/coverage", JINCHANG).then().extract().jsonPath();
        assertEquals(c.getLong("targets.householdsToCover"), t.getLong("months[10].householdsToCover"));
        assertEquals(c.getLong("targets.householdsCovered"), t.getLong("months[10].householdsCovered"));
        assertEquals(c.getLong("targets.activePairings"), t.getLong("months[10].activePairings"));
        // a shorter period: only its months
        assertEquals(List.of("2026-06 2 1 2 0 0 0 0 0.00 1 0", "2026-07 3 1 2 0 0 0 0 0.00 0 1"),
                rows(trends(JINCHANG, "2026-06", "2026-07")));
        // the counties' series add up to the prefecture's, month by month
        List<String> jinchuan = rows(trends(JINCHUAN, "2026-01", "2026-11"));
        List<String> yongchang = rows(trends(YONGCHANG, "2026-01", "2026-11"));
        assertEquals("2026-07 2 1 2 0 0 0 0 0.00 0 1", jinchuan.get(6));
        assertEquals("2026-07 1 0 0 0 0 0 0 0.00 0 0", yongchang.get(6));
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), add(jinchuan.get(i), yongchang.get(i)), "month " + i);
        }
    }

    @Test
    void statusHistoryKeepsOneChangePerVersion() {
        walkThrough();
        // hB's change was delivered three times (twice one event id, once another id of the same version): one lift
        JsonPath year = trends(JINCHANG, "2026-01", "2026-11");
        assertEquals(1, year.getList("months.lifted", Integer.class).stream().mapToInt(Integer::intValue).sum());
        assertEquals(1, year.getList("months.relapsed", Integer.class).stream().mapToInt(Integer::intValue).sum());
        // village level: the lift is in 新华村, the relapse in 天生炕村
        assertEquals(List.of("2026-06 1 1 2 0 0 0 0 0.00 1 0"), rows(trends(V1, "2026-06", "2026-06")));
        assertEquals(List.of("2026-07 1 0 0 0 0 0 0 0.00 0 1"), rows(trends(V2, "2026-07", "2026-07")));
    }

    @Test
    void childRegionsAddUpToTheParentAtPrefectureAndCounty() {
        walkThrough();
        // prefecture → counties
        JsonPath p = children("coverage", JINCHANG, Map.of());
        assertEquals("COUNTY", p.getString("childLevel"));
        assertEquals(List.of(JINCHUAN, YONGCHANG), p.getList("children.code"));
        assertAdditive(p, k -> !k.startsWith("participants."));
        assertEquals(3, p.getInt("children[0].households.total"));
        assertEquals(2, p.getInt("children[0].targets.householdsToCover"));
        assertEquals(2, p.getInt("children[0].targets.householdsCovered"));
        assertEquals(1, p.getInt("children[1].targets.householdsCovered"));
        // units and cadres sit where they sit: 金昌市's own unit counts in no county
        assertEquals(3, p.getInt("region.participants.units"));
        assertEquals(1, p.getInt("children[0].participants.units"));
        assertEquals(1, p.getInt("children[1].participants.units"));
        // each child's row is what the child's own endpoint gives
        assertEquals(flat(given().when().get("/api/v1/regions/{c}/coverage", JINCHUAN).then().statusCode(200)
                .extract().jsonPath().getMap("$")), flat(p.getMap("children[0]")));
        // county → townships
        JsonPath c = children("coverage", JINCHUAN, Map.of());
        assertEquals("TOWNSHIP", c.getString("childLevel"));
        assertEquals(List.of(T1, T2), c.getList("children.code"));
        assertAdditive(c, k -> !k.startsWith("participants."));
        // township → villages, and a village is a leaf
        assertEquals(List.of(V1), children("coverage", "620302100", Map.of()).getList("children.code"));
        given().when().get("/api/v1/regions/{c}/children/coverage", V1).then().statusCode(200)
                .body("children", hasSize(0)).body("childLevel", nullValue()).body("region.code", equalTo(V1));

        Map<String, Object> year = Map.of("from", "2026-01-01", "to", "2026-11-29");
        for (String code : List.of(JINCHANG, JINCHUAN)) {
            JsonPath v = children("visits", code, year);
            assertEquals(2, v.getList("children").size());
            // every count adds up; the share, the median and the configured windows are not counts
            assertAdditive(v, k -> !k.endsWith("share") && !k.endsWith("medianResolutionDays")
                    && !k.endsWith("overdueDays") && !k.endsWith("OverdueDays"));
        }
        JsonPath v = children("visits", JINCHANG, year);
        assertEquals(6, v.getInt("region.visits.total"));
        assertEquals(4, v.getInt("children[0].visits.total"));
        assertEquals(2, v.getInt("children[1].visits.total"));
        assertEquals(new BigDecimal("3450.75"), new BigDecimal(v.getString("region.help.totalYuan")));
        assertEquals(flat(given().queryParams(year).when().get("/api/v1/regions/{c}/visits", YONGCHANG).then()
                .statusCode(200).extract().jsonPath().getMap("$")), flat(v.getMap("children[1]")));
    }

    @Test
    void unitsAndCadresCarryTheirFigures() {
        walkThrough();
        JsonPath all = given().queryParam("from", "2026-01-01").when().get("/api/v1/regions/{c}/units", JINCHANG)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(3, all.getInt("total"));
        assertEquals(List.of(u0.toString(), u1.toString(), u2.toString()), all.getList("items.id"));
        // U1: c1 with pA, pB; c2 whose only pairing ended (below the minimum of 1, without households)
        assertEquals("金川区民政局", all.getString("items[1].name"));
        assertEquals("金川区", all.getString("items[1].regionName"));
        assertEquals(1, all.getInt("items[1].requiredVillages"));
        assertEquals(0, all.getInt("items[1].linkedVillages"));
        assertEquals(2, all.getInt("items[1].cadres"));
        assertEquals(1, all.getInt("items[1].cadresBelowMinimum"));
        assertEquals(1, all.getInt("items[1].cadresWithoutHouseholds"));
        assertEquals(2, all.getInt("items[1].activePairings"));
        assertEquals(4, all.getInt("items[1].visits.visits.total"));
        assertEquals(1, all.getInt("items[0].visits.visits.total"));
        JsonPath county = given().queryParam("level", "COUNTY").queryParam("size", 1).queryParam("page", 1).when()
                .get("/api/v1/regions/{c}/units", "6203").then().statusCode(200).extract().jsonPath();
        assertEquals(2, county.getInt("total"));
        assertEquals(List.of(u2.toString()), county.getList("items.id"));

        JsonPath cadres = given().queryParam("from", "2026-01-01").when().get("/api/v1/units/{id}/cadres", u1).then()
                .statusCode(200).extract().jsonPath();
        assertEquals("金川区民政局", cadres.getString("unitName"));
        assertEquals(2, cadres.getInt("total"));
        Map<String, Map<String, Object>> byId = new TreeMap<>();
        for (Map<String, Object> row : cadres.<Map<String, Object>>getList("items")) {
            byId.put((String) row.get("id"), row);
        }
        Map<String, Object> wang = byId.get(c1.toString());
        assertEquals(2, wang.get("activePairings"));
        assertEquals(false, wang.get("belowMinimum"));
        assertEquals(3, ((Map<?, ?>) ((Map<?, ?>) wang.get("visits")).get("visits")).get("total"));
        Map<String, Object> li = byId.get(c2.toString());
        assertEquals(0, li.get("activePairings"));
        assertEquals(true, li.get("belowMinimum"));
        assertEquals(1, ((Map<?, ?>) ((Map<?, ?>) li.get("visits")).get("visits")).get("total"));
    }

    @Test
    void problemsNameTheParameterAndTheRule() {
        walkThrough();
        problem(given().queryParam("from", "2026-11").queryParam("to", "2026-03"), "/api/v1/regions/6203/trends",
                400, "from", "period", "from 2026-11 is after to 2026-03");
        problem(given().queryParam("from", "2021-11").queryParam("to", "2026-11"), "/api/v1/regions/6203/trends",
                400, "from", "period", "the period from 2021-11 to 2026-11 has 61 months, more than 60");
        given().queryParam("from", "2021-12").queryParam("to", "2026-11").when().get("/api/v1/regions/6203/trends")
                .then().statusCode(200).body("months", hasSize(60));
        problem(given().queryParam("to", "2026-12"), "/api/v1/regions/6203/trends", 400, "to", "period",
                "to 2026-12 is after the current month 2026-11");
        problem(given().queryParam("from", "2026-13"), "/api/v1/regions/6203/trends", 400, "from", "param.type",
                "from must be a month yyyy-MM, not '2026-13'");
        problem(given().queryParam("to", "2026-1"), "/api/v1/regions/6203/trends", 400, "to", "param.type",
                "to must be a month yyyy-MM, not '2026-1'");
        problem(given().queryParam("form", "2026-01"), "/api/v1/regions/6203/trends", 400, "form", "param.unknown",
                "query parameter 'form' is not known here; known: format, from, headers, to");
        given().when().get("/api/v1/regions/6297/trends").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("region 629700000000 does not exist"));
        given().when().get("/api/v1/regions/62x/children/coverage").then().statusCode(400)
                .body("errors[0].field", equalTo("code")).body("errors[0].rule", equalTo("region-code.format"));
        given().when().get("/api/v1/regions/6297/children/visits").then().statusCode(404);
        problem(given().queryParam("from", "2026-12-01").queryParam("to", "2026-11-29"),
                "/api/v1/regions/6203/children/visits", 400, "from", "period", "from 2026-12-01 is after to 2026-11-29");
        problem(given().queryParam("level", "VILLAGE"), "/api/v1/regions/6203/units", 400, "level", "enum.value",
                "level must be one of PROVINCE, PREFECTURE, COUNTY, TOWNSHIP, not 'VILLAGE'");
        given().queryParam("size", 501).when().get("/api/v1/regions/6203/units").then().statusCode(400)
                .body("errors[0].field", equalTo("size")).body("errors[0].rule", equalTo("max"));
        UUID nobody = UUID.randomUUID();
        given().when().get("/api/v1/units/{id}/cadres", nobody).then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("unit " + nobody + " does not exist"));
        given().when().get("/api/v1/units/abc/cadres").then().statusCode(400)
                .body("errors[0].field", equalTo("id")).body("errors[0].rule", equalTo("param.type"));
        // the unit's visit figures under the /api/v1 root still answer
        given().when().get("/api/v1/units/{id}/visits", u1).then().statusCode(200);
    }

    // ---------------------------------------------------------------------------------------------

    private static void problem(io.restassured.specification.RequestSpecification request, String path, int status,
            String field, String rule, String message) {
        request.when().get(path).then().statusCode(status).contentType("application/problem+json")
                .body("errors", hasSize(1)).body("errors[0].field", equalTo(field))
                .body("errors[0].rule", equalTo(rule)).body("errors[0].message", equalTo(message));
    }

    private static JsonPath trends(String code, String from, String to) {
        var request = given();
        if (from != null) {
            request = request.queryParam("from", from);
        }
        if (to != null) {
            request = request.queryParam("to", to);
        }
        String body = request.when().get("/api/v1/regions/{c}/trends", code).then().statusCode(200)
                .contentType("application/json").extract().asString();
        return new JsonPath(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /** Each month as "month toCover covered pairings visits inPerson opened resolved yuan lifted relapsed". */
    private static List<String> rows(JsonPath t) {
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> m : t.<Map<String, Object>>getList("months")) {
            rows.add(String.join(" ", (String) m.get("month"), s(m.get("householdsToCover")),
                    s(m.get("householdsCovered")), s(m.get("activePairings")), s(m.get("visits")),
                    s(m.get("inPersonVisits")), s(m.get("demandsOpened")), s(m.get("demandsResolved")),
                    s(m.get("helpYuan")), s(m.get("lifted")), s(m.get("relapsed"))));
        }
        return rows;
    }

    private static String s(Object o) {
        return o instanceof BigDecimal d ? d.toPlainString() : String.valueOf(o);
    }

    /** Two rows of {@link #rows} added field by field. */
    private static String add(String a, String b) {
        String[] x = a.split(" ");
        String[] y = b.split(" ");
        assertEquals(x[0], y[0]);
        StringBuilder sum = new StringBuilder(x[0]);
        for (int i = 1; i < x.length; i++) {
            sum.append(' ').append(new BigDecimal(x[i]).add(new BigDecimal(y[i])).toPlainString());
        }
        return sum.toString();
    }

    private static JsonPath children(String figures, String code, Map<String, Object> params) {
        String body = given().queryParams(params).when().get("/api/v1/regions/{c}/children/" + figures, code).then()
                .statusCode(200).extract().asString();
        return new JsonPath(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /** Every numeric figure of the parent accepted by {@code additive} equals the sum over the children. */
    private static void assertAdditive(JsonPath drill, Predicate<String> additive) {
        Map<String, Object> parent = flat(drill.getMap("region"));
        List<Map<String, Object>> children = new ArrayList<>();
        for (Map<String, Object> child : drill.<Map<String, Object>>getList("children")) {
            children.add(flat(child));
        }
        assertFalse(children.isEmpty());
        int checked = 0;
        for (Map.Entry<String, Object> e : parent.entrySet()) {
            if (!(e.getValue() instanceof BigDecimal total) || !additive.test(e.getKey())) {
                continue;
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (Map<String, Object> child : children) {
                sum = sum.add((BigDecimal) child.get(e.getKey()));
            }
            assertEquals(0, total.compareTo(sum), e.getKey() + ": parent " + total + ", children " + sum);
            checked++;
        }
        assertTrue(checked >= 10, "additive figures checked: " + checked);
    }

    /** path → value, lists indexed, asOf and the identity of the scope left out. */
    private static Map<String, Object> flat(Map<String, Object> body) {
        Map<String, Object> m = new TreeMap<>();
        flatten("", body, m);
        m.keySet().removeIf(k -> k.equals("asOf") || k.equals("code") || k.equals("name") || k.equals("level")
                || k.startsWith("scope."));
        return m;
    }

    private static void flatten(String prefix, Object value, Map<String, Object> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? (String) k : prefix + "." + k, v, into));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), into);
            }
        } else {
            // numbers compared by value (2000.00 in one body, 2000.0 as a double in another)
            into.put(prefix, value instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros() : value);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** A household event of 4 members: registered at version 1, else a status change or a plain update; its id. */
    private String household(String id, String village, String head, String status, String previous, String since,
            long version) {
        String type = version == 1 ? EventTypes.HOUSEHOLD_REGISTERED
                : previous != null && !previous.equals(status) ? EventTypes.HOUSEHOLD_STATUS_CHANGED
                        : EventTypes.HOUSEHOLD_UPDATED;
        events.household(type, householdData(id, village, head, status, previous, since, version));
        return id;
    }

    private static HouseholdData householdData(String id, String village, String head, String status,
            String previous, String since, long version) {
        return ReportingEvents.householdData(id, village, head, 4, status, previous, LocalDate.parse(since), version);
    }
}
