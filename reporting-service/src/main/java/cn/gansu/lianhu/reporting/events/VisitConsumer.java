package cn.gansu.lianhu.reporting.events;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.reporting.service.VisitProjection;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Consumes visit-service's topics {@code visit.visits} and {@code visit.demands} (consumer group
 * {@code reporting-service}, from the earliest offset) in batches, one database transaction per polled batch, into
 * the read models of visit figures and continuity (issue 4 point 7). Records are checked by
 * {@link VisitEventReader}: types not handled on a topic (among them {@code visit.help.recorded.v1}) are skipped,
 * unreadable records are logged, counted and sent to {@code reporting-service.dead-letter}. Batches, retries and
 * metrics: {@link EventBatches}; what applying means: {@link VisitProjection}.
 */
@ApplicationScoped
public class VisitConsumer {

    @Inject
    VisitEventReader reader;

    @Inject
    VisitProjection projection;

    @Inject
    EventBatches batches;

    /** Visit events: {@code visit.visit.logged / corrected.v1} ({@code visit.help.recorded.v1} skipped). */
    @Incoming("visit-visits")
    @Blocking
    public void visits(ConsumerRecords<String, String> records) throws InterruptedException {
        consume(Topics.VISIT_VISITS, records);
    }

    /** Demand events: {@code visit.demand.opened / changed.v1}. */
    @Incoming("visit-demands")
    @Blocking
    public void demands(ConsumerRecords<String, String> records) throws InterruptedException {
        consume(Topics.VISIT_DEMANDS, records);
    }

    void consume(String topic, ConsumerRecords<String, String> records) throws InterruptedException {
        batches.consume(topic, records, value -> reader.read(topic, value), events -> projection.apply(topic, events));
    }
}
