package cn.gansu.lianhu.pairing.pairings;

import static cn.gansu.lianhu.pairing.pairings.PairingRulesTest.confirm;
import static cn.gansu.lianhu.pairing.pairings.PairingRulesTest.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.pairing.domain.CadreStatus;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * A cadre leaving hands every household over in the same request (issue 3 point 6): every rule checked and
 * reported together before anything is written; on success old pairings end with the reason, successors' pairings
 * start, the primary moves with the household, the cadre's status and leader links change, history is kept. Each
 * test uses its own villages of 夏河县 (623027).
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class HandOverTest {

    @Inject
    PairingFixtures fx;

    @Test
    void aHandOverThatWouldLeaveAHouseholdUncoveredIs422AndChangesNothing() {
        String v = fx.village("623027103205", "地仓村民委员会");
        UUID unit = fx.unit("夏河县发改局");
        fx.villageLink(unit, v);
        UUID a = fx.cadre(unit, "赵刚", CadreRank.COUNTY_DIVISION);
        UUID b = fx.cadre(unit, "钱芳", CadreRank.OTHER);
        UUID h1 = fx.household(v, "IN_POVERTY");
        UUID h2 = fx.household(v, "IN_POVERTY");
        UUID h3 = fx.household(v, "IN_POVERTY");
        create(a, h1).statusCode(201);
        create(a, h2).statusCode(201);
        create(b, h3).statusCode(201);
        confirm(unit, "马永福").statusCode(200);
        String before = fx.snapshot(a, List.of(h1, h2, h3));

        depart(a, "{\"status\":\"TRANSFERRED\",\"date\":\"2026-11-29\",\"handovers\":[{\"householdId\":\"" + h1
                + "\",\"successorCadreId\":\"" + b + "\"}]}").statusCode(422)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("handovers"))
                .body("errors[0].rule", equalTo("handover.household-missing"))
                .body("errors[0].message", equalTo("household " + h2 + " (village 623027103205 地仓村民委员会) has no "
                        + "successor: every household of 赵刚 is handed over in the same request"));

        assertEquals(before, fx.snapshot(a, List.of(h1, h2, h3)));
        assertEquals("ACTIVE null v1", fx.cadreState(a));
        given().queryParam("household", h2).queryParam("status", "ACTIVE").when().get("/api/v1/pairings")
                .then().body("items.cadreName", contains("赵刚"));
    }

    @Test
    void everyBrokenHandOverRuleIsReportedTogether() {
        String v = fx.village("623027104200", "八角城村民委员会");
        String elsewhere = fx.village("623027104202", "卡加村民委员会");
        UUID unit = fx.unit("夏河县林草局");
        UUID other = fx.unit("碌曲县林草局");
        fx.villageLink(unit, v);
        fx.villageLink(other, elsewhere);
        UUID a = fx.cadre(unit, "孙强", CadreRank.PREFECTURE_BUREAU);
        UUID b = fx.cadre(unit, "周梅", CadreRank.OTHER);
        UUID x = fx.cadre(unit, "吴军", CadreRank.OTHER);
        UUID d = fx.cadre(other, "郑丽", CadreRank.OTHER);
        UUID e = fx.cadre(unit, "王退", CadreRank.OTHER);
        List<UUID> h = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            h.add(fx.household(v, "IN_POVERTY"));
        }
        for (int i : new int[] { 0, 1, 2, 3, 5, 6 }) {
            create(a, h.get(i)).statusCode(201);
        }
        create(b, h.get(1)).statusCode(201);
        create(x, h.get(4)).statusCode(201);
        create(e, h.get(6)).statusCode(201);
        fx.cadreLeft(e, CadreStatus.RETIRED, LocalDate.of(2026, 10, 1));
        UUID nobody = UUID.randomUUID();
        String before = fx.snapshot(a, h);

        depart(a, "{\"status\":\"DECEASED\",\"date\":\"2026-11-30\",\"handovers\":["
                + ho(h.get(0), d) + "," + ho(h.get(1), b) + "," + ho(h.get(2), nobody) + "," + ho(h.get(2), b) + ","
                + ho(h.get(4), b) + "," + ho(h.get(3), a) + "," + ho(h.get(6), e) + "]}").statusCode(422)
                .body("detail", equalTo("9 rules are broken"))
                .body("errors.field", contains("date", "handovers[0].successorCadreId",
                        "handovers[1].successorCadreId", "handovers[2].successorCadreId", "handovers[3].householdId",
                        "handovers[4].householdId", "handovers[5].successorCadreId", "handovers[6].successorCadreId",
                        "handovers"))
                .body("errors.rule", contains("departure.date-future", "handover.successor-outside-villages",
                        "handover.successor-already-paired", "handover.successor-unknown",
                        "handover.household-duplicate", "handover.household-not-paired", "handover.successor-self",
                        "handover.successor-not-active", "handover.household-missing"))
                .body("errors[1].message", equalTo("household " + h.get(0) + " cannot go to 郑丽: village 623027104200 "
                        + "八角城村民委员会 is not linked by unit " + fx.unitName(other) + " (部门联村): cadre 郑丽 pairs only "
                        + "with households of the villages of their own unit"))
                .body("errors[2].message", equalTo("successor 周梅 is already paired with household " + h.get(1)
                        + " (pairing " + pairingOf(b, h.get(1)) + ")"))
                .body("errors[3].message", equalTo("cadre " + nobody + " does not exist"))
                .body("errors[4].message", equalTo("household " + h.get(2) + " is named twice (handovers[2] and "
                        + "handovers[3])"))
                .body("errors[5].message", equalTo("cadre 孙强 is not paired with household " + h.get(4)
                        + ": nothing to hand over"))
                .body("errors[7].message", equalTo("successor 王退 is RETIRED: only ACTIVE cadres take households over"))
                .body("errors[8].message", equalTo("household " + h.get(5) + " (village 623027104200 八角城村民委员会) "
                        + "has no successor: every household of 孙强 is handed over in the same request"));
        assertEquals(before, fx.snapshot(a, h));
    }

    @Test
    void aSuccessfulHandOverEndsTheOldPairingsAndStartsTheSuccessors() {
        String v = fx.village("623027104203", "仁青村民委员会");
        UUID unit = fx.unit("夏河县审计局");
        UUID later = fx.unit("夏河县档案馆"); // links the same village, has not confirmed yet
        fx.villageLink(unit, v);
        fx.villageLink(later, v);
        UUID a = fx.cadre(unit, "陈亮", CadreRank.COUNTY_DIVISION);
        UUID b = fx.cadre(unit, "林静", CadreRank.OTHER);
        UUID c = fx.cadre(unit, "何平", CadreRank.OTHER);
        UUID d = fx.cadre(later, "罗兰", CadreRank.OTHER);
        UUID h1 = fx.household(v, "IN_POVERTY");
        UUID h2 = fx.household(v, "RELAPSED");
        UUID h3 = fx.household(v, "IN_POVERTY");
        String p1 = create(a, h1).statusCode(201).body("primary", equalTo(true)).extract().path("id");
        create(c, h2).statusCode(201).body("primary", equalTo(true));
        String p2 = create(a, h2).statusCode(201).body("primary", equalTo(false)).extract().path("id");
        create(b, h3).statusCode(201);
        confirm(unit, "马永福").statusCode(200).body("activated", equalTo(4));
        fx.startedOnForCadre(a, LocalDate.of(2026, 3, 1));
        assertEquals(2, fx.unitVersion(unit));

        ValidatableResponse r = depart(a, "{\"status\":\"调离\",\"date\":\"2026-11-20\",\"note\":\"调任临夏州\","
                + "\"handovers\":[" + ho(h1, b) + "," + ho(h2, d) + "]}").statusCode(200)
                .body("cadreId", equalTo(a.toString()))
                .body("cadreName", equalTo("陈亮"))
                .body("status", equalTo("TRANSFERRED"))
                .body("leftOn", equalTo("2026-11-20"))
                .body("version", equalTo(2))
                .body("leaderLinksEnded", equalTo(0))
                .body("handovers.householdId", contains(h1.toString(), h2.toString()))
                .body("handovers.endedPairingId", contains(p1, p2))
                .body("handovers.endedStatus", contains("ENDED", "ENDED"))
                .body("handovers.successorCadreName", contains("林静", "罗兰"))
                .body("handovers.successorStatus", contains("ACTIVE", "DRAFT"))
                .body("handovers.primary", contains(true, false));
        String n1 = r.extract().path("handovers[0].successorPairingId");
        String n2 = r.extract().path("handovers[1].successorPairingId");

        given().when().get("/api/v1/pairings/" + p1).then().statusCode(200)
                .body("status", equalTo("ENDED"))
                .body("endReason", equalTo("CADRE_TRANSFERRED"))
                .body("endedOn", equalTo("2026-11-20"))
                .body("endNote", equalTo("调任临夏州"))
                .body("successorId", equalTo(n1))
                .body("version", equalTo(3));
        given().when().get("/api/v1/pairings/" + p1 + "/history").then()
                .body("action", contains("DRAFTED", "PRIMARY_SET", "ACTIVATED", "HANDED_OVER"))
                .body("[3].effectiveOn", equalTo("2026-11-20"))
                .body("[3].reason", equalTo("CADRE_TRANSFERRED"))
                .body("[3].relatedId", equalTo(n1));
        given().when().get("/api/v1/pairings/" + n1).then().statusCode(200)
                .body("cadreName", equalTo("林静"))
                .body("status", equalTo("ACTIVE"))
                .body("startedOn", equalTo("2026-11-20"))
                .body("primary", equalTo(true))
                .body("version", equalTo(1));
        given().when().get("/api/v1/pairings/" + n1 + "/history").then()
                .body("action", contains("TAKEN_OVER", "PRIMARY_SET"))
                .body("[0].relatedId", equalTo(p1))
                .body("[0].reason", equalTo("CADRE_TRANSFERRED"));
        given().when().get("/api/v1/pairings/" + n2).then()
                .body("cadreName", equalTo("罗兰"))
                .body("status", equalTo("DRAFT"))
                .body("startedOn", nullValue())
                .body("primary", equalTo(false));
        given().when().get("/api/v1/households/" + h1 + "/pairings").then().statusCode(200)
                .body("id", contains(p1, n1))
                .body("cadreName", contains("陈亮", "林静"))
                .body("status", contains("ENDED", "ACTIVE"));
        given().queryParam("household", h2).queryParam("primary", true).queryParam("status", "ACTIVE")
                .when().get("/api/v1/pairings").then().body("items.cadreName", contains("何平"));
        assertEquals("TRANSFERRED 2026-11-20 v2", fx.cadreState(a));
        assertEquals(3, fx.unitVersion(unit));
        assertEquals(1, fx.unitVersion(later));

        depart(a, "{\"status\":\"RETIRED\",\"date\":\"2026-11-29\",\"handovers\":[]}").statusCode(409)
                .body("errors[0].rule", equalTo("cadre.already-left"))
                .body("errors[0].message", equalTo("cadre 陈亮 already left: TRANSFERRED on 2026-11-20"));
        create(a, h3).statusCode(422)
                .body("errors[0].field", equalTo("cadreId"))
                .body("errors[0].rule", equalTo("pairing.cadre-not-active"));
    }

    @Test
    void aDepartureNamingThousandsOfWrongHouseholdsListsTheFirst100AndCountsAll() {
        UUID unit = fx.unit("夏河县统计局");
        UUID a = fx.cadre(unit, "黄河", CadreRank.OTHER);
        UUID b = fx.cadre(unit, "白云", CadreRank.OTHER);
        StringBuilder handovers = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            handovers.append(i == 0 ? "" : ",").append("{\"householdId\":\"").append(UUID.randomUUID())
                    .append("\",\"successorCadreId\":\"").append(b).append("\"}");
        }
        depart(a, "{\"status\":\"TRANSFERRED\",\"date\":\"2026-11-29\",\"handovers\":[" + handovers + "]}")
                .statusCode(422)
                .body("detail", equalTo("1500 rules are broken; the first 100 are listed"))
                .body("errors", hasSize(100))
                .body("errors[0].rule", equalTo("handover.household-not-paired"));
        assertEquals("ACTIVE null v1", fx.cadreState(a));
    }

    @Test
    void aDateGivenAsANumberIs400NotADayThousandsOfYearsAhead() {
        UUID unit = fx.unit("夏河县气象局");
        UUID a = fx.cadre(unit, "石磊", CadreRank.OTHER);
        depart(a, "{\"status\":\"TRANSFERRED\",\"date\":20261129}").statusCode(400)
                .body("errors[0].field", equalTo("date"));
        assertEquals("ACTIVE null v1", fx.cadreState(a));
    }

    @Test
    void aLeaderWithNoHouseholdsLeavesWithoutHandOversAndItsLeaderLinksEnd() {
        String v = fx.village("623027104204", "哇代村民委员会");
        UUID unit = fx.unit("甘肃省政协办公厅");
        UUID leader = fx.cadre(unit, "刘省", CadreRank.PROVINCIAL_LEADER);
        UUID link = fx.leaderLink(leader, v);

        depart(leader, "{\"status\":\"RETIRED\",\"date\":\"2026-11-29\",\"note\":\"到龄退休\"}").statusCode(200)
                .body("status", equalTo("RETIRED"))
                .body("handovers", hasSize(0))
                .body("leaderLinksEnded", equalTo(1));
        assertEquals("2026-11-29 CADRE_RETIRED", fx.leaderLinkState(link));
        assertEquals("RETIRED 2026-11-29 v2", fx.cadreState(leader));
    }

    @Test
    void aLiftedHouseholdKeepsItsCadresAndIsHandedOverLikeAnyOther() {
        String v = fx.village("623027104205", "西科村民委员会");
        UUID unit = fx.unit("夏河县人社局");
        fx.villageLink(unit, v);
        UUID a = fx.cadre(unit, "许诺", CadreRank.OTHER);
        UUID b = fx.cadre(unit, "邓超", CadreRank.OTHER);
        UUID h = fx.household(v, "IN_POVERTY");
        String p = create(a, h).statusCode(201).extract().path("id");
        create(b, fx.household(v, "IN_POVERTY")).statusCode(201);
        confirm(unit, "马永福").statusCode(200);

        fx.householdStatus(h, "LIFTED");
        given().when().get("/api/v1/pairings/" + p).then().body("status", equalTo("ACTIVE")).body("version", equalTo(2));
        given().when().get("/api/v1/households/" + h + "/pairings").then()
                .body("status", contains("ACTIVE")).body("primary", contains(true));

        depart(a, "{\"status\":\"RETIRED\",\"date\":\"2026-11-29\"}").statusCode(422)
                .body("errors.rule", contains("handover.household-missing"));
        depart(a, "{\"status\":\"RETIRED\",\"date\":\"2026-11-29\",\"handovers\":[" + ho(h, b) + "]}").statusCode(200)
                .body("handovers[0].successorStatus", equalTo("ACTIVE"))
                .body("handovers[0].primary", equalTo(true));
        given().when().get("/api/v1/households/" + h + "/pairings").then()
                .body("status", contains("ENDED", "ACTIVE"))
                .body("cadreName", contains("许诺", "邓超"));
    }

    @Test
    void aDepartureNeedsAStatusOtherThanActiveAndADate() {
        UUID unit = fx.unit("夏河县司法局");
        UUID a = fx.cadre(unit, "黄河", CadreRank.OTHER);
        depart(a, "{}").statusCode(400)
                .body("errors.field", contains("status", "date"))
                .body("errors.rule", contains("departure.status-required", "departure.date-required"));
        depart(a, "{\"status\":\"ACTIVE\",\"date\":\"2026-11-29\"}").statusCode(400)
                .body("errors[0].field", equalTo("status"))
                .body("errors[0].rule", equalTo("departure.status-invalid"));
        depart(a, "{\"status\":\"RETIRED\",\"date\":\"2026-11-29\",\"handovers\":[{\"successorCadreId\":\"" + a
                + "\"}]}").statusCode(400)
                .body("errors[0].field", equalTo("handovers[0].householdId"))
                .body("errors[0].rule", equalTo("not-null"));
        assertEquals("ACTIVE null v1", fx.cadreState(a));
    }

    // ---------------------------------------------------------------------------------------------------

    static ValidatableResponse depart(UUID cadre, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/cadres/" + cadre + "/departure")
                .then();
    }

    static String ho(UUID household, UUID successor) {
        return "{\"householdId\":\"" + household + "\",\"successorCadreId\":\"" + successor + "\"}";
    }

    private static String pairingOf(UUID cadre, UUID household) {
        return given().queryParam("cadre", cadre).queryParam("household", household).when().get("/api/v1/pairings")
                .then().extract().path("items[0].id");
    }
}
