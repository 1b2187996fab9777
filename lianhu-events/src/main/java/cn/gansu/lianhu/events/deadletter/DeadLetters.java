package cn.gansu.lianhu.events.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import cn.gansu.lianhu.events.correlation.CorrelationId;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sends records a consumer cannot apply (not a CloudEvent, payload of the wrong shape, values out of range)
 * to the service's dead-letter topic — channel {@code dead-letters}, topic {@code <service>.dead-letter} —
 * unchanged, with the same key and headers {@code dlq-reason}, {@code dlq-topic}, {@code dlq-partition} and
 * {@code dlq-offset}, so one poison message does not stop the consumer (DESIGN.md §3). Active in services
 * that set {@code lianhu.dead-letters.enabled=true} and configure the channel.
 */
@ApplicationScoped
@IfBuildProperty(name = "lianhu.dead-letters.enabled", stringValue = "true")
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    @Channel("dead-letters")
    MutinyEmitter<String> emitter;

    @ConfigProperty(name = "mp.messaging.outgoing.dead-letters.topic")
    String topic;

    /**
     * Publishes the record unchanged with the reason and waits for the broker's acknowledgement (at most
     * 30 s). If the broker does not take it, the exception reaches the consumer, whose batch is then not
     * committed and is delivered again: a poison record is never silently dropped.
     */
    public void send(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("%s-%d@%d (key %s) cannot be applied, sent to %s: %s", record.topic(), record.partition(),
                record.offset(), record.key(), topic, reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add("dlq-reason", bytes(reason));
        headers.add("dlq-topic", bytes(record.topic()));
        headers.add("dlq-partition", bytes(Integer.toString(record.partition())));
        headers.add("dlq-offset", bytes(Long.toString(record.offset())));
        String correlation = CorrelationId.of(record); // the caller's id stays with the record (issue 9 point 5)
        if (correlation != null) {
            headers.add(CorrelationId.KAFKA_HEADER, CorrelationId.headerValue(correlation));
        }
        OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(record.key()).withHeaders(headers).build();
        emitter.sendMessage(Message.of(record.value() == null ? "" : record.value()).addMetadata(meta))
                .await().atMost(Duration.ofSeconds(30));
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
