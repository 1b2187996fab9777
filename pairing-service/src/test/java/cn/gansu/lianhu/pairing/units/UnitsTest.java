package cn.gansu.lianhu.pairing.units;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Units (issue 3 point 1): registration with every field rule, update with versions, list filters, and the
 * village obligation by cadre-count band (point 3). Villages of 临潭县 (623021).
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class UnitsTest {

    @Inject
    Fixtures fixtures;

    String t;

    @BeforeEach
    void token() {
        t = Fixtures.token();
    }

    @Test
    void registersAUnitWithChineseTermsAndAShortRegionCode() {
        Map<String, Object> body = Fixtures.unit("临潭县人民医院" + t, "县区", "事业单位", "623021");
        String id = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/units")
                .then().statusCode(201)
                .contentType("application/json")
                .header("ETag", equalTo("\"1\""))
                .header("Location", containsString("/api/v1/units/"))
                .body("name", equalTo("临潭县人民医院" + t))
                .body("level", equalTo("COUNTY"))
                .body("kind", equalTo("PUBLIC_INSTITUTION"))
                .body("regionCode", equalTo("623021000000"))
                .body("creditCode", nullValue())
                .body("activeCadres", equalTo(0))
                .body("requiredVillages", equalTo(0))
                .body("linkedVillages", equalTo(0))
                .body("villagesShort", equalTo(0))
                .body("pairingsConfirmed", equalTo(false))
                .body("pairingsConfirmedAt", nullValue())
                .body("version", equalTo(1))
                .body("createdAt", notNullValue())
                .extract().path("id");
        given().when().get("/api/v1/units/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("id", equalTo(id))
                .body("level", equalTo("COUNTY"));
    }

    @Test
    void aValidCreditCodeIsStoredUpperCaseAndIsUnique() {
        String code = creditCode("11623021MB" + t.toUpperCase().replaceAll("[IOSVZ]", "1").substring(0, 4) + "999");
        Map<String, Object> body = Fixtures.unit("临潭县农业农村局" + t, "COUNTY", "PARTY_GOVERNMENT", "623021000000");
        body.put("creditCode", code.toLowerCase());
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/units")
                .then().statusCode(201).body("creditCode", equalTo(code));

        Map<String, Object> other = Fixtures.unit("临潭县林业和草原局" + t, "COUNTY", "PARTY_GOVERNMENT", "623021");
        other.put("creditCode", code);
        given().contentType(ContentType.JSON).body(other).when().post("/api/v1/units")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("creditCode"))
                .body("errors[0].rule", equalTo("unit.duplicate-credit-code"))
                .body("errors[0].message", containsString(code));
    }

    @Test
    void aCreditCodeWithAWrongCheckCharacterIs400NamingTheRule() {
        String valid = creditCode("11620000013918592");
        char wrong = valid.charAt(17) == '1' ? '2' : '1';
        Map<String, Object> body = Fixtures.unit("甘肃省某厅" + t, "PROVINCE", "PARTY_GOVERNMENT", "62");
        body.put("creditCode", valid.substring(0, 17) + wrong);
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/units")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("creditCode"))
                .body("errors[0].rule", equalTo("credit-code.check-character"))
                .body("errors[0].message", equalTo("creditCode check character should be " + valid.charAt(17)
                        + ", not " + wrong + " (GB 32100)"));
        given().when().get("/api/v1/units?q=" + t).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aCreditCodeOfTheWrongFormIs400() {
        Map<String, Object> body = Fixtures.unit("甘肃省某局" + t, "PROVINCE", "PARTY_GOVERNMENT", "62");
        body.put("creditCode", "11620000O13918592M"); // letter O is not in the GB 32100 set
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/units")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("creditCode"))
                .body("errors[0].rule", equalTo("credit-code.format"));
    }

    @Test
    void aRegionOfAnotherLevelIs422() {
        given().contentType(ContentType.JSON).body(Fixtures.unit("临潭县某局" + t, "COUNTY", "PARTY_GOVERNMENT", "6230"))
                .when().post("/api/v1/units")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("regionCode"))
                .body("errors[0].rule", equalTo("unit.region-level-mismatch"))
                .body("errors[0].message", equalTo("a COUNTY unit sits in a region of 6 significant digits "
                        + "(e.g. 623021), but 6230 is a PREFECTURE code"));
        given().contentType(ContentType.JSON)
                .body(Fixtures.unit("甘肃省某办" + t, "PROVINCE", "PARTY_GOVERNMENT", "623021100000"))
                .when().post("/api/v1/units")
                .then().statusCode(422)
                .body("errors[0].rule", equalTo("unit.region-level-mismatch"));
        given().contentType(ContentType.JSON)
                .body(Fixtures.unit("城关镇政府" + t, "TOWNSHIP", "PARTY_GOVERNMENT", "623021100"))
                .when().post("/api/v1/units")
                .then().statusCode(201).body("regionCode", equalTo("623021100000"));
    }

    @Test
    void aRegionOutsideGansuIs422AndAMalformedCodeIs400() {
        given().contentType(ContentType.JSON).body(Fixtures.unit("西安市某局" + t, "PREFECTURE", "PARTY_GOVERNMENT", "6101"))
                .when().post("/api/v1/units")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("regionCode"))
                .body("errors[0].rule", equalTo("unit.region-outside-gansu"));
        given().contentType(ContentType.JSON).body(Fixtures.unit("某局" + t, "PREFECTURE", "PARTY_GOVERNMENT", "623"))
                .when().post("/api/v1/units")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("regionCode"))
                .body("errors[0].rule", equalTo("region-code.format"));
    }

    @Test
    void unknownLevelOrKindAndMissingFieldsAre400() {
        given().contentType(ContentType.JSON).body(Fixtures.unit("某局" + t, "CITY", "PARTY_GOVERNMENT", "6230"))
                .when().post("/api/v1/units")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("level"))
                .body("errors[0].rule", equalTo("enum.value"))
                .body("errors[0].message", equalTo("level is one of PROVINCE (省直), PREFECTURE (市州), COUNTY (县区), "
                        + "TOWNSHIP (乡镇), not 'CITY'"));
        given().contentType(ContentType.JSON).body(Fixtures.unit("某局" + t, "PREFECTURE", "CHARITY", "6230"))
                .when().post("/api/v1/units")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("kind"))
                .body("errors[0].rule", equalTo("enum.value"));
        given().contentType(ContentType.JSON).body(Map.of("level", "PROVINCE"))
                .when().post("/api/v1/units")
                .then().statusCode(400)
                .body("errors.field", contains("kind", "name", "regionCode"))
                .body("errors.rule", contains("not-blank", "not-blank", "not-blank"));
    }

    @Test
    void theSameNameInTheSameRegionIs409ButInAnotherRegionIsFine() {
        String name = "县委组织部" + t;
        Fixtures.registerUnit(name, "COUNTY", "623021");
        given().contentType(ContentType.JSON).body(Fixtures.unit(name, "COUNTY", "PARTY_GOVERNMENT", "623021000000"))
                .when().post("/api/v1/units")
                .then().statusCode(409)
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].rule", equalTo("unit.duplicate-name"));
        given().contentType(ContentType.JSON).body(Fixtures.unit(name, "COUNTY", "PARTY_GOVERNMENT", "623022"))
                .when().post("/api/v1/units")
                .then().statusCode(201);
    }

    @Test
    void unknownUnitIs404AndABadIdIs400() {
        UUID id = UUID.randomUUID();
        given().when().get("/api/v1/units/" + id)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("unit " + id + " does not exist"));
        given().when().get("/api/v1/units/42")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].rule", equalTo("param.type"));
        given().contentType(ContentType.JSON).body(Fixtures.unit("某局" + t, "COUNTY", "PARTY_GOVERNMENT", "623021"))
                .when().put("/api/v1/units/" + id)
                .then().statusCode(404);
    }

    @Test
    void updateBumpsTheVersionChecksItAndANoOpChangesNothing() {
        UUID id = Fixtures.registerUnit("卓尼县教育局" + t, "COUNTY", "623022");
        Map<String, Object> body = Fixtures.unit("卓尼县教育局" + t, "COUNTY", "PARTY_GOVERNMENT", "623022000000");
        given().contentType(ContentType.JSON).body(body).when().put("/api/v1/units/" + id)
                .then().statusCode(200).body("version", equalTo(1)).header("ETag", equalTo("\"1\""));

        body.put("name", "卓尼县教育和体育局" + t);
        body.put("kind", "PUBLIC_INSTITUTION");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body).when().put("/api/v1/units/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("name", equalTo("卓尼县教育和体育局" + t))
                .body("kind", equalTo("PUBLIC_INSTITUTION"))
                .body("version", equalTo(2));

        body.put("version", 1);
        given().contentType(ContentType.JSON).body(body).when().put("/api/v1/units/" + id)
                .then().statusCode(409)
                .body("errors[0].field", equalTo("version"))
                .body("errors[0].rule", equalTo("version.stale"))
                .body("errors[0].message", equalTo("unit " + id + " is at version 2, not 1: read it again and repeat "
                        + "the change"));
        body.remove("version");
        given().contentType(ContentType.JSON).header("If-Match", "two").body(body).when().put("/api/v1/units/" + id)
                .then().statusCode(400).body("errors[0].rule", equalTo("if-match.format"));
        body.put("regionCode", "6230");
        given().contentType(ContentType.JSON).body(body).when().put("/api/v1/units/" + id)
                .then().statusCode(422).body("errors[0].rule", equalTo("unit.region-level-mismatch"));
        given().when().get("/api/v1/units/" + id).then().statusCode(200).body("version", equalTo(2))
                .body("regionCode", equalTo("623022000000"));
    }

    @Test
    void listFiltersByRegionLevelKindAndName() {
        UUID county = Fixtures.registerUnit("临潭县财政局" + t, "COUNTY", "623021");
        UUID township = Fixtures.registerUnit("冶力关镇人民政府" + t, "TOWNSHIP", "623021102");
        UUID other = Fixtures.registerUnit("卓尼县财政局" + t, "COUNTY", "623022");
        Map<String, Object> hospital = Fixtures.unit("临潭县中医院" + t, "COUNTY", "PUBLIC_INSTITUTION", "623021");
        String hospitalId = given().contentType(ContentType.JSON).body(hospital).when().post("/api/v1/units")
                .then().statusCode(201).extract().path("id");

        given().queryParam("q", t).when().get("/api/v1/units")
                .then().statusCode(200)
                .body("total", equalTo(4))
                .body("page", equalTo(0))
                .body("size", equalTo(50))
                // sorted by region code (then name)
                .body("items.regionCode", contains("623021000000", "623021000000", "623021102000", "623022000000"))
                .body("items[0..1].id", org.hamcrest.Matchers.containsInAnyOrder(hospitalId, county.toString()))
                .body("items[2..3].id", contains(township.toString(), other.toString()));
        given().queryParam("q", t).queryParam("region", "623021").when().get("/api/v1/units")
                .then().statusCode(200).body("total", equalTo(3));
        given().queryParam("q", t).queryParam("region", "623021000000").when().get("/api/v1/units")
                .then().statusCode(200).body("total", equalTo(3));
        given().queryParam("q", t).queryParam("region", "623021102").when().get("/api/v1/units")
                .then().statusCode(200).body("items.id", contains(township.toString()));
        given().queryParam("q", t).queryParam("level", "乡镇").when().get("/api/v1/units")
                .then().statusCode(200).body("items.id", contains(township.toString()));
        given().queryParam("q", t).queryParam("kind", "PUBLIC_INSTITUTION").when().get("/api/v1/units")
                .then().statusCode(200).body("items.id", contains(hospitalId));
        given().queryParam("q", "财政局" + t).when().get("/api/v1/units")
                .then().statusCode(200).body("items.id", contains(county.toString(), other.toString()));
        given().queryParam("q", t).queryParam("size", 2).queryParam("page", 1).when().get("/api/v1/units")
                .then().statusCode(200)
                .body("total", equalTo(4))
                .body("items.id", contains(township.toString(), other.toString()));
        given().queryParam("q", "%").queryParam("region", "623021102").when().get("/api/v1/units")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void badListParametersAre400() {
        given().queryParam("region", "623").when().get("/api/v1/units")
                .then().statusCode(400).body("errors[0].field", equalTo("region"))
                .body("errors[0].rule", equalTo("region-code.format"));
        given().queryParam("level", "CITY").when().get("/api/v1/units")
                .then().statusCode(400).body("errors[0].field", equalTo("level"));
        given().queryParam("size", 501).when().get("/api/v1/units")
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
        given().queryParam("page", "last").when().get("/api/v1/units")
                .then().statusCode(400).body("errors[0].rule", equalTo("param.type"));
        given().queryParam("belowRequired", "maybe").when().get("/api/v1/units")
                .then().statusCode(400).body("errors[0].field", equalTo("belowRequired"));
    }

    @Test
    void theBandTableIsServed() {
        given().when().get("/api/v1/units/village-bands")
                .then().statusCode(200)
                .body("minCadres", contains(1, 30, 100, 300))
                .body("maxCadres", contains(29, 99, 299, null))
                .body("villages", contains(1, 2, 3, 4));
    }

    /**
     * A unit with 1 linked village: no cadre → requires 0; 1–29 cadres → 1 (met); the 30th cadre moves it into the
     * second band → requires 2, one short, listed under belowRequired=true; a second village meets it again.
     */
    @Test
    void requiredVillagesFollowTheCadreCountAcrossABand() {
        fixtures.village("623021100204", "西庄子村民委员会", true);
        fixtures.village("623021100205", "下河滩村民委员会", true);
        UUID unit = Fixtures.registerUnit("临潭县卫生健康局" + t, "COUNTY", "623021");
        given().contentType(ContentType.JSON).body(Map.of("villageCode", "623021100204"))
                .when().post("/api/v1/units/" + unit + "/villages").then().statusCode(201);
        given().when().get("/api/v1/units/" + unit).then().statusCode(200)
                .body("activeCadres", equalTo(0)).body("requiredVillages", equalTo(0))
                .body("linkedVillages", equalTo(1)).body("villagesShort", equalTo(0));

        for (int i = 1; i <= 29; i++) {
            Fixtures.registerCadre("干部" + i, unit, "OTHER");
        }
        given().when().get("/api/v1/units/" + unit).then().statusCode(200)
                .body("activeCadres", equalTo(29)).body("requiredVillages", equalTo(1))
                .body("linkedVillages", equalTo(1)).body("villagesShort", equalTo(0))
                .body("version", equalTo(30)); // registered, then one UNIT_UPDATED per cadre
        given().queryParam("q", t).queryParam("belowRequired", true).when().get("/api/v1/units")
                .then().statusCode(200).body("total", equalTo(0));
        given().queryParam("q", t).queryParam("belowRequired", false).when().get("/api/v1/units")
                .then().statusCode(200).body("total", equalTo(1));

        Fixtures.registerCadre("干部30", unit, "COUNTY_DIVISION");
        given().when().get("/api/v1/units/" + unit).then().statusCode(200)
                .body("activeCadres", equalTo(30)).body("requiredVillages", equalTo(2))
                .body("linkedVillages", equalTo(1)).body("villagesShort", equalTo(1))
                .body("version", equalTo(31));
        given().queryParam("q", t).queryParam("belowRequired", true).when().get("/api/v1/units")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(unit.toString()))
                .body("items[0].villagesShort", equalTo(1));
        given().queryParam("region", "623021").queryParam("belowRequired", true).queryParam("size", 500)
                .when().get("/api/v1/units")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(unit.toString()));

        given().contentType(ContentType.JSON).body(Map.of("villageCode", "623021100205"))
                .when().post("/api/v1/units/" + unit + "/villages").then().statusCode(201);
        given().when().get("/api/v1/units/" + unit).then().statusCode(200)
                .body("requiredVillages", equalTo(2)).body("linkedVillages", equalTo(2))
                .body("villagesShort", equalTo(0));
        given().queryParam("q", t).queryParam("belowRequired", true).when().get("/api/v1/units")
                .then().statusCode(200).body("total", equalTo(0));
    }

    /** Cadres registered at the same time in one unit: every one counted, one unit version each, no failure. */
    @Test
    void concurrentCadreRegistrationsGiveOneUnitVersionEach() throws Exception {
        UUID unit = Fixtures.registerUnit("临潭县人力资源和社会保障局" + t, "COUNTY", "623021");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                statuses.add(pool.submit(() -> given().contentType(ContentType.JSON)
                        .body(Fixtures.cadre("并发" + n, Fixtures.idNumber("623021"), unit, "OTHER"))
                        .when().post("/api/v1/cadres").then().extract().statusCode()));
            }
            for (java.util.concurrent.Future<Integer> f : statuses) {
                org.junit.jupiter.api.Assertions.assertEquals(201, f.get());
            }
        } finally {
            pool.shutdown();
        }
        given().when().get("/api/v1/units/" + unit).then().statusCode(200)
                .body("activeCadres", equalTo(8))
                .body("version", equalTo(9));
    }

    /** A GB 32100 code: the 17 characters given and their check character. */
    static String creditCode(String first17) {
        return first17 + cn.gansu.lianhu.pairing.domain.CreditCodes.checkCharacter(first17);
    }
}
