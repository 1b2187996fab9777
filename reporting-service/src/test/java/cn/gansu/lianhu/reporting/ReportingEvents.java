package cn.gansu.lianhu.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.CadreData;
import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.contract.DemandData;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.HouseholdData;
import cn.gansu.lianhu.events.contract.LeaderLinkData;
import cn.gansu.lianhu.events.contract.PairingData;
import cn.gansu.lianhu.events.contract.RegionData;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.contract.UnitData;
import cn.gansu.lianhu.events.contract.VillageLinkData;
import cn.gansu.lianhu.events.contract.VisitData;
import cn.gansu.lianhu.testsupport.TestKafka;

/**
 * The events reporting learns from, put on the real test broker exactly as the producing services would: CloudEvents
 * of the lianhu-events contract, on their topics, keyed by aggregate id, with the producing service as source. One
 * instance per test class ({@code new ReportingEvents(mapper)} in a field; the producer is shared by the module).
 *
 * <p>Builders take the figures a test cares about and fill the rest with fixed, harmless values (masked ID numbers
 * only: reporting never receives a full one). {@link #publish} is the low-level form for events a builder does not
 * cover (a chosen event id or time, a replay, a malformed body via {@link #send}); {@link #json} gives the record
 * {@code publish} would send, for a test that delivers one event twice; {@link #sendAll} is for bulk loads.
 */
final class ReportingEvents {

    static final String REGISTRY = "/lianhu/registry-service";
    static final String PAIRING = "/lianhu/pairing-service";
    static final String VISIT = "/lianhu/visit-service";

    private static KafkaProducer<String, String> producer;

    private final ObjectMapper mapper;
    private long sent;

    ReportingEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Records sent so far by this instance. */
    long sent() {
        return sent;
    }

    // ---------------------------------------------------------------------------------------------
    // registry
    // ---------------------------------------------------------------------------------------------

    /** A division registered: {@code level} PROVINCE…VILLAGE, {@code parent} its parent's 12-digit code. */
    void region(String code, String name, String level, String parent, boolean poorCounty, boolean poorVillage) {
        publish(Topics.REGISTRY_REGIONS, code, EventTypes.REGION_REGISTERED,
                new RegionData(code, name, level, parent, poorCounty, null, false, poorVillage));
    }

    /** A household registered (version 1, 3 members, income 3,100 yuan) in {@code status}; returns its id. */
    String household(String village, String head, String status) {
        return household(village, head, status, 3);
    }

    /** A household registered (version 1) with {@code members} members; returns its id. */
    String household(String village, String head, String status, int members) {
        String id = UUID.randomUUID().toString();
        household(EventTypes.HOUSEHOLD_REGISTERED, householdData(id, village, head, members, status, null,
                LocalDate.of(2026, 3, 1), 1));
        return id;
    }

    /** A household's status changed from {@code previous} to {@code status} on {@code since}, as {@code version}. */
    void householdStatus(String id, String village, String head, String status, String previous, LocalDate since,
            long version) {
        household(EventTypes.HOUSEHOLD_STATUS_CHANGED, householdData(id, village, head, 3, status, previous, since,
                version));
    }

    /** A household event of {@code type} with the full state {@code data}. */
    void household(String type, HouseholdData data) {
        publish(Topics.REGISTRY_HOUSEHOLDS, data.id(), type, data);
    }

    static HouseholdData householdData(String id, String village, String head, int members, String status,
            String previous, LocalDate since, long version) {
        return new HouseholdData(id, village, head, village.substring(0, 6) + "********123X", members, "ILLNESS",
                List.of(), new BigDecimal("3100.00"), status, previous, since, version);
    }

    // ---------------------------------------------------------------------------------------------
    // pairing
    // ---------------------------------------------------------------------------------------------

    /** A unit registered (kind PARTY_GOVERNMENT, version 1); returns its id. */
    UUID unit(String name, String level, String region, int activeCadres, int requiredVillages) {
        UUID id = UUID.randomUUID();
        unit(EventTypes.UNIT_REGISTERED, new UnitData(id.toString(), name, level, "PARTY_GOVERNMENT", region, null,
                activeCadres, requiredVillages, false, 1));
        return id;
    }

