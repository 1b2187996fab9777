package cn.gansu.lianhu.pairing.units;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Cadres (issue 3 point 2): ID number validation, masking and uniqueness, unit and status rules on update, unit
 * cadre counts, list filters. Villages of 临潭县 (623021100207) for the live-pairing rule.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class CadresTest {
    static final String NO_PII = cn.gansu.lianhu.testsupport.TestTokens.bearer(cn.gansu.lianhu.testsupport.TestTokens
            .role("PROVINCE_ADMIN").name("test-province-admin-no-pii").pii(false).sign());

    @Inject
    Fixtures fixtures;

    String t;
    UUID unit;

    @BeforeEach
    void unit() {
        t = Fixtures.token();
        unit = Fixtures.registerUnit("临潭县发展和改革局" + t, "COUNTY", "623021");
    }

    @Test
    void registersACadreAndReturnsTheIdNumberAndPhoneOnlyMasked() {
        // without the pii claim (issue 6 point 3): numbers only masked; SecurityMatrixTest covers the pii side
        String id = Fixtures.idNumber("623021");
        Map<String, Object> body = Fixtures.cadre("王建华", id, unit, "县处级");
        body.put("phone", "13893112345");
        String response = given().header("Authorization", NO_PII).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/cadres")
                .then().statusCode(201)
                .header("ETag", equalTo("\"1\""))
                .header("Location", containsString("/api/v1/cadres/"))
                .body("name", equalTo("王建华"))
                .body("idNumberMasked", equalTo(id.substring(0, 6) + "********" + id.substring(14)))
                .body("phoneMasked", equalTo("138****2345"))
                .body("unitId", equalTo(unit.toString()))
                .body("unitName", equalTo("临潭县发展和改革局" + t))
                .body("rank", equalTo("COUNTY_DIVISION"))
                .body("status", equalTo("ACTIVE"))
                .body("leftOn", nullValue())
                .body("minimumHouseholds", equalTo(2))
                .body("livePairings", equalTo(0))
                .body("leader", nullValue())
                .body("version", equalTo(1))
                .extract().asString();
        assertNoFullNumbers(response, id);
        String cadre = given().header("Authorization", NO_PII).contentType(ContentType.JSON).body(body).when().post("/api/v1/cadres")
                .then().statusCode(409).extract().asString();
        assertNoFullNumbers(cadre, id);

        String cadreId = io.restassured.path.json.JsonPath.from(response).getString("id");
        assertNoFullNumbers(given().header("Authorization", NO_PII).when().get("/api/v1/cadres/" + cadreId).then().statusCode(200)
                .body("idNumberMasked", containsString("********")).extract().asString(), id);
        assertNoFullNumbers(given().header("Authorization", NO_PII).queryParam("unit", unit).when().get("/api/v1/cadres").then().statusCode(200)
                .body("total", equalTo(1)).extract().asString(), id);
        given().header("Authorization", NO_PII).when().get("/api/v1/units/" + unit).then().statusCode(200)
                .body("activeCadres", equalTo(1)).body("requiredVillages", equalTo(1)).body("version", equalTo(2));
    }

    @Test
    void aDuplicateIdNumberIs409EvenWithALowerCaseX() {
        String id = idNumberEndingInX();
        given().contentType(ContentType.JSON).body(Fixtures.cadre("李秀英", id, unit, "OTHER"))
                .when().post("/api/v1/cadres").then().statusCode(201);
        UUID other = Fixtures.registerUnit("临潭县统计局" + t, "COUNTY", "623021");
        given().contentType(ContentType.JSON).body(Fixtures.cadre("李秀英", id.toLowerCase(), other, "OTHER"))
                .when().post("/api/v1/cadres")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("idNumber"))
                .body("errors[0].rule", equalTo("cadre.duplicate-id-number"))
                .body("errors[0].message", containsString(IdNumbers.mask(id)))
                .body(not(containsString(id)));
        given().when().get("/api/v1/units/" + other).then().statusCode(200).body("activeCadres", equalTo(0))
                .body("version", equalTo(1));
    }

    @Test
    void badIdNumbersAre400NamingTheRule() {
        String valid = Fixtures.idNumber("623021");
        char wrong = valid.charAt(17) == '1' ? '2' : '1';
        String bad = valid.substring(0, 17) + wrong;
        given().contentType(ContentType.JSON).body(Fixtures.cadre("张三", bad, unit, "OTHER"))
                .when().post("/api/v1/cadres")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("idNumber"))
                .body("errors[0].rule", equalTo("id-number.check-digit"))
                .body("errors[0].message", equalTo("check character should be " + valid.charAt(17) + ", not " + wrong))
                .body(not(containsString(bad)));
        String future = "62302120270101001";
        given().contentType(ContentType.JSON).body(Fixtures.cadre("张三", future + IdNumbers.checkCharacter(future), unit,
                "OTHER")).when().post("/api/v1/cadres")
                .then().statusCode(400)
                .body("errors[0].rule", equalTo("id-number.birth-date"));
        given().contentType(ContentType.JSON).body(Fixtures.cadre("张三", "62302119800101", unit, "OTHER"))
                .when().post("/api/v1/cadres")
                .then().statusCode(400).body("errors[0].rule", equalTo("id-number.format"));
    }

    @Test
    void anUnknownUnitIs422NamingUnitId() {
        UUID nowhere = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(Fixtures.cadre("张三", Fixtures.idNumber("623021"), nowhere, "OTHER"))
                .when().post("/api/v1/cadres")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("unitId"))
                .body("errors[0].rule", equalTo("cadre.unknown-unit"))
                .body("errors[0].message", equalTo("unit " + nowhere + " does not exist"));
    }

    @Test
    void badRankPhoneOrStatusAre400AndANonActiveStatusOnRegistrationIs422() {
        given().contentType(ContentType.JSON).body(Fixtures.cadre("张三", Fixtures.idNumber("623021"), unit, "MINISTER"))
                .when().post("/api/v1/cadres")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("rank"))
                .body("errors[0].rule", equalTo("enum.value"));
        Map<String, Object> phone = Fixtures.cadre("张三", Fixtures.idNumber("623021"), unit, "OTHER");
        phone.put("phone", "call me");
        given().contentType(ContentType.JSON).body(phone).when().post("/api/v1/cadres")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("phone"))
                .body("errors[0].rule", equalTo("pattern"));
        Map<String, Object> retired = Fixtures.cadre("张三", Fixtures.idNumber("623021"), unit, "OTHER");
        retired.put("status", "退休");
        given().contentType(ContentType.JSON).body(retired).when().post("/api/v1/cadres")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("status"))
                .body("errors[0].rule", equalTo("cadre.status-on-create"));
        retired.put("status", "ACTIVE");
        given().contentType(ContentType.JSON).body(retired).when().post("/api/v1/cadres")
                .then().statusCode(201).body("status", equalTo("ACTIVE"));
    }

    @Test
    void updateCannotChangeTheStatus() {
        UUID cadre = Fixtures.registerCadre("赵六", unit, "OTHER");
        Map<String, Object> body = current(cadre);
        body.put("status", "RETIRED");
        given().contentType(ContentType.JSON).body(body).when().put("/api/v1/cadres/" + cadre)
                .then().statusCode(422)
                .body("errors[0].field", equalTo("status"))
                .body("errors[0].rule", equalTo("cadre.status-via-departure"))
                .body("errors[0].message", containsString("departure/hand-over operation"));
        given().when().get("/api/v1/cadres/" + cadre).then().body("status", equalTo("ACTIVE")).body("version", equalTo(1));
    }

    @Test
    void updateChangesRankAndPhoneAndBumpsTheVersion() {
        UUID cadre = Fixtures.registerCadre("孙七", unit, "OTHER");
        Map<String, Object> body = current(cadre);
        body.put("rank", "PREFECTURE_BUREAU");
        body.put("phone", "0941-8212345");
        body.put("status", "在岗");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body).when().put("/api/v1/cadres/" + cadre)
                .then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("rank", equalTo("PREFECTURE_BUREAU"))
                .body("minimumHouseholds", equalTo(3))
                .body("phoneMasked", equalTo("094*****2345"))
                .body("version", equalTo(2));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body).when().put("/api/v1/cadres/" + cadre)
                .then().statusCode(409).body("errors[0].rule", equalTo("version.stale"));
        // the unit's cadre count did not change: no unit event
        given().when().get("/api/v1/units/" + unit).then().body("version", equalTo(2));
    }

    @Test
    void moveToAnotherUnitOnlyWithoutLivePairingsAndBothUnitsAreUpdated() {
        fixtures.village("623021100207", "左拉村民委员会", true);
        UUID other = Fixtures.registerUnit("临潭县审计局" + t, "COUNTY", "623021");
        UUID cadre = Fixtures.registerCadre("周八", unit, "COUNTY_DIVISION");
        UUID p1 = fixtures.livePairing(cadre, unit, "623021100207");
        UUID p2 = fixtures.livePairing(cadre, unit, "623021100207");
        given().when().get("/api/v1/cadres/" + cadre).then().body("livePairings", equalTo(2));

        Map<String, Object> body = current(cadre);
        body.put("unitId", other.toString());
        given().contentType(ContentType.JSON).body(body).when().put("/api/v1/cadres/" + cadre)
                .then().statusCode(422)
                .body("errors[0].field", equalTo("unitId"))
                .body("errors[0].rule", equalTo("cadre.has-live-pairings"))
                .body("errors[0].message", containsString("has 2 live pairings"));
        body.put("unitId", UUID.randomUUID().toString());
        given().contentType(ContentType.JSON).body(body).when().put("/api/v1/cadres/" + cadre)
                .then().statusCode(422).body("errors[0].rule", equalTo("cadre.unknown-unit"));

        fixtures.withdraw(p1);
        fixtures.withdraw(p2);
        body.put("unitId", other.toString());
        given().contentType(ContentType.JSON).body(body).when().put("/api/v1/cadres/" + cadre)
                .then().statusCode(200)
                .body("unitId", equalTo(other.toString()))
                .body("unitName", equalTo("临潭县审计局" + t))
                .body("livePairings", equalTo(0))
                .body("version", equalTo(2));
        given().when().get("/api/v1/units/" + unit).then()
                .body("activeCadres", equalTo(0)).body("requiredVillages", equalTo(0)).body("version", equalTo(3));
        given().when().get("/api/v1/units/" + other).then()
                .body("activeCadres", equalTo(1)).body("requiredVillages", equalTo(1)).body("version", equalTo(2));
    }

    @Test
    void listFiltersByUnitRankStatusRegionAndName() {
        UUID township = Fixtures.registerUnit("冶力关镇人民政府" + t, "TOWNSHIP", "623021102");
        UUID zhuoni = Fixtures.registerUnit("卓尼县发展和改革局" + t, "COUNTY", "623022");
        UUID a = Fixtures.registerCadre("甲" + t, unit, "COUNTY_DIVISION");
        UUID b = Fixtures.registerCadre("乙" + t, township, "OTHER");
        UUID c = Fixtures.registerCadre("丙" + t, zhuoni, "PREFECTURE_BUREAU");

        given().queryParam("q", t).when().get("/api/v1/cadres")
                .then().statusCode(200).body("total", equalTo(3));
        given().queryParam("unit", unit).when().get("/api/v1/cadres")
                .then().statusCode(200).body("items.id", contains(a.toString()));
        given().queryParam("q", t).queryParam("rank", "地厅级").when().get("/api/v1/cadres")
                .then().statusCode(200).body("items.id", contains(c.toString()))
                .body("items[0].minimumHouseholds", equalTo(3));
        given().queryParam("q", t).queryParam("region", "623021").when().get("/api/v1/cadres")
                .then().statusCode(200).body("total", equalTo(2));
        given().queryParam("q", t).queryParam("region", "623021102000").when().get("/api/v1/cadres")
                .then().statusCode(200).body("items.id", contains(b.toString()));
        given().queryParam("q", t).queryParam("region", "6230").queryParam("status", "ACTIVE").when().get("/api/v1/cadres")
                .then().statusCode(200).body("total", equalTo(3));
        given().queryParam("q", t).queryParam("status", "RETIRED").when().get("/api/v1/cadres")
                .then().statusCode(200).body("total", equalTo(0));
        given().queryParam("q", "乙" + t).when().get("/api/v1/cadres")
                .then().statusCode(200).body("items.id", contains(b.toString()));
        given().queryParam("unit", "abc").when().get("/api/v1/cadres")
                .then().statusCode(400).body("errors[0].field", equalTo("unit"))
                .body("errors[0].rule", equalTo("param.type"));
        given().queryParam("status", "ON_LEAVE").when().get("/api/v1/cadres")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void unknownCadreIs404() {
        UUID id = UUID.randomUUID();
        given().when().get("/api/v1/cadres/" + id).then().statusCode(404)
                .body("detail", equalTo("cadre " + id + " does not exist"));
        given().contentType(ContentType.JSON).body(Fixtures.cadre("张三", Fixtures.idNumber("623021"), unit, "OTHER"))
                .when().put("/api/v1/cadres/" + id).then().statusCode(404);
    }

    /** The request body that reproduces a cadre's current state (the full ID number is read from the database). */
    private Map<String, Object> current(UUID cadre) {
        io.restassured.path.json.JsonPath view = given().when().get("/api/v1/cadres/" + cadre).then().statusCode(200)
                .extract().jsonPath();
        String full = fixtures.idNumberOf(cadre);
        org.junit.jupiter.api.Assertions.assertEquals(IdNumbers.mask(full), view.getString("idNumberMasked"));
        return Fixtures.cadre(view.getString("name"), full, UUID.fromString(view.getString("unitId")),
                view.getString("rank"));
    }

    private static String idNumberEndingInX() {
        while (true) {
            String id = Fixtures.idNumber("623021");
            if (id.endsWith("X")) {
                return id;
            }
        }
    }

    private static void assertNoFullNumbers(String body, String idNumber) {
        org.junit.jupiter.api.Assertions.assertFalse(body.contains(idNumber), "full ID number in " + body);
        org.junit.jupiter.api.Assertions.assertFalse(body.contains("13893112345"), "full phone in " + body);
    }
}
