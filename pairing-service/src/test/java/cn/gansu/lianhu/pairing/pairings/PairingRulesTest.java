package cn.gansu.lianhu.pairing.pairings;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * Cadre ↔ household pairings (issue 3 points 5 and 6): where a cadre may pair, the per-household maximum,
 * duplicates, the primary responsible cadre, confirmation once with its exact error list, withdrawing drafts,
 * ending confirmed pairings only with a reason. Each test uses its own villages of 夏河县 (623027).
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class PairingRulesTest {
    static final String PROBLEM = "application/problem+json";

    @Inject
    PairingFixtures fx;

    @Test
    void aPairingOutsideTheUnitsVillagesIs422NamingTheVillageAndTheUnit() {
        String linked = fx.village("623027100200", "九甲村民委员会");
        String other = fx.village("623027101200", "王格尔塘村民委员会");
        UUID unit = fx.unit("夏河县农业农村局");
        fx.villageLink(unit, linked);
        UUID cadre = fx.cadre(unit, "张明", CadreRank.COUNTY_DIVISION);
        UUID outside = fx.household(other, "IN_POVERTY");
        UUID inside = fx.household(linked, "IN_POVERTY");
        String unitName = unitName(unit);

        create(cadre, outside).statusCode(422)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:lianhu:problem:domain-rule"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("householdId"))
                .body("errors[0].rule", equalTo("pairing.outside-unit-villages"))
                .body("errors[0].message", equalTo("village 623027101200 王格尔塘村民委员会 is not linked by unit "
                        + unitName + " (部门联村): cadre 张明 pairs only with households of the villages of their own unit"));
        given().queryParam("household", outside).when().get("/api/v1/pairings")
                .then().statusCode(200).body("total", equalTo(0));

        io.restassured.response.Response created = given().contentType(ContentType.JSON)
                .body("{\"cadreId\":\"" + cadre + "\",\"householdId\":\"" + inside + "\"}")
                .when().post("/api/v1/pairings");
        String id = created.then().statusCode(201)
                .header("Location", endsWith("/api/v1/pairings/" + created.path("id")))
                .header("ETag", "\"1\"")
                .body("cadreId", equalTo(cadre.toString()))
                .body("cadreName", equalTo("张明"))
                .body("cadreRank", equalTo("COUNTY_DIVISION"))
                .body("unitId", equalTo(unit.toString()))
                .body("householdId", equalTo(inside.toString()))
                .body("villageCode", equalTo(linked))
                .body("primary", equalTo(true))
                .body("status", equalTo("DRAFT"))
                .body("startedOn", nullValue())
                .body("version", equalTo(1))
                .extract().path("id");
        given().when().get("/api/v1/pairings/" + id + "/history")
                .then().statusCode(200)
                .body("action", contains("DRAFTED", "PRIMARY_SET"))
                .body("[1].effectiveOn", equalTo("2026-11-29"));
    }

    @Test
    void aFourthCadreForOneHouseholdIs422AndOnlyTheFirstIsPrimary() {
        String v = fx.village("623027101201", "吉赫仁村民委员会");
        UUID unit = fx.unit("夏河县教育局");
        fx.villageLink(unit, v);
        UUID h = fx.household(v, "IN_POVERTY");
        UUID c1 = fx.cadre(unit, "马一", CadreRank.OTHER);
        UUID c2 = fx.cadre(unit, "马二", CadreRank.OTHER);
        UUID c3 = fx.cadre(unit, "马三", CadreRank.OTHER);
        UUID c4 = fx.cadre(unit, "马四", CadreRank.OTHER);
        create(c1, h).statusCode(201).body("primary", equalTo(true));
        create(c2, h).statusCode(201).body("primary", equalTo(false));
        create(c3, h).statusCode(201).body("primary", equalTo(false));

        create(c4, h).statusCode(422)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("householdId"))
                .body("errors[0].rule", equalTo("pairing.household-maximum"))
                .body("errors[0].message", equalTo("household " + h + " has 3 cadres; at most 3"));

        given().queryParam("household", h).when().get("/api/v1/pairings")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.findAll { it.primary }.cadreName", contains("马一"));
    }

    @Test
    void concurrentPairingsOfOneHouseholdStopAtTheMaximumWithOnePrimary() throws Exception {
        String v = fx.village("623027103203", "日芒村民委员会");
        UUID unit = fx.unit("夏河县应急管理局");
        fx.villageLink(unit, v);
        UUID h = fx.household(v, "IN_POVERTY");
        List<UUID> cadres = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cadres.add(fx.cadre(unit, "并发" + i, CadreRank.OTHER));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> codes = new java.util.ArrayList<>();
            for (UUID c : cadres) {
                codes.add(pool.submit(() -> {
                    start.await();
                    return create(c, h).extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> got = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> f : codes) {
                got.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            got.sort(null);
            assertEquals(List.of(201, 201, 201, 422, 422, 422), got);
        } finally {
            pool.shutdownNow();
        }
        given().queryParam("household", h).when().get("/api/v1/pairings").then()
                .body("total", equalTo(3))
                .body("items.findAll { it.primary }", hasSize(1));
    }

    @Test
    void theSameCadreAndHouseholdTwiceIs409UntilTheDraftIsWithdrawn() {
        String v = fx.village("623027101202", "崖玉村民委员会");
        UUID unit = fx.unit("夏河县水务局");
        fx.villageLink(unit, v);
        UUID h = fx.household(v, "IN_POVERTY");
        UUID c = fx.cadre(unit, "杨帆", CadreRank.OTHER);
        String first = create(c, h).statusCode(201).extract().path("id");

        create(c, h).statusCode(409)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:lianhu:problem:conflict"))
                .body("errors[0].field", equalTo("householdId"))
                .body("errors[0].rule", equalTo("pairing.duplicate"))
                .body("errors[0].message", equalTo("cadre 杨帆 is already paired with household " + h + " (pairing "
                        + first + ", DRAFT)"));

        given().when().delete("/api/v1/pairings/" + first).then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        create(c, h).statusCode(201).body("primary", equalTo(true));
    }

    @Test
    void unknownIdsAre404AndUnknownIdsInABodyAre422() {
        UUID nobody = UUID.randomUUID();
        UUID nowhere = UUID.randomUUID();
        create(nobody, nowhere).statusCode(422)
                .body("errors", hasSize(2))
                .body("errors[0].field", equalTo("cadreId"))
                .body("errors[0].rule", equalTo("pairing.cadre-unknown"))
                .body("errors[0].message", equalTo("cadre " + nobody + " does not exist"))
                .body("errors[1].field", equalTo("householdId"))
                .body("errors[1].rule", equalTo("pairing.household-unknown"));

        String id = UUID.randomUUID().toString();
        notFound(given().when().get("/api/v1/pairings/" + id), "pairing " + id + " does not exist");
        notFound(given().when().get("/api/v1/pairings/" + id + "/history"), "pairing " + id + " does not exist");
        notFound(given().when().post("/api/v1/pairings/" + id + "/primary"), "pairing " + id + " does not exist");
        notFound(given().when().delete("/api/v1/pairings/" + id), "pairing " + id + " does not exist");
        notFound(given().contentType(ContentType.JSON).body("{\"reason\":\"HOUSEHOLD_MOVED\",\"date\":\"2026-11-01\"}")
                .when().post("/api/v1/pairings/" + id + "/end"), "pairing " + id + " does not exist");
        notFound(given().contentType(ContentType.JSON).body("{\"confirmedBy\":\"马永福\"}")
                .when().post("/api/v1/units/" + id + "/pairings/confirm"), "unit " + id + " does not exist");
        notFound(given().contentType(ContentType.JSON).body("{\"status\":\"RETIRED\",\"date\":\"2026-11-01\"}")
                .when().post("/api/v1/cadres/" + id + "/departure"), "cadre " + id + " does not exist");
        notFound(given().when().get("/api/v1/households/" + id + "/pairings"), "household " + id + " does not exist");

        given().when().get("/api/v1/pairings/42").then().statusCode(400)
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].rule", equalTo("param.type"));
        given().queryParam("cadre", "zhang").when().get("/api/v1/pairings").then().statusCode(400)
                .body("errors[0].field", equalTo("cadre"))
                .body("errors[0].rule", equalTo("param.type"));
        given().queryParam("village", "6230x").when().get("/api/v1/pairings").then().statusCode(400)
                .body("errors[0].rule", equalTo("region-code.format"));
        given().queryParam("status", "LIVE").when().get("/api/v1/pairings").then().statusCode(400)
                .body("errors[0].field", equalTo("status"))
                .body("errors[0].rule", equalTo("enum.value"));
        given().contentType(ContentType.JSON).body("{\"householdId\":\"" + nowhere + "\"}")
                .when().post("/api/v1/pairings").then().statusCode(400)
                .body("errors[0].field", equalTo("cadreId"))
                .body("errors[0].rule", equalTo("not-null"));
    }

    @Test
    void confirmationBelowTheMinimumListsEveryBrokenRuleAndChangesNothing() {
        String v1 = fx.village("623027101203", "洒索玛村民委员会");
        String v2 = fx.village("623027101204", "阿子合村民委员会");
        UUID unit = fx.unit("夏河县交通运输局");
        fx.villageLink(unit, v1);
        fx.villageLink(unit, v2);
        UUID zhang = fx.cadre(unit, "张三", CadreRank.COUNTY_DIVISION);
        UUID li = fx.cadre(unit, "李四", CadreRank.OTHER);
        UUID wang = fx.cadre(unit, "王五", CadreRank.PREFECTURE_BUREAU);
        List<UUID> h1 = List.of(fx.household(v1, "IN_POVERTY"), fx.household(v1, "IN_POVERTY"),
                fx.household(v1, "RELAPSED"), fx.household(v1, "IN_POVERTY"), fx.household(v1, "IN_POVERTY"));
        fx.household(v1, "LIFTED"); // lifted: needs no cadre to confirm
        fx.household(v2, "IN_POVERTY");
        fx.household(v2, "RELAPSED");
        String zhang1 = create(zhang, h1.get(0)).statusCode(201).extract().path("id");
        create(wang, h1.get(1)).statusCode(201);
        create(wang, h1.get(2)).statusCode(201);
        create(wang, h1.get(3)).statusCode(201);

        confirm(unit, "夏河县交通运输局 局长 马永福").statusCode(422)
                .contentType(PROBLEM)
                .body("detail", equalTo("4 rules are broken"))
                .body("errors.field", contains("cadres[" + zhang + "]", "cadres[" + li + "]",
                        "villages[623027101203]", "villages[623027101204]"))
                .body("errors.rule", contains("pairing.cadre-below-minimum", "pairing.cadre-below-minimum",
                        "pairing.household-uncovered", "pairing.household-uncovered"))
                .body("errors.message", contains("张三 (COUNTY_DIVISION) has 1 household; at least 2",
                        "李四 (OTHER) has 0 households; at least 1",
                        "village 623027101203 洒索玛村民委员会: 1 household in poverty without a cadre",
                        "village 623027101204 阿子合村民委员会: 2 households in poverty without a cadre"));
        given().when().get("/api/v1/pairings/" + zhang1).then().statusCode(200).body("status", equalTo("DRAFT"))
                .body("version", equalTo(1));
        assertEquals(1, fx.unitVersion(unit));

        create(zhang, h1.get(4)).statusCode(201);
        create(li, fx.household(v2, "IN_POVERTY")).statusCode(201); // a new household, paired: no longer counted
        confirm(unit, "马永福").statusCode(422)
                .body("errors.field", contains("villages[623027101204]"))
                .body("errors.message", contains("village 623027101204 阿子合村民委员会: 2 households in poverty without a cadre"));
        given().queryParam("village", v2).queryParam("status", "DRAFT").when().get("/api/v1/pairings")
                .then().body("total", equalTo(1));
        for (UUID h : householdsWithoutPairing(v2)) {
            create(li, h).statusCode(201);
        }

        confirm(unit, " 夏河县交通运输局 局长 马永福 ").statusCode(200)
                .body("unitId", equalTo(unit.toString()))
                .body("confirmedBy", equalTo("夏河县交通运输局 局长 马永福"))
                .body("activated", equalTo(8))
                .body("version", equalTo(2));
        given().when().get("/api/v1/pairings/" + zhang1).then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("startedOn", equalTo("2026-11-29"))
                .body("version", equalTo(2));
        given().when().get("/api/v1/pairings/" + zhang1 + "/history").then().statusCode(200)
                .body("action", contains("DRAFTED", "PRIMARY_SET", "ACTIVATED"))
                .body("[2].actor", equalTo("夏河县交通运输局 局长 马永福"))
                .body("[2].effectiveOn", equalTo("2026-11-29"));
        given().queryParam("unit", unit).queryParam("status", "在联").when().get("/api/v1/pairings")
                .then().body("total", equalTo(8));

        confirm(unit, "马永福").statusCode(409)
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].rule", equalTo("unit.already-confirmed"));
        // after confirmation new pairings are ACTIVE at once
        create(li, h1.get(0)).statusCode(201).body("status", equalTo("ACTIVE")).body("startedOn", equalTo("2026-11-29"))
                .body("primary", equalTo(false));
    }

    @Test
    void confirmingNeedsANamedPerson() {
        UUID unit = fx.unit("夏河县民政局");
        confirm(unit, " ").statusCode(400)
                .body("errors[0].field", equalTo("confirmedBy"))
                .body("errors[0].rule", equalTo("confirm.confirmed-by-required"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/units/" + unit + "/pairings/confirm")
                .then().statusCode(400).body("errors[0].rule", equalTo("confirm.confirmed-by-required"));
    }

    @Test
    void aDraftIsWithdrawnButAnActivePairingIsFixedOnce() {
        String v = fx.village("623027101205", "格尔仓村民委员会");
        UUID unit = fx.unit("夏河县财政局");
        fx.villageLink(unit, v);
        UUID h = fx.household(v, "IN_POVERTY");
        UUID c1 = fx.cadre(unit, "韩一", CadreRank.OTHER);
        UUID c2 = fx.cadre(unit, "韩二", CadreRank.OTHER);
        UUID c3 = fx.cadre(unit, "韩三", CadreRank.OTHER);
        String p1 = create(c1, h).statusCode(201).extract().path("id");
        String p2 = create(c2, h).statusCode(201).extract().path("id");
        String p3 = create(c3, h).statusCode(201).extract().path("id");

        given().when().delete("/api/v1/pairings/" + p1).then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"))
                .body("version", equalTo(2));
        // the oldest other live pairing became primary
        given().when().get("/api/v1/pairings/" + p2).then().body("primary", equalTo(true)).body("version", equalTo(2));
        given().when().get("/api/v1/pairings/" + p3).then().body("primary", equalTo(false));
        given().when().get("/api/v1/pairings/" + p2 + "/history").then()
                .body("action", contains("DRAFTED", "PRIMARY_SET"))
                .body("[1].relatedId", equalTo(p1));
        given().when().delete("/api/v1/pairings/" + p1).then().statusCode(409)
                .body("errors[0].rule", equalTo("pairing.not-live"));

        confirm(unit, "马永福").statusCode(422) // 韩一 has no household left
                .body("errors.field", contains("cadres[" + c1 + "]"));
        create(c1, fx.household(v, "LIFTED")).statusCode(201);
        confirm(unit, "马永福").statusCode(200).body("activated", equalTo(3));
        given().when().delete("/api/v1/pairings/" + p2).then().statusCode(409)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].rule", equalTo("pairing.fixed-once"))
                .body("errors[0].message", equalTo("pairing " + p2 + " is ACTIVE: confirmed pairings end only with a "
                        + "reason: POST /api/v1/pairings/" + p2 + "/end"));
        given().when().get("/api/v1/pairings/" + p2).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void endingNeedsAReasonADateAndNoCadreLeavingReason() {
        String v = fx.village("623027102200", "安果村民委员会");
        UUID unit = fx.unit("夏河县文旅局");
        fx.villageLink(unit, v);
        UUID h = fx.household(v, "IN_POVERTY");
        UUID draftHousehold = fx.household(v, "IN_POVERTY");
        UUID c1 = fx.cadre(unit, "周一", CadreRank.OTHER);
        UUID c2 = fx.cadre(unit, "周二", CadreRank.OTHER);
        String p1 = create(c1, h).statusCode(201).extract().path("id");
        create(c2, h).statusCode(201);
        create(c2, draftHousehold).statusCode(201);
        String draft = create(c1, draftHousehold).statusCode(201).extract().path("id");
        given().when().delete("/api/v1/pairings/" + draft).then().statusCode(200);
        String draft2 = create(c1, draftHousehold).statusCode(201).extract().path("id");

        end(draft2, "{\"reason\":\"CORRECTION_APPROVED\",\"date\":\"2026-11-28\",\"approvedBy\":\"王立新\"}")
                .statusCode(409).body("errors[0].rule", equalTo("pairing.draft-not-ended"));
        confirm(unit, "马永福").statusCode(200);

        end(p1, "{\"date\":\"2026-11-28\",\"note\":\"no reason\"}").statusCode(400)
                .contentType(PROBLEM)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("reason"))
                .body("errors[0].rule", equalTo("end.reason-required"));
        end(p1, "{}").statusCode(400)
                .body("errors.field", contains("reason", "date"))
                .body("errors.rule", contains("end.reason-required", "end.date-required"));
        end(p1, "{\"reason\":\"BORED\",\"date\":\"2026-11-28\"}").statusCode(400)
                .body("errors[0].field", equalTo("reason"))
                .body("errors[0].rule", equalTo("enum.value"));
        end(p1, "{\"reason\":\"CORRECTION_APPROVED\",\"date\":\"2026-11-28\"}").statusCode(400)
                .body("errors[0].field", equalTo("approvedBy"))
                .body("errors[0].rule", equalTo("end.approved-by-required"));
        end(p1, "{\"reason\":\"CADRE_RETIRED\",\"date\":\"2026-11-28\"}").statusCode(422)
                .body("errors[0].field", equalTo("reason"))
                .body("errors[0].rule", equalTo("end.use-departure"))
                .body("errors[0].message", equalTo("CADRE_RETIRED: a cadre who leaves hands every household to a "
                        + "successor in one step: POST /api/v1/cadres/" + c1 + "/departure"));
        end(p1, "{\"reason\":\"干部调离\",\"date\":\"2026-11-28\"}").statusCode(422) // the Chinese term
                .body("errors[0].rule", equalTo("end.use-departure"));
        end(p1, "{\"reason\":\"CORRECTION_APPROVED\",\"date\":\"2026-11-30\",\"approvedBy\":\"王立新\"}").statusCode(422)
                .body("errors[0].field", equalTo("date"))
                .body("errors[0].rule", equalTo("end.date-future"))
                .body("errors[0].message", equalTo("date 2026-11-30 is in the future (today is 2026-11-29)"));
        end(p1, "{\"reason\":\"CORRECTION_APPROVED\",\"date\":\"2026-11-28\",\"approvedBy\":\"王立新\"}").statusCode(422)
                .body("errors[0].rule", equalTo("end.date-before-start"))
                .body("errors[0].message", equalTo("date 2026-11-28 is before 2026-11-29, the day pairing " + p1
                        + " started"));
        given().when().get("/api/v1/pairings/" + p1).then().body("status", equalTo("ACTIVE")).body("version", equalTo(2));

        end(p1, "{\"reason\":\"CORRECTION_APPROVED\",\"date\":\"2026-11-29\",\"approvedBy\":\"夏河县扶贫办 王立新\","
                + "\"note\":\"户籍核查\"}").statusCode(200)
                .body("status", equalTo("ENDED"))
                .body("endedOn", equalTo("2026-11-29"))
                .body("endReason", equalTo("CORRECTION_APPROVED"))
                .body("approvedBy", equalTo("夏河县扶贫办 王立新"))
                .body("endNote", equalTo("户籍核查"))
                .body("version", equalTo(3));
        given().when().get("/api/v1/pairings/" + p1 + "/history").then()
                .body("action", contains("DRAFTED", "PRIMARY_SET", "ACTIVATED", "ENDED"))
                .body("[3].reason", equalTo("CORRECTION_APPROVED"))
                .body("[3].actor", equalTo("夏河县扶贫办 王立新"));
        // the only other pairing became primary
        given().queryParam("household", h).queryParam("primary", true).queryParam("status", "ACTIVE")
                .when().get("/api/v1/pairings").then().body("items.cadreName", contains("周二"));
        end(p1, "{\"reason\":\"CORRECTION_APPROVED\",\"date\":\"2026-11-29\",\"approvedBy\":\"王立新\"}").statusCode(409)
                .body("errors[0].rule", equalTo("pairing.not-live"));
    }

    @Test
    void aCorrectionMayNotLeaveAHouseholdInPovertyWithoutACadre() {
        String v = fx.village("623027102201", "黑力宁巴村民委员会");
        UUID unit = fx.unit("夏河县卫生健康局");
        fx.villageLink(unit, v);
        UUID poor = fx.household(v, "IN_POVERTY");
        UUID lifted = fx.household(v, "IN_POVERTY");
        UUID c = fx.cadre(unit, "冯一", CadreRank.COUNTY_DIVISION);
        String p = create(c, poor).statusCode(201).extract().path("id");
        String q = create(c, lifted).statusCode(201).extract().path("id");
        confirm(unit, "马永福").statusCode(200);
        String body = "{\"reason\":\"CORRECTION_APPROVED\",\"date\":\"2026-11-29\",\"approvedBy\":\"王立新\"}";

        end(p, body).statusCode(422)
                .body("errors", hasSize(1))
                .body("errors[0].rule", equalTo("pairing.household-uncovered"))
                .body("errors[0].message", equalTo("household " + poor + " (IN_POVERTY) would be left without a "
                        + "cadre: pair another cadre with it first"));
        given().when().get("/api/v1/pairings/" + p).then().body("status", equalTo("ACTIVE"));

        fx.householdStatus(lifted, "LIFTED");
        end(q, body).statusCode(200).body("status", equalTo("ENDED"));
    }

    @Test
    void endingThePrimaryAmongSeveralNeedsTheNewPrimary() {
        String v = fx.village("623027102202", "扎代村民委员会");
        UUID unit = fx.unit("夏河县商务局");
        fx.villageLink(unit, v);
        UUID h = fx.household(v, "IN_POVERTY");
        String p1 = create(fx.cadre(unit, "曹一", CadreRank.OTHER), h).statusCode(201).extract().path("id");
        String p2 = create(fx.cadre(unit, "曹二", CadreRank.OTHER), h).statusCode(201).extract().path("id");
        String p3 = create(fx.cadre(unit, "曹三", CadreRank.OTHER), h).statusCode(201).extract().path("id");
        confirm(unit, "马永福").statusCode(200);
        String base = "{\"reason\":\"CORRECTION_APPROVED\",\"date\":\"2026-11-29\",\"approvedBy\":\"王立新\"";

        end(p1, base + "}").statusCode(422)
                .body("errors[0].field", equalTo("newPrimaryPairingId"))
                .body("errors[0].rule", equalTo("end.new-primary-required"))
                .body("errors[0].message", equalTo("pairing " + p1 + " is the primary of household " + h + " and 2 "
                        + "other live pairings remain: name the new primary, one of " + p2 + ", " + p3));
        end(p1, base + ",\"newPrimaryPairingId\":\"" + p1 + "\"}").statusCode(422)
                .body("errors[0].rule", equalTo("end.new-primary-invalid"));
        end(p2, base + ",\"newPrimaryPairingId\":\"" + p3 + "\"}").statusCode(422)
                .body("errors[0].rule", equalTo("end.new-primary-invalid"))
                .body("errors[0].message", equalTo("pairing " + p2 + " is not the primary of household " + h
                        + ": the primary does not change"));

        end(p1, base + ",\"newPrimaryPairingId\":\"" + p3 + "\"}").statusCode(200).body("status", equalTo("ENDED"));
        given().when().get("/api/v1/pairings/" + p3).then().body("primary", equalTo(true)).body("version", equalTo(3));
        given().when().get("/api/v1/pairings/" + p2).then().body("primary", equalTo(false)).body("version", equalTo(2));
        given().when().get("/api/v1/pairings/" + p3 + "/history").then()
                .body("action", contains("DRAFTED", "ACTIVATED", "PRIMARY_SET"))
                .body("[2].relatedId", equalTo(p1));
    }

    @Test
    void aHouseholdThatMovedEndsEveryLivePairingInOneStep() {
        String v = fx.village("623027102204", "吉昂村民委员会");
        UUID unit = fx.unit("夏河县自然资源局");
        fx.villageLink(unit, v);
        UUID h = fx.household(v, "IN_POVERTY");
        String p1 = create(fx.cadre(unit, "蒋一", CadreRank.OTHER), h).statusCode(201).extract().path("id");
        String p2 = create(fx.cadre(unit, "蒋二", CadreRank.OTHER), h).statusCode(201).extract().path("id");
        confirm(unit, "马永福").statusCode(200);

        end(p2, "{\"reason\":\"HOUSEHOLD_MOVED\",\"date\":\"2026-11-29\",\"note\":\"易地扶贫搬迁\"}").statusCode(200)
                .body("status", equalTo("ENDED"))
                .body("endReason", equalTo("HOUSEHOLD_MOVED"));
        given().when().get("/api/v1/households/" + h + "/pairings").then().statusCode(200)
                .body("id", contains(p1, p2))
                .body("status", contains("ENDED", "ENDED"))
                .body("endReason", contains("HOUSEHOLD_MOVED", "HOUSEHOLD_MOVED"))
                .body("endNote", contains("易地扶贫搬迁", "易地扶贫搬迁"))
                .body("cadreName", contains("蒋一", "蒋二"));
    }

    @Test
    void makingAnotherPairingPrimaryClearsTheOldOne() {
        String v = fx.village("623027102206", "尼玛龙村民委员会");
        UUID unit = fx.unit("夏河县住建局");
        fx.villageLink(unit, v);
        UUID h = fx.household(v, "IN_POVERTY");
        String p1 = create(fx.cadre(unit, "沈一", CadreRank.OTHER), h).statusCode(201).extract().path("id");
        String p2 = create(fx.cadre(unit, "沈二", CadreRank.OTHER), h).statusCode(201).extract().path("id");

        given().when().post("/api/v1/pairings/" + p2 + "/primary").then().statusCode(200)
                .body("primary", equalTo(true)).body("version", equalTo(2));
        given().when().get("/api/v1/pairings/" + p1).then().body("primary", equalTo(false)).body("version", equalTo(2));
        given().when().get("/api/v1/pairings/" + p1 + "/history").then()
                .body("action", contains("DRAFTED", "PRIMARY_SET", "PRIMARY_CLEARED"))
                .body("[2].relatedId", equalTo(p2));
        given().when().post("/api/v1/pairings/" + p2 + "/primary").then().statusCode(200).body("version", equalTo(2));

        given().when().delete("/api/v1/pairings/" + p1).then().statusCode(200);
        given().when().post("/api/v1/pairings/" + p1 + "/primary").then().statusCode(409)
                .body("errors[0].rule", equalTo("pairing.not-live"));
    }

    @Test
    void aProvincialLeaderPairsOnlyInsideItsOwnLinkedVillages() {
        String leaderVillage = fx.village("623027102208", "阿纳村民委员会");
        String unitVillage = fx.village("623027103201", "岗岔村民委员会");
        UUID unit = fx.unit("甘肃省人民政府办公厅");
        fx.villageLink(unit, unitVillage);
        UUID leader = fx.cadre(unit, "王建华", CadreRank.PROVINCIAL_LEADER);
        fx.leaderLink(leader, leaderVillage);
        UUID inUnitVillage = fx.household(unitVillage, "IN_POVERTY");

        create(leader, inUnitVillage).statusCode(422)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("householdId"))
                .body("errors[0].rule", equalTo("pairing.outside-leader-villages"))
                .body("errors[0].message", equalTo("village 623027103201 岗岔村民委员会 is not one of the villages "
                        + "linked by provincial leader 王建华 (联县联村): 623027102208 阿纳村民委员会"));
        create(leader, fx.household(leaderVillage, "IN_POVERTY")).statusCode(201)
                .body("cadreRank", equalTo("PROVINCIAL_LEADER"))
                .body("villageCode", equalTo(leaderVillage));
    }

    @Test
    void listFiltersCombine() {
        String v = fx.village("623027105203", "切龙村民委员会");
        UUID unit = fx.unit("夏河县统计局");
        fx.villageLink(unit, v);
        UUID c1 = fx.cadre(unit, "孔一", CadreRank.OTHER);
        UUID c2 = fx.cadre(unit, "孔二", CadreRank.OTHER);
        UUID h1 = fx.household(v, "IN_POVERTY");
        UUID h2 = fx.household(v, "IN_POVERTY");
        create(c1, h1).statusCode(201);
        create(c2, h1).statusCode(201);
        create(c2, h2).statusCode(201);

        given().queryParam("unit", unit).when().get("/api/v1/pairings").then().statusCode(200).body("total", equalTo(3));
        given().queryParam("cadre", c2).queryParam("primary", false).when().get("/api/v1/pairings").then()
                .body("total", equalTo(1)).body("items[0].householdId", equalTo(h1.toString()));
        given().queryParam("village", "623027105203").queryParam("primary", true).queryParam("size", 1)
                .when().get("/api/v1/pairings").then()
                .body("total", equalTo(2)).body("items", hasSize(1)).body("size", equalTo(1));
        given().queryParam("village", "623027").queryParam("cadre", c1).queryParam("status", "草拟")
                .when().get("/api/v1/pairings").then().body("total", equalTo(1));
        given().queryParam("village", "623026").queryParam("cadre", c1).when().get("/api/v1/pairings").then()
                .body("total", equalTo(0));
        given().queryParam("primary", "maybe").when().get("/api/v1/pairings").then().statusCode(400)
                .body("errors[0].rule", equalTo("param.type"));
    }

    // ---------------------------------------------------------------------------------------------------

    static ValidatableResponse create(UUID cadre, UUID household) {
        return given().contentType(ContentType.JSON)
                .body("{\"cadreId\":\"" + cadre + "\",\"householdId\":\"" + household + "\"}")
                .when().post("/api/v1/pairings").then();
    }

    static ValidatableResponse confirm(UUID unit, String by) {
        return given().contentType(ContentType.JSON).body("{\"confirmedBy\":\"" + by + "\"}")
                .when().post("/api/v1/units/" + unit + "/pairings/confirm").then();
    }

    static ValidatableResponse end(String pairing, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/pairings/" + pairing + "/end")
                .then();
    }

    private static void notFound(io.restassured.response.Response r, String detail) {
        r.then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:lianhu:problem:not-found"))
                .body("detail", equalTo(detail));
    }

    private String unitName(UUID unit) {
        return fx.unitName(unit);
    }

    private List<UUID> householdsWithoutPairing(String village) {
        return fx.unpaired(village);
    }
}