    /** A unit event of {@code type} with the full state {@code data}. */
    void unit(String type, UnitData data) {
        publish(Topics.PAIRING_UNITS, data.id(), type, data);
    }

    /** An ACTIVE cadre registered (version 1) of rank {@code rank} with its minimum of households; returns its id. */
    UUID cadre(UUID unit, String name, String rank, int minimumHouseholds) {
        UUID id = UUID.randomUUID();
        cadre(EventTypes.CADRE_REGISTERED, new CadreData(id.toString(), name, "620000********0011", unit.toString(),
                rank, "ACTIVE", minimumHouseholds, 1));
        return id;
    }

    /** A cadre event of {@code type} with the full state {@code data}. */
    void cadre(String type, CadreData data) {
        publish(Topics.PAIRING_CADRES, data.id(), type, data);
    }

    /** A unit ↔ village link (部门联村) linked on 2026-03-01, or ended on 2026-11-01 when not {@code active}. */
    void villageLink(UUID id, UUID unit, String village, boolean active) {
        publish(Topics.PAIRING_LINKS, id.toString(), active ? EventTypes.VILLAGE_LINKED : EventTypes.VILLAGE_LINK_ENDED,
                new VillageLinkData(id.toString(), unit.toString(), village, village.substring(0, 6) + "000000",
                        LocalDate.of(2026, 3, 1), active ? null : LocalDate.of(2026, 11, 1),
                        active ? null : "CORRECTION_APPROVED", active));
    }

    /** A leader ↔ county/village link (联县联村), as {@link #villageLink}. */
    void leaderLink(UUID id, UUID cadre, String county, String village, boolean active) {
        publish(Topics.PAIRING_LINKS, id.toString(), active ? EventTypes.LEADER_LINKED : EventTypes.LEADER_LINK_ENDED,
                new LeaderLinkData(id.toString(), cadre.toString(), county, village, LocalDate.of(2026, 3, 1),
                        active ? null : LocalDate.of(2026, 11, 1), active ? null : "CORRECTION_APPROVED", active));
    }

    /** A primary pairing activated on {@code started} (version 1); returns its id. */
    UUID pairing(UUID cadre, UUID unit, String household, String village, LocalDate started) {
        UUID id = UUID.randomUUID();
        pairing(id, cadre, unit, household, village, "ACTIVE", started, null, 1);
        return id;
    }

    /**
     * A pairing's full state as {@code version}: DRAFT (drafted, no start), ACTIVE (activated), ENDED (ended on
     * {@code ended}, reason CADRE_TRANSFERRED) or WITHDRAWN (a draft withdrawn, no start).
     */
    void pairing(UUID id, UUID cadre, UUID unit, String household, String village, String status, LocalDate started,
            LocalDate ended, long version) {
        String type = switch (status) {
            case "DRAFT" -> EventTypes.PAIRING_DRAFTED;
            case "ENDED" -> EventTypes.PAIRING_ENDED;
            case "WITHDRAWN" -> EventTypes.PAIRING_WITHDRAWN;
            default -> EventTypes.PAIRING_ACTIVATED;
        };
        publish(Topics.PAIRING_PAIRINGS, id.toString(), type, new PairingData(id.toString(), cadre.toString(),
                unit.toString(), household, village, true, status,
                "DRAFT".equals(status) || "WITHDRAWN".equals(status) ? null : started, ended,
                ended == null ? null : "CADRE_TRANSFERRED", null, version));
    }

    // ---------------------------------------------------------------------------------------------
    // visit
    // ---------------------------------------------------------------------------------------------

    static VisitData.HelpItem help(String kind, String yuan, int people) {
        return new VisitData.HelpItem(kind, new BigDecimal(yuan), people);
    }

