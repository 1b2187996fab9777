package cn.gansu.lianhu.events.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.contract.CloudEvents;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.correlation.CorrelationId;
import cn.gansu.lianhu.events.deadletter.Utf8Values;
import cn.gansu.lianhu.events.deadletter.DeadLetters;
import cn.gansu.lianhu.events.metrics.CommittedCounters;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Reads one batch of CloudEvents records for an idempotent consumer (DESIGN.md §3): records of types the
 * consumer does not want are skipped, unless their family is one it applies in another version
 * ({@link EventTypes#unknownVersion}: dead-lettered, issue 8 point 3); unreadable ones (a tombstone, a value that
 * is not UTF-8, not a CloudEvent, no source, a payload that fails the consumer's check, an id that is not a UUID,
 * no time where one is required) go to the service's dead-letter topic with
 * the reason; the readable ones are marked in the inbox in one statement, so each comes back flagged as a first
 * delivery or a repeat, in batch order. The caller applies the first deliveries in the same transaction.
 */
@ApplicationScoped
@IfBuildProperty(name = "lianhu.dead-letters.enabled", stringValue = "true")
public class EventBatch {
    @Inject
    ObjectMapper mapper;
    @Inject
    Inbox inbox;
    @Inject
    DeadLetters deadLetters;
    @Inject
    CommittedCounters counters;

    /**
     * One readable record of a batch.
     *
     * @param record the Kafka record
     * @param id     the CloudEvent id
     * @param event  the envelope
     * @param data   its payload
     * @param first  true when the consumer has not applied this event before
     */
    public record Delivery<T>(ConsumerRecord<String, String> record, UUID id, CloudEvent event, T data,
            boolean first) {
    }

    /**
     * The readable records of {@code batch}, in order, each flagged first delivery or repeat for
     * {@code consumer}.
     *
     * @param wanted      the event types this consumer applies
     * @param type        payload class
     * @param check       throws IllegalArgumentException for a payload the consumer cannot apply
     * @param requireTime true to dead-letter events without a {@code time}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> List<Delivery<T>> read(ConsumerRecords<String, String> batch, Predicate<String> wanted, Class<T> type,
            Consumer<T> check, boolean requireTime, String consumer) {
        List<Delivery<T>> readable = new ArrayList<>(batch.count());
        for (ConsumerRecord<String, String> record : batch) {
            // the producer's correlation id in the log lines about this record (issue 9 point 5)
            try (CorrelationId.Scope scope = CorrelationId.open(record)) {
                try {
                    String unreadable = Utf8Values.problem(record);
                    if (unreadable != null) {
                        throw new IllegalArgumentException(unreadable);
                    }
                    CloudEvent event = CloudEvents.parse(mapper, record.value());
                    if (!wanted.test(event.type())) {
                        String unknownVersion = EventTypes.unknownVersion(event.type(), wanted);
                        if (unknownVersion != null) {
                            throw new IllegalArgumentException(unknownVersion);
                        }
                        continue;
                    }
                    UUID id = CloudEvents.checkApplied(event);
                    T data = CloudEvents.data(mapper, event, type);
                    if (data == null) {
                        throw new IllegalArgumentException("data of " + event.type() + " is not a " + type.getSimpleName());
                    }
                    check.accept(data);
                    if (requireTime && event.time() == null) {
                        throw new IllegalArgumentException("CloudEvent without time");
                    }
                    readable.add(new Delivery<>(record, id, event, data, false));
                } catch (IllegalArgumentException | NullPointerException e) {
                    deadLetters.send(record, e.getMessage() != null ? e.getMessage() : e.toString());
                }
            }
        }
        if (readable.isEmpty()) {
            return readable;
        }
        boolean[] first = inbox.firstDeliveries(readable.stream().map(Delivery::id).toList(), consumer);
        List<Delivery<T>> flagged = new ArrayList<>(readable.size());
        for (int i = 0; i < first.length; i++) {
            Delivery<T> d = readable.get(i);
            flagged.add(new Delivery<>(d.record(), d.id(), d.event(), d.data(), first[i]));
        }
        return flagged;
    }

    /**
     * Counts a batch's deliveries once the caller's transaction commits (issue 9 point 5): counter
     * {@code lianhu.events.applied{topic}} (Prometheus {@code lianhu_events_applied_total}) for first deliveries,
     * {@code lianhu.events.duplicates{topic}} for repeats the inbox dropped.
     */
    public void countWhenCommitted(List<? extends Delivery<?>> deliveries) {
        java.util.Map<String, int[]> perTopic = new java.util.TreeMap<>();
        for (Delivery<?> d : deliveries) {
            perTopic.computeIfAbsent(d.record().topic(), k -> new int[2])[d.first() ? 0 : 1]++;
        }
        perTopic.forEach((topic, n) -> {
            counters.increment("lianhu.events.applied", n[0], "topic", topic);
            counters.increment("lianhu.events.duplicates", n[1], "topic", topic);
        });
    }
}
