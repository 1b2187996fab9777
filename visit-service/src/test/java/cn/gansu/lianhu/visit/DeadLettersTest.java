package cn.gansu.lianhu.visit;

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

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * Poison messages on every topic visit-service consumes ({@code pairing.pairings}, {@code registry.households};
 * issue 8 point 3), through the real broker: each goes to {@code visit-service.dead-letter} with its exact reason,
 * the good events after them are applied, operators list them and replay one (republished once, never applied
 * twice), with 404/409/403/400 problems.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class DeadLettersTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void poisonOnEveryTopicIsDeadLetteredWithItsReasonAndTheNextEventIsApplied() throws Exception {
        String marker = uuid();
        List<Poison> pairings = corpus(marker + "-p", EventTypes.PAIRING_ACTIVATED, "PairingData");
        List<Poison> households = corpus(marker + "-h", EventTypes.HOUSEHOLD_REGISTERED, "HouseholdData");
        send(Topics.PAIRING_PAIRINGS, 0, pairings);
        send(Topics.REGISTRY_HOUSEHOLDS, 0, households);
        String pairing = uuid(), cadre = uuid(), household = uuid();
        String pairingEvent = uuid();
        String householdEvent = uuid();
        send(Topics.PAIRING_PAIRINGS, 0, pairing, KnownPairingsTest.pairingEvent(pairingEvent,
                "pairing.pairing.activated.v1", pairing, cadre, uuid(), household, true, "ACTIVE", "2026-03-01", null,
                null, 1));
        send(Topics.REGISTRY_HOUSEHOLDS, 0, household, KnownPairingsTest.householdEvent(householdEvent,
                "registry.household.registered.v1", household, "IN_POVERTY", 1));

        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            given().when().get("/api/v1/known-pairings?cadre=" + cadre).then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].id", equalTo(pairing))
                    .body("items[0].status", equalTo("ACTIVE"));
            assertEquals(1, inboxMarks(householdEvent));
        });
        assertEquals(1, inboxMarks(pairingEvent));
        assertEquals("IN_POVERTY", row("select status from known_household where id = ?::uuid", household));

        assertListedOnce(WAIT, Topics.PAIRING_PAIRINGS, 0, pairings);
        assertListedOnce(WAIT, Topics.REGISTRY_HOUSEHOLDS, 0, households);
        assertReplayedPoisonIsDeadLetteredAgain(WAIT, Topics.REGISTRY_HOUSEHOLDS, households.get(0));
    }

    @Test
    void aReplayRepublishesTheRecordOnceAndIsNotAppliedTwice() {
        String household = uuid();
        String eventId = uuid();
        String event = KnownPairingsTest.householdEvent(eventId, "registry.household.registered.v1", household,
                "IN_POVERTY", 1);
        send(Topics.REGISTRY_HOUSEHOLDS, 2, household, event);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(1, inboxMarks(eventId)));
        assertReplayOfAnAppliedEvent(WAIT, "visit-service.dead-letter", Topics.REGISTRY_HOUSEHOLDS, 2, event, eventId,
                () -> metric("lianhu_events_duplicates_total", "topic", Topics.REGISTRY_HOUSEHOLDS),
                "test-province-admin");
    }

    @Test
    void problemsForMissingRecordsBadParametersAndOtherRoles() {
        assertProblems();
    }

    private static String row(String sql, String id) throws Exception {
        try (Connection c = DriverManager.getConnection(LianhuTestResource.jdbcUrl(), LianhuTestResource.dbUser(),
                LianhuTestResource.dbPassword()); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
