package cn.gansu.lianhu.visit.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.HouseholdData;
import cn.gansu.lianhu.events.contract.PairingData;
import cn.gansu.lianhu.events.inbox.DatabaseRetry;
import cn.gansu.lianhu.events.correlation.CorrelationId;
import cn.gansu.lianhu.events.inbox.EventBatch;
import cn.gansu.lianhu.visit.config.VisitConfig;
import cn.gansu.lianhu.visit.service.KnownPairings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
    private static final Logger LOG = Logger.getLogger(KnownEventsConsumer.class);



    @Inject
    KnownPairings known;


    @Inject
    VisitConfig config;

    @Inject
    EventBatch batches;


    /** One batch of {@code pairing.pairing.*} events. */
    @Incoming("pairing-pairings")
    @io.smallrye.reactive.messaging.annotations.Blocking
    public void pairings(ConsumerRecords<String, String> batch) {
        // a transaction per attempt, retried while the database is away (issue 8)
        DatabaseRetry.run("pairing-pairings", () -> {
            consume(batch, KnownEventsConsumer::isPairingType, PairingData.class, KnownPairings::check,
                    known::prefetchPairings, known::applyPairing);
        });
    }

    /** One batch of {@code registry.household.*} events. */
    @Incoming("registry-households")
    @io.smallrye.reactive.messaging.annotations.Blocking
    public void households(ConsumerRecords<String, String> batch) {
        // a transaction per attempt, retried while the database is away (issue 8)
        DatabaseRetry.run("registry-households", () -> {
            consume(batch, KnownEventsConsumer::isHouseholdType, HouseholdData.class, KnownPairings::check,
                    known::prefetchHouseholds, known::applyHousehold);
        });
    }

    /** What applying one checked, first-delivered event does. */
    @FunctionalInterface
    interface Effect<T> {
        void apply(OffsetDateTime time, T data, Map<Object, Object> found);
    }

    /**
     * Reads the batch ({@link EventBatch}: unwanted types skipped, unreadable records dead-lettered, the inbox
     * marked in one statement), loads the rows the first deliveries touch in one query and applies each first
     * delivery in order, all in the caller's transaction.
     */
    private <T> void consume(ConsumerRecords<String, String> batch, Predicate<String> wanted, Class<T> type,
            Consumer<T> check, Function<List<T>, Map<Object, Object>> prefetch, Effect<T> effect) {
        List<EventBatch.Delivery<T>> deliveries = batches.read(batch, wanted, type, check, true, config.consumer());
        if (deliveries.isEmpty()) {
            return;
        }
        Map<Object, Object> found = prefetch.apply(
                deliveries.stream().filter(EventBatch.Delivery::first).map(EventBatch.Delivery::data).toList());
        for (EventBatch.Delivery<T> d : deliveries) {
            if (d.first()) {
                // the producer's correlation id in the log lines of this record's effect (issue 9 point 5)
                try (CorrelationId.Scope scope = CorrelationId.open(d.record())) {
                    effect.apply(d.event().time(), d.data(), found);
                    LOG.debugf("%s-%d@%d: %s %s applied", d.record().topic(), d.record().partition(),
                            d.record().offset(), d.event().type(), d.event().subject());
                }
            }
        }
        batches.countWhenCommitted(deliveries);
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
