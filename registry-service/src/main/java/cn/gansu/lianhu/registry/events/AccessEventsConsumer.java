package cn.gansu.lianhu.registry.events;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.PairingData;
import cn.gansu.lianhu.events.contract.VillageLinkData;
import cn.gansu.lianhu.events.inbox.DatabaseRetry;
import cn.gansu.lianhu.events.correlation.CorrelationId;
import cn.gansu.lianhu.events.inbox.EventBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Keeps registry's scope tables for unit admins and cadres (issue 6 point 2) from pairing-service's events:
 * {@code pairing.pairings} ({@link PairingData}) → {@code household_access}, {@code pairing.links}
 * ({@link VillageLinkData}, village links only; leader links are skipped) → {@code village_link_access}.
 * Batches (consumer group {@code registry-service}, earliest offset, offsets committed after the batch's
 * transaction) are applied in one transaction with their inbox marks ({@code processed_event}), so a redelivered
 * event is applied once. Version guard: a pairing row is replaced only by a higher {@code version}; a village
 * link has version 1 while active and 2 once ended, so an ended link never becomes active again whatever the
 * order. A record that is not a readable event of the contract goes to {@code registry-service.dead-letter} with
 * the reason.
 */
@ApplicationScoped
public class AccessEventsConsumer {
    /** Inbox consumer name (and Kafka group id). */
    public static final String CONSUMER = "registry-service";
    private static final Set<String> PAIRING_TYPES = Set.of(EventTypes.PAIRING_DRAFTED, EventTypes.PAIRING_WITHDRAWN,
            EventTypes.PAIRING_ACTIVATED, EventTypes.PAIRING_PRIMARY_CHANGED, EventTypes.PAIRING_ENDED);
    private static final Set<String> LINK_TYPES = Set.of(EventTypes.VILLAGE_LINKED, EventTypes.VILLAGE_LINK_ENDED);
    private static final Set<String> PAIRING_STATUSES = Set.of("DRAFT", "ACTIVE", "WITHDRAWN", "ENDED");

    @Inject
    EventBatch batches;
    @Inject
    EntityManager em;

    /** One batch of {@code pairing.pairing.*} events. */
    @Incoming("pairing-pairings")
    @io.smallrye.reactive.messaging.annotations.Blocking
    public void pairings(ConsumerRecords<String, String> batch) {
        // a transaction per attempt, retried while the database is away (issue 8)
        DatabaseRetry.run("pairing-pairings", () -> {
            for (EventBatch.Delivery<PairingData> r : read(batch, PAIRING_TYPES, PairingData.class, AccessEventsConsumer::check)) {
                PairingData p = r.data();
                // the producer's correlation id in the log lines of this record's effect (issue 9 point 5)
                try (CorrelationId.Scope scope = CorrelationId.open(r.record())) {
                em.createNativeQuery("insert into household_access (pairing_id, household_id, cadre_id, unit_id, status,"
                        + " version) values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (pairing_id) do update set"
                        + " household_id = excluded.household_id, cadre_id = excluded.cadre_id,"
                        + " unit_id = excluded.unit_id, status = excluded.status, version = excluded.version"
                        + " where household_access.version < excluded.version")
                        .setParameter(1, UUID.fromString(p.id())).setParameter(2, UUID.fromString(p.householdId()))
                        .setParameter(3, UUID.fromString(p.cadreId())).setParameter(4, UUID.fromString(p.unitId()))
                        .setParameter(5, p.status()).setParameter(6, p.version()).executeUpdate();
                }
            }
        });
    }

    /** One batch of {@code pairing.links} events (village links; leader links skipped). */
    @Incoming("pairing-links")
    @io.smallrye.reactive.messaging.annotations.Blocking
    public void links(ConsumerRecords<String, String> batch) {
        // a transaction per attempt, retried while the database is away (issue 8)
        DatabaseRetry.run("pairing-links", () -> {
            for (EventBatch.Delivery<VillageLinkData> r : read(batch, LINK_TYPES, VillageLinkData.class, AccessEventsConsumer::check)) {
                VillageLinkData l = r.data();
                try (CorrelationId.Scope scope = CorrelationId.open(r.record())) {
                em.createNativeQuery("insert into village_link_access (link_id, unit_id, village_code, status, version)"
                        + " values (?1, ?2, ?3, ?4, ?5) on conflict (link_id) do update set unit_id = excluded.unit_id,"
                        + " village_code = excluded.village_code, status = excluded.status, version = excluded.version"
                        + " where village_link_access.version < excluded.version")
                        .setParameter(1, UUID.fromString(l.id())).setParameter(2, UUID.fromString(l.unitId()))
                        .setParameter(3, l.villageCode()).setParameter(4, l.active() ? "ACTIVE" : "ENDED")
                        .setParameter(5, l.active() ? 1L : 2L).executeUpdate();
                }
            }
        });
    }

    /**
     * The first deliveries of a batch's wanted events, in order; unreadable records are dead-lettered, other event
     * types skipped, duplicates (inbox) dropped. Counters {@code lianhu.events.applied} and
     * {@code lianhu.events.duplicates} (tag {@code topic}) count first deliveries and repeats once the batch's
     * transaction committed ({@link EventBatch#countWhenCommitted}), as in pairing and visit.
     */
    private <T> List<EventBatch.Delivery<T>> read(ConsumerRecords<String, String> batch, Set<String> wanted,
            Class<T> type, java.util.function.Consumer<T> check) {
        List<EventBatch.Delivery<T>> read = batches.read(batch, wanted::contains, type, check, false, CONSUMER);
        batches.countWhenCommitted(read);
        return read.stream().filter(EventBatch.Delivery::first).toList();
    }

    static void check(PairingData p) {
        uuid("id", p.id());
        uuid("householdId", p.householdId());
        uuid("cadreId", p.cadreId());
        uuid("unitId", p.unitId());
        if (p.status() == null || !PAIRING_STATUSES.contains(p.status())) {
            throw new IllegalArgumentException("pairing status must be one of " + PAIRING_STATUSES + ", not "
                    + p.status());
        }
        if (p.version() < 1) {
            throw new IllegalArgumentException("pairing version must be at least 1, not " + p.version());
        }
    }

    static void check(VillageLinkData l) {
        uuid("id", l.id());
        uuid("unitId", l.unitId());
        if (l.villageCode() == null || !l.villageCode().matches("62\\d{10}")) {
            throw new IllegalArgumentException("villageCode must be a 12-digit Gansu code, not " + l.villageCode());
        }
    }

    private static void uuid(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        try {
            UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not a UUID: " + value);
        }
    }
}
