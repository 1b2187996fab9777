package cn.gansu.lianhu.pairing.planner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * The planner through its REST API (issue 3 point 7) with scope UNIT, on villages of 岷县 (621126). Units,
 * cadres, links and households are written by {@link PlanFixtures}; every figure and message is exact.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class PlanResourceTest {
    static final String PLANS = "/api/v1/plans";

    @Inject
    DataSource ds;

    PlanFixtures fx;

    @BeforeEach
    void fixtures() {
        fx = new PlanFixtures(ds);
        fx.county("621126", "岷县");
    }

    static Response planUnit(UUID unit) {
        return given().contentType("application/json").body(Map.of("scope", "UNIT", "unitId", unit.toString()))
                .when().post(PLANS);
    }

    static JsonPath items(String plan) {
        return given().queryParam("size", 500).when().get(PLANS + "/" + plan + "/items")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aSmallUnitPlanCoversEveryHouseholdMeetsEveryMinimumAndConfirms() {
        fx.village("621126100201", "瓦窑沟村民委员会");
        fx.village("621126100202", "西云村民委员会");
        List<UUID> hh = new java.util.ArrayList<>(fx.households("621126100201", 4));
        hh.addAll(fx.households("621126100202", 3));
        UUID unit = fx.unit("甘肃省财政厅");
        fx.link(unit, "621126100201");
        fx.link(unit, "621126100202");
        UUID pb = fx.cadre(unit, "王建军", "PREFECTURE_BUREAU");
        UUID cd1 = fx.cadre(unit, "李志刚", "COUNTY_DIVISION");
        UUID cd2 = fx.cadre(unit, "赵丽", "COUNTY_DIVISION");
        UUID o1 = fx.cadre(unit, "陈晓东", "OTHER");
        UUID o2 = fx.cadre(unit, "刘芳", "OTHER");
        UUID o3 = fx.cadre(unit, "杨帆", "OTHER");
        fx.cadre(unit, "孙伟", "OTHER", "RETIRED");

        Response created = planUnit(unit);
        created.then().statusCode(201)
                .header("Location", endsWith(PLANS + "/" + created.jsonPath().getString("id")))
                .body("scope.kind", equalTo("UNIT"))
                .body("scope.unitId", equalTo(unit.toString()))
                .body("scope.unitName", equalTo("甘肃省财政厅"))
                .body("status", equalTo("DRAFT"))
                .body("feasible", equalTo(true))
                .body("figures.householdsInScope", equalTo(7))
                .body("figures.householdsAlreadyCovered", equalTo(0))
                .body("figures.householdsCoveredAfter", equalTo(7))
                .body("figures.villages", equalTo(2))
                .body("figures.units", equalTo(1))
                .body("figures.cadres", equalTo(6))
                .body("figures.leaders", equalTo(0))
                .body("figures.cadresBelowMinimum", equalTo(6))
                .body("figures.cadresBelowMinimumAfter", equalTo(0))
                .body("figures.existingPairings", equalTo(0))
                .body("figures.pairingsProposed", equalTo(10))
                .body("figures.primaryProposed", equalTo(7))
                .body("figures.maxCadresPerHousehold", equalTo(3))
                .body("shortfalls", empty())
                .body("shortfallCount", equalTo(0))
                .body("unitCount", equalTo(1))
                .body("units[0].unitId", equalTo(unit.toString()))
                .body("units[0].villages", equalTo(2))
                .body("units[0].households", equalTo(7))
                .body("units[0].cadres", equalTo(6))
                .body("units[0].cadresBelowMinimum", equalTo(6))
                .body("units[0].cadresBelowMinimumAfter", equalTo(0))
                .body("units[0].proposedPairings", equalTo(10))
                .body("timings.loadMs", notNullValue())
                .body("confirmation", nullValue())
                .body("createdAt", notNullValue());
        String plan = created.jsonPath().getString("id");

        JsonPath items = items(plan);
        assertEquals(10, items.getInt("total"));
        Map<String, Integer> perCadre = new HashMap<>();
        Map<String, Integer> perHousehold = new HashMap<>();
        Map<String, Integer> primaries = new HashMap<>();
        for (Map<String, Object> item : items.<Map<String, Object>>getList("items")) {
            perCadre.merge((String) item.get("cadreId"), 1, Integer::sum);
            perHousehold.merge((String) item.get("householdId"), 1, Integer::sum);
            if ((Boolean) item.get("primary")) {
                primaries.merge((String) item.get("householdId"), 1, Integer::sum);
            }
            assertEquals(unit.toString(), item.get("unitId"));
            assertEquals("甘肃省财政厅", item.get("unitName"));
            assertTrue(Set.of("621126100201", "621126100202").contains(item.get("villageCode")));
        }
        assertEquals(Map.of(pb.toString(), 3, cd1.toString(), 2, cd2.toString(), 2, o1.toString(), 1,
                o2.toString(), 1, o3.toString(), 1), perCadre);
        assertEquals(7, perHousehold.size());
        assertTrue(perHousehold.values().stream().allMatch(n -> n >= 1 && n <= 2), perHousehold.toString());
        assertEquals(7, primaries.size());
        assertTrue(primaries.values().stream().allMatch(n -> n == 1));
        given().queryParam("unit", unit.toString()).when().get(PLANS + "/" + plan + "/items")
                .then().statusCode(200).body("total", equalTo(10));
        int inFirst = given().queryParam("village", "621126100201").when().get(PLANS + "/" + plan + "/items")
                .then().statusCode(200).extract().jsonPath().getInt("total");
        assertEquals(10, inFirst + given().queryParam("village", "621126100202").when()
                .get(PLANS + "/" + plan + "/items").then().statusCode(200).extract().jsonPath().getInt("total"));
        given().queryParam("size", 3).queryParam("page", 3).when().get(PLANS + "/" + plan + "/items")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].seq", equalTo(9))
                .body("page", equalTo(3)).body("size", equalTo(3)).body("total", equalTo(10));
        given().when().get(PLANS + "/" + plan + "/units").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].name", equalTo("甘肃省财政厅"));

        given().contentType("application/json").body(Map.of("confirmedBy", "岷县联村联户办公室 李明"))
                .when().post(PLANS + "/" + plan + "/confirm")
                .then().statusCode(200)
                .body("status", equalTo("CONFIRMED"))
                .body("decidedBy", equalTo("岷县联村联户办公室 李明"))
                .body("decidedAt", notNullValue())
                .body("confirmation.pairingsCreated", equalTo(10))
                .body("confirmation.draftsActivated", equalTo(0))
                .body("confirmation.unitsConfirmed", equalTo(1));

        UUID planId = UUID.fromString(plan);
        assertEquals(10, fx.count("select count(*) from pairing where plan_id = ? and status = 'ACTIVE' "
                + "and started_on = date '2026-11-29' and version = 1 and unit_id = ?", planId, unit));
        assertEquals(7, fx.count("select count(*) from pairing where plan_id = ? and is_primary", planId));
        assertEquals(10, fx.count("select count(*) from pairing_change ch join pairing p on p.id = ch.pairing_id "
                + "where p.plan_id = ? and ch.action = 'ACTIVATED' and ch.related_id = ? "
                + "and ch.actor = '岷县联村联户办公室 李明' and ch.effective_on = date '2026-11-29'", planId, planId));
        assertEquals(10, fx.count("select count(*) from outbox_event o join pairing p on o.event_key = p.id::text "
                + "where p.plan_id = ? and o.topic = 'pairing.pairings' "
                + "and o.event_type = 'cn.gansu.lianhu.pairing.pairing.activated.v1'", planId));
        assertEquals("岷县联村联户办公室 李明", fx.string("select pairings_confirmed_by from unit where id = ?", unit));
        assertEquals(2, fx.count("select version from unit where id = ?", unit));
        assertEquals(1, fx.count("select count(*) from outbox_event where event_key = ? and topic = 'pairing.units' "
                + "and event_type = 'cn.gansu.lianhu.pairing.unit.pairings-confirmed.v1'", unit.toString()));
        for (UUID h : hh) {
            assertEquals(1, fx.count("select count(*) from pairing where household_id = ? and is_primary "
                    + "and status = 'ACTIVE'", h));
        }

        given().contentType("application/json").body(Map.of("confirmedBy", "李明"))
                .when().post(PLANS + "/" + plan + "/confirm")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].rule", equalTo("plan.not-draft"))
                .body("detail", equalTo("plan " + plan + " is CONFIRMED; only a DRAFT plan can be confirmed or discarded"));
    }

    @Test
    void existingPairingsStayAndCountAndTheHouseholdMaximumHolds() {
        String v = "621126100204";
        fx.village(v, "东门村民委员会");
        List<UUID> hh = fx.households(v, 4);
        UUID full = hh.get(0);
        UUID one = hh.get(1);
        UUID other = fx.unit("甘肃省民政厅");
        fx.link(other, v);
        for (String name : List.of("周强", "吴敏", "郑华")) {
            UUID c = fx.cadre(other, name, "OTHER");
            fx.pairing(c, other, full, v, name.equals("周强"), "ACTIVE");
        }
        UUID unit = fx.unit("甘肃省教育厅");
        fx.link(unit, v);
        UUID pb = fx.cadre(unit, "冯涛", "PREFECTURE_BUREAU");
        UUID ot = fx.cadre(unit, "何静", "OTHER");
        UUID draft = fx.pairing(pb, unit, one, v, true, "DRAFT");

        Response created = planUnit(unit);
        created.then().statusCode(201)
                .body("feasible", equalTo(true))
                .body("figures.householdsInScope", equalTo(4))
                .body("figures.householdsAlreadyCovered", equalTo(2))
                .body("figures.householdsCoveredAfter", equalTo(4))
                .body("figures.cadres", equalTo(2))
                .body("figures.cadresBelowMinimum", equalTo(2))
                .body("figures.existingPairings", equalTo(4))
                .body("figures.pairingsProposed", equalTo(3))
                .body("figures.primaryProposed", equalTo(2))
                .body("units[0].existingPairings", equalTo(1));
        String plan = created.jsonPath().getString("id");
        Set<String> pbHouseholds = new HashSet<>();
        Set<String> otHouseholds = new HashSet<>();
        for (Map<String, Object> item : items(plan).<Map<String, Object>>getList("items")) {
            (item.get("cadreId").equals(pb.toString()) ? pbHouseholds : otHouseholds).add((String) item.get("householdId"));
        }
        assertEquals(Set.of(hh.get(2).toString(), hh.get(3).toString()), pbHouseholds);
        assertEquals(1, otHouseholds.size());
        assertTrue(!otHouseholds.contains(full.toString()), "a household at the maximum gets no cadre");

        given().contentType("application/json").body(Map.of("confirmedBy", "李明"))
                .when().post(PLANS + "/" + plan + "/confirm")
                .then().statusCode(200)
                .body("confirmation.pairingsCreated", equalTo(3))
                .body("confirmation.draftsActivated", equalTo(1))
                .body("confirmation.unitsConfirmed", equalTo(1));
        assertEquals("ACTIVE", fx.string("select status from pairing where id = ?", draft));
        assertEquals(2, fx.count("select version from pairing where id = ?", draft));
        assertEquals(1, fx.count("select count(*) from pairing_change where pairing_id = ? and action = 'ACTIVATED'",
                draft));
        assertEquals(1, fx.count("select count(*) from outbox_event where event_key = ?", draft.toString()));
        assertEquals(3, fx.count("select count(*) from pairing where household_id = ? and status in ('DRAFT', 'ACTIVE')",
                full));
        assertEquals(3, fx.count("select count(*) from pairing where cadre_id = ? and status = 'ACTIVE'", pb));
        assertEquals(1, fx.count("select count(*) from pairing where cadre_id = ? and status = 'ACTIVE'", ot));
        for (UUID h : hh) {
            assertEquals(1, fx.count("select count(*) from pairing where household_id = ? and is_primary "
                    + "and status = 'ACTIVE'", h));
        }
    }

    @Test
    void tooFewHouseholdsForTheMinimumsIsInfeasibleWithExactFiguresAndCannotBeConfirmed() {
        String v = "621126100205";
        fx.village(v, "长虹村民委员会");
        fx.households(v, 4);
        UUID unit = fx.unit("甘肃省审计厅");
        fx.link(unit, v);
        for (String name : List.of("高明", "林涛", "罗斌", "梁静", "宋佳")) {
            fx.cadre(unit, name, "PREFECTURE_BUREAU");
        }
        String message = "unit 甘肃省审计厅: 4 households in its 1 village, its 5 cadres need at least 15 more "
                + "pairings; with at most 3 cadres per household (the per-household maximum) and each cadre paired "
                + "once with a household, only 12 are possible: 3 short";

        Response created = planUnit(unit);
        created.then().statusCode(201)
                .body("status", equalTo("DRAFT"))
                .body("feasible", equalTo(false))
                .body("figures.pairingsProposed", equalTo(12))
                .body("figures.householdsCoveredAfter", equalTo(4))
                .body("figures.cadresBelowMinimumAfter", equalTo(1))
                .body("shortfallCount", equalTo(1))
                .body("shortfalls", hasSize(1))
                .body("shortfalls[0].rule", equalTo("plan.household-maximum"))
                .body("shortfalls[0].where.kind", equalTo("UNIT"))
                .body("shortfalls[0].where.id", equalTo(unit.toString()))
                .body("shortfalls[0].where.name", equalTo("甘肃省审计厅"))
                .body("shortfalls[0].figures.villages", equalTo(1))
                .body("shortfalls[0].figures.households", equalTo(4))
                .body("shortfalls[0].figures.cadres", equalTo(5))
                .body("shortfalls[0].figures.pairingsNeeded", equalTo(15))
                .body("shortfalls[0].figures.pairingsAllowed", equalTo(12))
                .body("shortfalls[0].figures.short", equalTo(3))
                .body("shortfalls[0].figures.maxCadresPerHousehold", equalTo(3))
                .body("shortfalls[0].message", equalTo(message))
                .body("units[0].cadresBelowMinimumAfter", equalTo(1));
        String plan = created.jsonPath().getString("id");

        given().contentType("application/json").body(Map.of("confirmedBy", "李明"))
                .when().post(PLANS + "/" + plan + "/confirm")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lianhu:problem:domain-rule"))
                .body("detail", equalTo("plan " + plan + " cannot be confirmed: it breaks 1 rule"))
                .body("errors", hasSize(2))
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].rule", equalTo("plan.infeasible"))
                .body("errors[1].field", equalTo("units[" + unit + "]"))
                .body("errors[1].rule", equalTo("plan.household-maximum"))
                .body("errors[1].message", equalTo(message));
        assertEquals(0, fx.count("select count(*) from pairing where plan_id = ?", UUID.fromString(plan)));
        assertEquals(null, fx.string("select pairings_confirmed_at::text from unit where id = ?", unit));
        given().when().get(PLANS + "/" + plan).then().statusCode(200).body("status", equalTo("DRAFT"));
    }

    @Test
    void aVillageWhoseUnitHasNoActiveCadreAndAUnitWithoutVillagesAreShortfalls() {
        String v = "621126100206";
        fx.village(v, "南川村民委员会");
        fx.households(v, 2);
        UUID archive = fx.unit("甘肃省档案馆");
        fx.link(archive, v);
        fx.cadre(archive, "韩冰", "OTHER", "RETIRED");
        planUnit(archive).then().statusCode(201)
                .body("feasible", equalTo(false))
                .body("figures.cadres", equalTo(0))
                .body("figures.pairingsProposed", equalTo(0))
                .body("shortfalls", hasSize(1))
                .body("shortfalls[0].rule", equalTo("plan.village-uncovered"))
                .body("shortfalls[0].where.kind", equalTo("VILLAGE"))
                .body("shortfalls[0].where.id", equalTo(v))
                .body("shortfalls[0].where.name", equalTo("南川村民委员会 (岷县)"))
                .body("shortfalls[0].figures.households", equalTo(2))
                .body("shortfalls[0].message", equalTo("village 621126100206 南川村民委员会 (岷县): 2 households "
                        + "without a cadre, the unit linking it (甘肃省档案馆) has no active cadre"));

        UUID lonely = fx.unit("甘肃省地震局");
        fx.cadre(lonely, "唐磊", "COUNTY_DIVISION");
        fx.cadre(lonely, "许敏", "OTHER");
        planUnit(lonely).then().statusCode(201)
                .body("feasible", equalTo(false))
                .body("figures.householdsInScope", equalTo(0))
                .body("shortfalls", hasSize(1))
                .body("shortfalls[0].rule", equalTo("plan.unit-no-village"))
                .body("shortfalls[0].where.kind", equalTo("UNIT"))
                .body("shortfalls[0].where.id", equalTo(lonely.toString()))
                .body("shortfalls[0].figures.cadres", equalTo(2))
                .body("shortfalls[0].figures.pairingsNeeded", equalTo(3))
                .body("shortfalls[0].message", equalTo("unit 甘肃省地震局 links no village: its 2 cadres need at least 3 "
                        + "more pairings"));
    }

    @Test
    void aProvincialLeaderIsPlannedOnlyOntoHouseholdsOfOwnVillages() {
        String unitVillage = "621126100207";
        String leaderVillage = "621126100209";
        fx.village(unitVillage, "东照村民委员会");
        fx.village(leaderVillage, "龙潭村民委员会");
        fx.households(unitVillage, 2);
        List<UUID> leaderHouseholds = fx.households(leaderVillage, 7);
        UUID unit = fx.unit("甘肃省人民政府办公厅");
        fx.link(unit, unitVillage);
        UUID cadre = fx.cadre(unit, "张明", "OTHER");
        UUID leader = fx.cadre(unit, "林远", "PROVINCIAL_LEADER");
        fx.leaderLink(leader, leaderVillage);

        Response created = planUnit(unit);
        created.then().statusCode(201)
                .body("feasible", equalTo(true))
                .body("figures.householdsInScope", equalTo(2))
                .body("figures.householdsCoveredAfter", equalTo(2))
                .body("figures.villages", equalTo(1))
                .body("figures.cadres", equalTo(2))
                .body("figures.leaders", equalTo(1))
                .body("figures.pairingsProposed", equalTo(7))
                .body("figures.primaryProposed", equalTo(7));
        int leaderItems = 0;
        for (Map<String, Object> item : items(created.jsonPath().getString("id")).<Map<String, Object>>getList("items")) {
            if (item.get("cadreId").equals(leader.toString())) {
                leaderItems++;
                assertEquals(leaderVillage, item.get("villageCode"));
                assertEquals("PROVINCIAL_LEADER", item.get("cadreRank"));
                assertTrue(leaderHouseholds.contains(UUID.fromString((String) item.get("householdId"))));
            } else {
                assertEquals(cadre.toString(), item.get("cadreId"));
                assertEquals(unitVillage, item.get("villageCode"));
            }
        }
        assertEquals(5, leaderItems);

        // a leader whose village has too few households
        String small = "621126100211";
        fx.village(small, "池那湾村民委员会");
        fx.households(small, 3);
        UUID office = fx.unit("甘肃省政协办公厅");
        UUID ma = fx.cadre(office, "马骏", "PROVINCIAL_LEADER");
        fx.leaderLink(ma, small);
        planUnit(office).then().statusCode(201)
                .body("feasible", equalTo(false))
                .body("figures.householdsInScope", equalTo(0))
                .body("figures.pairingsProposed", equalTo(3))
                .body("shortfalls", hasSize(1))
                .body("shortfalls[0].rule", equalTo("plan.household-maximum"))
                .body("shortfalls[0].where.kind", equalTo("LEADER"))
                .body("shortfalls[0].where.id", equalTo(ma.toString()))
                .body("shortfalls[0].where.name", equalTo("马骏"))
                .body("shortfalls[0].figures.households", equalTo(3))
                .body("shortfalls[0].figures.pairingsNeeded", equalTo(5))
                .body("shortfalls[0].figures.pairingsAllowed", equalTo(3))
                .body("shortfalls[0].figures.short", equalTo(2))
                .body("shortfalls[0].message", equalTo("provincial leader 马骏: 3 households in own 1 village, needs at "
                        + "least 5 more pairings; with at most 3 cadres per household (the per-household maximum) and "
                        + "each cadre paired once with a household, only 3 are possible: 2 short"));

        // a leader with no leader link
        UUID people = fx.unit("甘肃省人大常委会办公厅");
        fx.cadre(people, "乔羽", "PROVINCIAL_LEADER");
        planUnit(people).then().statusCode(201)
                .body("shortfalls[0].rule", equalTo("plan.leader-no-village"))
                .body("shortfalls[0].where.kind", equalTo("LEADER"))
                .body("shortfalls[0].message", equalTo("provincial leader 乔羽 links no village: needs at least 5 more "
                        + "pairings"));
    }

    @Test
    void aPlanIsStaleOnceAnyPairingChangedAndIsThenNeitherConfirmedNorConfirmable() {
        String v = "621126101201";
        fx.village(v, "砖塔寨村民委员会");
        List<UUID> hh = fx.households(v, 3);
        UUID unit = fx.unit("甘肃省水利厅");
        fx.link(unit, v);
        fx.cadre(unit, "邓超", "OTHER");
        fx.cadre(unit, "曹颖", "OTHER");
        String plan = planUnit(unit).then().statusCode(201).body("feasible", equalTo(true))
                .extract().jsonPath().getString("id");
        // someone else's pairing changes meanwhile
        UUID elsewhere = fx.unit("甘肃省卫生健康委员会");
        fx.pairing(fx.cadre(elsewhere, "彭磊", "OTHER"), elsewhere, UUID.randomUUID(), "621126101210", true, "DRAFT");

        given().contentType("application/json").body(Map.of("confirmedBy", "李明"))
                .when().post(PLANS + "/" + plan + "/confirm")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].rule", equalTo("plan.stale"))
                .body("detail", equalTo("plan " + plan + " is stale: 1 pairing change since it was made; make a new plan"));
        given().when().get(PLANS + "/" + plan).then().statusCode(200)
                .body("status", equalTo("STALE")).body("decidedAt", notNullValue());
        assertEquals(0, fx.count("select count(*) from pairing where plan_id = ?", UUID.fromString(plan)));
        given().contentType("application/json").body(Map.of("confirmedBy", "李明"))
                .when().post(PLANS + "/" + plan + "/confirm")
                .then().statusCode(409).body("errors[0].rule", equalTo("plan.not-draft"))
                .body("detail", equalTo("plan " + plan + " is STALE; only a DRAFT plan can be confirmed or discarded"));

        // a cadre retiring makes a plan stale as well, although no pairing changed
        String again = planUnit(unit).then().statusCode(201).extract().jsonPath().getString("id");
        fx.exec("update cadre set status = 'RETIRED' where unit_id = ? and name = '邓超'", unit);
        given().contentType("application/json").body(Map.of("confirmedBy", "李明"))
                .when().post(PLANS + "/" + again + "/confirm")
                .then().statusCode(409).body("errors[0].rule", equalTo("plan.stale"))
                .body("detail", equalTo("plan " + again + " is stale: " + count(again, "邓超")
                        + " for cadres no longer ACTIVE in their unit; make a new plan"));
        for (UUID h : hh) {
            assertEquals(0, fx.count("select count(*) from pairing where household_id = ?", h));
        }

        // so does a cadre joining the unit, or a household registered in its village
        String third = planUnit(unit).then().statusCode(201).extract().jsonPath().getString("id");
        fx.cadre(unit, "欧阳", "OTHER");
        given().contentType("application/json").body(Map.of("confirmedBy", "李明"))
                .when().post(PLANS + "/" + third + "/confirm")
                .then().statusCode(409).body("errors[0].rule", equalTo("plan.stale"))
                .body("detail", equalTo("plan " + third + " is stale: the active cadres of 1 unit changed since it "
                        + "was made; make a new plan"));
        String fourth = planUnit(unit).then().statusCode(201).extract().jsonPath().getString("id");
        fx.households(v, 1);
        given().contentType("application/json").body(Map.of("confirmedBy", "李明"))
                .when().post(PLANS + "/" + fourth + "/confirm")
                .then().statusCode(409).body("errors[0].rule", equalTo("plan.stale"))
                .body("detail", equalTo("plan " + fourth + " is stale: the households in scope changed since it was "
                        + "made (3 then, 4 now); make a new plan"));
        String fifth = planUnit(unit).then().statusCode(201).body("figures.householdsInScope", equalTo(4))
                .extract().jsonPath().getString("id");
        given().contentType("application/json").body(Map.of("confirmedBy", "李明"))
                .when().post(PLANS + "/" + fifth + "/confirm")
                .then().statusCode(200).body("confirmation.pairingsCreated", equalTo(4));
    }

    private String count(String plan, String cadreName) {
        long n = fx.count("select count(*) from pairing_plan_item i join cadre c on c.id = i.cadre_id "
                + "where i.plan_id = ? and c.name = ?", UUID.fromString(plan), cadreName);
        return n + (n == 1 ? " proposal is" : " proposals are");
    }

    @Test
    void aDiscardedPlanCanBeNeitherDiscardedAgainNorConfirmed() {
        String v = "621126101202";
        fx.village(v, "元草村民委员会");
        fx.households(v, 2);
        UUID unit = fx.unit("甘肃省统计局");
        fx.link(unit, v);
        fx.cadre(unit, "黄鹏", "COUNTY_DIVISION");
        String plan = planUnit(unit).then().statusCode(201).extract().jsonPath().getString("id");

        given().when().post(PLANS + "/" + plan + "/discard")
                .then().statusCode(200).body("status", equalTo("DISCARDED")).body("decidedAt", notNullValue());
        given().when().post(PLANS + "/" + plan + "/discard")
                .then().statusCode(409).body("errors[0].rule", equalTo("plan.not-draft"));
        given().contentType("application/json").body(Map.of("confirmedBy", "李明"))
                .when().post(PLANS + "/" + plan + "/confirm")
                .then().statusCode(409).body("errors[0].rule", equalTo("plan.not-draft"));
        items(plan); // proposals stay readable
    }

    @Test
    void theSameDataGiveTheSamePlan() {
        fx.village("621126101203", "红崖村民委员会");
        fx.village("621126101206", "大寨子村民委员会");
        fx.households("621126101203", 5);
        fx.households("621126101206", 6);
        UUID unit = fx.unit("甘肃省交通运输厅");
        fx.link(unit, "621126101203");
        fx.link(unit, "621126101206");
        String[] ranks = { "PREFECTURE_BUREAU", "COUNTY_DIVISION", "COUNTY_DIVISION", "OTHER", "OTHER", "OTHER",
                "OTHER", "OTHER" };
        for (int i = 0; i < ranks.length; i++) {
            fx.cadre(unit, "干部" + i, ranks[i]);
        }
        String first = planUnit(unit).then().statusCode(201).extract().jsonPath().getString("id");
        String second = planUnit(unit).then().statusCode(201).extract().jsonPath().getString("id");
        List<Map<String, Object>> a = items(first).getList("items");
        List<Map<String, Object>> b = items(second).getList("items");
        assertEquals(12, a.size()); // minimums 3 + 2 + 2 + 5 × 1 = 12 pairings cover the 11 households
        assertEquals(a, b);
    }

    @Test
    void confirmingPublishesActivatedPairingsAndTheConfirmedUnitOnKafka() throws Exception {
        String v = "621126101207";
        fx.village(v, "纳古村民委员会");
        List<UUID> hh = fx.households(v, 2);
        UUID unit = fx.unit("甘肃省农业农村厅");
        fx.link(unit, v);
        UUID cadre = fx.cadre(unit, "白雪", "COUNTY_DIVISION");
        String plan = planUnit(unit).then().statusCode(201).body("figures.pairingsProposed", equalTo(2))
                .extract().jsonPath().getString("id");
        given().contentType("application/json").body(Map.of("confirmedBy", "李明"))
                .when().post(PLANS + "/" + plan + "/confirm").then().statusCode(200);
        Set<String> pairingIds = new HashSet<>();
        for (UUID h : hh) {
            pairingIds.add(fx.string("select id::text from pairing where household_id = ?", h));
        }

        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> found = new HashMap<>();
        JsonNode unitEvent = null;
        try (KafkaConsumer<String, String> consumer = TestKafka.consumerFromStart("pairing.pairings", "pairing.units")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((found.size() < 2 || unitEvent == null) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (pairingIds.contains(r.key())) {
                        found.put(r.key(), mapper.readTree(r.value()));
                    } else if (unit.toString().equals(r.key()) && r.value().contains("pairings-confirmed")) {
                        unitEvent = mapper.readTree(r.value());
                    }
                }
            }
        }
        assertEquals(pairingIds, found.keySet());
        int primaries = 0;
        for (Map.Entry<String, JsonNode> e : found.entrySet()) {
            JsonNode event = e.getValue();
            assertEquals("cn.gansu.lianhu.pairing.pairing.activated.v1", event.get("type").asText());
            assertEquals("/lianhu/pairing-service", event.get("source").asText());
            assertEquals(e.getKey(), event.get("subject").asText());
            JsonNode data = event.get("data");
            assertEquals(e.getKey(), data.get("id").asText());
            assertEquals(cadre.toString(), data.get("cadreId").asText());
            assertEquals(unit.toString(), data.get("unitId").asText());
            assertTrue(hh.contains(UUID.fromString(data.get("householdId").asText())));
            assertEquals(v, data.get("villageCode").asText());
            assertEquals("ACTIVE", data.get("status").asText());
            assertEquals("2026-11-29", data.get("startedOn").asText());
            assertEquals(1, data.get("version").asLong());
            primaries += data.get("primary").asBoolean() ? 1 : 0;
        }
        assertEquals(2, primaries);
        assertTrue(unitEvent != null, "no pairings-confirmed event for the unit");
        assertEquals("cn.gansu.lianhu.pairing.unit.pairings-confirmed.v1", unitEvent.get("type").asText());
        assertEquals(true, unitEvent.get("data").get("pairingsConfirmed").asBoolean());
        assertEquals(1, unitEvent.get("data").get("activeCadres").asInt());
        assertEquals(2, unitEvent.get("data").get("version").asLong());
    }

    @Test
    void badRequestsAreProblemsNamingTheFieldAndTheRule() {
        given().contentType("application/json").body("{}").when().post(PLANS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("scope")).body("errors.rule", contains("not-null"));
        given().contentType("application/json").body("{\"scope\":\"VILLAGE\"}").when().post(PLANS)
                .then().statusCode(400).body("errors[0].field", equalTo("scope"))
                .body("errors[0].rule", equalTo("json.type"));
        given().contentType("application/json").body("{\"scope\":\"UNIT\"}").when().post(PLANS)
                .then().statusCode(400).body("errors[0].field", equalTo("unitId"))
                .body("errors[0].rule", equalTo("plan.unit-required"))
                .body("detail", equalTo("scope UNIT needs unitId"));
        given().contentType("application/json").body("{\"scope\":\"COUNTY\"}").when().post(PLANS)
                .then().statusCode(400).body("errors[0].field", equalTo("countyCode"))
                .body("errors[0].rule", equalTo("plan.county-required"));
        given().contentType("application/json").body("{\"scope\":\"COUNTY\",\"countyCode\":\"6211\"}").when().post(PLANS)
                .then().statusCode(400).body("errors[0].field", equalTo("countyCode"))
                .body("errors[0].rule", equalTo("region-code.format"))
                .body("detail", equalTo("countyCode is a Gansu county code of 6 or 12 digits (621125 or 621125000000), "
                        + "not '6211'"));
        given().contentType("application/json").body("{\"scope\":\"COUNTY\",\"countyCode\":\"621100\"}").when()
                .post(PLANS).then().statusCode(400).body("errors[0].rule", equalTo("region-code.format"));
        given().contentType("application/json").body("{\"scope\":\"PROVINCE\",\"countyCode\":\"621126\"}").when()
                .post(PLANS).then().statusCode(400).body("errors[0].field", equalTo("countyCode"))
                .body("errors[0].rule", equalTo("plan.scope-mismatch"))
                .body("detail", equalTo("countyCode is only for scope COUNTY, not PROVINCE"));
        given().contentType("application/json").body("{\"scope\":\"UNIT\",\"unitId\":\"abc\"}").when().post(PLANS)
                .then().statusCode(400).body("errors[0].field", equalTo("unitId"));
        UUID nobody = UUID.randomUUID();
        planUnit(nobody).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("unit " + nobody + " does not exist"));
        given().contentType("application/json").body("{\"scope\":\"COUNTY\",\"countyCode\":\"621199\"}").when()
                .post(PLANS).then().statusCode(404).body("detail", equalTo("county 621199000000 does not exist"));
        UUID unknown = UUID.randomUUID();
        given().when().get(PLANS + "/" + unknown).then().statusCode(404)
                .body("detail", equalTo("plan " + unknown + " does not exist"));
        given().when().get(PLANS + "/" + unknown + "/items").then().statusCode(404);
        given().when().post(PLANS + "/" + unknown + "/discard").then().statusCode(404);
        given().contentType("application/json").body(Map.of("confirmedBy", "李明"))
                .when().post(PLANS + "/" + unknown + "/confirm").then().statusCode(404);
        given().when().get(PLANS + "/42").then().statusCode(400)
                .body("errors[0].field", equalTo("id")).body("errors[0].rule", equalTo("param.type"));
        given().queryParam("size", 501).when().get(PLANS + "/" + unknown + "/items").then().statusCode(400)
                .body("errors[0].field", equalTo("size")).body("errors[0].rule", equalTo("max"));
        given().queryParam("village", "6211").when().get(PLANS + "/" + unknown + "/items").then().statusCode(400)
                .body("errors[0].field", equalTo("village")).body("errors[0].rule", equalTo("region-code.format"));
        given().queryParam("unit", "x").when().get(PLANS + "/" + unknown + "/items").then().statusCode(400)
                .body("errors[0].field", equalTo("unit")).body("errors[0].rule", equalTo("param.type"));
        given().contentType("application/json").body("{\"confirmedBy\":\"  \"}")
                .when().post(PLANS + "/" + unknown + "/confirm").then().statusCode(400)
                .body("errors[0].field", equalTo("confirmedBy")).body("errors[0].rule", equalTo("not-blank"));
        given().contentType("application/json").body("{}")
                .when().post(PLANS + "/" + unknown + "/confirm").then().statusCode(400)
                .body("errors[0].field", equalTo("confirmedBy"));
    }
}
