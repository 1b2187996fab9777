package cn.gansu.lianhu.pairing.events;

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
 * Sends records that cannot be applied (not a CloudEvent, payload of the wrong shape) to the topic
 * {@code pairing-service.dead-letter}, with headers {@code dlq-reason}, {@code dlq-topic},
 * {@code dlq-partition} and {@code dlq-offset}, so one poison message does not stop the consumer
 * (DESIGN.md §3).
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    @Channel("dead-letters")
    MutinyEmitter<String> emitter;

    /** Publishes the record unchanged with the reason; waits for the broker's acknowledgement. */
    public void send(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("%s-%d@%d sent to the dead-letter topic: %s", record.topic(), record.partition(), record.offset(),
                reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add("dlq-reason", bytes(reason));
        headers.add("dlq-topic", bytes(record.topic()));
        headers.add("dlq-partition", bytes(Integer.toString(record.partition())));
        headers.add("dlq-offset", bytes(Long.toString(record.offset())));
        OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(record.key()).withHeaders(headers).build();
        emitter.sendMessage(Message.of(record.value() == null ? "" : record.value()).addMetadata(meta))
                .await().atMost(Duration.ofSeconds(30));
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
