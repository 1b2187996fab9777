package cn.gansu.lianhu.pairing.events;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.HouseholdData;
import cn.gansu.lianhu.events.contract.RegionData;
import cn.gansu.lianhu.events.inbox.DatabaseRetry;
import cn.gansu.lianhu.events.correlation.CorrelationId;
import cn.gansu.lianhu.events.inbox.EventBatch;
import cn.gansu.lianhu.pairing.config.PairingConfig;
import cn.gansu.lianhu.pairing.service.KnownRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps pairing's local copy of registry data up to date (DESIGN.md §2–3). Consumes the topics
 * {@code registry.regions} and {@code registry.households} in batches (consumer group
 * {@code pairing-service}); each batch is applied in one transaction together with the inbox marks, so
 * an event delivered twice (redelivery after a crash or rebalance) is applied once. Offsets are committed
 * only after the batch's transaction committed. A record that is not a readable event goes to the
 * dead-letter topic; event types this service does not use are skipped.
 */
@ApplicationScoped
public class RegistryEventsConsumer {



    @Inject
    KnownRegistry known;


    @Inject
    PairingConfig config;

    @Inject
    EventBatch batches;


    /** One batch of {@code registry.region.*} events (data: {@link RegionData}). */
    @Incoming("registry-regions")
    @io.smallrye.reactive.messaging.annotations.Blocking
    public void regions(ConsumerRecords<String, String> batch) {
        // a transaction per attempt, retried while the database is away (issue 8)
        DatabaseRetry.run("registry-regions", () -> {
            consume(batch, RegistryEventsConsumer::isRegionType, RegionData.class, KnownRegistry::check,
                    known::prefetchRegions, (id, event, data, found) -> known.applyRegion(id, event.time(), data, found));
        });
    }

    /** One batch of {@code registry.household.*} events (data: {@link HouseholdData}). */
    @Incoming("registry-households")
    @io.smallrye.reactive.messaging.annotations.Blocking
    public void households(ConsumerRecords<String, String> batch) {
        // a transaction per attempt, retried while the database is away (issue 8)
        DatabaseRetry.run("registry-households", () -> {
            consume(batch, RegistryEventsConsumer::isHouseholdType, HouseholdData.class, KnownRegistry::check,
                    known::prefetchHouseholds, (id, event, data, found) -> known.applyHousehold(event.time(), data, found));
        });
    }

    /** What applying one checked, first-delivered event does. */
    @FunctionalInterface
    interface Effect<T> {
        void apply(UUID eventId, CloudEvent event, T data, Map<Object, Object> found);
    }

    /**
     * Reads the batch ({@link EventBatch}: types not {@code wanted} skipped, unreadable records dead-lettered with
     * the reason, the inbox marked in one statement); then the rows the first deliveries touch are loaded in one
     * query per table ({@code prefetch}, by key; absent keys are new rows), and each first delivery is applied, in
     * order, in the batch's transaction.
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
                    effect.apply(d.id(), d.event(), d.data(), found);
                }
            }
        }
        batches.countWhenCommitted(deliveries);
    }

    static boolean isRegionType(String type) {
        return EventTypes.REGION_REGISTERED.equals(type) || EventTypes.REGION_RENAMED.equals(type)
                || EventTypes.REGION_DESIGNATION_CHANGED.equals(type);
    }

    static boolean isHouseholdType(String type) {
        return EventTypes.HOUSEHOLD_REGISTERED.equals(type) || EventTypes.HOUSEHOLD_UPDATED.equals(type)
                || EventTypes.HOUSEHOLD_STATUS_CHANGED.equals(type);
    }
}
