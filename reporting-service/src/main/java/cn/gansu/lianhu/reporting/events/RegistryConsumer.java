package cn.gansu.lianhu.reporting.events;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.reporting.config.ConsumerConfig;
import cn.gansu.lianhu.reporting.service.RegistryProjection;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Consumes {@code registry.regions} and {@code registry.households} (consumer group
 * {@code reporting-service}, from the earliest offset) in batches: one database transaction per polled
 * batch, so the 400,000 households of the province apply in minutes (issue point 9).
 *
 * <p>Each record must be a structured-mode CloudEvent of the registry contract. A record that is not
 * (garbage, wrong payload, code or status out of range) is logged with topic, partition and offset,
 * counted in {@code lianhu.reporting.events{outcome=rejected}} and skipped: it never stops the consumer.
 * Dead-letter topics come with a later issue. Types reporting does not handle are skipped with a debug log.
 * If the batch transaction fails (database away), it is retried ({@link ConsumerConfig#attempts()}); after
 * that the batch is nacked, the channel fails (health DOWN) and its offsets stay uncommitted.
 *
 * <p>Metric {@code lianhu.reporting.events{topic, outcome}} counts records by outcome: applied, duplicate
 * (same event id seen before), stale (older than the state held), unknown-type, rejected.
 */
@ApplicationScoped
public class RegistryConsumer {
    private static final Logger LOG = Logger.getLogger(RegistryConsumer.class);

    @Inject
    RegistryEventReader reader;

    @Inject
    RegistryProjection projection;

    @Inject
    ConsumerConfig config;

    @Inject
    MeterRegistry meters;

    /** Region events: {@code registry.region.registered / renamed / designation-changed.v1}. */
    @Incoming("registry-regions")
    @Blocking
    public void regions(ConsumerRecords<String, String> records) throws InterruptedException {
        consume(Topics.REGISTRY_REGIONS, records);
    }

    /** Household events: {@code registry.household.registered / updated / status-changed.v1}. */
    @Incoming("registry-households")
    @Blocking
    public void households(ConsumerRecords<String, String> records) throws InterruptedException {
        consume(Topics.REGISTRY_HOUSEHOLDS, records);
    }

    void consume(String topic, ConsumerRecords<String, String> records) throws InterruptedException {
        List<RegistryEvent> events = new ArrayList<>(records.count());
        int unknown = 0;
        int rejected = 0;
        for (ConsumerRecord<String, String> record : records) {
            RegistryEventReader.Read read = reader.read(record.value());
            if (read instanceof RegistryEventReader.Read.Accepted accepted) {
                events.add(accepted.event());
            } else if (read instanceof RegistryEventReader.Read.Unknown u) {
                unknown++;
                LOG.debugf("%s-%d@%d: type %s is not handled by reporting, skipped", record.topic(),
                        record.partition(), record.offset(), u.type());
            } else if (read instanceof RegistryEventReader.Read.Rejected r) {
                rejected++;
                LOG.warnf("%s-%d@%d (key %s) rejected and skipped: %s", record.topic(), record.partition(),
                        record.offset(), record.key(), r.reason());
            }
        }
        count(topic, "unknown-type", unknown);
        count(topic, "rejected", rejected);
        if (events.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        RegistryProjection.Outcome outcome = applyWithRetry(topic, events);
        long millis = (System.nanoTime() - start) / 1_000_000;
        count(topic, "applied", outcome.applied() - outcome.stale());
        count(topic, "stale", outcome.stale());
        count(topic, "duplicate", outcome.duplicates());
        LOG.debugf("%s: batch of %d records in %d ms: %d applied, %d duplicate, %d stale, %d unknown, %d rejected",
                topic, records.count(), millis, outcome.applied(), outcome.duplicates(), outcome.stale(), unknown,
                rejected);
    }

    private RegistryProjection.Outcome applyWithRetry(String topic, List<RegistryEvent> events)
            throws InterruptedException {
        int attempts = Math.max(1, config.attempts());
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> projection.apply(topic, events));
            } catch (RuntimeException e) {
                if (attempt >= attempts) {
                    LOG.errorf(e, "%s: batch of %d events failed %d times; the channel stops, offsets stay "
                            + "uncommitted", topic, events.size(), attempt);
                    throw e;
                }
                LOG.warnf("%s: batch of %d events failed (attempt %d of %d), retrying: %s", topic, events.size(),
                        attempt, attempts, e.getMessage());
                Thread.sleep(config.backoff().multipliedBy(attempt).toMillis());
            }
        }
    }

    private void count(String topic, String outcome, int n) {
        if (n > 0) {
            meters.counter("lianhu.reporting.events", "topic", topic, "outcome", outcome).increment(n);
        }
    }
}
