package cn.gansu.lianhu.pairing.units;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.pairing.domain.CadreStatus;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Provincial leaders' links to poor counties and one poor village in each (联县联村, issue 3 point 4). Counties
 * 舟曲县 623023, 迭部县 623024, 玛曲县 623025 (poor) and 甘州区 620702 (not poor).
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class LeaderLinksTest {
    static final String ZHOUQU_MIAOGOU = "623023100200"; // 庙沟村村民委员会, poor
    static final String ZHOUQU_XICHENG = "623023100001"; // 西城社区居民委员会, not poor
    static final String DIEBU_DIANGA = "623024100200"; // 电尕村民委员会, poor
    static final String MAQU_GONGMA = "623025100200"; // 贡玛村民委员会, poor
    static final String GANZHOU_JIAOTONG = "620702001001"; // 交通巷社区居民委员会, not poor

    @Inject
    Fixtures fixtures;

    String t;
    UUID unit;
    UUID leader;

    @BeforeEach
    void setUp() {
        fixtures.county("623023", "舟曲县", true);
        fixtures.county("623024", "迭部县", true);
        fixtures.county("623025", "玛曲县", true);
        fixtures.county("620702", "甘州区", false);
        fixtures.village(ZHOUQU_MIAOGOU, "庙沟村村民委员会", true);
        fixtures.village(ZHOUQU_XICHENG, "西城社区居民委员会", false);
        fixtures.village(DIEBU_DIANGA, "电尕村民委员会", true);
        fixtures.village(MAQU_GONGMA, "贡玛村民委员会", true);
        fixtures.village(GANZHOU_JIAOTONG, "交通巷社区居民委员会", false);
        t = Fixtures.token();
        unit = Fixtures.registerUnit("中共甘肃省委办公厅" + t, "PROVINCE", "62");
        leader = Fixtures.registerCadre("张志远" + t, unit, "省级领导");
    }

    @Test
    void aLeaderLinksUpToTwoPoorCountiesAndAThirdIs422() {
        given().when().get("/api/v1/cadres/" + leader)
                .then().statusCode(200)
                .body("rank", equalTo("PROVINCIAL_LEADER"))
                .body("minimumHouseholds", equalTo(5))
                .body("leader.linkedCounties", equalTo(0))
                .body("leader.minCounties", equalTo(1))
                .body("leader.maxCounties", equalTo(2))
                .body("leader.meetsMinimum", equalTo(false))
                .body("leader.links", empty());

        given().contentType(ContentType.JSON).body(Map.of("countyCode", "623023", "villageCode", ZHOUQU_MIAOGOU,
                "linkedOn", "2026-11-01"))
                .when().post("/api/v1/cadres/" + leader + "/counties")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/cadres/" + leader + "/counties"))
                .body("cadreId", equalTo(leader.toString()))
                .body("countyCode", equalTo("623023000000"))
                .body("countyName", equalTo("舟曲县"))
                .body("villageCode", equalTo(ZHOUQU_MIAOGOU))
                .body("villageName", equalTo("庙沟村村民委员会"))
                .body("linkedOn", equalTo("2026-11-01"))
                .body("active", equalTo(true));
        given().when().get("/api/v1/cadres/" + leader)
                .then().body("leader.linkedCounties", equalTo(1))
                .body("leader.meetsMinimum", equalTo(true))
                .body("leader.links.countyName", contains("舟曲县"));
        given().when().get("/api/v1/villages/" + ZHOUQU_MIAOGOU)
                .then().body("leaders.cadreId", hasItem(leader.toString()));

        given().contentType(ContentType.JSON).body(Map.of("countyCode", "623024000000", "villageCode", DIEBU_DIANGA))
                .when().post("/api/v1/cadres/" + leader + "/counties")
                .then().statusCode(201).body("linkedOn", equalTo("2026-11-29"));

        given().contentType(ContentType.JSON).body(Map.of("countyCode", "623025", "villageCode", MAQU_GONGMA))
                .when().post("/api/v1/cadres/" + leader + "/counties")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("countyCode"))
                .body("errors[0].rule", equalTo("leader-link.too-many-counties"))
                .body("errors[0].message", equalTo("leader 张志远" + t + " already links 2 poor counties; at most 2 "
                        + "(623023 舟曲县, 623024 迭部县)"));
        given().contentType(ContentType.JSON).body(Map.of("countyCode", "623023", "villageCode", ZHOUQU_MIAOGOU))
                .when().post("/api/v1/cadres/" + leader + "/counties")
                .then().statusCode(409)
                .body("errors[0].field", equalTo("countyCode"))
                .body("errors[0].rule", equalTo("leader-link.duplicate-county"));
        given().when().get("/api/v1/cadres/" + leader + "/counties")
                .then().statusCode(200).body("countyCode", contains("623023000000", "623024000000"));
        given().when().get("/api/v1/cadres?q=张志远" + t)
                .then().statusCode(200).body("items[0].leader.linkedCounties", equalTo(2))
                .body("items[0].leader.links.villageCode", contains(ZHOUQU_MIAOGOU, DIEBU_DIANGA));
    }

    @Test
    void onlyAnActiveProvincialLeaderLinksCounties() {
        UUID cadre = Fixtures.registerCadre("李处长" + t, unit, "COUNTY_DIVISION");
        given().contentType(ContentType.JSON).body(Map.of("countyCode", "623023", "villageCode", ZHOUQU_MIAOGOU))
                .when().post("/api/v1/cadres/" + cadre + "/counties")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].rule", equalTo("leader-link.not-provincial-leader"));
        given().when().get("/api/v1/cadres/" + cadre).then().body("leader", nullValue());

        fixtures.status(leader, CadreStatus.RETIRED);
        given().contentType(ContentType.JSON).body(Map.of("countyCode", "623023", "villageCode", ZHOUQU_MIAOGOU))
                .when().post("/api/v1/cadres/" + leader + "/counties")
                .then().statusCode(422)
                .body("errors[0].rule", equalTo("leader-link.not-provincial-leader"))
                .body("errors[0].message", containsString("PROVINCIAL_LEADER and RETIRED"));
        UUID nobody = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(Map.of("countyCode", "623023", "villageCode", ZHOUQU_MIAOGOU))
                .when().post("/api/v1/cadres/" + nobody + "/counties")
                .then().statusCode(404).body("detail", equalTo("cadre " + nobody + " does not exist"));
        given().when().get("/api/v1/cadres/" + nobody + "/counties").then().statusCode(404);
    }

    @Test
    void countyAndVillageMustBePoorAndTheVillageInsideTheCounty() {
        String url = "/api/v1/cadres/" + leader + "/counties";
        given().contentType(ContentType.JSON).body(Map.of("countyCode", "623023", "villageCode", DIEBU_DIANGA))
                .when().post(url)
                .then().statusCode(422)
                .body("errors[0].field", equalTo("villageCode"))
                .body("errors[0].rule", equalTo("leader-link.village-outside-county"))
                .body("errors[0].message", equalTo("village 623024100200 is not in county 623023000000: a leader links "
                        + "one poor village inside each linked county"));
        given().contentType(ContentType.JSON).body(Map.of("countyCode", "620702", "villageCode", GANZHOU_JIAOTONG))
                .when().post(url)
                .then().statusCode(422)
                .body("errors[0].field", equalTo("countyCode"))
                .body("errors[0].rule", equalTo("leader-link.not-poor-county"))
                .body("errors[0].message", equalTo("county 620702000000 甘州区 is not a poor county (贫困县)"));
        given().contentType(ContentType.JSON).body(Map.of("countyCode", "623099", "villageCode", "623099100200"))
                .when().post(url)
                .then().statusCode(422)
                .body("errors[0].rule", equalTo("leader-link.not-poor-county"))
                .body("errors[0].message", containsString("not known from registry events"));
        given().contentType(ContentType.JSON).body(Map.of("countyCode", "623023", "villageCode", ZHOUQU_XICHENG))
                .when().post(url)
                .then().statusCode(422)
                .body("errors[0].field", equalTo("villageCode"))
                .body("errors[0].rule", equalTo("leader-link.not-poor-village"))
                .body("errors[0].message", equalTo("village 623023100001 西城社区居民委员会 is not a poor village (贫困村)"));
        given().contentType(ContentType.JSON).body(Map.of("countyCode", "623023", "villageCode", "623023199999"))
                .when().post(url)
                .then().statusCode(422)
                .body("errors[0].rule", equalTo("leader-link.not-poor-village"));
        given().contentType(ContentType.JSON).body(Map.of("countyCode", "6230", "villageCode", ZHOUQU_MIAOGOU))
                .when().post(url)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("countyCode"))
                .body("errors[0].rule", equalTo("region-code.format"));
        given().contentType(ContentType.JSON).body(Map.of("countyCode", "623023", "villageCode", "623023100"))
                .when().post(url)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("villageCode"))
                .body("errors[0].rule", equalTo("region-code.format"));
        given().contentType(ContentType.JSON).body(Map.of("countyCode", "623023", "villageCode", ZHOUQU_MIAOGOU,
                "linkedOn", "2027-01-01"))
                .when().post(url)
                .then().statusCode(422)
                .body("errors[0].field", equalTo("linkedOn"))
                .body("errors[0].rule", equalTo("date.future"));
        given().contentType(ContentType.JSON).body(Map.of("villageCode", ZHOUQU_MIAOGOU))
                .when().post(url)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("countyCode"))
                .body("errors[0].rule", equalTo("not-blank"));
        given().when().get(url).then().statusCode(200).body("$", empty());
    }

    @Test
    void endingALinkNeedsAnApplicableReasonAndNoLivePairingsInItsVillage() {
        String url = "/api/v1/cadres/" + leader + "/counties";
        given().contentType(ContentType.JSON).body(Map.of("countyCode", "623025", "villageCode", MAQU_GONGMA,
                "linkedOn", "2026-11-01")).when().post(url).then().statusCode(201);
        String end = url + "/623025/end";
        UUID pairing = fixtures.livePairing(leader, unit, MAQU_GONGMA);

        Map<String, Object> body = new HashMap<>(Map.of("reason", "HOUSEHOLD_DISSOLVED", "date", "2026-11-29"));
        given().contentType(ContentType.JSON).body(body).when().post(end)
                .then().statusCode(422)
                .body("errors[0].rule", equalTo("end.reason-not-applicable"))
                .body("errors[0].message", equalTo("a leader's county link cannot end with HOUSEHOLD_DISSOLVED; allowed: "
                        + "CORRECTION_APPROVED, CADRE_TRANSFERRED, CADRE_RETIRED, CADRE_DECEASED"));
        body.put("reason", "CORRECTION_APPROVED");
        given().contentType(ContentType.JSON).body(body).when().post(end)
                .then().statusCode(400)
                .body("errors[0].rule", equalTo("end.approved-by-required"));
        body.put("reason", "干部调离");
        given().contentType(ContentType.JSON).body(body).when().post(end)
                .then().statusCode(422)
                .body("errors[0].field", equalTo("countyCode"))
                .body("errors[0].rule", equalTo("leader-link.has-live-pairings"))
                .body("errors[0].message", containsString("still has 1 live pairing (DRAFT or ACTIVE) in village "
                        + MAQU_GONGMA));

        // the rank cannot leave PROVINCIAL_LEADER while pairings or links are live
        Map<String, Object> demote = Fixtures.cadre("张志远" + t, fixtures.idNumberOf(leader), unit, "OTHER");
        given().contentType(ContentType.JSON).body(demote).when().put("/api/v1/cadres/" + leader)
                .then().statusCode(422)
                .body("errors[0].field", equalTo("rank"))
                .body("errors[0].rule", equalTo("cadre.has-live-pairings"));
        fixtures.withdraw(pairing);
        given().contentType(ContentType.JSON).body(demote).when().put("/api/v1/cadres/" + leader)
                .then().statusCode(422)
                .body("errors[0].field", equalTo("rank"))
                .body("errors[0].rule", equalTo("cadre.has-leader-links"));

        given().contentType(ContentType.JSON).body(body).when().post(end)
                .then().statusCode(200)
                .body("active", equalTo(false))
                .body("endReason", equalTo("CADRE_TRANSFERRED"))
                .body("endedOn", equalTo("2026-11-29"))
                .body("endedBy", nullValue())
                .body("countyName", equalTo("玛曲县"));
        given().contentType(ContentType.JSON).body(body).when().post(end)
                .then().statusCode(404)
                .body("detail", equalTo("active county link of cadre " + leader + " to county 623025000000 does not "
                        + "exist"));
        given().when().get(url + "?active=false").then().body("countyCode", contains("623025000000"));
        given().when().get(url + "?active=true").then().body("$", empty());
        given().when().get("/api/v1/cadres/" + leader).then().body("leader.linkedCounties", equalTo(0))
                .body("leader.meetsMinimum", equalTo(false));
        given().contentType(ContentType.JSON).body(demote).when().put("/api/v1/cadres/" + leader)
                .then().statusCode(200).body("rank", equalTo("OTHER")).body("leader", nullValue());
    }
}
