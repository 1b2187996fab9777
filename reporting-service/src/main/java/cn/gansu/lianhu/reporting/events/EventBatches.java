package cn.gansu.lianhu.reporting.events;

import cn.gansu.lianhu.events.correlation.CorrelationId;
import cn.gansu.lianhu.events.deadletter.DeadLetters;
import cn.gansu.lianhu.events.deadletter.Utf8Values;
import cn.gansu.lianhu.events.inbox.DatabaseRetry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import cn.gansu.lianhu.reporting.config.ConsumerConfig;
import cn.gansu.lianhu.reporting.service.BatchOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one consume loop of every topic reporting reads (issue point 9): reads each record of a polled batch,
 * skips types not handled on the topic, sends unreadable records to the dead-letter topic ({@link DeadLetters})
 * and applies the rest in one new database transaction per batch, retried ({@link ConsumerConfig#attempts()})
 * when the database fails; while the database is unavailable (connection refused or lost, a restart) the batch waits
 * for it, up to {@link DatabaseRetry#RETRY_FOR}, and the attempts are not used up. After the last failed attempt the
 * exception propagates: the batch is nacked, the
 * channel fails (health DOWN) and its offsets stay uncommitted, so nothing is lost.
 *
 * <p>Metric {@code lianhu.reporting.events{topic, outcome}} counts records by outcome: applied, duplicate
 * (same event id seen before), stale (older than the state held), unknown-type, rejected.
 *
 * <p>Every batch passes the {@link ReplayGate}: it is applied under the gate's read lock (a rebuild from the log
 * pauses all batches with the write lock), and records a channel polled before a rebuild's seek are left out (the
 * replay brings them again).
 */
@ApplicationScoped
public class EventBatches {
    private static final Logger LOG = Logger.getLogger(EventBatches.class);

    @Inject
    ConsumerConfig config;

    @Inject
    MeterRegistry meters;

    @Inject
    DeadLetters deadLetters;

    @Inject
    ReplayGate gate;

    /**
     * Consumes one polled batch of {@code topic}.
     *
     * @param reader checks one record value; never throws
     * @param apply  applies the accepted events, in their order, inside the transaction it is called in
     */
    public <E> void consume(String topic, ConsumerRecords<String, String> records, Function<String, EventRead<E>> reader,
            Function<List<E>, BatchOutcome> apply) throws InterruptedException {
        Lock consuming = gate.consuming();
        consuming.lockInterruptibly();
        try {
            List<ConsumerRecord<String, String>> admitted = gate.admit(records);
            consume(topic, records.count(), admitted, reader, apply);
            gate.applied(admitted);
        } finally {
            consuming.unlock();
        }
    }

    private <E> void consume(String topic, int polled, List<ConsumerRecord<String, String>> records,
            Function<String, EventRead<E>> reader, Function<List<E>, BatchOutcome> apply) throws InterruptedException {
        List<E> events = new ArrayList<>(records.size());
        int unknown = 0;
        int rejected = 0;
        for (ConsumerRecord<String, String> record : records) {
            // the producer's correlation id in the log lines about this record (issue 9 point 5)
            try (CorrelationId.Scope scope = CorrelationId.open(record)) {
                String unreadable = Utf8Values.problem(record);
                EventRead<E> read = unreadable != null ? new EventRead.Rejected<>(unreadable)
                        : reader.apply(record.value());
                if (read instanceof EventRead.Accepted<E> accepted) {
                    events.add(accepted.event());
                } else if (read instanceof EventRead.Unknown<E> u) {
                    unknown++;
                    LOG.debugf("%s-%d@%d: type %s is not handled by reporting on this topic, skipped",
                            record.topic(), record.partition(), record.offset(), u.type());
                } else if (read instanceof EventRead.Rejected<E> r) {
                    rejected++;
                    deadLetters.send(record, r.reason());
                }
            }
        }
        count(topic, "unknown-type", unknown);
        count(topic, "rejected", rejected);
        if (events.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        BatchOutcome outcome;
        // one transaction for the batch: its log lines carry the correlation ids of its records (issue 9 point 5)
        try (CorrelationId.Scope scope = CorrelationId.openAll(records)) {
            outcome = applyWithRetry(topic, events, apply);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        count(topic, "applied", outcome.applied() - outcome.stale());
        count(topic, "stale", outcome.stale());
        count(topic, "duplicate", outcome.duplicates());
        try (CorrelationId.Scope scope = CorrelationId.openAll(records)) {
            LOG.debugf("%s: batch of %d records in %d ms: %d applied, %d duplicate, %d stale, %d unknown, %d rejected",
                    topic, polled, millis, outcome.applied(), outcome.duplicates(), outcome.stale(), unknown,
                    rejected);
        }
    }

    private <E> BatchOutcome applyWithRetry(String topic, List<E> events, Function<List<E>, BatchOutcome> apply)
            throws InterruptedException {
        int attempts = Math.max(1, config.attempts());
        long waitForDatabase = System.nanoTime() + DatabaseRetry.RETRY_FOR.toNanos();
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> apply.apply(events));
            } catch (RuntimeException e) {
                if (DatabaseRetry.databaseUnavailable(e) && System.nanoTime() < waitForDatabase) {
                    // a PostgreSQL restart must not stop the channel for good (issue 8, fault suite): wait for it
                    if (attempt == 1 || attempt % 20 == 0) {
                        LOG.warnf("%s: database unavailable (%s), batch retried (attempt %d)", topic, e.getMessage(),
                                attempt);
                    }
                    Thread.sleep(Math.min(5000, 500L * attempt));
                    continue;
                }
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
