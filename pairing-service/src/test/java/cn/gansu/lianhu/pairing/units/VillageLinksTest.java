package cn.gansu.lianhu.pairing.units;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Unit → poor village links (部门联村, issue 3 point 3). The villages of 卓尼县 (623022) reach pairing-service as
 * real registry CloudEvents on {@code registry.regions}, produced to the broker exactly as registry's outbox
 * relay writes them; only poor villages so learnt can be linked.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class VillageLinksTest {
    static final String CAOCHAGOU = "623022100200"; // 草岔沟村村民委员会, poor
    static final String DONGSHIGOU = "623022100201"; // 东石沟村村民委员会, poor
    static final String SHANGZHUO = "623022100202"; // 上卓村村民委员会, poor
    static final String CHENGDONG = "623022100001"; // 城东社区居民委员会, not poor
    private static boolean published;

    @Inject
    Fixtures fixtures;

    String t;
    UUID unit;

    @BeforeEach
    void setUp() throws Exception {
        if (!published) {
            try (KafkaProducer<String, String> producer = TestKafka.producer()) {
                for (String[] v : new String[][] { { CAOCHAGOU, "草岔沟村村民委员会", "true" },
                        { DONGSHIGOU, "东石沟村村民委员会", "true" }, { SHANGZHUO, "上卓村村民委员会", "true" },
                        { CHENGDONG, "城东社区居民委员会", "false" } }) {
                    producer.send(new ProducerRecord<>("registry.regions", v[0], regionEvent(v[0], v[1],
                            Boolean.parseBoolean(v[2])))).get();
                }
            }
            for (String code : new String[] { CAOCHAGOU, DONGSHIGOU, SHANGZHUO, CHENGDONG }) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when()
                        .get("/api/v1/villages/" + code).then().statusCode(200));
            }
            published = true;
        }
        t = Fixtures.token();
        unit = Fixtures.registerUnit("卓尼县农业农村局" + t, "COUNTY", "623022");
    }

    @Test
    void linksAPoorVillageLearntFromRegistryEventsOnce() {
        String id = given().contentType(ContentType.JSON).body(Map.of("villageCode", CAOCHAGOU))
                .when().post("/api/v1/units/" + unit + "/villages")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/units/" + unit + "/villages"))
                .body("unitId", equalTo(unit.toString()))
                .body("villageCode", equalTo(CAOCHAGOU))
                .body("villageName", equalTo("草岔沟村村民委员会"))
                .body("countyCode", equalTo("623022000000"))
                .body("linkedOn", equalTo("2026-11-29"))
                .body("endedOn", nullValue())
                .body("active", equalTo(true))
                .extract().path("id");
        given().when().get("/api/v1/villages/" + CAOCHAGOU)
                .then().statusCode(200)
                .body("poor", equalTo(true))
                .body("units.unitId", hasItem(unit.toString()))
                .body("units.find { it.unitId == '" + unit + "' }.name", equalTo("卓尼县农业农村局" + t))
                .body("units.find { it.unitId == '" + unit + "' }.level", equalTo("COUNTY"))
                .body("units.find { it.unitId == '" + unit + "' }.linkedOn", equalTo("2026-11-29"));
        given().when().get("/api/v1/units/" + unit).then().body("linkedVillages", equalTo(1));

        given().contentType(ContentType.JSON).body(Map.of("villageCode", CAOCHAGOU, "linkedOn", "2026-10-01"))
                .when().post("/api/v1/units/" + unit + "/villages")
                .then().statusCode(409)
                .body("errors[0].field", equalTo("villageCode"))
                .body("errors[0].rule", equalTo("village-link.duplicate"))
                .body("errors[0].message", equalTo("unit 卓尼县农业农村局" + t + " already links village " + CAOCHAGOU
                        + " 草岔沟村村民委员会"));
        given().when().get("/api/v1/units/" + unit + "/villages")
                .then().statusCode(200).body("id", contains(id));

        // another unit may link the same village
        UUID other = Fixtures.registerUnit("卓尼县水务局" + t, "COUNTY", "623022");
        given().contentType(ContentType.JSON).body(Map.of("villageCode", CAOCHAGOU))
                .when().post("/api/v1/units/" + other + "/villages").then().statusCode(201);
        given().when().get("/api/v1/villages/" + CAOCHAGOU)
                .then().body("units.unitId", org.hamcrest.Matchers.hasItems(unit.toString(), other.toString()));
    }

    @Test
    void aVillageThatIsNotPoorIs422NamingTheVillage() {
        given().contentType(ContentType.JSON).body(Map.of("villageCode", CHENGDONG))
                .when().post("/api/v1/units/" + unit + "/villages")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("villageCode"))
                .body("errors[0].rule", equalTo("village-link.not-poor-village"))
                .body("errors[0].message", equalTo("village " + CHENGDONG + " 城东社区居民委员会 is not a poor village "
                        + "(贫困村): units link poor villages only"));
        given().when().get("/api/v1/units/" + unit + "/villages").then().statusCode(200).body("$", empty());
    }

    @Test
    void aVillageRegistryNeverPublishedIs422() {
        given().contentType(ContentType.JSON).body(Map.of("villageCode", "623022199999"))
                .when().post("/api/v1/units/" + unit + "/villages")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("villageCode"))
                .body("errors[0].rule", equalTo("village-link.unknown-village"))
                .body("errors[0].message", containsString("623022199999"));
    }

    @Test
    void badCodesDatesAndIdsAreRefused() {
        given().contentType(ContentType.JSON).body(Map.of("villageCode", "623022"))
                .when().post("/api/v1/units/" + unit + "/villages")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("villageCode"))
                .body("errors[0].rule", equalTo("region-code.format"));
        given().contentType(ContentType.JSON).body(Map.of("villageCode", DONGSHIGOU, "linkedOn", "2026-11-30"))
                .when().post("/api/v1/units/" + unit + "/villages")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("linkedOn"))
                .body("errors[0].rule", equalTo("date.future"))
                .body("errors[0].message", equalTo("linkedOn 2026-11-30 is in the future (today is 2026-11-29)"));
        given().contentType(ContentType.JSON).body(Map.of("villageCode", DONGSHIGOU, "linkedOn", "30.11.2026"))
                .when().post("/api/v1/units/" + unit + "/villages")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("linkedOn"));
        UUID nowhere = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(Map.of("villageCode", DONGSHIGOU))
                .when().post("/api/v1/units/" + nowhere + "/villages")
                .then().statusCode(404)
                .body("detail", equalTo("unit " + nowhere + " does not exist"));
        given().when().get("/api/v1/units/" + nowhere + "/villages").then().statusCode(404);
        given().when().get("/api/v1/units/xyz/villages").then().statusCode(400)
                .body("errors[0].rule", equalTo("param.type"));
        given().when().get("/api/v1/units/" + unit + "/villages").then().statusCode(200).body("$", empty());
    }

    @Test
    void endingNeedsAReasonADateAndNoLivePairings() {
        given().contentType(ContentType.JSON).body(Map.of("villageCode", SHANGZHUO, "linkedOn", "2026-11-01"))
                .when().post("/api/v1/units/" + unit + "/villages").then().statusCode(201);
        String end = "/api/v1/units/" + unit + "/villages/" + SHANGZHUO + "/end";

        given().contentType(ContentType.JSON).body(Map.of("date", "2026-11-29")).when().post(end)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("reason"))
                .body("errors[0].rule", equalTo("end.reason-required"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "CORRECTION_APPROVED")).when().post(end)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("date"))
                .body("errors[0].rule", equalTo("end.date-required"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "批准更正", "date", "2026-11-29")).when().post(end)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("approvedBy"))
                .body("errors[0].rule", equalTo("end.approved-by-required"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "GONE", "date", "2026-11-29")).when().post(end)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("reason"))
                .body("errors[0].rule", equalTo("enum.value"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "HOUSEHOLD_MOVED", "date", "2026-11-29")).when()
                .post(end)
                .then().statusCode(422)
                .body("errors[0].field", equalTo("reason"))
                .body("errors[0].rule", equalTo("end.reason-not-applicable"));
        Map<String, Object> body = new HashMap<>(Map.of("reason", "CORRECTION_APPROVED", "date", "2026-10-31",
                "approvedBy", "卓尼县联村联户办 杨明"));
        given().contentType(ContentType.JSON).body(body).when().post(end)
                .then().statusCode(422)
                .body("errors[0].field", equalTo("date"))
                .body("errors[0].rule", equalTo("end.before-start"));
        body.put("date", "2026-12-01");
        given().contentType(ContentType.JSON).body(body).when().post(end)
                .then().statusCode(422)
                .body("errors[0].rule", equalTo("date.future"));

        UUID cadre = Fixtures.registerCadre("杨国强", unit, "OTHER");
        UUID p1 = fixtures.livePairing(cadre, unit, SHANGZHUO);
        UUID p2 = fixtures.livePairing(cadre, unit, SHANGZHUO);
        body.put("date", "2026-11-29");
        given().contentType(ContentType.JSON).body(body).when().post(end)
                .then().statusCode(422)
                .body("errors[0].field", equalTo("villageCode"))
                .body("errors[0].rule", equalTo("village-link.has-live-pairings"))
                .body("errors[0].message", equalTo("unit 卓尼县农业农村局" + t + " still has 2 live pairings (DRAFT or "
                        + "ACTIVE) in village " + SHANGZHUO + ": end or hand them over first (不脱钩)"));
        given().when().get("/api/v1/units/" + unit + "/villages?active=true").then().body("villageCode", contains(SHANGZHUO));

        fixtures.withdraw(p1);
        fixtures.withdraw(p2);
        given().contentType(ContentType.JSON).body(body).when().post(end)
                .then().statusCode(200)
                .body("active", equalTo(false))
                .body("endedOn", equalTo("2026-11-29"))
                .body("endReason", equalTo("CORRECTION_APPROVED"))
                .body("endedBy", equalTo("卓尼县联村联户办 杨明"));
        given().contentType(ContentType.JSON).body(body).when().post(end)
                .then().statusCode(404)
                .body("detail", equalTo("active village link of unit " + unit + " to village " + SHANGZHUO
                        + " does not exist"));
        given().when().get("/api/v1/units/" + unit + "/villages?active=true").then().statusCode(200).body("$", empty());
        given().when().get("/api/v1/units/" + unit + "/villages?active=false").then().statusCode(200)
                .body("villageCode", contains(SHANGZHUO));
        given().when().get("/api/v1/units/" + unit).then().body("linkedVillages", equalTo(0))
                .body("requiredVillages", equalTo(1)).body("villagesShort", equalTo(1));
        given().when().get("/api/v1/villages/" + SHANGZHUO).then().body("units.unitId", not(hasItem(unit.toString())));

        // linked again after the end: a new link, the ended one stays in the history
        given().contentType(ContentType.JSON).body(Map.of("villageCode", SHANGZHUO))
                .when().post("/api/v1/units/" + unit + "/villages").then().statusCode(201);
        given().when().get("/api/v1/units/" + unit + "/villages").then().statusCode(200)
                .body("active", contains(false, true));
    }

    /** A village event exactly as registry-service's outbox writes it. */
    static String regionEvent(String code, String name, boolean poor) {
        return """
                {"specversion":"1.0","id":"%s","source":"/lianhu/registry-service",\
                "type":"cn.gansu.lianhu.registry.region.registered.v1","subject":"%s","time":"2026-11-29T08:00:00Z",\
                "datacontenttype":"application/json","data":{"code":"%s","name":"%s","level":"VILLAGE",\
                "parentCode":"%s","poorCounty":false,"contiguousArea":null,"nationalKeyCounty":false,\
                "poorVillage":%s}}""".formatted(UUID.randomUUID(), code, code, name, code.substring(0, 9) + "000", poor);
    }
}
