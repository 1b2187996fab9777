package cn.gansu.lianhu.testsupport;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.restassured.path.json.JsonPath;

/**
 * Test helper for dead letters (issue 8 point 3), shared by the dead-letter test of every consuming service: a
 * corpus of poison records for a topic, each with the exact reason the consumer must give; sending raw bytes
 * (tombstones and non-UTF-8 values included) to the test broker; reading {@code GET /api/v1/dead-letters};
 * finding a replayed record on its original topic; and the inbox mark of an event ({@code processed_event}).
 */
public final class DeadLetterProbe {
    private DeadLetterProbe() {
    }

    /**
     * A record to put on a topic, and the reason the consumer must dead-letter it with.
     *
     * @param name   what is wrong, for messages
     * @param key    record key (unique per poison)
     * @param value  record value, null for a tombstone
     * @param reason the exact {@code dlq-reason}
     */
    public record Poison(String name, String key, byte[] value, String reason) {
    }

    /**
     * The poison corpus for one topic: not JSON, a JSON array, JSON that is not a CloudEvent, an empty value, a
     * tombstone, a value that is not UTF-8, no id, no type, an unknown {@code specversion}, an unknown version of
     * {@code appliedType} ({@code .v1} → {@code .v2}), and — of the applied type itself — no source, an id that is
     * not a UUID and data of the wrong shape.
     *
     * @param marker      makes the keys unique (key = marker + "-" + name)
     * @param appliedType a type the consumer applies on this topic, ending {@code .v1}, the only one of its family
     *                    it applies
     * @param payload     simple name of that type's payload record ({@code HouseholdData}, …)
     */
    public static List<Poison> corpus(String marker, String appliedType, String payload) {
        String id = UUID.randomUUID().toString();
        String v2 = appliedType.replaceAll("\\.v1$", ".v2");
        List<Poison> p = new ArrayList<>();
        p.add(text(marker, "not-json", "this is not JSON {", "not a JSON CloudEvent: Unrecognized token 'this': was "
                + "expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"));
        p.add(text(marker, "json-array", "[1,2,3]", "not a JSON CloudEvent: Cannot deserialize value of type "
                + "`cn.gansu.lianhu.events.contract.CloudEvent` from Array value (token `JsonToken.START_ARRAY`)"));
        p.add(text(marker, "not-cloudevent", "{\"hello\":\"world\"}", "not a CloudEvent: specversion is missing"));
        p.add(text(marker, "empty", "", "not a JSON CloudEvent: No content to map due to end-of-input"));
        p.add(new Poison("tombstone", marker + "-tombstone", null, "record has no value (a tombstone)"));
        byte[] latin1 = envelope("1.0", id, "/lianhu/test", appliedType, "{\"name\":\"\u00e9\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
        p.add(new Poison("not-utf8", marker + "-not-utf8", latin1,
                "value is not valid UTF-8 (" + latin1.length + " bytes)"));
        p.add(text(marker, "no-id", envelope("1.0", null, "/lianhu/test", appliedType, "{}"), "CloudEvent without id"));
        p.add(text(marker, "no-type", envelope("1.0", uuid(), "/lianhu/test", null, "{}"), "CloudEvent without type"));
        p.add(text(marker, "specversion-2", envelope("2.0", uuid(), "/lianhu/test", appliedType, "{}"),
                "unknown event version: specversion 2.0; this consumer reads CloudEvents 1.0"));
        p.add(text(marker, "type-v2", envelope("1.0", uuid(), "/lianhu/test", v2, "{}"),
                "unknown event version " + v2 + "; this consumer applies " + appliedType));
        p.add(text(marker, "no-source", envelope("1.0", uuid(), null, appliedType, "{}"), "CloudEvent without source"));
        p.add(text(marker, "id-not-uuid", envelope("1.0", "not-a-uuid", "/lianhu/test", appliedType, "{}"),
                "event id 'not-a-uuid' is not a UUID"));
        p.add(text(marker, "wrong-shape", envelope("1.0", uuid(), "/lianhu/test", appliedType, "[1,2]"),
                "data of " + appliedType + " is not a " + payload));
        return p;
    }

    /** A CloudEvents JSON envelope; null members are left out; {@code data} is raw JSON. */
    public static String envelope(String specversion, String id, String source, String type, String data) {
        StringBuilder b = new StringBuilder("{\"specversion\":\"").append(specversion).append('"');
        if (id != null) {
            b.append(",\"id\":\"").append(id).append('"');
        }
        if (source != null) {
            b.append(",\"source\":\"").append(source).append('"');
        }
        if (type != null) {
            b.append(",\"type\":\"").append(type).append('"');
        }
        return b.append(",\"time\":\"2026-11-29T08:00:00Z\",\"datacontenttype\":\"application/json\",\"data\":")
                .append(data).append('}').toString();
    }

    /** Sends raw records to one partition of a topic and waits for the broker to take each. */
    public static void send(String topic, int partition, List<Poison> records) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (Poison p : records) {
                producer.send(new ProducerRecord<>(topic, partition, bytes(p.key()), p.value())).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends one UTF-8 record with headers (name, value, name, value, …) and waits for the broker. */
    public static void send(String topic, int partition, String key, String value, String... headers) {
        RecordHeaders h = new RecordHeaders();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.add(headers[i], bytes(headers[i + 1]));
        }
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, partition, bytes(key), bytes(value), h)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The dead letters that came from {@code topic} as {@code GET /api/v1/dead-letters} lists them (all pages of
     * 500), each as a JSON map, in the listed order.
     */
    public static List<Map<String, Object>> listed(String topic) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 0;; page++) {
            JsonPath body = given().queryParam("topic", topic).queryParam("size", 500).queryParam("page", page)
                    .when().get("/api/v1/dead-letters").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = body.getList("items");
            all.addAll(items);
            if (items.size() < 500) {
                return all;
            }
        }
    }

    /** The listed dead letters of {@code topic} by key (the last listed — the oldest — wins). */
    public static Map<String, Map<String, Object>> listedByKey(String topic) {
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Map<String, Object> m : listed(topic)) {
            byKey.put((String) m.get("key"), m);
        }
        return byKey;
    }

    /**
     * The records of {@code topic} with this key that carry header {@code dlq-replayed-from}, as that header's
     * values, reading the whole topic from its beginning (up to its end when called).
     */
    public static List<String> replayedCopies(String topic, String key) {
        List<String> found = new ArrayList<>();
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LianhuTestResource.kafkaBootstrapServers());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    var h = r.headers().lastHeader("dlq-replayed-from");
                    if (h != null && r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        found.add(new String(h.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return found;
    }

    /** How many times the service's inbox marked this event id (0 or 1). */
    public static long inboxMarks(String eventId) {
        try (Connection c = DriverManager.getConnection(LianhuTestResource.jdbcUrl(), LianhuTestResource.dbUser(),
                LianhuTestResource.dbPassword());
                PreparedStatement s = c.prepareStatement("select count(*) from processed_event where event_id = ?::uuid")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sum of a Prometheus counter of the service ({@code GET /q/metrics}) over the series whose labels include
     * every given {@code name, value} pair; 0 when there is none yet.
     *
     * @param name metric name as exposed, e.g. {@code lianhu_events_duplicates_total}
     */
    public static double metric(String name, String... labels) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                all &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** A fresh UUID as text. */
    public static String uuid() {
        return UUID.randomUUID().toString();
    }

    private static Poison text(String marker, String name, String value, String reason) {
        return new Poison(name, marker + "-" + name, bytes(value), reason);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LianhuTestResource.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p);
    }
}
