package cn.gansu.lianhu.registry.households;

import static cn.gansu.lianhu.registry.households.HouseholdFixtures.LIST_VILLAGE_A;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.LIST_VILLAGE_B;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.LIST_VILLAGE_C;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.household;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.idNumber;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.member;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.registry.domain.Sex;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The household list: filters by region prefix, status and cause with exact totals, stable paging, limits.
 * Uses three poor villages (临潭县 ×2, 岷县) that no other household test registers in.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class HouseholdListTest {

    @BeforeEach
    void regions() throws SQLException {
        HouseholdFixtures.ensureRegions();
    }

    private static String register(String village, String mainCause, List<String> other, int members) {
        Map<String, Object> body = household(village, member("户主" + members, idNumber(Sex.MALE), "HEAD"));
        for (int i = 1; i < members; i++) {
            ((List<Map<String, Object>>) body.get("members")).add(member("子女" + i, idNumber(Sex.FEMALE), "CHILD"));
        }
        body.put("mainCause", mainCause);
        body.put("otherCauses", other);
        body.put("statusSince", "2026-01-01");
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/households")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void filtersAndPages() {
        String a1 = register(LIST_VILLAGE_A, "ILLNESS", List.of("SCHOOLING"), 3);
        String a2 = register(LIST_VILLAGE_A, "DISABILITY", List.of(), 1);
        String b1 = register(LIST_VILLAGE_B, "SCHOOLING", List.of("LACK_OF_WATER"), 2);
        String c1 = register(LIST_VILLAGE_C, "ILLNESS", List.of(), 1);
        given().contentType(ContentType.JSON)
                .body(Map.of("status", "LIFTED", "effectiveDate", "2026-10-31", "basis", "评议通过"))
                .when().post("/api/v1/households/" + a2 + "/status").then().statusCode(200);

        // village (12 digits)
        given().queryParam("region", LIST_VILLAGE_A).when().get("/api/v1/households")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items", hasSize(2))
                .body("page", equalTo(0))
                .body("size", equalTo(50));
        // township (9 digits and its 12-digit form), county (6)
        total(Map.of("region", "623021100"), 3);
        total(Map.of("region", "623021100000"), 3);
        total(Map.of("region", "623021"), 3);
        total(Map.of("region", "621126100201"), 1);
        // status (English and Chinese)
        total(Map.of("region", "623021", "status", "LIFTED"), 1);
        total(Map.of("region", "623021", "status", "贫困"), 2);
        // cause: main or other
        total(Map.of("region", "623021", "cause", "SCHOOLING"), 2);
        total(Map.of("region", "623021", "cause", "因病"), 1);
        total(Map.of("region", "623021", "cause", "LACK_OF_WATER"), 1);
        total(Map.of("region", "623021", "cause", "POOR_TRANSPORT"), 0);
        total(Map.of("region", "623021", "cause", "ILLNESS", "status", "IN_POVERTY"), 1);

        // the row content
        given().queryParam("region", LIST_VILLAGE_B).when().get("/api/v1/households")
                .then().statusCode(200)
                .body("items[0].id", equalTo(b1))
                .body("items[0].memberCount", equalTo(2))
                .body("items[0].headName", equalTo("户主2"))
                .body("items[0].mainCause", equalTo("SCHOOLING"))
                .body("items[0].otherCauses", equalTo(List.of("LACK_OF_WATER")))
                .body("items[0].status", equalTo("IN_POVERTY"));

        // stable paging: pages of 2 over the county give each household once, in village order
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 2; page++) {
            seen.addAll(given().queryParam("region", "623021").queryParam("size", 2).queryParam("page", page)
                    .when().get("/api/v1/households")
                    .then().statusCode(200)
                    .body("total", equalTo(3))
                    .body("items", hasSize(page == 0 ? 2 : 1))
                    .extract().<List<String>>path("items.id"));
        }
        assertEquals(3, seen.stream().distinct().count());
        assertEquals(b1, seen.get(2));
        assertEquals(true, seen.subList(0, 2).containsAll(List.of(a1, a2)));
        assertEquals(false, seen.contains(c1));
    }

    @Test
    void badParametersAre400() {
        rejected(Map.of("size", 501), "size", "max");
        rejected(Map.of("size", 0), "size", "min");
        rejected(Map.of("page", -1), "page", "min");
        rejected(Map.of("region", "6201x"), "region", "region-code.format");
        rejected(Map.of("region", "620"), "region", "region-code.format");
        rejected(Map.of("status", "GONE"), "status", "enum.value");
        rejected(Map.of("cause", "LAZINESS"), "cause", "enum.value");
        rejected(Map.of("page", Integer.MAX_VALUE, "size", 500), "page", "max");
        rejected(Map.of("size", "abc"), "size", "param.type");
        rejected(Map.of("page", "1e3"), "page", "param.type");
        rejected(Map.of("region", "62\u0000"), "region", "text.forbidden-character");
        given().queryParam("size", 500).when().get("/api/v1/households").then().statusCode(200)
                .body("size", equalTo(500));
    }

    private static void total(Map<String, ?> query, int expected) {
        given().queryParams(query).when().get("/api/v1/households")
                .then().log().ifValidationFails().statusCode(200)
                .body("total", equalTo(expected))
                .body("items", hasSize(expected));
    }

    private static void rejected(Map<String, ?> query, String field, String rule) {
        given().queryParams(query).when().get("/api/v1/households")
                .then().log().ifValidationFails().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field))
                .body("errors[0].rule", equalTo(rule));
    }
}
