package cn.gansu.lianhu.pairing.planner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Scopes COUNTY (漳县, 621125, all of it) and PROVINCE through the REST API: which units, cadres and households
 * a county plan takes, a village no unit links, a provincial leader linked to the county, a unit's village in
 * another county, confirming a county.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class PlanScopeTest {
    static final String PLANS = "/api/v1/plans";

    @Inject
    DataSource ds;

    @Test
    void aCountyPlanTakesEveryUnitLinkingTheCountyAndNamesAVillageNobodyLinks() {
        PlanFixtures fx = new PlanFixtures(ds);
        fx.county("621125", "漳县");
        fx.county("621126", "岷县");
        String a = "621125100201";
        String b = "621125100202";
        String c = "621125100206";
        String e = "621125100207";
        String d = "621126102201"; // 岷县, linked by a unit that also links 漳县
        String elsewhere = "621126102202";
        fx.village(a, "城关村民委员会");
        fx.village(b, "董家庄村民委员会");
        fx.village(c, "汪家河村民委员会");
        fx.village(e, "王家河村民委员会");
        fx.village("621125100210", "何家山村民委员会"); // no households
        fx.village(d, "冷地村民委员会");
        fx.village(elsewhere, "关上村民委员会");
        fx.households(a, 3);
        fx.households(b, 40);
        fx.households(c, 4);
        fx.households(d, 2);
        List<UUID> leaderHouseholds = fx.households(e, 6);
        fx.households(e, 1, "LIFTED"); // lifted out of poverty: not planned
        fx.households(elsewhere, 5);
        UUID u1 = fx.unit("定西市委组织部");
        fx.link(u1, a);
        fx.cadre(u1, "任杰", "OTHER");
        fx.cadre(u1, "蔡琳", "OTHER");
        UUID u2 = fx.unit("定西市财政局");
        fx.link(u2, c);
        fx.link(u2, d);
        fx.cadre(u2, "潘越", "COUNTY_DIVISION");
        fx.cadre(u2, "袁媛", "OTHER");
        UUID u3 = fx.unit("中共甘肃省委办公厅");
        UUID leader = fx.cadre(u3, "钟山", "PROVINCIAL_LEADER");
        fx.cadre(u3, "方正", "OTHER"); // u3 is not in the county's scope: not planned
        fx.leaderLink(leader, e);
        UUID u4 = fx.unit("岷县人民政府");
        fx.link(u4, elsewhere);
        fx.cadre(u4, "石磊", "OTHER");

        Response first = given().contentType("application/json").body(Map.of("scope", "COUNTY", "countyCode", "621125"))
                .when().post(PLANS);
        first.then().statusCode(201)
                .body("scope.kind", equalTo("COUNTY"))
                .body("scope.countyCode", equalTo("621125000000"))
                .body("scope.countyName", equalTo("漳县"))
                .body("feasible", equalTo(false))
                .body("figures.householdsInScope", equalTo(55))
                .body("figures.villages", equalTo(5))
                .body("figures.units", equalTo(2))
                .body("figures.cadres", equalTo(5))
                .body("figures.leaders", equalTo(1))
                .body("figures.householdsCoveredAfter", equalTo(15))
                .body("shortfalls", hasSize(1))
                .body("shortfalls[0].rule", equalTo("plan.village-uncovered"))
                .body("shortfalls[0].where.kind", equalTo("VILLAGE"))
                .body("shortfalls[0].where.id", equalTo(b))
                .body("shortfalls[0].where.name", equalTo("董家庄村民委员会 (漳县)"))
                .body("shortfalls[0].figures.households", equalTo(40))
                .body("shortfalls[0].message", equalTo("village 621125100202 董家庄村民委员会 (漳县): 40 households "
                        + "without a cadre, no unit links it"));
        String infeasible = first.jsonPath().getString("id");
        given().contentType("application/json").body(Map.of("confirmedBy", "漳县联村联户办公室"))
                .when().post(PLANS + "/" + infeasible + "/confirm")
                .then().statusCode(422)
                .body("errors[1].field", equalTo("villages[" + b + "]"))
                .body("errors[1].rule", equalTo("plan.village-uncovered"));

        fx.link(u1, b);
        Response second = given().contentType("application/json")
                .body(Map.of("scope", "COUNTY", "countyCode", "621125000000")).when().post(PLANS);
        second.then().statusCode(201)
                .body("feasible", equalTo(true))
                .body("shortfalls", empty())
                .body("figures.householdsInScope", equalTo(55))
                .body("figures.householdsCoveredAfter", equalTo(55))
                .body("figures.pairingsProposed", equalTo(55))
                .body("figures.primaryProposed", equalTo(55))
                .body("figures.cadresBelowMinimumAfter", equalTo(0))
                .body("unitCount", equalTo(2))
                .body("units.name", equalTo(List.of("定西市委组织部", "定西市财政局")))
                .body("units[0].villages", equalTo(2))
                .body("units[0].households", equalTo(43))
                .body("units[0].proposedPairings", equalTo(43))
                .body("units[1].villages", equalTo(2))
                .body("units[1].households", equalTo(6))
                .body("units[1].proposedPairings", equalTo(6));
        String plan = second.jsonPath().getString("id");
        JsonPath items = given().queryParam("size", 500).when().get(PLANS + "/" + plan + "/items")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Integer> perCadre = new HashMap<>();
        for (Map<String, Object> item : items.<Map<String, Object>>getList("items")) {
            perCadre.merge((String) item.get("cadreName"), 1, Integer::sum);
            if (item.get("cadreId").equals(leader.toString())) {
                assertEquals(e, item.get("villageCode"));
            }
        }
        // the leader takes all six households of own village (5 minimum + 1 nobody else may pair); 43 households
        // are shared evenly by the two cadres of 定西市委组织部 (which one takes 22 follows their ids)
        assertEquals(6, perCadre.get("钟山"));
        assertEquals(3, perCadre.get("潘越"));
        assertEquals(3, perCadre.get("袁媛"));
        assertEquals(List.of(21, 22), java.util.stream.Stream.of(perCadre.get("任杰"), perCadre.get("蔡琳")).sorted()
                .toList());
        assertEquals(5, perCadre.size());
        given().queryParam("unit", u3.toString()).when().get(PLANS + "/" + plan + "/items")
                .then().statusCode(200).body("total", equalTo(6));

        given().contentType("application/json").body(Map.of("confirmedBy", "漳县联村联户办公室"))
                .when().post(PLANS + "/" + plan + "/confirm")
                .then().statusCode(200)
                .body("confirmation.pairingsCreated", equalTo(55))
                .body("confirmation.unitsConfirmed", equalTo(2));
        assertEquals("漳县联村联户办公室", fx.string("select pairings_confirmed_by from unit where id = ?", u1));
        assertEquals("漳县联村联户办公室", fx.string("select pairings_confirmed_by from unit where id = ?", u2));
        assertNull(fx.string("select pairings_confirmed_by from unit where id = ?", u3));
        assertNull(fx.string("select pairings_confirmed_by from unit where id = ?", u4));
        for (UUID h : leaderHouseholds) {
            assertEquals(1, fx.count("select count(*) from pairing where household_id = ? and cadre_id = ? "
                    + "and status = 'ACTIVE' and is_primary", h, leader));
        }
        assertEquals(0, fx.count("select count(*) from pairing p join known_household h on h.id = p.household_id "
                + "where h.village_code = ?", elsewhere));
        // the infeasible plan made before is stale now
        given().contentType("application/json").body(Map.of("confirmedBy", "漳县联村联户办公室"))
                .when().post(PLANS + "/" + infeasible + "/confirm").then().statusCode(422);

        // planning the county again: everything covered, every cadre at its minimum, nothing to propose
        given().contentType("application/json").body(Map.of("scope", "COUNTY", "countyCode", "621125"))
                .when().post(PLANS).then().statusCode(201)
                .body("feasible", equalTo(true))
                .body("figures.householdsAlreadyCovered", equalTo(55))
                .body("figures.cadresBelowMinimum", equalTo(0))
                .body("figures.existingPairings", equalTo(55))
                .body("figures.pairingsProposed", equalTo(0))
                .body("units[0].alreadyConfirmed", equalTo(true));
    }

    @Test
    void aProvincePlanTakesEveryActiveCadreAndEveryHouseholdInPoverty() {
        PlanFixtures fx = new PlanFixtures(ds);
        fx.village("621125100211", "胡家屲村民委员会");
        fx.households("621125100211", 2);
        Response r = given().contentType("application/json").body(Map.of("scope", "PROVINCE")).when().post(PLANS);
        r.then().statusCode(201)
                .body("scope.kind", equalTo("PROVINCE"))
                .body("status", equalTo("DRAFT"))
                .body("figures.householdsInScope", equalTo((int) fx.count(
                        "select count(*) from known_household where status in ('IN_POVERTY', 'RELAPSED')")))
                .body("figures.cadres", equalTo((int) fx.count("select count(*) from cadre where status = 'ACTIVE'")))
                .body("figures.existingPairings", equalTo((int) fx.count(
                        "select count(*) from pairing where status in ('DRAFT', 'ACTIVE')")))
                .body("unitCount", equalTo((int) fx.count("""
                        select count(*) from unit u where exists (select 1 from village_link l where l.unit_id = u.id
                            and l.ended_on is null) or exists (select 1 from cadre c where c.unit_id = u.id
                            and c.status = 'ACTIVE')""")));
        String plan = r.jsonPath().getString("id");
        given().when().get(PLANS + "/" + plan + "/items").then().statusCode(200)
                .body("total", equalTo(r.jsonPath().getInt("figures.pairingsProposed")));
        given().when().post(PLANS + "/" + plan + "/discard").then().statusCode(200)
                .body("status", equalTo("DISCARDED"));
    }
}
