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

    /** Runs {@code check} until it passes (an AssertionError or RuntimeException means not yet), at most {@code wait}. */
    public static void await(Duration wait, Runnable check) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The dead letter of {@code topic} with this key, once it is listed (at most {@code wait}). */
    public static Map<String, Object> awaitListed(Duration wait, String topic, String key) {
        await(wait, () -> check(listedByKey(topic).containsKey(key), key + " not listed"));
        return listedByKey(topic).get(key);
    }

    /**
     * Waits until every poison record is listed with its exact reason, then checks each is listed exactly once,
     * from {@code topic} and {@code partition}, never replayed.
     */
    public static void assertListedOnce(Duration wait, String topic, int partition, List<Poison> poison) {
        await(wait, () -> {
            Map<String, Map<String, Object>> byKey = listedByKey(topic);
            for (Poison p : poison) {
                Map<String, Object> m = byKey.get(p.key());
                check(m != null, p.name() + " not listed");
                same(p.reason(), m.get("reason"), p.name() + " reason");
            }
        });
        List<Map<String, Object>> all = listed(topic);
        for (Poison p : poison) {
            List<Map<String, Object>> entries = all.stream().filter(m -> p.key().equals(m.get("key"))).toList();
            same(1, entries.size(), p.name() + " entries");
            Map<String, Object> m = entries.get(0);
            same(topic, m.get("originalTopic"), p.name() + " originalTopic");
            same(partition, m.get("originalPartition"), p.name() + " originalPartition");
            same(0, m.get("replays"), p.name() + " replays");
            same(null, m.get("replayedAt"), p.name() + " replayedAt");
            same(null, m.get("replayedBy"), p.name() + " replayedBy");
            same(false, m.get("valueTruncated"), p.name() + " valueTruncated");
        }
    }

    /**
     * Replays the first listed dead letter of {@code poison} (a record still unreadable) with six requests at the
     * same time: exactly one is 202 ({@code replays} 1) and five are 409, and the record went through the consumer
     * again once: dead-lettered a second time with the same reason, not more (issue 8 review: parallel replays were
     * all 202 and republished the record six times).
     */
    public static void assertReplayedPoisonIsDeadLetteredAgain(Duration wait, String topic, Poison poison) {
        Map<String, Object> entry = listedByKey(topic).get(poison.key());
        String path = "/api/v1/dead-letters/" + entry.get("partition") + "/" + entry.get("offset") + "/replay";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 6; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return given().when().post(path).then().extract().statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new java.util.ArrayList<>();
        try {
            for (java.util.concurrent.Future<Integer> f : answers) {
                statuses.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } catch (Exception e) {
            throw new AssertionError("parallel replays: " + e, e);
        } finally {
            pool.shutdownNow();
        }
        java.util.Collections.sort(statuses);
        same(List.of(202, 409, 409, 409, 409, 409), statuses, "six parallel replays");
        await(wait, () -> same(List.of(poison.reason(), poison.reason()), listed(topic).stream()
                .filter(m -> poison.key().equals(m.get("key"))).map(m -> m.get("reason")).toList(),
                poison.name() + " after replay"));
    }

    /**
     * The replay of an event the consumer already applied (issue 8 point 3): the event is put on the dead-letter
     * topic as if a since-fixed consumer had refused it; a replay republishes it once to its original topic and
     * partition with header {@code dlq-replayed-from}, the consumer reads it as a duplicate (counter
     * {@code duplicates} + 1) and does not apply it twice; the listing shows the replay; a second replay is 409
     * unless forced; both replays are audited.
     *
     * @param dlq        the service's dead-letter topic
     * @param topic      the original topic, which the service consumes
     * @param partition  its partition to use
     * @param event      a CloudEvent the service has applied already (its id is {@code eventId})
     * @param duplicates reads the consumer's duplicate counter for {@code topic}
     * @param actor      the default test token's actor
     */
    public static void assertReplayOfAnAppliedEvent(Duration wait, String dlq, String topic, int partition,
            String event, String eventId, java.util.function.DoubleSupplier duplicates, String actor) {
        String key = "replay-" + uuid();
        send(dlq, 0, key, event, "dlq-reason", "simulated: consumer was down-level", "dlq-topic", topic,
                "dlq-partition", Integer.toString(partition), "dlq-offset", "4711");
        Map<String, Object> entry = awaitListed(wait, topic, key);
        same("simulated: consumer was down-level", entry.get("reason"), "reason");
        same(partition, entry.get("originalPartition"), "originalPartition");
        same(4711, entry.get("originalOffset"), "originalOffset");
        same(event, entry.get("value"), "value");
        String path = "/api/v1/dead-letters/" + entry.get("partition") + "/" + entry.get("offset") + "/replay";
        double before = duplicates.getAsDouble();
        same(1L, inboxMarks(eventId), "inbox marks before the replay");

        JsonPath replayed = given().when().post(path).then().statusCode(202).contentType("application/json")
                .extract().jsonPath();
        same(entry.get("partition"), replayed.get("partition"), "partition");
        same(entry.get("offset"), replayed.get("offset"), "offset");
        same(topic, replayed.get("originalTopic"), "originalTopic");
        same(key, replayed.get("key"), "key");
        same(1, replayed.get("replays"), "replays");
        same(actor, replayed.get("replayedBy"), "replayedBy");
        String from = dlq + "/" + entry.get("partition") + "/" + entry.get("offset");
        same(List.of(from), replayedCopies(topic, key), "copies on " + topic);
        await(wait, () -> same(before + 1, duplicates.getAsDouble(), "duplicates after the replay"));
        same(1L, inboxMarks(eventId), "inbox marks after the replay");
        Map<String, Object> after = listedByKey(topic).get(key);
        same(actor, after.get("replayedBy"), "listed replayedBy");
        same(1, after.get("replays"), "listed replays");
        check(after.get("replayedAt") != null, "listed replayedAt");

        JsonPath conflict = given().when().post(path).then().statusCode(409)
                .contentType("application/problem+json").extract().jsonPath();
        same("urn:lianhu:problem:conflict", conflict.get("type"), "409 type");
        same("force", conflict.get("errors[0].field"), "409 field");
        same("dead-letter.replayed", conflict.get("errors[0].rule"), "409 rule");
        given().queryParam("force", true).when().post(path).then().statusCode(202)
                .body("replays", org.hamcrest.Matchers.equalTo(2));
        same(List.of(from, from), replayedCopies(topic, key), "copies after a forced replay");
        await(wait, () -> same(before + 2, duplicates.getAsDouble(), "duplicates after the forced replay"));
        same(1L, inboxMarks(eventId), "inbox marks after the forced replay");

        JsonPath audit = given().queryParam("entity", "dead-letter").queryParam("entityId", from).when()
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        same(2, audit.get("total"), "audit entries");
        same("REPLAYED", audit.get("items[0].action"), "audit action");
        same(actor, audit.get("items[0].actor"), "audit actor");
        same(2, audit.get("items[0].after.replays"), "audit after");
        same(1, audit.get("items[0].before.replays"), "audit before");
        same(null, audit.get("items[1].before"), "audit before of the first replay");
    }

    /** The problems of the dead-letter operations: 404, 400, 403 for every role but PROVINCE_ADMIN, 401. */
    public static void assertProblems() {
        JsonPath missing = given().when().post("/api/v1/dead-letters/0/999999999/replay").then().statusCode(404)
                .contentType("application/problem+json").extract().jsonPath();
        same("urn:lianhu:problem:not-found", missing.get("type"), "404 type");
        same("dead letter 0/999999999 does not exist", missing.get("detail"), "404 detail");
        same("dead letter 99/0 does not exist", given().when().post("/api/v1/dead-letters/99/0/replay").then()
                .statusCode(404).extract().jsonPath().get("detail"), "404 partition");
        JsonPath negative = given().when().post("/api/v1/dead-letters/0/-1/replay").then().statusCode(400)
                .contentType("application/problem+json").extract().jsonPath();
        same("offset", negative.get("errors[0].field"), "400 field");
        same("min", negative.get("errors[0].rule"), "400 rule");
        JsonPath size = given().queryParam("size", 501).when().get("/api/v1/dead-letters").then().statusCode(400)
                .contentType("application/problem+json").extract().jsonPath();
        same("size", size.get("errors[0].field"), "400 size field");
        same("max", size.get("errors[0].rule"), "400 size rule");
        JsonPath topic = given().queryParam("topic", "no such/topic").when().get("/api/v1/dead-letters").then()
                .statusCode(400).extract().jsonPath();
        same("topic", topic.get("errors[0].field"), "400 topic field");
        same("pattern", topic.get("errors[0].rule"), "400 topic rule");
        for (String token : List.of(TestTokens.auditor(), TestTokens.regionAdmin("6211"), TestTokens.integration(),
                TestTokens.unitAdmin(UUID.randomUUID()), TestTokens.cadre(UUID.randomUUID()))) {
            for (String method : List.of("GET", "POST")) {
                JsonPath forbidden = given().header("Authorization", TestTokens.bearer(token)).when()
                        .request(method, method.equals("GET") ? "/api/v1/dead-letters" : "/api/v1/dead-letters/0/0/replay")
                        .then().statusCode(403).contentType("application/problem+json").extract().jsonPath();
                same("role", forbidden.get("errors[0].field"), "403 field");
                same("role.not-allowed", forbidden.get("errors[0].rule"), "403 rule");
            }
        }
        same("token.invalid", given().header("Authorization", "Bearer " + TestTokens.malformed()).when()
                .get("/api/v1/dead-letters").then().statusCode(401).extract().jsonPath().get("errors[0].rule"), "401");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    private static void same(Object expected, Object actual, String what) {
        if (!java.util.Objects.equals(expected, actual)) {
            throw new AssertionError(what + ": expected <" + expected + "> but was <" + actual + ">");
        }
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
