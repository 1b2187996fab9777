package cn.gansu.lianhu.pairing.pairings;

import static cn.gansu.lianhu.pairing.pairings.HandOverTest.depart;
import static cn.gansu.lianhu.pairing.pairings.HandOverTest.ho;
import static cn.gansu.lianhu.pairing.pairings.PairingRulesTest.confirm;
import static cn.gansu.lianhu.pairing.pairings.PairingRulesTest.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.pairing.units.Fixtures;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.events.PublishedEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * The events pairing-service really publishes match the AsyncAPI document of lianhu-events (issue 9 point 3). The
 * test makes every kind of change pairing publishes — a unit and cadres registered (REST), a cadre updated, a unit ↔
 * village link and a leader ↔ county link made and ended, pairings drafted, one withdrawn, the primary moved, the unit
 * confirmed (pairings activated), a cadre leaving with a hand-over (pairings ended and taken over) — waits for the
 * outbox relay, reads pairing.units, pairing.cadres, pairing.links, pairing.pairings and pairing-service.dead-letter
 * from the beginning with a plain consumer and validates every record found (those of the other test classes of this
 * JVM too) against the schemas of its channel and type.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class PublishedEventsSchemaTest {
    private static final String SERVICE = "pairing-service";
    /** 碌曲县 (623026, poor) and villages used by no other test class. */
    private static final String COUNTY = "623026";
    private static final String LINK_VILLAGE = "623026102201";
    private static final String LEADER_VILLAGE = "623026102202";
    private static final String PAIRING_VILLAGE = "623026102203";

    @Inject
    Fixtures fixtures;

    @Inject
    PairingFixtures fx;

    @Test
    void everyPublishedRecordMatchesTheAsyncApiDocument() {
        String t = Fixtures.token();
        fixtures.county(COUNTY, "碌曲县", true);
        fixtures.village(LINK_VILLAGE, "双岔村民委员会", true);
        fixtures.village(LEADER_VILLAGE, "西仓村民委员会", true);
        fixtures.village(PAIRING_VILLAGE, "尕秀村民委员会", true);

        // pairing.units / pairing.cadres: registered, updated
        UUID unit = Fixtures.registerUnit("碌曲县扶贫开发办公室" + t, "COUNTY", COUNTY);
        UUID cadre = Fixtures.registerCadre("才让" + t, unit, "OTHER");
        Map<String, Object> update = Fixtures.cadre("才让" + t, fixtures.idNumberOf(cadre), unit, "COUNTY_DIVISION");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(update)
                .when().put("/api/v1/cadres/" + cadre).then().statusCode(200).body("version", equalTo(2));

        // pairing.links: a village link and a leader link, each made and ended
        given().contentType(ContentType.JSON).body(Map.of("villageCode", LINK_VILLAGE, "linkedOn", "2026-11-01"))
                .when().post("/api/v1/units/" + unit + "/villages").then().statusCode(201);
        Map<String, Object> end = Map.of("reason", "CORRECTION_APPROVED", "date", "2026-11-29", "approvedBy",
                "碌曲县联村联户办 杨明");
        given().contentType(ContentType.JSON).body(end)
                .when().post("/api/v1/units/" + unit + "/villages/" + LINK_VILLAGE + "/end").then().statusCode(200);
        UUID province = Fixtures.registerUnit("中共甘肃省委办公厅" + t, "PROVINCE", "62");
        UUID leader = Fixtures.registerCadre("张志远" + t, province, "PROVINCIAL_LEADER");
        given().contentType(ContentType.JSON)
                .body(Map.of("countyCode", COUNTY, "villageCode", LEADER_VILLAGE, "linkedOn", "2026-11-01"))
                .when().post("/api/v1/cadres/" + leader + "/counties").then().statusCode(201);
        given().contentType(ContentType.JSON).body(end)
                .when().post("/api/v1/cadres/" + leader + "/counties/" + COUNTY + "/end").then().statusCode(200);

        // pairing.pairings: drafted, withdrawn, primary-changed, activated (+ unit pairings-confirmed), ended with a
        // hand-over (+ cadre left)
        UUID pairingUnit = fx.unit("碌曲县农业农村局");
        fx.villageLink(pairingUnit, PAIRING_VILLAGE);
        UUID h1 = fx.household(PAIRING_VILLAGE, "IN_POVERTY");
        UUID h2 = fx.household(PAIRING_VILLAGE, "IN_POVERTY");
        UUID h3 = fx.household(PAIRING_VILLAGE, "IN_POVERTY");
        UUID a = fx.cadre(pairingUnit, "扎西", CadreRank.OTHER);
        UUID b = fx.cadre(pairingUnit, "卓玛", CadreRank.OTHER);
        create(a, h1).statusCode(201);
        String pB1 = create(b, h1).statusCode(201).extract().path("id");
        create(b, h2).statusCode(201);
        String withdrawn = create(b, h3).statusCode(201).extract().path("id");
        given().when().delete("/api/v1/pairings/" + withdrawn).then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        create(a, h3).statusCode(201); // confirmation needs every household of the linked village paired
        given().when().post("/api/v1/pairings/" + pB1 + "/primary").then().statusCode(200);
        confirm(pairingUnit, "碌曲县农业农村局 局长 尕藏").log().ifValidationFails().statusCode(200).body("activated", equalTo(4));
        UUID c = fx.cadre(pairingUnit, "拉毛", CadreRank.OTHER);
        depart(b, "{\"status\":\"TRANSFERRED\",\"date\":\"2026-11-29\",\"handovers\":[" + ho(h1, c) + "," + ho(h2, c)
                + "]}").statusCode(200);

        PublishedEvents.assertEverySentTypeValid(SERVICE,
                List.of("pairing.units", "pairing.cadres", "pairing.links", "pairing.pairings"), 15);
    }
}
