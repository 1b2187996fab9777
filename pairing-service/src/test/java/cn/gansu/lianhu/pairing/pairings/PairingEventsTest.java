package cn.gansu.lianhu.pairing.pairings;

import static cn.gansu.lianhu.pairing.pairings.HandOverTest.depart;
import static cn.gansu.lianhu.pairing.pairings.HandOverTest.ho;
import static cn.gansu.lianhu.pairing.pairings.PairingRulesTest.confirm;
import static cn.gansu.lianhu.pairing.pairings.PairingRulesTest.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * End to end through Kafka: a poor village of 碌曲县 and two households arrive as registry CloudEvents on
 * {@code registry.regions} / {@code registry.households}; pairings are drafted, the primary moves, the unit
 * confirms, a cadre leaves with a hand-over; a plain consumer reads {@code pairing.pairings},
 * {@code pairing.units} and {@code pairing.cadres} and checks every event type, in order per pairing, with its
 * payload.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class PairingEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    PairingFixtures fx;

    @Test
    void pairingEventsCarryEveryChangeInOrderWithItsState() throws Exception {
        String village = "623026100200";
        UUID h1 = UUID.randomUUID();
        UUID h2 = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = TestKafka.producer()) {
            producer.send(new ProducerRecord<>("registry.regions", village, regionEvent(village, "郎木村民委员会",
                    "623026100000"))).get();
            producer.send(new ProducerRecord<>("registry.households", h1.toString(), householdEvent(h1, village))).get();
            producer.send(new ProducerRecord<>("registry.households", h2.toString(), householdEvent(h2, village))).get();
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/v1/villages/" + village)
                .then().statusCode(200).body("householdsInPoverty", equalTo(2)));

        UUID unit = fx.unit("碌曲县农业农村局");
        fx.villageLink(unit, village);
        UUID a = fx.cadre(unit, "扎西", CadreRank.OTHER);
        UUID b = fx.cadre(unit, "卓玛", CadreRank.OTHER);
        String pA1 = create(a, h1).statusCode(201).extract().path("id");
        String pB1 = create(b, h1).statusCode(201).extract().path("id");
        String pB2 = create(b, h2).statusCode(201).extract().path("id");
        given().when().post("/api/v1/pairings/" + pB1 + "/primary").then().statusCode(200);
        confirm(unit, "碌曲县农业农村局 局长 尕藏").statusCode(200).body("activated", equalTo(3));
        UUID c = fx.cadre(unit, "才让", CadreRank.OTHER);
        var departed = depart(b, "{\"status\":\"TRANSFERRED\",\"date\":\"2026-11-29\",\"handovers\":[" + ho(h1, c) + ","
                + ho(h2, c) + "]}").statusCode(200).extract();
        String nC1 = departed.path("handovers[0].successorPairingId");
        String nC2 = departed.path("handovers[1].successorPairingId");

        Map<String, List<JsonNode>> byKey = consume(Set.of(pA1, pB1, pB2, nC1, nC2, unit.toString(), b.toString()), 15);

        assertEquals(List.of(type("drafted"), type("primary-changed"), type("activated")), types(byKey.get(pA1)));
        assertEquals(List.of(type("drafted"), type("primary-changed"), type("activated"), type("ended")),
                types(byKey.get(pB1)));
        assertEquals(List.of(type("drafted"), type("activated"), type("ended")), types(byKey.get(pB2)));
        assertEquals(List.of(type("activated")), types(byKey.get(nC1)));
        assertEquals(List.of(type("activated")), types(byKey.get(nC2)));
        for (String key : List.of(pA1, pB1, pB2)) {
            List<JsonNode> events = byKey.get(key);
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i + 1, events.get(i).get("data").get("version").asLong(), key + " event " + i);
            }
        }

        JsonNode cleared = byKey.get(pA1).get(1);
        assertEquals(pA1, cleared.get("subject").asText());
        assertEquals("/lianhu/pairing-service", cleared.get("source").asText());
        assertEquals(false, cleared.get("data").get("primary").asBoolean());
        assertEquals("DRAFT", cleared.get("data").get("status").asText());

        JsonNode ended = byKey.get(pB1).get(3).get("data");
        assertEquals(pB1, ended.get("id").asText());
        assertEquals(b.toString(), ended.get("cadreId").asText());
        assertEquals(unit.toString(), ended.get("unitId").asText());
        assertEquals(h1.toString(), ended.get("householdId").asText());
        assertEquals(village, ended.get("villageCode").asText());
        assertEquals(true, ended.get("primary").asBoolean());
        assertEquals("ENDED", ended.get("status").asText());
        assertEquals("2026-11-29", ended.get("startedOn").asText());
        assertEquals("2026-11-29", ended.get("endedOn").asText());
        assertEquals("CADRE_TRANSFERRED", ended.get("endReason").asText());
        assertEquals(nC1, ended.get("successorId").asText());

        JsonNode taken = byKey.get(nC1).get(0).get("data");
        assertEquals(c.toString(), taken.get("cadreId").asText());
        assertEquals("ACTIVE", taken.get("status").asText());
        assertEquals(true, taken.get("primary").asBoolean());
        assertEquals("2026-11-29", taken.get("startedOn").asText());
        assertTrue(taken.get("successorId").isNull());
        assertEquals(false, byKey.get(pA1).get(2).get("data").get("primary").asBoolean());

        List<JsonNode> unitEvents = byKey.get(unit.toString());
        assertEquals(List.of(EventTypes.UNIT_PAIRINGS_CONFIRMED, EventTypes.UNIT_UPDATED), types(unitEvents));
        assertEquals(true, unitEvents.get(0).get("data").get("pairingsConfirmed").asBoolean());
        assertEquals(2, unitEvents.get(0).get("data").get("version").asLong());
        assertEquals(2, unitEvents.get(0).get("data").get("activeCadres").asInt()); // 扎西, 卓玛
        assertEquals(3, unitEvents.get(1).get("data").get("version").asLong());
        assertEquals(2, unitEvents.get(1).get("data").get("activeCadres").asInt()); // 扎西, 才让

        List<JsonNode> cadreEvents = byKey.get(b.toString());
        assertEquals(List.of(EventTypes.CADRE_LEFT), types(cadreEvents));
        JsonNode left = cadreEvents.get(0).get("data");
        assertEquals("TRANSFERRED", left.get("status").asText());
        assertEquals(0, left.get("minimumHouseholds").asInt());
        assertEquals(2, left.get("version").asLong());
        assertTrue(left.get("idNumberMasked").asText().contains("*"), left.toString());
    }

    /** Reads the three topics from the start until {@code expected} events with the given keys arrived. */
    private static Map<String, List<JsonNode>> consume(Set<String> keys, int expected) throws Exception {
        Map<String, List<JsonNode>> byKey = new HashMap<>();
        int seen = 0;
        try (KafkaConsumer<String, String> consumer = TestKafka.consumerFromStart("pairing.pairings", "pairing.units",
                "pairing.cadres")) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (seen < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(r.key())) {
                        byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(JSON.readTree(r.value()));
                        seen++;
                    }
                }
            }
            // anything more than expected would be a duplicate or a stray event: read a little longer
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(2))) {
                if (keys.contains(r.key())) {
                    byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(JSON.readTree(r.value()));
                    seen++;
                }
            }
        }
        assertEquals(expected, seen, "events with our keys: " + byKey);
        return byKey;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    private static String type(String action) {
        return "cn.gansu.lianhu.pairing.pairing." + action + ".v1";
    }

    /** A village registration exactly as registry-service's outbox writes it. */
    private static String regionEvent(String code, String name, String parentCode) {
        return """
                {"specversion":"1.0","id":"%s","source":"/lianhu/registry-service",\
                "type":"cn.gansu.lianhu.registry.region.registered.v1","subject":"%s","time":"2026-11-29T08:00:00Z",\
                "datacontenttype":"application/json","data":{"code":"%s","name":"%s","level":"VILLAGE",\
                "parentCode":"%s","poorCounty":false,"contiguousArea":null,"nationalKeyCounty":false,\
                "poorVillage":true}}""".formatted(UUID.randomUUID(), code, code, name, parentCode);
    }

    /** A household registration exactly as registry-service's outbox writes it. */
    private static String householdEvent(UUID household, String village) {
        return """
                {"specversion":"1.0","id":"%s","source":"/lianhu/registry-service",\
                "type":"cn.gansu.lianhu.registry.household.registered.v1","subject":"%s","time":"2026-11-29T08:00:00Z",\
                "datacontenttype":"application/json","data":{"id":"%s","villageCode":"%s","headName":"才让东主",\
                "headIdNumberMasked":"623026********123X","memberCount":5,"mainCause":"ILLNESS",\
                "otherCauses":[],"incomePerCapita":2100.00,"status":"IN_POVERTY","previousStatus":null,\
                "statusSince":"2026-03-01","version":1}}""".formatted(UUID.randomUUID(), household, household,
                village);
    }
}
