package cn.gansu.lianhu.reporting;

import static cn.gansu.lianhu.testsupport.DeadLetterProbe.assertListedOnce;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.assertProblems;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.assertReplayOfAnAppliedEvent;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.assertReplayedPoisonIsDeadLetteredAgain;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.corpus;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.inboxMarks;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.metric;
import static cn.gansu.lianhu.testsupport.DeadLetterProbe.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.CadreData;
import cn.gansu.lianhu.events.contract.DemandData;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.PairingData;
import cn.gansu.lianhu.events.contract.RegionData;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.contract.UnitData;
import cn.gansu.lianhu.events.contract.VillageLinkData;
import cn.gansu.lianhu.testsupport.DeadLetterProbe.Poison;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Poison messages on all eight topics reporting-service consumes (issue 8 point 3), through the real broker: each
 * goes to {@code reporting-service.dead-letter} with its exact reason, a good event after them on each topic is
 * applied, operators list them and replay one (republished once, never applied twice), with 404/409/403/400
 * problems. Codes of 漳县 (621125), which no other reporting test uses.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class DeadLettersTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String VILLAGE = "621125100281";

    @Inject
    ObjectMapper mapper;
    private ReportingEvents events;

    @BeforeEach
    void events() {
        events = new ReportingEvents(mapper);
    }

    /** A good event: topic, applied type, payload, event id and record key. */
    private record Good(String topic, String type, Object data, UUID eventId, String key) {
        String payload() {
            return data.getClass().getSimpleName();
        }
    }

    @Test
    void poisonOnEveryTopicIsDeadLetteredWithItsReasonAndTheNextEventIsApplied() {
        UUID unit = UUID.randomUUID(), cadre = UUID.randomUUID(), pairing = UUID.randomUUID(),
                visit = UUID.randomUUID(), demand = UUID.randomUUID();
        String household = UUID.randomUUID().toString();
        List<Good> goods = List.of(
                good(Topics.REGISTRY_REGIONS, EventTypes.REGION_REGISTERED, VILLAGE,
                        new RegionData(VILLAGE, "马家沟村", "VILLAGE", "621125100000", false, null, false, true)),
                good(Topics.REGISTRY_HOUSEHOLDS, EventTypes.HOUSEHOLD_REGISTERED, household,
                        ReportingEvents.householdData(household, VILLAGE, "马德明", 3, "IN_POVERTY", null,
                                LocalDate.of(2026, 3, 1), 1)),
                good(Topics.PAIRING_UNITS, EventTypes.UNIT_REGISTERED, unit.toString(), new UnitData(unit.toString(),
                        "漳县农业农村局", "COUNTY", "PARTY_GOVERNMENT", "621125000000", null, 1, 1, false, 1)),
                good(Topics.PAIRING_CADRES, EventTypes.CADRE_REGISTERED, cadre.toString(), new CadreData(
                        cadre.toString(), "马强", "620000********0011", unit.toString(), "OTHER", "ACTIVE", 2, 1)),
                good(Topics.PAIRING_LINKS, EventTypes.VILLAGE_LINKED, unit + "-link", new VillageLinkData(
                        UUID.randomUUID().toString(), unit.toString(), VILLAGE, "621125000000",
                        LocalDate.of(2026, 3, 1), null, null, true)),
                good(Topics.PAIRING_PAIRINGS, EventTypes.PAIRING_ACTIVATED, pairing.toString(), new PairingData(
                        pairing.toString(), cadre.toString(), unit.toString(), household, VILLAGE, true, "ACTIVE",
                        LocalDate.of(2026, 3, 1), null, null, null, 1)),
                good(Topics.VISIT_VISITS, EventTypes.VISIT_LOGGED, visit.toString(), ReportingEvents.visitData(visit,
                        cadre, unit, household, VILLAGE, pairing, "2026-11-01", "IN_HOME",
                        List.of("POLICY_PUBLICITY"), List.of(ReportingEvents.help("FUNDS", "200.00", 1)), 1, 1)),
                good(Topics.VISIT_DEMANDS, EventTypes.DEMAND_OPENED, demand.toString(), new DemandData(
                        demand.toString(), household, VILLAGE, visit.toString(), unit.toString(), "HOUSING", "OPEN",
                        LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), null, null, 1)));
        String marker = UUID.randomUUID().toString();
        Map<String, List<Poison>> poison = new LinkedHashMap<>();
        for (Good g : goods) {
            List<Poison> corpus = corpus(marker + "-" + g.topic(), g.type(), g.payload());
            poison.put(g.topic(), corpus);
            send(g.topic(), 0, corpus);
        }
        for (Good g : goods) {
            send(g.topic(), 0, g.key(), events.envelope(g.eventId(), g.type(), g.key(), g.data(),
                    OffsetDateTime.now(ZoneOffset.UTC), ReportingEvents.source(g.topic())));
        }

        // the good event after the poison on every topic is applied
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            for (Good g : goods) {
                assertEquals(1, inboxMarks(g.eventId().toString()), g.topic());
            }
        });
        for (Map.Entry<String, List<Poison>> e : poison.entrySet()) {
            assertListedOnce(WAIT, e.getKey(), 0, e.getValue());
        }
        assertReplayedPoisonIsDeadLetteredAgain(WAIT, Topics.VISIT_DEMANDS, poison.get(Topics.VISIT_DEMANDS).get(0));
    }

    @Test
    void aReplayRepublishesTheRecordOnceAndIsNotAppliedTwice() {
        String household = UUID.randomUUID().toString();
        UUID eventId = UUID.randomUUID();
        String event = events.envelope(eventId, EventTypes.HOUSEHOLD_REGISTERED, household,
                ReportingEvents.householdData(household, "621125100282", "马成", 2, "IN_POVERTY", null,
                        LocalDate.of(2026, 3, 1), 1),
                OffsetDateTime.now(ZoneOffset.UTC), ReportingEvents.REGISTRY);
        send(Topics.REGISTRY_HOUSEHOLDS, 2, household, event);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(1, inboxMarks(eventId.toString())));
        assertReplayOfAnAppliedEvent(WAIT, "reporting-service.dead-letter", Topics.REGISTRY_HOUSEHOLDS, 2, event,
                eventId.toString(), () -> metric("lianhu_reporting_events_total", "topic", Topics.REGISTRY_HOUSEHOLDS,
                        "outcome", "duplicate"),
                "test-province-admin");
    }

    @Test
    void problemsForMissingRecordsBadParametersAndOtherRoles() {
        assertProblems();
    }

    private static Good good(String topic, String type, String key, Object data) {
        return new Good(topic, type, data, UUID.randomUUID(), key);
    }
}
