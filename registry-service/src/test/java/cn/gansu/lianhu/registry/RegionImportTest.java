package cn.gansu.lianhu.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.contract.CloudEvents;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.RegionData;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * CSV import of region files (issue points 5 and 8): idempotent re-import, rename with its event read back
 * from the real Kafka topic, full-list designation semantics (dry run), and all-or-nothing rejection with
 * row/column/rule. Every test leaves the bundled data as it found it (other test classes count figures).
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class RegionImportTest {

    private static final String VILLAGE = "620102001001";
    private static final String VILLAGE_NAME = "畅家巷社区居委会";

    @Inject
    ObjectMapper mapper;

    private static io.restassured.response.ValidatableResponse post(String kind, String csv, boolean dryRun) {
        return given().contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .queryParam("dryRun", dryRun)
                .when().post("/api/v1/regions/imports/{kind}", kind)
                .then();
    }

    @Test
    void reimportingTheBundledFilesChangesNothingAndPublishesNothing() {
        long outboxBefore = RegionTestData.regionOutboxRows();
        record File(String kind, String name, int rows, int regions) {
        }
        for (File f : List.of(new File("counties", "counties.csv", 88, 88 + 14 + 1),
                new File("townships", "townships.csv", 1403, 1403), new File("villages", "villages.csv", 17718, 17718),
                new File("poor-counties", "poor_counties.csv", 58, 58),
                new File("poor-villages", "poor_villages.csv", 8790, 8790))) {
            given().contentType("text/csv").body(RegionTestData.bytes(f.name()))
                    .when().post("/api/v1/regions/imports/{kind}", f.kind())
                    .then().statusCode(200)
                    .body("kind", equalTo(f.kind()))
                    .body("rows", equalTo(f.rows()))
                    .body("created", equalTo(0))
                    .body("renamed", equalTo(0))
                    .body("reclassified", equalTo(0))
                    .body("designationChanged", equalTo(0))
                    .body("unchanged", equalTo(f.regions()))
                    .body("dryRun", equalTo(false));
        }
        assertEquals(outboxBefore, RegionTestData.regionOutboxRows(), "a re-import publishes no event");
    }

    @Test
    void renamedVillageIsUpdatedAndItsEventReachesKafka() throws Exception {
        String newName = VILLAGE_NAME + "（测试）";
        long outboxBefore = RegionTestData.regionOutboxRows();
        try {
            post("villages", "code,name,parent_code\n" + VILLAGE + "," + newName + ",620102001\n", false)
                    .statusCode(200)
                    .body("rows", equalTo(1))
                    .body("created", equalTo(0))
                    .body("renamed", equalTo(1))
                    .body("designationChanged", equalTo(0))
                    .body("unchanged", equalTo(0));
            assertEquals(outboxBefore + 1, RegionTestData.regionOutboxRows(), "exactly one new event");
            assertEquals(1, RegionTestData.sqlCount("select count(*) from outbox_event where event_key = ?"
                    + " and event_type = ? and payload like ?", VILLAGE, EventTypes.REGION_RENAMED, "%" + newName + "%"));
            given().when().get("/api/v1/regions/" + VILLAGE)
                    .then().statusCode(200).body("name", equalTo(newName));

            CloudEvent event = awaitRenameOnKafka(newName);
            assertEquals(VILLAGE, event.subject());
            RegionData data = CloudEvents.data(mapper, event, RegionData.class);
            assertEquals(newName, data.name());
            assertEquals("VILLAGE", data.level());
            assertEquals("620102001000", data.parentCode());
        } finally {
            post("villages", "code,name,parent_code\n" + VILLAGE + "," + VILLAGE_NAME + ",620102001\n", false)
                    .statusCode(200);
        }
        given().when().get("/api/v1/regions/" + VILLAGE).then().statusCode(200).body("name", equalTo(VILLAGE_NAME));
    }

    /** Reads registry.regions from the beginning with a plain consumer until the rename event shows up. */
    private CloudEvent awaitRenameOnKafka(String newName) {
        AtomicReference<CloudEvent> found = new AtomicReference<>();
        try (KafkaConsumer<String, String> consumer = TestKafka.consumerFromStart(Topics.REGISTRY_REGIONS)) {
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (VILLAGE.equals(r.key())) {
                        CloudEvent e = CloudEvents.parse(mapper, r.value());
                        if (EventTypes.REGION_RENAMED.equals(e.type())
                                && newName.equals(e.data().path("name").asText())) {
                            found.set(e);
                        }
                    }
                }
                return found.get() != null;
            });
        }
        assertNotNull(found.get());
        return found.get();
    }

    @Test
    void designationListIsTheFullListDryRunShowsWithdrawalsAndWritesNothing() {
        long outboxBefore = RegionTestData.regionOutboxRows();
        String[] first = RegionTestData.rows("poor_villages.csv").get(0);
        post("poor-villages", "code,name,township_code,county_code\n" + String.join(",", first) + "\n", true)
                .statusCode(200)
                .body("rows", equalTo(1))
                .body("designationChanged", equalTo(8789))
                .body("unchanged", equalTo(1))
                .body("dryRun", equalTo(true));
        // a new village, dry run: counted as created, not written
        post("villages", "code,name,parent_code\n620102001098,试验村,620102001\n", true)
                .statusCode(200).body("created", equalTo(1)).body("unchanged", equalTo(0));
        given().when().get("/api/v1/regions/620102001098").then().statusCode(404);
        given().when().get("/api/v1/regions/62/counts")
                .then().statusCode(200).body("poorVillages", equalTo(8790)).body("villages", equalTo(17718));
        assertEquals(outboxBefore, RegionTestData.regionOutboxRows());
    }

    @Test
    void wrongHeaderIsRejectedNamingRowColumnAndRule() {
        long outboxBefore = RegionTestData.regionOutboxRows();
        post("villages", "code,nom,parent_code\n620102001098,试验村,620102001\n", false)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("CSV file is not valid"))
                .body("errors", hasSize(2))
                .body("errors[0].field", equalTo("row[1].nom"))
                .body("errors[0].rule", equalTo("csv.header.unknown-column"))
                .body("errors[1].field", equalTo("row[1].name"))
                .body("errors[1].rule", equalTo("csv.header.missing-column"));
        given().when().get("/api/v1/regions/620102001098").then().statusCode(404);
        assertEquals(outboxBefore, RegionTestData.regionOutboxRows());
    }

    @Test
    void badRowsRejectTheWholeFileAndNothingIsWritten() {
        long outboxBefore = RegionTestData.regionOutboxRows();
        String csv = """
                code,name,parent_code
                620102001098,试验村,620102001
                62010200109X,坏代码村,620102001
                620102999001,无主村,620102999
                620102001097,,620102001
                620102001098,重复村,620102001
                """;
        post("villages", csv, false)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("villages file rejected, nothing written: 4 error(s) in 4 row(s)"))
                .body("errors", hasSize(4))
                .body("errors[0].field", equalTo("row[3].code"))
                .body("errors[0].rule", equalTo("region-code.format"))
                .body("errors[1].field", equalTo("row[4].parent_code"))
                .body("errors[1].rule", equalTo("region.unknown-parent"))
                .body("errors[2].field", equalTo("row[5].name"))
                .body("errors[2].rule", equalTo("name.blank"))
                .body("errors[3].field", equalTo("row[6].code"))
                .body("errors[3].rule", equalTo("region-code.duplicate"));
        given().when().get("/api/v1/regions/620102001098").then().statusCode(404);
        assertEquals(outboxBefore, RegionTestData.regionOutboxRows());
        assertEquals(0, RegionTestData.sqlCount("select count(*) from region where code like '620102001098'"));
    }

    @Test
    void otherFileRulesAreNamed() {
        post("poor-counties", "code,name,city_code,city_name,contiguous_area,national_key_county_2012,key_flag_status\n"
                + "621121,通渭县,6211,定西市,六盘山区,yes,confirmed\n"
                + "621199,无此县,6211,定西市,六盘山区,Y,confirmed\n", false)
                .statusCode(400)
                .body("errors", hasSize(2))
                .body("errors[0].field", equalTo("row[2].national_key_county_2012"))
                .body("errors[0].rule", equalTo("flag.format"))
                .body("errors[1].field", equalTo("row[3].code"))
                .body("errors[1].rule", equalTo("region.unknown"));
        post("townships", "code,name,parent_code\n630102001,外省街道,630102\n620102001,酒泉路街道,620103\n", false)
                .statusCode(400)
                .body("errors[0].field", equalTo("row[2].code"))
                .body("errors[0].rule", equalTo("region-code.outside-province"))
                .body("errors[1].field", equalTo("row[3].parent_code"))
                .body("errors[1].rule", equalTo("region-code.parent-mismatch"));
        post("villages", "code,name,parent_code\n620102001001,x\n", false)
                .statusCode(400)
                .body("errors[0].field", equalTo("row[2].*"))
                .body("errors[0].rule", equalTo("csv.column-count"));
        post("villages", "", false)
                .statusCode(400)
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].rule", equalTo("csv.empty"));
        post("hamlets", "code,name,parent_code\n", false)
                .statusCode(400)
                .body("errors[0].field", equalTo("kind"))
                .body("errors[0].rule", equalTo("import-kind.unknown"));
        given().when().get("/api/v1/regions/620102001")
                .then().statusCode(200).body("name", equalTo("酒泉路街道")).body("parentCode", equalTo("620102000000"));
        Map<String, Object> counts = given().when().get("/api/v1/regions/62/counts").then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertEquals(1403, counts.get("townships"));
        assertEquals(58, counts.get("poorCounties"));
    }
}
