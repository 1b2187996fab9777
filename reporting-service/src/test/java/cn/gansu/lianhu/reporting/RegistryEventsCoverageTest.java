package cn.gansu.lianhu.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.HouseholdData;
import cn.gansu.lianhu.events.contract.RegionData;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * Issue point 9: reporting consumes real CloudEvents from the real broker and shows exact coverage figures.
 * Each test works in its own part of Gansu (real NBS codes), so tests do not see each other's figures.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class RegistryEventsCoverageTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper mapper;
    private ReportingEvents events;

    @BeforeEach
    void events() {
        events = new ReportingEvents(mapper);
    }

    // ---------------------------------------------------------------------------------------------
    // Regions: poor counties and poor villages
    // ---------------------------------------------------------------------------------------------

    @Test
    void poorCountiesAndVillagesAreCountedUnderPrefectureCountyAndVillage() {
        events.region("620000000000", "甘肃省", "PROVINCE", null, false, false);
        events.region("620100000000", "兰州市", "PREFECTURE", "620000000000", false, false);
        events.region("620102000000", "城关区", "COUNTY", "620100000000", false, false);
        events.region("620121000000", "永登县", "COUNTY", "620100000000", true, false);
        events.region("620122000000", "皋兰县", "COUNTY", "620100000000", true, false);
        events.region("620121100000", "城关镇", "TOWNSHIP", "620121000000", false, false);
        events.region("620121100201", "南街村委会", "VILLAGE", "620121100000", false, true);
        events.region("620121100202", "北街村委会", "VILLAGE", "620121100000", false, true);
        events.region("620121100001", "南街居委会", "VILLAGE", "620121100000", false, false);
        events.region("620122100000", "石洞镇", "TOWNSHIP", "620122000000", false, false);
        events.region("620122100201", "庄子坪村委会", "VILLAGE", "620122100000", false, true);

        await().atMost(WAIT).untilAsserted(() -> coverage("6201").statusCode(200)
                .body("poorCounties", equalTo(2)).body("poorVillages", equalTo(3)));
        coverage("6201").statusCode(200)
                .body("code", equalTo("620100000000"))
                .body("name", equalTo("兰州市"))
                .body("level", equalTo("PREFECTURE"))
                .body("households.total", equalTo(0))
                .body("members", equalTo(0))
                .body("asOf", notNullValue());
        coverage("620121").statusCode(200)
                .body("code", equalTo("620121000000")).body("name", equalTo("永登县")).body("level", equalTo("COUNTY"))
                .body("poorCounties", equalTo(1)).body("poorVillages", equalTo(2));
        coverage("620102000000").statusCode(200)
                .body("level", equalTo("COUNTY")).body("poorCounties", equalTo(0)).body("poorVillages", equalTo(0));
        coverage("620121100201").statusCode(200)
                .body("level", equalTo("VILLAGE")).body("poorCounties", equalTo(0)).body("poorVillages", equalTo(1));
        coverage("620121100001").statusCode(200).body("poorVillages", equalTo(0));

        // a designation withdrawn and a rename (full state each time) change the figures and the name
        regionChanged(EventTypes.REGION_DESIGNATION_CHANGED, "620121100202", "北街村委会", "VILLAGE", "620121100000",
                false, false);
        regionChanged(EventTypes.REGION_RENAMED, "620122000000", "皋兰县（测试）", "COUNTY", "620100000000", true, false);
        await().atMost(WAIT).untilAsserted(() -> coverage("620122").statusCode(200).body("name", equalTo("皋兰县（测试）")));
        await().atMost(WAIT).untilAsserted(() -> coverage("6201").statusCode(200)
                .body("poorCounties", equalTo(2)).body("poorVillages", equalTo(2)));
        coverage("620121").statusCode(200).body("poorVillages", equalTo(1));
    }

    // ---------------------------------------------------------------------------------------------
    // Households by status
    // ---------------------------------------------------------------------------------------------

    @Test
    void householdsAreCountedByStatusAfterStatusChanges() {
        villageOf("6204", "白银市", "620421", "靖远县", "620421101", "乌兰镇", "620421101200", "金山村村民委员会");
        String a = events.household("620421101200", "张*", "IN_POVERTY", 4);
        String b = events.household("620421101200", "张*", "IN_POVERTY", 3);
        String c = events.household("620421101200", "张*", "IN_POVERTY", 5);
        await().atMost(WAIT).untilAsserted(() -> coverage("620421").statusCode(200)
                .body("households.total", equalTo(3)).body("households.inPoverty", equalTo(3))
                .body("members", equalTo(12)));

        household(EventTypes.HOUSEHOLD_STATUS_CHANGED, a, "620421101200", 4, "LIFTED", "IN_POVERTY", 2);
        household(EventTypes.HOUSEHOLD_STATUS_CHANGED, b, "620421101200", 3, "LIFTED", "IN_POVERTY", 2);
        household(EventTypes.HOUSEHOLD_STATUS_CHANGED, b, "620421101200", 3, "RELAPSED", "LIFTED", 3);
        household(EventTypes.HOUSEHOLD_UPDATED, c, "620421101200", 6, "IN_POVERTY", null, 2);

        await().atMost(WAIT).untilAsserted(() -> coverage("620421").statusCode(200)
                .body("households.total", equalTo(3))
                .body("households.inPoverty", equalTo(1))
                .body("households.lifted", equalTo(1))
                .body("households.relapsed", equalTo(1))
                .body("members", equalTo(13)));
        for (String code : List.of("6204", "620421101", "620421101200")) {
            coverage(code).statusCode(200)
                    .body("households.total", equalTo(3)).body("households.inPoverty", equalTo(1))
                    .body("households.lifted", equalTo(1)).body("households.relapsed", equalTo(1))
                    .body("members", equalTo(13));
        }
        coverage("620421").body("poorCounties", equalTo(1)).body("poorVillages", equalTo(1));
    }

    @Test
    void theSameEventDeliveredTwiceCountsOnce() throws Exception {
        villageOf("6230", "甘南藏族自治州", "623021", "临潭县", "623021100", "城关镇", "623021100201", "城关村委会");
        double duplicatesBefore = metric("registry.households", "duplicate");
        String id = UUID.randomUUID().toString();
        String json = events.json(Topics.REGISTRY_HOUSEHOLDS, id, EventTypes.HOUSEHOLD_REGISTERED,
                householdData(id, "623021100201", 6, "IN_POVERTY", null, 1));
        events.send(Topics.REGISTRY_HOUSEHOLDS, id, json);
        events.send(Topics.REGISTRY_HOUSEHOLDS, id, json);

        await().atMost(WAIT).untilAsserted(
                () -> assertEquals(1.0, metric("registry.households", "duplicate") - duplicatesBefore));
        coverage("623021").statusCode(200)
                .body("households.total", equalTo(1)).body("households.inPoverty", equalTo(1))
                .body("members", equalTo(6));
    }

    @Test
    void anOlderVersionAfterANewerOneDoesNotRegress() throws Exception {
        villageOf("6211", "定西市", "621121", "通渭县", "621121100", "平襄镇", "621121100201", "城关村委会");
        double staleBefore = metric("registry.households", "stale");
        String id = events.household("621121100201", "张*", "IN_POVERTY", 5);
        household(EventTypes.HOUSEHOLD_STATUS_CHANGED, id, "621121100201", 5, "LIFTED", "IN_POVERTY", 3);
        await().atMost(WAIT).untilAsserted(() -> coverage("621121").statusCode(200)
                .body("households.lifted", equalTo(1)));
        // version 2 arrives late (a different event id, so the inbox lets it through): it must not apply
        household(EventTypes.HOUSEHOLD_UPDATED, id, "621121100201", 9, "IN_POVERTY", null, 2);

        await().atMost(WAIT).untilAsserted(
                () -> assertEquals(1.0, metric("registry.households", "stale") - staleBefore));
        coverage("621121").statusCode(200)
                .body("households.total", equalTo(1)).body("households.inPoverty", equalTo(0))
                .body("households.lifted", equalTo(1)).body("members", equalTo(5));
    }

    @Test
    void garbageOnTheTopicsDoesNotStopTheConsumer() throws Exception {
        double rejectedBefore = metric("registry.households", "rejected") + metric("registry.regions", "rejected");
        events.send(Topics.REGISTRY_REGIONS, "620500000000", "this is not JSON {");
        events.send(Topics.REGISTRY_REGIONS, "620500000000",
                "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"type\":\""
                        + EventTypes.REGION_REGISTERED + "\",\"time\":\"2026-11-29T01:00:00Z\",\"data\":{\"code\":\"6205\"}}");
        String id = UUID.randomUUID().toString();
        events.send(Topics.REGISTRY_HOUSEHOLDS, id, "{\"specversion\":\"0.3\",\"id\":\"x\"}");
        events.send(Topics.REGISTRY_HOUSEHOLDS, id, "\u0000\u0001binary");
        // an unknown type is skipped, not rejected
        events.send(Topics.REGISTRY_HOUSEHOLDS, id, "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"cn.gansu.lianhu.registry.household.merged.v9\",\"time\":\"2026-11-29T01:00:00Z\",\"data\":{}}");

        villageOf("6205", "天水市", "620522", "秦安县", "620522100", "兴国镇", "620522100201", "城关村委会");
        household(EventTypes.HOUSEHOLD_REGISTERED, id, "620522100201", 2, "IN_POVERTY", null, 1);

        await().atMost(WAIT).untilAsserted(() -> coverage("620522").statusCode(200)
                .body("poorCounties", equalTo(1)).body("poorVillages", equalTo(1))
                .body("households.total", equalTo(1)).body("members", equalTo(2)));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(4.0,
                metric("registry.households", "rejected") + metric("registry.regions", "rejected") - rejectedBefore));
    }

    /** Batch mode: 20,000 registrations (two villages) apply well within the wait; the rate is logged. */
    @Test
    void twentyThousandHouseholdsApplyInBatches() {
        villageOf("6212", "陇南市", "621221", "成县", "621221100", "城关镇", "621221100201", "东关村委会");
        events.region("621221100202", "西关村委会", "VILLAGE", "621221100000", false, true);
        int n = 20_000;
        long start = System.nanoTime();
        events.sendAll(IntStream.range(0, n).mapToObj(i -> {
            String id = UUID.randomUUID().toString();
            String village = i % 2 == 0 ? "621221100201" : "621221100202";
            return new ProducerRecord<>(Topics.REGISTRY_HOUSEHOLDS, id,
                    events.json(Topics.REGISTRY_HOUSEHOLDS, id, EventTypes.HOUSEHOLD_REGISTERED,
                            householdData(id, village, 1 + i % 5, i % 10 == 0 ? "LIFTED" : "IN_POVERTY", null, 1)));
        }));
        long produced = System.nanoTime();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).untilAsserted(
                () -> coverage("621221").statusCode(200).body("households.total", equalTo(n)));
        long applied = System.nanoTime();
        // members: 1..5 repeating → 3 per household on average; every 10th household is LIFTED
        coverage("621221").statusCode(200)
                .body("households.lifted", equalTo(n / 10)).body("households.inPoverty", equalTo(n - n / 10))
                .body("members", equalTo(3 * n)).body("poorVillages", equalTo(2));
        coverage("621221100202").statusCode(200).body("households.total", equalTo(n / 2));
        System.out.printf("reporting: %d household events produced in %d ms, all applied after %d ms (%.0f events/s)%n",
                n, (produced - start) / 1_000_000, (applied - start) / 1_000_000, n * 1e9 / (applied - start));
    }

    // ---------------------------------------------------------------------------------------------
    // Problems
    // ---------------------------------------------------------------------------------------------

    @Test
    void unknownRegionIs404Problem() {
        given().when().get("/api/v1/regions/6299/coverage").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lianhu:problem:not-found"))
                .body("title", equalTo("Not found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("region 629900000000 does not exist"))
                .body("instance", equalTo("/api/v1/regions/6299/coverage"))
                .body("errors", hasSize(0));
    }

    @Test
    void malformedCodesAre400Problems() {
        for (String code : List.of("62x", "621", "62112", "6211000000001", "六二")) {
            given().when().get("/api/v1/regions/{code}/coverage", code).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:lianhu:problem:validation"))
                    .body("status", equalTo(400))
                    .body("errors", hasSize(1))
                    .body("errors[0].field", equalTo("code"))
                    .body("errors[0].rule", equalTo("region-code.format"))
                    .body("errors[0].message",
                            equalTo("code must be an NBS division code of 2, 4, 6, 9 or 12 digits, not '" + code + "'"));
        }
    }

    @Test
    void openApiDocumentsTheOperationAndItsProblems() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/regions/{code}/coverage'.get.operationId", equalTo("getRegionCoverage"))
                .body("paths.'/api/v1/regions/{code}/coverage'.get.responses.'404'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/v1/regions/{code}/coverage'.get.responses.'400'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/v1/regions/{code}/coverage'.get.responses.'200'.content.'application/json'.schema.$ref",
                        equalTo("#/components/schemas/RegionCoverage"));
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers: coverage over REST; the events go through ReportingEvents (real CloudEvents, real broker)
    // ---------------------------------------------------------------------------------------------

    private static ValidatableResponse coverage(String code) {
        return given().when().get("/api/v1/regions/{code}/coverage", code).then();
    }

    /** Province, prefecture, a poor county, a township and a poor village under it. */
    private void villageOf(String prefecture, String prefectureName, String county, String countyName,
            String township, String townshipName, String village, String villageName) {
        events.region("620000000000", "甘肃省", "PROVINCE", null, false, false);
        events.region(full(prefecture), prefectureName, "PREFECTURE", "620000000000", false, false);
        events.region(full(county), countyName, "COUNTY", full(prefecture), true, false);
        events.region(full(township), townshipName, "TOWNSHIP", full(county), false, false);
        events.region(village, villageName, "VILLAGE", full(township), false, true);
    }

    private static String full(String code) {
        return (code + "000000000000").substring(0, 12);
    }

    /** A region's full state after a change of {@code type} (renamed, designation changed). */
    private void regionChanged(String type, String code, String name, String level, String parent, boolean poorCounty,
            boolean poorVillage) {
        events.publish(Topics.REGISTRY_REGIONS, code, type,
                new RegionData(code, name, level, parent, poorCounty, null, false, poorVillage));
    }

    private void household(String type, String id, String village, int members, String status, String previous,
            long version) {
        events.household(type, householdData(id, village, members, status, previous, version));
    }

    /** A household headed by 张* as of 2026-03-01. */
    private static HouseholdData householdData(String id, String village, int members, String status,
            String previous, long version) {
        return ReportingEvents.householdData(id, village, "张*", members, status, previous, LocalDate.of(2026, 3, 1),
                version);
    }

    /** Current value of counter lianhu.reporting.events{topic, outcome} from /q/metrics (0 if absent). */
    private static double metric(String topic, String outcome) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("lianhu_reporting_events_total\\{([^}]*)\\} (\\S+)").matcher(body);
        double total = 0;
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("outcome=\"" + outcome + "\"") && labels.contains("topic=\"" + topic + "\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

}
