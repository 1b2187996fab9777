package cn.gansu.lianhu.registry.households;

import static cn.gansu.lianhu.registry.households.HouseholdFixtures.POOR_VILLAGE;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.household;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.events.PublishedEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The events registry-service really publishes match the AsyncAPI document of lianhu-events (issue 9 point 3). The
 * test makes every kind of change the registry publishes — a household registered, updated and lifted out of
 * poverty, a village renamed and back, a poor-village designation withdrawn and set again (regions are registered by
 * the bundled import at start) — waits for the outbox relay, reads registry.regions, registry.households and
 * registry-service.dead-letter from the beginning with a plain consumer and validates every record found (those of
 * the other test classes of this JVM too): key, headers and CloudEvent value with its data. A payload record that
 * gains, loses or renames a field, or a value out of its enum, fails here.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class PublishedEventsSchemaTest {
    private static final String SERVICE = "registry-service";
    private static final String VILLAGE = "620102001001";
    private static final String VILLAGE_NAME = "畅家巷社区居委会";

    @Test
    void everyPublishedRecordMatchesTheAsyncApiDocument() throws SQLException, IOException {
        HouseholdFixtures.ensureRegions();
        // registry.households: registered, updated, status-changed
        Map<String, Object> update = household(POOR_VILLAGE);
        update.put("statusSince", "2026-01-10");
        String id = given().contentType(ContentType.JSON).body(update)
                .when().post("/api/v1/households").then().statusCode(201).extract().path("id");
        update.put("incomePerCapita", 3120.40);
        update.put("version", 1);
        given().contentType(ContentType.JSON).body(update).when().put("/api/v1/households/" + id)
                .then().statusCode(200).body("version", equalTo(2));
        given().contentType(ContentType.JSON)
                .body(Map.of("status", "LIFTED", "effectiveDate", "2026-06-30", "basis", "村民代表大会评议通过"))
                .when().post("/api/v1/households/" + id + "/status")
                .then().log().ifValidationFails().statusCode(200).body("status", equalTo("LIFTED")).body("version", equalTo(3));

        // registry.regions: renamed (and back), designation-changed (withdrawn and set again)
        try {
            importCsv("villages", "code,name,parent_code\n" + VILLAGE + "," + VILLAGE_NAME + "（测试）,620102001\n")
                    .body("renamed", equalTo(1));
        } finally {
            importCsv("villages", "code,name,parent_code\n" + VILLAGE + "," + VILLAGE_NAME + ",620102001\n")
                    .statusCode(200);
        }
        String poorVillages = bundled("poor_villages.csv");
        String withoutLast = poorVillages.strip().substring(0, poorVillages.strip().lastIndexOf('\n') + 1);
        try {
            importCsv("poor-villages", withoutLast).body("designationChanged", equalTo(1));
        } finally {
            importCsv("poor-villages", poorVillages).statusCode(200);
        }

        PublishedEvents.Report report = PublishedEvents.assertEverySentTypeValid(SERVICE,
                List.of("registry.regions", "registry.households"), 6);
        assertTrue(report.records() > 17_718, "the bundled regions are on the topic: " + report.records());
    }

    private static io.restassured.response.ValidatableResponse importCsv(String kind, String csv) {
        return given().contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/regions/imports/{kind}", kind).then().statusCode(200);
    }

    private static String bundled(String file) throws IOException {
        try (InputStream in = PublishedEventsSchemaTest.class.getClassLoader().getResourceAsStream("gansu/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
