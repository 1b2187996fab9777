package cn.gansu.lianhu.pairing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * pairing-service learns villages and households from registry events produced to the real topics by a
 * plain KafkaProducer, exactly as registry-service's outbox relay writes them (structured CloudEvents JSON).
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class RegistryEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void producer() {
        producer = TestKafka.producer();
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void learnsAPoorVillageFromARegionEvent() {
        String id = UUID.randomUUID().toString();
        send("registry.regions", null, "621121100201", regionEvent(id, "registry.region.registered.v1",
                "621121100201", "石家湾村", "621121100000", true));

        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/v1/villages/621121100201")
                .then().statusCode(200));
        given().when().get("/api/v1/villages/621121100201")
                .then().statusCode(200)
                .contentType("application/json")
                .body("code", equalTo("621121100201"))
                .body("name", equalTo("石家湾村"))
                .body("townshipCode", equalTo("621121100000"))
                .body("countyCode", equalTo("621121000000"))
                .body("poor", equalTo(true))
                .body("households", equalTo(0))
                .body("householdsInPoverty", equalTo(0))
                .body("updatedAt", equalTo("2026-11-29T08:00:00Z"));
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() throws Exception {
        // All on partition 0, so they are consumed in this order: poor, then not poor, then the first event
        // again (a redelivery), then a sentinel village. Applying the redelivery would make it poor again.
        String first = UUID.randomUUID().toString();
        String firstJson = regionEvent(first, "registry.region.registered.v1", "621122100202", "马家山村",
                "621122100000", true);
        send("registry.regions", 0, "621122100202", firstJson);
        send("registry.regions", 0, "621122100202", regionEvent(UUID.randomUUID().toString(),
                "registry.region.designation-changed.v1", "621122100202", "马家山村", "621122100000", false));
        send("registry.regions", 0, "621122100202", firstJson);
        send("registry.regions", 0, "621122100203", regionEvent(UUID.randomUUID().toString(),
                "registry.region.registered.v1", "621122100203", "哨口村", "621122100000", true));

        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/v1/villages/621122100203")
                .then().statusCode(200));
        given().when().get("/api/v1/villages/621122100202")
                .then().statusCode(200)
                .body("poor", equalTo(false));
        assertEquals(1, processedCount(first));
    }

    @Test
    void householdsAreCountedOnceAndStaleVersionsAreIgnored() {
        String village = "621123100204";
        send("registry.regions", 0, village, regionEvent(UUID.randomUUID().toString(),
                "registry.region.registered.v1", village, "王家庄村", "621123100000", true));
        String household = UUID.randomUUID().toString();
        String registered = householdEvent(UUID.randomUUID().toString(), "registry.household.registered.v1",
                household, village, "IN_POVERTY", null, 1);
        send("registry.households", 0, household, registered);
        send("registry.households", 0, household, householdEvent(UUID.randomUUID().toString(),
                "registry.household.status-changed.v1", household, village, "LIFTED", "IN_POVERTY", 2));
        send("registry.households", 0, household, registered); // duplicate of version 1
        String other = UUID.randomUUID().toString();
        send("registry.households", 0, other, householdEvent(UUID.randomUUID().toString(),
                "registry.household.registered.v1", other, village, "IN_POVERTY", null, 1));

        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/v1/villages/" + village)
                .then().statusCode(200).body("households", equalTo(2)));
        given().when().get("/api/v1/villages/" + village)
                .then().statusCode(200)
                .body("households", equalTo(2))
                .body("householdsInPoverty", equalTo(1));
        // the township 621123100 holds only this test's village
        given().when().get("/api/v1/villages/counts?under=621123100")
                .then().statusCode(200)
                .body("under", equalTo("621123100000"))
                .body("villages", equalTo(1))
                .body("poorVillages", equalTo(1))
                .body("households", equalTo(2))
                .body("householdsInPoverty", equalTo(1));
        given().when().get("/api/v1/villages/counts?under=62x")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("under"))
                .body("errors[0].rule", equalTo("region-code.format"));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        send("registry.regions", 1, "garbage", "this is not a CloudEvent");
        send("registry.regions", 1, "621124100205", regionEvent(UUID.randomUUID().toString(),
                "registry.region.registered.v1", "621124100205", "李家沟村", "621124100000", true));

        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/v1/villages/621124100205")
                .then().statusCode(200).body("poor", equalTo(true)));

        try (KafkaConsumer<String, String> consumer = TestKafka.consumerFromStart("pairing-service.dead-letter")) {
            ConsumerRecord<String, String> found = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (found == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if ("garbage".equals(r.key())) {
                        found = r;
                    }
                }
            }
            assertTrue(found != null, "poison record not on pairing-service.dead-letter");
            assertEquals("this is not a CloudEvent", found.value());
            assertEquals("registry.regions", header(found, "dlq-topic"));
            assertEquals("1", header(found, "dlq-partition"));
            assertTrue(header(found, "dlq-reason").startsWith("not a JSON CloudEvent"), header(found, "dlq-reason"));
        }
    }

    @Test
    void unknownVillageIsA404Problem() {
        given().when().get("/api/v1/villages/621199999999")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lianhu:problem:not-found"))
                .body("detail", equalTo("village 621199999999 does not exist"))
                .body("instance", equalTo("/api/v1/villages/621199999999"));
    }

    @Test
    void aShortCodeIsA400ProblemNamingTheField() {
        given().when().get("/api/v1/villages/6211")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("code"))
                .body("errors[0].rule", equalTo("region-code.format"));
    }

    private static void send(String topic, Integer partition, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        return r.headers().lastHeader(name) == null ? null
                : new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static long processedCount(String eventId) throws Exception {
        try (Connection c = DriverManager.getConnection(LianhuTestResource.jdbcUrl(), LianhuTestResource.dbUser(),
                LianhuTestResource.dbPassword());
                PreparedStatement s = c.prepareStatement(
                        "select count(*) from processed_event where event_id = ?::uuid and consumer = 'pairing-service'")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A region event exactly as registry-service's outbox writes it. */
    static String regionEvent(String id, String type, String code, String name, String parentCode, boolean poor) {
        return """
                {"specversion":"1.0","id":"%s","source":"/lianhu/registry-service",\
                "type":"cn.gansu.lianhu.%s","subject":"%s","time":"2026-11-29T08:00:00Z",\
                "datacontenttype":"application/json","data":{"code":"%s","name":"%s","level":"VILLAGE",\
                "parentCode":"%s","poorCounty":false,"contiguousArea":null,"nationalKeyCounty":false,\
                "poorVillage":%s}}""".formatted(id, type, code, code, name, parentCode, poor);
    }

    /** A household event exactly as registry-service's outbox writes it. */
    static String householdEvent(String id, String type, String household, String village, String status,
            String previousStatus, long version) {
        return """
                {"specversion":"1.0","id":"%s","source":"/lianhu/registry-service",\
                "type":"cn.gansu.lianhu.%s","subject":"%s","time":"2026-11-29T08:00:00Z",\
                "datacontenttype":"application/json","data":{"id":"%s","villageCode":"%s","headName":"王建国",\
                "headIdNumberMasked":"620102********123X","memberCount":4,"mainCause":"ILLNESS",\
                "otherCauses":["LACK_OF_LABOUR"],"incomePerCapita":2300.50,"status":"%s","previousStatus":%s,\
                "statusSince":"2026-11-01","version":%d}}""".formatted(id, type, household, household, village,
                status, previousStatus == null ? "null" : "\"" + previousStatus + "\"", version);
    }
}
