package cn.gansu.lianhu.testsupport.events;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import cn.gansu.lianhu.testsupport.LianhuTestResource;

/**
 * Reads what is really on the test broker and checks it against the AsyncAPI document with {@link EventSchemas}
 * (issue 9 point 3): every record of the given topics, from the first offset up to the end offsets taken when the
 * read starts, with a plain {@link KafkaConsumer} without a consumer group.
 */
public final class PublishedEvents {
    private PublishedEvents() {
    }

    /**
     * The outcome of a check.
     *
     * @param records    records read
     * @param perType    records per CloudEvents type (dead letters as {@code dead-letter <topic>}), sorted
     * @param violations every violation, one line each
     */
    public record Report(int records, Map<String, Integer> perType, List<String> violations) {
        /** The counts per type, one line each, then the number of violations. */
        public String summary() {
            StringBuilder sb = new StringBuilder();
            perType.forEach((t, n) -> sb.append(String.format("  %6d  %s%n", n, t)));
            return sb.append(String.format("  %d records, %d violations%n", records, violations.size())).toString();
        }
    }

    /**
     * Waits until the outbox relay has published every row of table {@code outbox_event} of the test database
     * ({@code sent_at} set on all), at most {@code timeout}.
     */
    public static void awaitOutboxSent(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long unsent;
        do {
            try (Connection c = DriverManager.getConnection(LianhuTestResource.jdbcUrl(), LianhuTestResource.dbUser(),
                    LianhuTestResource.dbPassword()); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select count(*) from outbox_event where sent_at is null")) {
                rs.next();
                unsent = rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            if (unsent > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(unsent + " outbox rows still unsent after " + timeout);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        } while (unsent > 0);
    }

    /**
     * The check every producing service's {@code PublishedEventsSchemaTest} makes once it has published every type it
     * sends: waits for the outbox, reads the service's topics (as the AsyncAPI document lists them, which must be
     * {@code topics}) and its dead-letter topic, prints the counts per type, and fails on any violation, on a type
     * the document lists for the service that no record showed, or when the document lists other than {@code types}
     * types for it.
     *
     * @return the report (for further checks of the caller)
     * @throws AssertionError on any of the failures above
     */
    public static Report assertEverySentTypeValid(String service, List<String> topics, int types) {
        awaitOutboxSent(Duration.ofSeconds(60));
        EventSchemas schemas = EventSchemas.load();
        List<String> read = new ArrayList<>(schemas.topicsSentBy(service));
        if (!read.equals(topics)) {
            throw new AssertionError("the document's topics of " + service + ": " + read + ", expected " + topics);
        }
        read.add(schemas.deadLetterTopic(service));
        Report report = check(schemas, read);
        System.out.println("PublishedEventsSchemaTest " + service + ", records per type:\n" + report.summary());
        if (!report.violations().isEmpty()) {
            throw new AssertionError(report.violations().size() + " violations:\n"
                    + String.join("\n", report.violations().stream().limit(40).toList()));
        }
        Set<String> missing = new TreeSet<>(schemas.typesSentBy(service));
        missing.removeAll(report.perType().keySet());
        if (!missing.isEmpty()) {
            throw new AssertionError("types the document lists for " + service + " but no record showed: " + missing);
        }
        if (schemas.typesSentBy(service).size() != types) {
            throw new AssertionError("the document lists " + schemas.typesSentBy(service).size() + " types for "
                    + service + ", expected " + types);
        }
        return report;
    }

    /** Reads {@code topics} on the broker of {@link LianhuTestResource} and checks every record. */
    public static Report check(EventSchemas schemas, Collection<String> topics) {
        List<ConsumerRecord<String, String>> records = readFromStart(LianhuTestResource.kafkaBootstrapServers(),
                topics);
        Map<String, Integer> perType = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            String type = r.topic().endsWith(".dead-letter") ? "dead-letter " + r.topic() : schemas.typeOf(r);
            perType.merge(String.valueOf(type), 1, Integer::sum);
            violations.addAll(schemas.validate(r));
        }
        return new Report(records.size(), perType, violations);
    }

    /**
     * Every record of {@code topics} (those that exist) from the beginning up to the end offsets of now.
     *
     * @throws IllegalStateException if the end is not reached within 60 s
     */
    public static List<ConsumerRecord<String, String>> readFromStart(String bootstrapServers,
            Collection<String> topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            Set<String> existing = consumer.listTopics(Duration.ofSeconds(30)).keySet();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : new TreeSet<>(topics)) {
                if (existing.contains(topic)) {
                    for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                        partitions.add(new TopicPartition(topic, info.partition()));
                    }
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topics + " to the end within 60 s");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
