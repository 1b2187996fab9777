package cn.gansu.lianhu.registry.households;

import static cn.gansu.lianhu.registry.households.HouseholdFixtures.POOR_VILLAGE;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.household;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.idNumber;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.member;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.SQLException;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.registry.domain.Sex;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The household.registered event as it arrives on the real registry.households topic. */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class HouseholdEventsTest {

    @BeforeEach
    void regions() throws SQLException {
        HouseholdFixtures.ensureRegions();
    }

    @Test
    void registeredEventOnTheTopicCarriesOnlyMaskedIdNumbers() throws Exception {
        String head = idNumber(Sex.MALE);
        String wife = idNumber(Sex.FEMALE);
        String id = given().contentType(ContentType.JSON)
                .body(household(POOR_VILLAGE, member("张建国", head, "HEAD"), member("李秀英", wife, "SPOUSE")))
                .when().post("/api/v1/households").then().statusCode(201).extract().path("id");

        ConsumerRecord<String, String> found = null;
        try (KafkaConsumer<String, String> consumer = TestKafka.consumerFromStart(Topics.REGISTRY_HOUSEHOLDS)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (found == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (id.equals(r.key())) {
                        found = r;
                        break;
                    }
                }
            }
        }
        assertNotNull(found, "no record with key " + id + " on " + Topics.REGISTRY_HOUSEHOLDS);
        assertFalse(found.value().contains(head), "full head ID number in the record");
        assertFalse(found.value().contains(wife), "full member ID number in the record");
        assertFalse(found.value().contains("13812345678"), "full phone in the record");

        JsonNode event = new ObjectMapper().readTree(found.value());
        assertEquals(EventTypes.HOUSEHOLD_REGISTERED, event.get("type").asText());
        assertEquals(id, event.get("subject").asText());
        JsonNode data = event.get("data");
        assertEquals(id, data.get("id").asText());
        assertEquals(POOR_VILLAGE, data.get("villageCode").asText());
        assertEquals("张建国", data.get("headName").asText());
        assertEquals(head.substring(0, 6) + "********" + head.substring(14), data.get("headIdNumberMasked").asText());
        assertEquals(2, data.get("memberCount").asInt());
        assertEquals("ILLNESS", data.get("mainCause").asText());
        assertEquals("IN_POVERTY", data.get("status").asText());
        assertEquals("2026-11-29", data.get("statusSince").asText());
        assertEquals(1, data.get("version").asLong());
        assertEquals("2860.5", data.get("incomePerCapita").asText().replaceAll("0+$", ""));
    }
}
