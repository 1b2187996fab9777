package cn.gansu.lianhu.registry;

import static cn.gansu.lianhu.testsupport.DeadLetterProbe.assertListedOnce;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.assertProblems;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.assertReplayOfAnAppliedEvent;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.assertReplayedPoisonIsDeadLetteredAgain;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.corpus;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.envelope;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.inboxMarks;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.metric;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.send;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.uuid;
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
 * Poison messages on every topic registry-service consumes ({@code pairing.pairings}, {@code pairing.links}; issue 8
 * point 3), through the real broker: each goes to {@code registry-service.dead-letter} with its exact reason, the
 * good events after them are applied (scope rows {@code household_access}, {@code village_link_access}), operators
 * list them and replay one (republished once, never applied twice), with 404/409/403/400 problems.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class DeadLettersTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void poisonOnEveryTopicIsDeadLetteredWithItsReasonAndTheNextEventIsApplied() throws Exception {
        String marker = uuid();
        List<Poison> pairings = corpus(marker + "-p", EventTypes.PAIRING_ACTIVATED, "PairingData");
        List<Poison> links = corpus(marker + "-l", EventTypes.VILLAGE_LINKED, "VillageLinkData");
        send(Topics.PAIRING_PAIRINGS, 0, pairings);
        send(Topics.PAIRING_LINKS, 0, links);
        String pairing = uuid();
        String link = uuid();
        String pairingEvent = uuid();
        String linkEvent = uuid();
        send(Topics.PAIRING_PAIRINGS, 0, pairing, pairing(pairingEvent, pairing));
        send(Topics.PAIRING_LINKS, 0, link, link(linkEvent, link));

        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            assertEquals("ACTIVE 1", row("select status || ' ' || version from household_access where pairing_id = ?::uuid",
                    pairing));
            assertEquals("ACTIVE 1", row("select status || ' ' || version from village_link_access where link_id = ?::uuid",
                    link));
        });
        assertEquals(1, inboxMarks(pairingEvent));
        assertEquals(1, inboxMarks(linkEvent));

        assertListedOnce(WAIT, Topics.PAIRING_PAIRINGS, 0, pairings);
        assertListedOnce(WAIT, Topics.PAIRING_LINKS, 0, links);
        assertReplayedPoisonIsDeadLetteredAgain(WAIT, Topics.PAIRING_LINKS, links.get(0));
    }

    @Test
    void aReplayRepublishesTheRecordOnceAndIsNotAppliedTwice() throws Exception {
        String pairing = uuid();
        String eventId = uuid();
        String event = pairing(eventId, pairing);
        send(Topics.PAIRING_PAIRINGS, 2, pairing, event);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(1, inboxMarks(eventId)));
        assertReplayOfAnAppliedEvent(WAIT, "registry-service.dead-letter", Topics.PAIRING_PAIRINGS, 2, event, eventId,
                () -> metric("lianhu_events_duplicates_total", "topic", Topics.PAIRING_PAIRINGS),
                "test-province-admin");
        assertEquals("ACTIVE 1", row("select status || ' ' || version from household_access where pairing_id = ?::uuid",
                pairing));
    }

    @Test
    void problemsForMissingRecordsBadParametersAndOtherRoles() {
        assertProblems();
    }

    private static String pairing(String eventId, String pairing) {
        return envelope("1.0", eventId, "/lianhu/pairing-service", EventTypes.PAIRING_ACTIVATED, """
                {"id":"%s","cadreId":"%s","unitId":"%s","householdId":"%s","villageCode":"621102100231",\
                "primary":true,"status":"ACTIVE","startedOn":"2026-03-01","version":1}"""
                .formatted(pairing, uuid(), uuid(), uuid()));
    }

    private static String link(String eventId, String link) {
        return envelope("1.0", eventId, "/lianhu/pairing-service", EventTypes.VILLAGE_LINKED, """
                {"id":"%s","unitId":"%s","villageCode":"621102100231","countyCode":"621102000000",\
                "linkedOn":"2026-03-01","active":true}""".formatted(link, uuid()));
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
