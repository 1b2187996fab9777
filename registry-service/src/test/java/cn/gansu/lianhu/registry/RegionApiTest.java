package cn.gansu.lianhu.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Reading regions: counts, a region by short and long code, children, search and the problems of bad
 * requests (issue point 5). The data is the bundled Gansu set loaded at start.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class RegionApiTest {

    @Test
    void countsUnderGansuAreTheRealFigures() {
        given().when().get("/api/v1/regions/62/counts")
                .then().statusCode(200)
                .body("code", equalTo("620000000000"))
                .body("name", equalTo("甘肃省"))
                .body("level", equalTo("PROVINCE"))
                .body("prefectures", equalTo(14))
                .body("counties", equalTo(88))
                .body("poorCounties", equalTo(58))
                .body("townships", equalTo(1403))
                .body("villages", equalTo(17718))
                .body("poorVillages", equalTo(8790));
    }

    @Test
    void countsUnderDingxiMatchTheFiles() {
        int counties = (int) RegionTestData.countWithPrefix("counties.csv", "6211");
        int poorCounties = (int) RegionTestData.countWithPrefix("poor_counties.csv", "6211");
        int townships = (int) RegionTestData.countWithPrefix("townships.csv", "6211");
        int villages = (int) RegionTestData.countWithPrefix("villages.csv", "6211");
        int poorVillages = (int) RegionTestData.countWithPrefix("poor_villages.csv", "6211");
        assertEquals(7, counties, "定西市 has 7 county-level units in counties.csv");
        for (String code : List.of("6211", "621100000000")) {
            given().when().get("/api/v1/regions/{code}/counts", code)
                    .then().statusCode(200)
                    .body("code", equalTo("621100000000"))
                    .body("name", equalTo("定西市"))
                    .body("level", equalTo("PREFECTURE"))
                    .body("prefectures", equalTo(0))
                    .body("counties", equalTo(counties))
                    .body("poorCounties", equalTo(poorCounties))
                    .body("townships", equalTo(townships))
                    .body("villages", equalTo(villages))
                    .body("poorVillages", equalTo(poorVillages));
        }
    }

    @Test
    void regionByShortAndLongCode() {
        for (String code : List.of("621121", "621121000000")) {
            given().when().get("/api/v1/regions/{code}", code)
                    .then().statusCode(200)
                    .body("code", equalTo("621121000000"))
                    .body("shortCode", equalTo("621121"))
                    .body("name", equalTo("通渭县"))
                    .body("level", equalTo("COUNTY"))
                    .body("parentCode", equalTo("621100000000"))
                    .body("kind", equalTo("county"))
                    .body("poorCounty", equalTo(true))
                    .body("contiguousArea", equalTo("六盘山区"))
                    .body("nationalKeyCounty", equalTo(true))
                    .body("poorVillage", equalTo(false));
        }
        given().when().get("/api/v1/regions/620121100201")
                .then().statusCode(200)
                .body("name", equalTo("南街村委会"))
                .body("level", equalTo("VILLAGE"))
                .body("shortCode", equalTo("620121100201"))
                .body("parentCode", equalTo("620121100000"))
                .body("kind", equalTo("village_committee"))
                .body("poorVillage", equalTo(true))
                .body("poorCounty", equalTo(false));
        given().when().get("/api/v1/regions/62")
                .then().statusCode(200)
                .body("level", equalTo("PROVINCE"))
                .body("parentCode", nullValue())
                .body("kind", equalTo("province"));
    }

    @Test
    void specialCountyLevelUnitsAreRegistered() {
        given().when().get("/api/v1/regions/620171")
                .then().statusCode(200)
                .body("name", equalTo("兰州新区"))
                .body("kind", equalTo("stat_only_function_zone"))
                .body("parentCode", equalTo("620100000000"));
        given().when().get("/api/v1/regions/620201")
                .then().statusCode(200)
                .body("name", equalTo("嘉峪关市"))
                .body("kind", equalTo("prefecture_city_no_districts"))
                .body("parentCode", equalTo("620200000000"));
        given().when().get("/api/v1/regions/6229")
                .then().statusCode(200)
                .body("name", equalTo("临夏回族自治州"))
                .body("kind", equalTo("autonomous_prefecture"));
    }

    @Test
    void childrenArePagedInCodeOrder() {
        given().queryParam("size", 3).when().get("/api/v1/regions/6211/children")
                .then().statusCode(200)
                .body("total", equalTo(7))
                .body("page", equalTo(0))
                .body("size", equalTo(3))
                .body("items.code", contains("621102000000", "621121000000", "621122000000"))
                .body("items.name", contains("安定区", "通渭县", "陇西县"));
        given().queryParam("page", 2).queryParam("size", 3).when().get("/api/v1/regions/6211/children")
                .then().statusCode(200)
                .body("items", hasSize(1));
        given().when().get("/api/v1/regions/62/children")
                .then().statusCode(200)
                .body("total", equalTo(14))
                .body("items.level", everyItem(equalTo("PREFECTURE")));
        int villages = (int) RegionTestData.countWithPrefix("villages.csv", "620102001");
        given().when().get("/api/v1/regions/620102001/children")
                .then().statusCode(200)
                .body("total", equalTo(villages))
                .body("items.parentCode", everyItem(equalTo("620102001000")));
        given().when().get("/api/v1/regions/620102001001/children")
                .then().statusCode(200)
                .body("total", equalTo(0))
                .body("items", hasSize(0));
    }

    @Test
    void searchFindsChengguanzhenInTwentyCounties() {
        List<String> parents = given().queryParam("q", "城关镇").queryParam("level", "TOWNSHIP").queryParam("size", 100)
                .when().get("/api/v1/regions")
                .then().statusCode(200)
                .body("total", equalTo(20))
                .body("items.name", everyItem(equalTo("城关镇")))
                .body("items.level", everyItem(equalTo("TOWNSHIP")))
                .extract().jsonPath().getList("items.parentCode", String.class);
        assertEquals(20, new HashSet<>(parents).size(), "one 城关镇 in each of 20 different counties");
        // without the level filter, two residents' committees whose names start with 城关镇 match too
        given().queryParam("q", "城关镇").when().get("/api/v1/regions")
                .then().statusCode(200).body("total", equalTo(22));
    }

    @Test
    void searchFilters() {
        given().queryParam("level", "county").queryParam("poorCounty", "true").queryParam("size", 1)
                .when().get("/api/v1/regions")
                .then().statusCode(200).body("total", equalTo(58));
        given().queryParam("under", "6211").queryParam("poorCounty", "true")
                .when().get("/api/v1/regions")
                .then().statusCode(200)
                .body("total", equalTo((int) RegionTestData.countWithPrefix("poor_counties.csv", "6211")))
                .body("items.code", everyItem(startsWith("6211")));
        given().queryParam("under", "621121").queryParam("poorVillage", "true").queryParam("size", 1)
                .when().get("/api/v1/regions")
                .then().statusCode(200)
                .body("total", equalTo((int) RegionTestData.countWithPrefix("poor_villages.csv", "621121")));
        given().queryParam("under", "62").queryParam("level", "PREFECTURE").queryParam("poorCounty", "false")
                .when().get("/api/v1/regions")
                .then().statusCode(200).body("total", equalTo(14));
        // % and _ are literal in q, not wildcards
        given().queryParam("q", "%").when().get("/api/v1/regions")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void unknownCodeIs404Problem() {
        given().when().get("/api/v1/regions/6299")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("urn:lianhu:problem:not-found"))
                .body("detail", equalTo("region 629900000000 does not exist"));
        given().when().get("/api/v1/regions/629900000000/children").then().statusCode(404);
        given().when().get("/api/v1/regions/6299/counts").then().statusCode(404);
    }

    @Test
    void malformedCodeIs400ProblemNamingCode() {
        for (String bad : List.of("62x", "621", "6211000", "6201020010011")) {
            given().when().get("/api/v1/regions/{code}", bad)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("errors", hasSize(1))
                    .body("errors[0].field", equalTo("code"))
                    .body("errors[0].rule", equalTo("region-code.format"));
        }
        given().when().get("/api/v1/regions/abc/counts")
                .then().statusCode(400).body("errors[0].field", equalTo("code"));
    }

    @Test
    void badSearchParametersAre400Problems() {
        given().queryParam("size", 501).when().get("/api/v1/regions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("size"))
                .body("errors[0].rule", equalTo("max"));
        given().queryParam("size", 0).when().get("/api/v1/regions/62/children")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("size"))
                .body("errors[0].rule", equalTo("min"));
        given().queryParam("level", "CITY").when().get("/api/v1/regions")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("level"))
                .body("errors[0].rule", equalTo("region-level.unknown"));
        given().queryParam("poorVillage", "yes").when().get("/api/v1/regions")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("poorVillage"))
                .body("errors[0].rule", equalTo("boolean.format"));
        given().queryParam("under", "6x").when().get("/api/v1/regions")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("under"))
                .body("errors[0].rule", equalTo("region-code.format"));
    }

    @Test
    void nulInASearchIs400NotADatabaseError() {
        given().queryParam("q", "城\u0000").when().get("/api/v1/regions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("q")).body("errors[0].rule", equalTo("text.forbidden-character"));
        given().queryParam("page", Integer.MAX_VALUE).queryParam("size", 500).when().get("/api/v1/regions")
                .then().statusCode(400).body("errors[0].field", equalTo("page")).body("errors[0].rule", equalTo("max"));
    }

    @Test
    void openApiDocumentsTheRegionOperations() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths.'/api/v1/regions/{code}'.get.operationId", equalTo("getRegion"))
                .body("paths.'/api/v1/regions/{code}/children'.get.operationId", equalTo("listRegionChildren"))
                .body("paths.'/api/v1/regions'.get.operationId", equalTo("searchRegions"))
                .body("paths.'/api/v1/regions/{code}/counts'.get.operationId", equalTo("countRegions"))
                .body("paths.'/api/v1/regions/imports/{kind}'.post.operationId", equalTo("importRegions"))
                .body("paths.'/api/v1/regions'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/RegionPage"))
                .body("paths.'/api/v1/regions/{code}'.get.responses.'404'.content.'application/problem+json'"
                        + ".schema.'$ref'", equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/v1/regions/imports/{kind}'.post.responses.'400'.content"
                        + ".'application/problem+json'.schema.'$ref'", equalTo("#/components/schemas/Problem"));
    }
}
