package cn.gansu.lianhu.reporting.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sends records reporting cannot apply (not a CloudEvent, payload of the wrong shape, values out of range) to
 * the topic {@code reporting-service.dead-letter}, unchanged, with the same key and headers {@code dlq-reason},
 * {@code dlq-topic}, {@code dlq-partition} and {@code dlq-offset} (DESIGN.md §3; the approach of
 * pairing-service's DeadLetters). The record is also logged with the reason; if the dead-letter topic cannot
 * be written, the log line is all that remains and the consumer goes on, as it did before this topic existed.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    /** Topic of the records reporting could not apply. */
    public static final String TOPIC = "reporting-service.dead-letter";

    @Inject
    @Channel("dead-letters")
    MutinyEmitter<String> emitter;

    /** Publishes the record unchanged with the reason; waits for the broker's acknowledgement (at most 30 s). */
    public void send(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("%s-%d@%d (key %s) rejected, skipped and sent to %s: %s", record.topic(), record.partition(),
                record.offset(), record.key(), TOPIC, reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add("dlq-reason", bytes(reason));
        headers.add("dlq-topic", bytes(record.topic()));
        headers.add("dlq-partition", bytes(Integer.toString(record.partition())));
        headers.add("dlq-offset", bytes(Long.toString(record.offset())));
        OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(record.key()).withHeaders(headers).build();
        try {
            emitter.sendMessage(Message.of(record.value() == null ? "" : record.value()).addMetadata(meta))
                    .await().atMost(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.errorf("%s-%d@%d could not be written to %s (%s); it stays skipped, see the line above",
                    record.topic(), record.partition(), record.offset(), TOPIC, e.toString());
        }
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
