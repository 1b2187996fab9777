package cn.gansu.lianhu.events.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the service's dead-letter topic ({@code mp.messaging.outgoing.dead-letters.topic}, written by
 * {@link DeadLetters}) and republishes one of its records to the topic it came from (issue 8 point 3). Each read
 * uses a short-lived consumer without a group: it assigns every partition, seeks and polls up to the end offsets
 * taken at the start — fine at dead-letter volumes (two passes over the topic for a page: one for the order and
 * the filter, one for the values of the page's records). A broker that does not answer within
 * {@code lianhu.dead-letters.timeout} (default 10 s) raises {@link Unavailable}.
 */
@ApplicationScoped
@IfBuildProperty(name = "lianhu.dead-letters.enabled", stringValue = "true")
public class DeadLetterLog {
    /** Longest value shown in a listing, in characters; longer ones are cut and flagged. */
    public static final int MAX_VALUE_CHARS = 4096;
    /** Header of a republished record: {@code <dead-letter topic>/<partition>/<offset>} it was replayed from. */
    public static final String REPLAYED_FROM_HEADER = "dlq-replayed-from";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "mp.messaging.outgoing.dead-letters.topic")
    String topic;

    @ConfigProperty(name = "lianhu.dead-letters.timeout", defaultValue = "PT10S")
    Duration timeout;

    private volatile KafkaProducer<byte[], byte[]> producer;

    /**
     * One record of the dead-letter topic.
     *
     * @param partition         its partition in the dead-letter topic
     * @param offset            its offset there
     * @param deadLetteredAt    when it was dead-lettered (the record's timestamp)
     * @param originalTopic     header {@code dlq-topic}
     * @param originalPartition header {@code dlq-partition}, null if absent
     * @param originalOffset    header {@code dlq-offset}, null if absent
     * @param reason            header {@code dlq-reason}
     * @param key               record key (UTF-8), null if none
     * @param value             the whole value
     */
    public record Record(int partition, long offset, Instant deadLetteredAt, String originalTopic,
            Integer originalPartition, Long originalOffset, String reason, byte[] key, byte[] value) {

        /** The key as text. */
        public String keyText() {
            return key == null ? null : new String(key, StandardCharsets.UTF_8);
        }

        /** The value as text (bytes that are not UTF-8 shown as U+FFFD), cut at {@link #MAX_VALUE_CHARS}. */
        public String valueText() {
            if (value == null) {
                return null;
            }
            String text = new String(value, StandardCharsets.UTF_8);
            return text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) : text;
        }

        /** True when {@link #valueText()} is cut. */
        public boolean valueTruncated() {
            return value != null && new String(value, StandardCharsets.UTF_8).length() > MAX_VALUE_CHARS;
        }
    }

    /** A page of records, newest first, and how many match in all. */
    public record Listing(List<Record> items, long total) {
    }

    /** The dead-letter topic could not be read or written in time. */
    public static class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The dead-letter topic of this service. */
    public String topic() {
        return topic;
    }

    /**
     * One page of dead letters, newest first (by the time they were dead-lettered, then partition and offset,
     * descending).
     *
     * @param originalTopic only records that came from this topic; null for all
     * @param page          zero-based page
     * @param size          page size
     */
    public Listing list(String originalTopic, int page, int size) {
        record Position(int partition, long offset, long timestamp) {
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Map<TopicPartition, long[]> ranges = ranges(consumer);
            List<Position> matching = new ArrayList<>();
            scan(consumer, ranges, r -> {
                if (originalTopic == null || originalTopic.equals(header(r, "dlq-topic"))) {
                    matching.add(new Position(r.partition(), r.offset(), r.timestamp()));
                }
            });
            matching.sort(Comparator.comparingLong(Position::timestamp).thenComparingInt(Position::partition)
                    .thenComparingLong(Position::offset).reversed());
            long from = (long) page * size;
            if (from >= matching.size()) {
                return new Listing(List.of(), matching.size());
            }
            List<Position> slice = matching.subList((int) from, (int) Math.min(matching.size(), from + size));
            Map<TopicPartition, long[]> wanted = new HashMap<>();
            for (Position p : slice) {
                wanted.merge(new TopicPartition(topic, p.partition()), new long[] { p.offset(), p.offset() + 1 },
                        (a, b) -> new long[] { Math.min(a[0], b[0]), Math.max(a[1], b[1]) });
            }
            Map<String, Record> found = new HashMap<>();
            scan(consumer, wanted, r -> found.put(r.partition() + "/" + r.offset(), record(r)));
            List<Record> items = new ArrayList<>(slice.size());
            for (Position p : slice) {
                Record r = found.get(p.partition() + "/" + p.offset());
                if (r != null) {
                    items.add(r);
                }
            }
            return new Listing(items, matching.size());
        } catch (KafkaException e) {
            throw new Unavailable("dead-letter topic " + topic + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The record at this partition and offset of the dead-letter topic, if there is one. */
    public Optional<Record> find(int partition, long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition tp = new TopicPartition(topic, partition);
            long[] range = ranges(consumer).get(tp);
            if (range == null || offset < range[0] || offset >= range[1]) {
                return Optional.empty();
            }
            List<Record> found = new ArrayList<>(1);
            scan(consumer, Map.of(tp, new long[] { offset, offset + 1 }), r -> {
                if (r.offset() == offset) {
                    found.add(record(r));
                }
            });
            return found.stream().findFirst();
        } catch (KafkaException e) {
            throw new Unavailable("dead-letter topic " + topic + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Publishes the record again, same key and value, to its original topic and partition, with the header
     * {@value #REPLAYED_FROM_HEADER}, and waits for the broker's acknowledgement.
     */
    public void republish(Record r) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REPLAYED_FROM_HEADER,
                (topic + "/" + r.partition() + "/" + r.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(new ProducerRecord<>(r.originalTopic(), r.originalPartition(), r.key(), r.value(), headers))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while republishing to " + r.originalTopic(), e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException | KafkaException e) {
            throw new Unavailable("cannot republish to " + r.originalTopic() + ": " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        KafkaProducer<byte[], byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        KafkaProducer<byte[], byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                p = producer;
                if (p == null) {
                    Properties c = new Properties();
                    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    c.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letter-replay");
                    c.put(ProducerConfig.ACKS_CONFIG, "all");
                    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
                    c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
                    c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
                    c.put(ProducerConfig.LINGER_MS_CONFIG, 0);
                    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
                    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
                    producer = p = new KafkaProducer<>(c);
                }
            }
        }
        return p;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letter-reader");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        c.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(c);
    }

    /** [beginning, end) offsets of every partition of the topic; empty when the topic does not exist yet. */
    private Map<TopicPartition, long[]> ranges(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            return Map.of();
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions); // once: every scan seeks, resumes and pauses within this assignment
        consumer.pause(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, long[]> ranges = new HashMap<>();
        for (TopicPartition tp : partitions) {
            ranges.put(tp, new long[] { begin.get(tp), end.get(tp) });
        }
        return ranges;
    }

    /** Hands every record of each partition's [from, to) to {@code sink}, in offset order per partition. */
    private void scan(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, long[]> ranges,
            Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        Map<TopicPartition, long[]> open = new HashMap<>();
        ranges.forEach((tp, r) -> {
            if (r[0] < r[1]) {
                open.put(tp, r);
            }
        });
        if (open.isEmpty()) {
            return;
        }
        List<TopicPartition> scanned = List.copyOf(open.keySet());
        open.forEach((tp, r) -> consumer.seek(tp, r[0]));
        consumer.resume(scanned);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!open.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new Unavailable("dead-letter topic " + topic + " not read to its end within " + timeout, null);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                long[] range = open.get(new TopicPartition(r.topic(), r.partition()));
                if (range != null && r.offset() >= range[0] && r.offset() < range[1]) {
                    sink.accept(r);
                }
            }
            open.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue()[1]);
            consumer.pause(scanned.stream().filter(tp -> !open.containsKey(tp)).toList());
        }
    }

    private static Record record(ConsumerRecord<byte[], byte[]> r) {
        return new Record(r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()), header(r, "dlq-topic"),
                integer(header(r, "dlq-partition")), longValue(header(r, "dlq-offset")), header(r, "dlq-reason"),
                r.key(), r.value());
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(String s) {
        try {
            return s == null ? null : Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
