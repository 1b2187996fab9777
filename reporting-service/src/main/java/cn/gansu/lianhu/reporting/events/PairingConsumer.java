package cn.gansu.lianhu.reporting.events;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.reporting.service.PairingProjection;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Consumes pairing-service's topics {@code pairing.units}, {@code pairing.cadres}, {@code pairing.links} and
 * {@code pairing.pairings} (consumer group {@code reporting-service}, from the earliest offset) in batches,
 * one database transaction per polled batch, into the read models of two-way coverage (issue 3 point 9).
 * Records are checked by {@link PairingEventReader}: types not handled on a topic are skipped, unreadable
 * records are logged, counted and sent to {@code reporting-service.dead-letter}. Batches, retries and metrics:
 * {@link EventBatches}; what applying means: {@link PairingProjection}.
 */
@ApplicationScoped
public class PairingConsumer {

    @Inject
    PairingEventReader reader;

    @Inject
    PairingProjection projection;

    @Inject
    EventBatches batches;

    /** Unit events: {@code pairing.unit.registered / updated / pairings-confirmed.v1}. */
    @Incoming("pairing-units")
    @Blocking
    public void units(ConsumerRecords<String, String> records) throws InterruptedException {
        consume(Topics.PAIRING_UNITS, records);
    }

    /** Cadre events: {@code pairing.cadre.registered / updated / left.v1}. */
    @Incoming("pairing-cadres")
    @Blocking
    public void cadres(ConsumerRecords<String, String> records) throws InterruptedException {
        consume(Topics.PAIRING_CADRES, records);
    }

    /** Link events: {@code pairing.village-link.linked / ended.v1}, {@code pairing.leader-link.linked / ended.v1}. */
    @Incoming("pairing-links")
    @Blocking
    public void links(ConsumerRecords<String, String> records) throws InterruptedException {
        consume(Topics.PAIRING_LINKS, records);
    }

    /** Pairing events: {@code pairing.pairing.drafted / withdrawn / activated / primary-changed / ended.v1}. */
    @Incoming("pairing-pairings")
    @Blocking
    public void pairings(ConsumerRecords<String, String> records) throws InterruptedException {
        consume(Topics.PAIRING_PAIRINGS, records);
    }

    void consume(String topic, ConsumerRecords<String, String> records) throws InterruptedException {
        batches.consume(topic, records, value -> reader.read(topic, value), events -> projection.apply(topic, events));
    }
}
