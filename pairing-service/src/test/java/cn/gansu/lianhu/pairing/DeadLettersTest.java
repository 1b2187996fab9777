package cn.gansu.lianhu.pairing;

import static cn.gansu.lianhu.testsupport.DeadLetterProbe.assertListedOnce;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.assertProblems;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.assertReplayOfAnAppliedEvent;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.assertReplayedPoisonIsDeadLetteredAgain;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.corpus;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.inboxMarks;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.metric;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.send;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.uuid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.testsupport.DeadLetterProbe.Poison;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Poison messages on every topic pairing-service consumes (issue 8 point 3), through the real broker: each goes to
 * {@code pairing-service.dead-letter} with its exact reason, the good events after them are applied, operators list
 * them and replay one (republished once to its original topic, never applied twice), with 404/409/403/400 problems.
 * Villages of 泾川县 (620821), which no other pairing test uses (the planner tests count whole counties).
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class DeadLettersTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

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
        send(Topics.REGISTRY_REGIONS, 0, "620821100261", RegistryEventsTest.regionEvent(regionEvent,
                "registry.region.registered.v1", "620821100261", "草滩村", "620821100000", true));
        send(Topics.REGISTRY_HOUSEHOLDS, 0, household, RegistryEventsTest.householdEvent(householdEvent,
                "registry.household.registered.v1", household, "620821100261", "IN_POVERTY", null, 1));

        // the good events after the poison are applied
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/v1/villages/620821100261")
                .then().statusCode(200).body("poor", equalTo(true)).body("households", equalTo(1)));
        assertEquals(1, inboxMarks(regionEvent));
        assertEquals(1, inboxMarks(householdEvent));

        // every poison is listed once with its exact reason and origin
        assertListedOnce(WAIT, Topics.REGISTRY_REGIONS, 0, regions);
        assertListedOnce(WAIT, Topics.REGISTRY_HOUSEHOLDS, 0, households);
        // a replayed poison goes through the consumer again and is dead-lettered again
        assertReplayedPoisonIsDeadLetteredAgain(WAIT, Topics.REGISTRY_REGIONS, regions.get(0));
    }

    @Test
    void aReplayRepublishesTheRecordOnceAndIsNotAppliedTwice() {
        String eventId = uuid();
        String event = RegistryEventsTest.regionEvent(eventId, "registry.region.registered.v1", "620821100262",
                "石门村", "620821100000", false);
        send(Topics.REGISTRY_REGIONS, 2, "620821100262", event);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(1, inboxMarks(eventId)));
        assertReplayOfAnAppliedEvent(WAIT, "pairing-service.dead-letter", Topics.REGISTRY_REGIONS, 2, event, eventId,
                () -> metric("lianhu_events_duplicates_total", "topic", Topics.REGISTRY_REGIONS),
                "test-province-admin");
        given().when().get("/api/v1/villages/620821100262").then().statusCode(200).body("name", equalTo("石门村"));
    }

    @Test
    void problemsForMissingRecordsBadParametersAndOtherRoles() {
        assertProblems();
    }
}
