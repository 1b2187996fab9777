package cn.gansu.lianhu.reporting.events;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.reporting.service.RegistryProjection;
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
 * counted in {@code lianhu.reporting.events{outcome=rejected}}, sent to {@code reporting-service.dead-letter}
 * and skipped: it never stops the consumer. Types reporting does not handle are skipped with a debug log.
 * Batches, retries and metrics: {@link EventBatches}.
 */
@ApplicationScoped
public class RegistryConsumer {

    @Inject
    RegistryEventReader reader;

    @Inject
    RegistryProjection projection;

    @Inject
    EventBatches batches;

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
        batches.consume(topic, records, reader::read, events -> projection.apply(topic, events));
    }
}
