package cn.gansu.lianhu.pairing.units;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * The unit, cadre and link events reach their Kafka topics (through the outbox relay) with the right envelope and
 * payload: {@code pairing.units}, {@code pairing.cadres}, {@code pairing.links}. The poor county 碌曲县 (623026) and
 * its village 郎木村 (623026100200) reach pairing as registry events on Kafka first.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class UnitEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String COUNTY = "623026000000";
    private static final String VILLAGE = "623026100200";
    private final ObjectMapper mapper = new ObjectMapper();

    @Inject
    Fixtures fixtures;

    @Test
    void unitCadreAndLinkEventsLandOnTheirTopics() throws Exception {
        try (KafkaProducer<String, String> producer = TestKafka.producer()) {
            producer.send(new ProducerRecord<>("registry.regions", COUNTY, region(COUNTY, "碌曲县", "COUNTY",
                    "623000000000", true, false))).get();
            producer.send(new ProducerRecord<>("registry.regions", VILLAGE, region(VILLAGE, "郎木村民委员会", "VILLAGE",
                    "623026100000", false, true))).get();
        }
        Awaitility.await().atMost(WAIT).until(() -> fixtures.countyKnown(COUNTY));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/v1/villages/" + VILLAGE)
                .then().statusCode(200));

        String t = Fixtures.token();
        UUID unit = Fixtures.registerUnit("甘南州农业农村局" + t, "PREFECTURE", "6230");
        String idNumber = Fixtures.idNumber("623026");
        Map<String, Object> cadreBody = Fixtures.cadre("才让" + t, idNumber, unit, "COUNTY_DIVISION");
        cadreBody.put("phone", "13993012345");
        UUID cadre = UUID.fromString(given().contentType(ContentType.JSON).body(cadreBody).when().post("/api/v1/cadres")
                .then().statusCode(201).extract().path("id"));
        cadreBody.put("rank", "PREFECTURE_BUREAU");
        given().contentType(ContentType.JSON).body(cadreBody).when().put("/api/v1/cadres/" + cadre)
                .then().statusCode(200);
        UUID villageLink = UUID.fromString(given().contentType(ContentType.JSON).body(Map.of("villageCode", VILLAGE))
                .when().post("/api/v1/units/" + unit + "/villages").then().statusCode(201).extract().path("id"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "CORRECTION_APPROVED", "date", "2026-11-29",
                "approvedBy", "甘南州联村联户办 扎西")).when().post("/api/v1/units/" + unit + "/villages/" + VILLAGE + "/end")
                .then().statusCode(200);
        UUID leader = Fixtures.registerCadre("多杰" + t, unit, "PROVINCIAL_LEADER");
        UUID leaderLink = UUID.fromString(given().contentType(ContentType.JSON)
                .body(Map.of("countyCode", "623026", "villageCode", VILLAGE))
                .when().post("/api/v1/cadres/" + leader + "/counties").then().statusCode(201).extract().path("id"));

        List<ConsumerRecord<String, String>> units = read("pairing.units", Set.of(unit.toString()), 3);
        List<ConsumerRecord<String, String>> cadres = read("pairing.cadres", Set.of(cadre.toString(), leader.toString()), 3);
        List<ConsumerRecord<String, String>> links = read("pairing.links",
                Set.of(villageLink.toString(), leaderLink.toString()), 3);

        // pairing.units: registered, then one update per ACTIVE cadre added (the rank change is no unit event)
        assertEquals(List.of("cn.gansu.lianhu.pairing.unit.registered.v1", "cn.gansu.lianhu.pairing.unit.updated.v1",
                "cn.gansu.lianhu.pairing.unit.updated.v1"), types(units));
        JsonNode first = json(units.get(0));
        assertEquals("1.0", first.get("specversion").asText());
        assertEquals("/lianhu/pairing-service", first.get("source").asText());
        assertEquals(unit.toString(), first.get("subject").asText());
        JsonNode u = first.get("data");
        assertEquals("甘南州农业农村局" + t, u.get("name").asText());
        assertEquals("PREFECTURE", u.get("level").asText());
        assertEquals("PARTY_GOVERNMENT", u.get("kind").asText());
        assertEquals("623000000000", u.get("regionCode").asText());
        assertTrue(u.get("creditCode").isNull());
        assertEquals(List.of(1L, 2L, 3L), field(units, "version"));
        assertEquals(List.of(0L, 1L, 2L), field(units, "activeCadres"));
        assertEquals(List.of(0L, 1L, 1L), field(units, "requiredVillages"));
        assertFalse(json(units.get(2)).get("data").get("pairingsConfirmed").asBoolean());

        // pairing.cadres: masked ID number, no phone, minimum by rank
        List<ConsumerRecord<String, String>> mine = cadres.stream().filter(r -> r.key().equals(cadre.toString())).toList();
        assertEquals(List.of("cn.gansu.lianhu.pairing.cadre.registered.v1", "cn.gansu.lianhu.pairing.cadre.updated.v1"),
                types(mine));
        JsonNode c = json(mine.get(1)).get("data");
        assertEquals(idNumber.substring(0, 6) + "********" + idNumber.substring(14), c.get("idNumberMasked").asText());
        assertEquals(unit.toString(), c.get("unitId").asText());
        assertEquals("PREFECTURE_BUREAU", c.get("rank").asText());
        assertEquals("ACTIVE", c.get("status").asText());
        assertEquals(3, c.get("minimumHouseholds").asInt());
        assertEquals(2, c.get("version").asInt());
        assertEquals(List.of(2L, 3L), field(mine, "minimumHouseholds"));
        for (ConsumerRecord<String, String> r : cadres) {
            assertFalse(r.value().contains(idNumber), "full ID number on pairing.cadres: " + r.value());
            assertFalse(r.value().contains("13993012345"), "phone on pairing.cadres: " + r.value());
        }

        // pairing.links: village link then its end, then the leader's county link
        assertEquals(List.of("cn.gansu.lianhu.pairing.village-link.linked.v1",
                "cn.gansu.lianhu.pairing.village-link.ended.v1"),
                types(links.stream().filter(r -> r.key().equals(villageLink.toString())).toList()));
        JsonNode ended = json(links.stream().filter(r -> r.key().equals(villageLink.toString())).toList().get(1))
                .get("data");
        assertEquals(unit.toString(), ended.get("unitId").asText());
        assertEquals(VILLAGE, ended.get("villageCode").asText());
        assertEquals(COUNTY, ended.get("countyCode").asText());
        assertEquals("2026-11-29", ended.get("linkedOn").asText());
        assertEquals("2026-11-29", ended.get("endedOn").asText());
        assertEquals("CORRECTION_APPROVED", ended.get("endReason").asText());
        assertFalse(ended.get("active").asBoolean());
        ConsumerRecord<String, String> led = links.stream().filter(r -> r.key().equals(leaderLink.toString()))
                .findFirst().orElseThrow();
        assertEquals("cn.gansu.lianhu.pairing.leader-link.linked.v1", json(led).get("type").asText());
        JsonNode l = json(led).get("data");
        assertEquals(leader.toString(), l.get("cadreId").asText());
        assertEquals(COUNTY, l.get("countyCode").asText());
        assertEquals(VILLAGE, l.get("villageCode").asText());
        assertTrue(l.get("active").asBoolean());
    }

    /** Records of {@code topic} whose key is one of {@code keys}, in topic order, waiting until {@code count} came. */
    private static List<ConsumerRecord<String, String>> read(String topic, Set<String> keys, int count) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = TestKafka.consumerFromStart(topic)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(r.key())) {
                        found.add(r);
                    }
                }
            }
        }
        assertEquals(count, found.size(), "records on " + topic + ": " + found);
        return found;
    }

    private JsonNode json(ConsumerRecord<String, String> r) {
        try {
            return mapper.readTree(r.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> types(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> json(r).get("type").asText()).toList();
    }

    private List<Long> field(List<ConsumerRecord<String, String>> records, String name) {
        return records.stream().map(r -> json(r).get("data").get(name).asLong()).toList();
    }

    /** A region event exactly as registry-service's outbox writes it. */
    private static String region(String code, String name, String level, String parent, boolean poorCounty,
            boolean poorVillage) {
        return """
                {"specversion":"1.0","id":"%s","source":"/lianhu/registry-service",\
                "type":"cn.gansu.lianhu.registry.region.registered.v1","subject":"%s","time":"2026-11-29T08:00:00Z",\
                "datacontenttype":"application/json","data":{"code":"%s","name":"%s","level":"%s",\
                "parentCode":"%s","poorCounty":%s,"contiguousArea":"四省藏区","nationalKeyCounty":false,\
                "poorVillage":%s}}""".formatted(UUID.randomUUID(), code, code, name, level, parent, poorCounty,
                poorVillage);
    }
}
