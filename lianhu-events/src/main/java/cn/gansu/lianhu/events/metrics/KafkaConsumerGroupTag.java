package cn.gansu.lianhu.events.metrics;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Consumer lag per group, topic and partition on {@code /q/metrics} (issue 8 point 2). The Kafka client metrics
 * come from Quarkus' Micrometer Kafka binder ({@code quarkus.micrometer.binder.kafka.enabled}, on by default), e.g.
 * {@code kafka_consumer_fetch_manager_records_lag{client_id, topic, partition}} (records behind the end of the
 * partition, per partition a consumer fetched from) and {@code kafka_consumer_fetch_manager_records_lag_max}. They
 * name the client, not the consumer group: this filter adds tags {@code group} (the channel's
 * {@code mp.messaging.incoming.<channel>.group.id}, else {@code kafka.group.id}) and {@code channel} to every
 * {@code kafka.consumer.*} meter of a SmallRye client ({@code client.id = kafka-consumer-<channel>});
 * {@code unknown} for other clients, so that every meter of one name has the same tags (Prometheus needs that).
 */
@Singleton
public class KafkaConsumerGroupTag {

    @Produces
    @Singleton
    MeterFilter consumerGroupTag() {
        Config config = ConfigProvider.getConfig();
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("kafka.consumer.") || id.getTag("group") != null) {
                    return id;
                }
                String client = id.getTag("client.id");
                String channel = client != null && client.startsWith("kafka-consumer-")
                        ? client.substring("kafka-consumer-".length())
                        : null;
                String group = channel == null ? null
                        : config.getOptionalValue("mp.messaging.incoming." + channel + ".group.id", String.class)
                                .or(() -> config.getOptionalValue("kafka.group.id", String.class)).orElse(null);
                return id.withTags(java.util.List.of(Tag.of("group", group == null ? "unknown" : group),
                        Tag.of("channel", channel == null ? "unknown" : channel)));
            }
        };
    }
}
