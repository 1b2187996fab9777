package cn.gansu.lianhu.reporting.events;

import java.time.Duration;

import org.jboss.logging.Logger;

import cn.gansu.lianhu.reporting.config.ConsumerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Orderly stop of the consumers (issue 8 point 2). Quarkus closes the datasource before it terminates the Kafka
 * channels; a batch applied in between failed (retried, then nacked: "SRMSG18203 … nacked … Error Occurred After
 * Shutdown" for each channel, and a slow stop). Here, on {@link ShutdownEvent} (before the datasource closes):
 * <ol>
 * <li>every incoming channel is paused: it fetches no more records;</li>
 * <li>the batches already fetched are applied as usual (the database is still open) until none has run for
 * {@code lianhu.reporting.consumer.stop-quiet}, at most {@code lianhu.reporting.consumer.stop-timeout}.</li>
 * </ol>
 * Records not applied by then are not acknowledged: their offsets stay uncommitted and they come again after the
 * restart (the inbox drops what was applied already).
 */
@ApplicationScoped
public class ConsumerStop {
    private static final Logger LOG = Logger.getLogger(ConsumerStop.class);

    @Inject
    KafkaClientService kafka;
    @Inject
    EventBatches batches;
    @Inject
    ConsumerConfig config;

    void stop(@Observes @Priority(1) ShutdownEvent ev) {
        long start = System.nanoTime();
        for (String channel : kafka.getConsumerChannels()) {
            try {
                kafka.getConsumer(channel).pause().await().atMost(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debugf("channel %s not paused at shutdown: %s", channel, e.getMessage());
            }
        }
        long deadline = start + config.stopTimeout().toNanos();
        long quiet = config.stopQuiet().toNanos();
        while (!batches.quiet(quiet) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.infof("consumers paused and quiet in %d ms", (System.nanoTime() - start) / 1_000_000);
    }
}
