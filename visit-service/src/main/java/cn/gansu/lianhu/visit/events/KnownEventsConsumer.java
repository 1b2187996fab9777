package cn.gansu.lianhu.visit.events;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.contract.CloudEvents;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.HouseholdData;
import cn.gansu.lianhu.events.contract.PairingData;
import cn.gansu.lianhu.events.deadletter.DeadLetters;
import cn.gansu.lianhu.events.inbox.Inbox;
import cn.gansu.lianhu.visit.config.VisitConfig;
import cn.gansu.lianhu.visit.service.KnownPairings;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Keeps visit-service's local copy of pairings and households up to date (issue 4 points 3 and 6). Consumes
 * {@code pairing.pairings} ({@link PairingData}) and {@code registry.households} ({@link HouseholdData}) in
 * batches (consumer group {@code visit-service}, from the earliest offset, offsets committed only after the
 * batch's transaction committed). Each batch is applied in one transaction together with its inbox marks
 * ({@code processed_event}), so an event delivered twice is applied once; an event whose {@code version} is
 * not newer than the row's is ignored. A record that is not a readable event goes to
 * {@code visit-service.dead-letter} with the reason; event types this service does not use are skipped.
 */
@ApplicationScoped
public class KnownEventsConsumer {

    @Inject
    ObjectMapper mapper;

    @Inject
    Inbox inbox;

    @Inject
    KnownPairings known;

    @Inject
    DeadLetters deadLetters;

    @Inject
    VisitConfig config;

    @Inject
    MeterRegistry meters;

    /** One batch of {@code pairing.pairing.*} events. */
    @Incoming("pairing-pairings")
    @Transactional
    public void pairings(ConsumerRecords<String, String> batch) {
        consume(batch, KnownEventsConsumer::isPairingType, PairingData.class, KnownPairings::check,
                known::prefetchPairings, known::applyPairing);
    }

    /** One batch of {@code registry.household.*} events. */
    @Incoming("registry-households")
    @Transactional
    public void households(ConsumerRecords<String, String> batch) {
        consume(batch, KnownEventsConsumer::isHouseholdType, HouseholdData.class, KnownPairings::check,
                known::prefetchHouseholds, known::applyHousehold);
    }

    /** What applying one checked, first-delivered event does. */
    @FunctionalInterface
    interface Effect<T> {
        void apply(OffsetDateTime time, T data, Map<Object, Object> found);
    }

    private record Readable<T>(ConsumerRecord<String, String> record, UUID id, CloudEvent event, T data) {
    }

    /**
     * Reads each record of a batch (unwanted types skipped, unreadable records dead-lettered), marks the
     * readable ones in the inbox in one statement, loads the rows the first deliveries touch in one query
     * and applies each first delivery in order, all in the caller's transaction.
     */
    private <T> void consume(ConsumerRecords<String, String> batch, Predicate<String> wanted, Class<T> type,
            Consumer<T> check, Function<List<T>, Map<Object, Object>> prefetch, Effect<T> effect) {
        List<Readable<T>> readable = new ArrayList<>(batch.count());
        for (ConsumerRecord<String, String> record : batch) {
            try {
                CloudEvent event = CloudEvents.parse(mapper, record.value());
                if (!wanted.test(event.type())) {
                    continue;
                }
                T data = CloudEvents.data(mapper, event, type);
                check.accept(data);
                UUID id = UUID.fromString(event.id());
                if (event.time() == null) {
                    throw new IllegalArgumentException("CloudEvent without time");
                }
                readable.add(new Readable<>(record, id, event, data));
            } catch (IllegalArgumentException | NullPointerException e) {
                deadLetters.send(record, e.getMessage());
            }
        }
        if (readable.isEmpty()) {
            return;
        }
        boolean[] first = inbox.firstDeliveries(readable.stream().map(Readable::id).toList(), config.consumer());
        List<T> toApply = new ArrayList<>();
        for (int i = 0; i < first.length; i++) {
            if (first[i]) {
                toApply.add(readable.get(i).data());
            }
        }
        Map<Object, Object> found = prefetch.apply(toApply);
        for (int i = 0; i < first.length; i++) {
            Readable<T> r = readable.get(i);
            if (first[i]) {
                effect.apply(r.event().time(), r.data(), found);
                meters.counter("lianhu.events.applied", "topic", r.record().topic()).increment();
            } else {
                meters.counter("lianhu.events.duplicates", "topic", r.record().topic()).increment();
            }
        }
    }

    static boolean isPairingType(String type) {
        return EventTypes.PAIRING_DRAFTED.equals(type) || EventTypes.PAIRING_WITHDRAWN.equals(type)
                || EventTypes.PAIRING_ACTIVATED.equals(type) || EventTypes.PAIRING_PRIMARY_CHANGED.equals(type)
                || EventTypes.PAIRING_ENDED.equals(type);
    }

    static boolean isHouseholdType(String type) {
        return EventTypes.HOUSEHOLD_REGISTERED.equals(type) || EventTypes.HOUSEHOLD_UPDATED.equals(type)
                || EventTypes.HOUSEHOLD_STATUS_CHANGED.equals(type);
    }
}
