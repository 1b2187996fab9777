package cn.gansu.lianhu.events.metrics;

import java.util.ArrayList;
import java.util.List;

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
 * partition, per partition a consumer fetched from; new partitions appear within a minute: the binder looks for new
 * client metrics every 60 s) and {@code kafka_consumer_fetch_manager_records_lag_max{client_id}}. They name the
 * client ({@code kafka-consumer-<channel>}), not the consumer group: this filter puts tag {@code group} (the
 * channel's {@code mp.messaging.incoming.<channel>.group.id}, else {@code kafka.group.id}, else {@code unknown}) in
 * the place of tag {@code kafka.version} on every {@code kafka.consumer.*} meter. Replaced, not added: the binder
 * compares the number of tags of the meters of one name across clients and skips a client whose meters seem to have
 * fewer tags than those registered.
 */
@Singleton
public class KafkaConsumerGroupTag {
    private static final String VERSION = "kafka.version";

    @Produces
    @Singleton
    MeterFilter consumerGroupTag() {
        Config config = ConfigProvider.getConfig();
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("kafka.consumer.") || id.getTag(VERSION) == null) {
                    return id;
                }
                String client = id.getTag("client.id");
                String channel = client != null && client.startsWith("kafka-consumer-")
                        ? client.substring("kafka-consumer-".length())
                        : null;
                String group = channel == null ? null
                        : config.getOptionalValue("mp.messaging.incoming." + channel + ".group.id", String.class)
                                .or(() -> config.getOptionalValue("kafka.group.id", String.class)).orElse(null);
                List<Tag> tags = new ArrayList<>();
                for (Tag t : id.getTagsAsIterable()) {
                    tags.add(VERSION.equals(t.getKey()) ? Tag.of("group", group == null ? "unknown" : group) : t);
                }
                return id.replaceTags(tags);
            }
        };
    }
}
