package cn.gansu.lianhu.pairing;

import static cn.gansu.lianhu.testsupport.DeadLetterProbe.corpus;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.inboxMarks;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.listed;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.listedByKey;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.metric;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.replayedCopies;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.send;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.uuid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.testsupport.DeadLetterProbe.Poison;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Poison messages on every topic pairing-service consumes (issue 8 point 3), through the real broker: each goes to
 * {@code pairing-service.dead-letter} with its exact reason, the good event after them is applied, operators list
 * them and replay one (republished once to its original topic, never applied twice), with 404/409/403/400 problems.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class DeadLettersTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DLQ = "pairing-service.dead-letter";
    private static final String ADMIN = "test-province-admin";

    @Test
    void poisonOnEveryTopicIsDeadLetteredWithItsReasonAndTheNextEventIsApplied() {
        String marker = uuid();
        List<Poison> regions = corpus(marker + "-r", EventTypes.REGION_REGISTERED, "RegionData");
        List<Poison> households = corpus(marker + "-h", EventTypes.HOUSEHOLD_REGISTERED, "HouseholdData");
        send(Topics.REGISTRY_REGIONS, 0, regions);
        send(Topics.REGISTRY_HOUSEHOLDS, 0, households);
        String regionEvent = uuid();
        String householdEvent = uuid();
        String household = uuid();
        send(Topics.REGISTRY_REGIONS, 0, "621125100261", RegistryEventsTest.regionEvent(regionEvent,
                "registry.region.registered.v1", "621125100261", "草滩村", "621125100000", true));
        send(Topics.REGISTRY_HOUSEHOLDS, 0, household, RegistryEventsTest.householdEvent(householdEvent,
                "registry.household.registered.v1", household, "621125100261", "IN_POVERTY", null, 1));

        // the good events after the poison are applied
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/v1/villages/621125100261")
                .then().statusCode(200).body("poor", equalTo(true)).body("households", equalTo(1)));
        assertEquals(1, inboxMarks(regionEvent));
        assertEquals(1, inboxMarks(householdEvent));

        // every poison is listed once with its exact reason and origin
        assertListed(Topics.REGISTRY_REGIONS, regions);
        assertListed(Topics.REGISTRY_HOUSEHOLDS, households);

        // replaying a poison sends it through the consumer again: dead-lettered again, same reason
        Map<String, Object> notJson = listedByKey(Topics.REGISTRY_REGIONS).get(marker + "-r-not-json");
        given().when().post("/api/v1/dead-letters/" + notJson.get("partition") + "/" + notJson.get("offset") + "/replay")
                .then().statusCode(202).body("replays", equalTo(1)).body("replayedBy", equalTo(ADMIN));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(regions.get(0).reason(),
                regions.get(0).reason()), listed(Topics.REGISTRY_REGIONS).stream()
                        .filter(m -> (marker + "-r-not-json").equals(m.get("key"))).map(m -> m.get("reason")).toList()));
    }

    @Test
    void aReplayRepublishesTheRecordOnceAndIsNotAppliedTwice() {
        // an event applied once, then (as if it had been dead-lettered by a since-fixed consumer) on the DLQ
        String eventId = uuid();
        String event = RegistryEventsTest.regionEvent(eventId, "registry.region.registered.v1", "621125100262",
                "石门村", "621125100000", false);
        send(Topics.REGISTRY_REGIONS, 2, "621125100262", event);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(1, inboxMarks(eventId)));
        String key = "621125100262-" + uuid();
        send(DLQ, 0, key, event, "dlq-reason", "simulated: consumer was down-level", "dlq-topic",
                Topics.REGISTRY_REGIONS, "dlq-partition", "2", "dlq-offset", "4711");
        Map<String, Object> entry = awaitListed(Topics.REGISTRY_REGIONS, key);
        assertEquals("simulated: consumer was down-level", entry.get("reason"));
        assertEquals(2, entry.get("originalPartition"));
        assertEquals(4711, entry.get("originalOffset"));
        assertEquals(event, entry.get("value"));
        assertEquals(false, entry.get("valueTruncated"));
        String path = "/api/v1/dead-letters/" + entry.get("partition") + "/" + entry.get("offset") + "/replay";
        double duplicates = duplicates();

        given().when().post(path).then().statusCode(202).contentType("application/json")
                .body("partition", equalTo(entry.get("partition"))).body("offset", equalTo(entry.get("offset")))
                .body("originalTopic", equalTo(Topics.REGISTRY_REGIONS)).body("key", equalTo(key))
                .body("replays", equalTo(1)).body("replayedBy", equalTo(ADMIN));
        String from = DLQ + "/" + entry.get("partition") + "/" + entry.get("offset");
        assertEquals(List.of(from), replayedCopies(Topics.REGISTRY_REGIONS, key));
        // the consumer reads it again and recognises the event it applied: a duplicate, applied once
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(duplicates + 1, duplicates()));
        assertEquals(1, inboxMarks(eventId));
        Map<String, Object> after = listedByKey(Topics.REGISTRY_REGIONS).get(key);
        assertEquals(ADMIN, after.get("replayedBy"));
        assertEquals(1, after.get("replays"));
        assertNotNull(after.get("replayedAt"));

        // a second replay is a conflict unless forced
        given().when().post(path).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:lianhu:problem:conflict"))
                .body("errors[0].field", equalTo("force")).body("errors[0].rule", equalTo("dead-letter.replayed"));
        given().queryParam("force", true).when().post(path).then().statusCode(202).body("replays", equalTo(2));
        assertEquals(List.of(from, from), replayedCopies(Topics.REGISTRY_REGIONS, key));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(duplicates + 2, duplicates()));
        assertEquals(1, inboxMarks(eventId));

        // both replays are audited
        given().queryParam("entity", "dead-letter").queryParam("entityId", from).when().get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(2)).body("items[0].action", equalTo("REPLAYED"))
                .body("items[0].actor", equalTo(ADMIN)).body("items[0].after.replays", equalTo(2))
                .body("items[1].before", nullValue());
    }

    @Test
    void problemsForMissingRecordsBadParametersAndOtherRoles() {
        given().when().post("/api/v1/dead-letters/0/999999999/replay").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:lianhu:problem:not-found"))
                .body("detail", equalTo("dead letter 0/999999999 does not exist"));
        given().when().post("/api/v1/dead-letters/99/0/replay").then().statusCode(404)
                .body("detail", equalTo("dead letter 99/0 does not exist"));
        given().when().post("/api/v1/dead-letters/0/-1/replay").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("offset"))
                .body("errors[0].rule", equalTo("min"));
        given().queryParam("size", 501).when().get("/api/v1/dead-letters").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("size"))
                .body("errors[0].rule", equalTo("max"));
        given().queryParam("topic", "no such/topic").when().get("/api/v1/dead-letters").then().statusCode(400)
                .body("errors[0].field", equalTo("topic")).body("errors[0].rule", equalTo("pattern"));
        for (String token : List.of(TestTokens.auditor(), TestTokens.regionAdmin("6211"), TestTokens.integration())) {
            given().header("Authorization", TestTokens.bearer(token)).when().get("/api/v1/dead-letters")
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("role")).body("errors[0].rule", equalTo("role.not-allowed"));
            given().header("Authorization", TestTokens.bearer(token)).when().post("/api/v1/dead-letters/0/0/replay")
                    .then().statusCode(403).body("errors[0].rule", equalTo("role.not-allowed"));
        }
        given().header("Authorization", "Bearer " + TestTokens.malformed()).when().get("/api/v1/dead-letters")
                .then().statusCode(401).body("errors[0].rule", equalTo("token.invalid"));
    }

    private static double duplicates() {
        return metric("lianhu_events_duplicates_total", "topic", Topics.REGISTRY_REGIONS);
    }

    private static Map<String, Object> awaitListed(String topic, String key) {
        Awaitility.await().atMost(WAIT).until(() -> listedByKey(topic).containsKey(key));
        return listedByKey(topic).get(key);
    }

    /** Every poison is listed exactly once with its reason, origin and no replay. */
    private static void assertListed(String topic, List<Poison> poison) {
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Map<String, Object>> byKey = listedByKey(topic);
            for (Poison p : poison) {
                Map<String, Object> m = byKey.get(p.key());
                assertNotNull(m, p.name() + " not listed");
                assertEquals(p.reason(), m.get("reason"), p.name());
            }
        });
        List<Map<String, Object>> all = listed(topic);
        for (Poison p : poison) {
            List<Map<String, Object>> entries = all.stream().filter(m -> p.key().equals(m.get("key"))).toList();
            assertEquals(1, entries.size(), p.name());
            Map<String, Object> m = entries.get(0);
            assertEquals(topic, m.get("originalTopic"), p.name());
            assertEquals(0, m.get("originalPartition"), p.name());
            assertEquals(0, m.get("replays"), p.name());
            assertEquals(null, m.get("replayedAt"), p.name());
        }
    }
}