    /** A visit logged (version 1, 45 minutes); in person when IN_HOME or VILLAGE_MEETING. Returns its id. */
    UUID visit(UUID cadre, UUID unit, String household, String village, UUID pairing, String visitedOn, String mode,
            List<String> tasks, List<VisitData.HelpItem> help, int demandsRaised) {
        UUID id = UUID.randomUUID();
        visit(EventTypes.VISIT_LOGGED,
                visitData(id, cadre, unit, household, village, pairing, visitedOn, mode, tasks, help, demandsRaised, 1));
        return id;
    }

    /** A visit event of {@code type} (logged, corrected…) with the full state {@code data} ({@link #visitData}). */
    void visit(String type, VisitData data) {
        publish(Topics.VISIT_VISITS, data.id(), type, data);
    }

    /** The full state of a visit as {@code version}; helpYuan is the sum of the help items. */
    static VisitData visitData(UUID id, UUID cadre, UUID unit, String household, String village, UUID pairing,
            String visitedOn, String mode, List<String> tasks, List<VisitData.HelpItem> help, int demandsRaised,
            long version) {
        BigDecimal yuan = help.stream().map(VisitData.HelpItem::amountYuan).reduce(new BigDecimal("0.00"),
                BigDecimal::add);
        return new VisitData(id.toString(), cadre.toString(), unit.toString(), household, village, pairing.toString(),
                LocalDate.parse(visitedOn), mode, mode.equals("IN_HOME") || mode.equals("VILLAGE_MEETING"), 45, tasks,
                yuan, help, demandsRaised, version);
    }

    /**
     * A demand's full state as {@code version} (category HOUSING): opened when version 1, changed after. Dates are
     * ISO days; {@code closed} and {@code satisfaction} may be null.
     */
    void demand(UUID id, String household, String village, UUID visit, UUID unit, String status, String opened,
            String deadline, String closed, String satisfaction, long version) {
        publish(Topics.VISIT_DEMANDS, id.toString(), version == 1 ? EventTypes.DEMAND_OPENED : EventTypes.DEMAND_CHANGED,
                new DemandData(id.toString(), household, village, visit.toString(), unit.toString(), "HOUSING",
                        status, LocalDate.parse(opened), LocalDate.parse(deadline),
                        closed == null ? null : LocalDate.parse(closed), satisfaction, version));
    }

    // ---------------------------------------------------------------------------------------------
    // envelopes and the broker
    // ---------------------------------------------------------------------------------------------

    /** Publishes {@code data} as a new event (random id, time now) from the service owning {@code topic}. */
    void publish(String topic, String key, String type, Object data) {
        send(topic, key, json(topic, key, type, data));
    }

    /**
     * The record {@link #publish} would send (random event id, time now, subject {@code key}, the source owning
     * {@code topic}): send it twice for a duplicate delivery, or put it in {@link #sendAll}.
     */
    String json(String topic, String key, String type, Object data) {
        return envelope(UUID.randomUUID(), type, key, data, OffsetDateTime.now(ZoneOffset.UTC), source(topic));
    }

    /** The structured CloudEvent JSON of {@code data}. */
    String envelope(UUID eventId, String type, String subject, Object data, OffsetDateTime time, String source) {
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, eventId.toString(), source, type, subject, time,
                CloudEvent.JSON, mapper.valueToTree(data));
        try {
            return mapper.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The source of events on {@code topic}: the service its name starts with. */
    static String source(String topic) {
        return topic.startsWith("registry.") ? REGISTRY : topic.startsWith("pairing.") ? PAIRING : VISIT;
    }

    /** Sends one record and waits for the broker's acknowledgement ({@code acks=all}). */
    void send(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
            sent++;
        } catch (Exception e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
    }

    /**
     * Sends {@code records} as they are made, without waiting for each acknowledgement (a bulk load at the producer's
     * pace), then flushes and checks that the broker acknowledged every one.
     */
    void sendAll(Stream<ProducerRecord<String, String>> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        records.forEachOrdered(r -> acks.add(producer().send(r)));
        producer().flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
                sent++;
            } catch (Exception e) {
                throw new IllegalStateException("bulk send failed", e);
            }
        }
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = TestKafka.producer();
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
        }
        return producer;
    }
}
