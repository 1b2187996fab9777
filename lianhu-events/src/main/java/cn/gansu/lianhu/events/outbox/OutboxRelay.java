package cn.gansu.lianhu.events.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.correlation.CorrelationId;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * Publishes outbox rows to Kafka in id order and marks them sent (DESIGN.md §3). It runs on its own thread,
 * woken when a transaction that wrote outbox rows commits, and at least every {@code lianhu.outbox.poll-interval}. A batch is marked sent
 * only after the broker acknowledged every record of it; if the broker is slow or away, the rows stay
 * unsent and the next poll tries again, so nothing is lost (a retry may publish a record twice; consumers
 * drop the duplicate by event id). Rows are locked with SKIP LOCKED; with several replicas of a service, only the
 * one holding the relay lock ({@link OutboxLeadership}) publishes, so one key's events keep their order (issue 9
 * point 4).
 *
 * <p>Enabled in every producing service; a service that only consumes sets
 * {@code lianhu.outbox.enabled=false} at build time.
 */
@ApplicationScoped
@IfBuildProperty(name = "lianhu.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /**
     * Counter {@code lianhu.events.published{topic}} (Prometheus {@code lianhu_events_published_total}): events the
     * broker acknowledged and the relay marked sent (issue 9 point 5).
     */
    public static final String PUBLISHED = "lianhu.events.published";

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry meters;
    @Inject
    OutboxLeadership leadership;

    @Inject
    @Channel("outbox")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    MutinyEmitter<String> emitter;

    @ConfigProperty(name = "lianhu.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "lianhu.outbox.send-timeout", defaultValue = "PT30S")
    Duration sendTimeout;

    @ConfigProperty(name = "lianhu.outbox.poll-interval", defaultValue = "PT1S")
    Duration pollInterval;

    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    void start(@Observes StartupEvent ev) {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        wake.release();
    }

    /** Wakes the relay as soon as a transaction that wrote outbox rows has committed. */
    void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        wake.release();
    }

    private void loop() {
        try {
            while (running) {
                drain();
                try {
                    wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            // another replica takes over at its next drain (a process that dies frees it with its session)
            leadership.release();
        }
    }

    /** Drains the outbox: batch after batch until a batch comes back short. */
    void drain() {
        if (!leadership.lead()) {
            return;
        }
        try {
            int sent;
            do {
                sent = relayBatch();
            } while (sent == batchSize && running);
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay: batch not published, will retry: %s", e.getMessage());
        }
    }

    /**
     * Publishes one batch: claims it in a short transaction, sends it with no transaction open (so waiting
     * on a slow broker holds no locks, and no transaction context travels to Kafka's threads), then marks
     * it sent in another short transaction. If sending fails, the claim is released at once, so the next
     * try starts again from the oldest unsent row and one key's events keep their order.
     *
     * @return how many rows were sent
     */
    int relayBatch() {
        List<OutboxEvent> rows = QuarkusTransaction.requiringNew().call(this::claim);
        if (rows.isEmpty()) {
            return 0;
        }
        List<Long> ids = rows.stream().map(r -> r.id).toList();
        try {
            List<Uni<Void>> acks = new ArrayList<>(rows.size());
            for (OutboxEvent row : rows) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("content-type", CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                headers.add("ce_type", row.eventType.getBytes(StandardCharsets.UTF_8));
                if (row.correlationId != null) {
                    headers.add(CorrelationId.KAFKA_HEADER, CorrelationId.headerValue(row.correlationId));
                }
                OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String> builder()
                        .withTopic(row.topic).withKey(row.eventKey).withHeaders(headers).build();
                acks.add(emitter.sendMessage(Message.of(row.payload).addMetadata(meta)));
            }
            Uni.join().all(acks).andFailFast().await().atMost(sendTimeout);
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> em
                    .createQuery("update OutboxEvent set claimedUntil = null where id in :ids")
                    .setParameter("ids", ids).executeUpdate());
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> em
                .createQuery("update OutboxEvent set sentAt = :now, claimedUntil = null where id in :ids")
                .setParameter("now", OffsetDateTime.now()).setParameter("ids", ids).executeUpdate());
        // counted once acknowledged by the broker and marked sent (issue 9 point 5)
        Map<String, Long> perTopic = rows.stream().collect(Collectors.groupingBy(r -> r.topic, Collectors.counting()));
        perTopic.forEach((topic, n) -> meters.counter(PUBLISHED, "topic", topic).increment(n));
        return rows.size();
    }

    /** Claims the oldest unsent, unclaimed rows (SKIP LOCKED: several replicas may relay side by side). */
    List<OutboxEvent> claim() {
        OffsetDateTime now = OffsetDateTime.now();
        List<OutboxEvent> rows = em
                .createQuery("from OutboxEvent where sentAt is null and (claimedUntil is null or claimedUntil < :now)"
                        + " order by id", OutboxEvent.class)
                .setParameter("now", now)
                .setMaxResults(batchSize)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
                .getResultList();
        OffsetDateTime until = now.plus(sendTimeout).plusSeconds(30);
        if (!rows.isEmpty()) {
            // one statement for the batch (issue 7), not one update of every column per row at flush
            em.createQuery("update OutboxEvent set claimedUntil = :until where id in :ids")
                    .setParameter("until", until).setParameter("ids", rows.stream().map(r -> r.id).toList())
                    .executeUpdate();
        }
        for (OutboxEvent row : rows) {
            em.detach(row);
            row.claimedUntil = until;
        }
        return rows;
    }

    /** Number of events written but not yet acknowledged by the broker. */
    public long backlog() {
        return QuarkusTransaction.requiringNew().call(
                () -> em.createQuery("select count(e) from OutboxEvent e where e.sentAt is null", Long.class)
                        .getSingleResult());
    }
}
