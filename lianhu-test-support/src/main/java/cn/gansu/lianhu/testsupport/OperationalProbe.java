package cn.gansu.lianhu.testsupport;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Checks of issue 8 point 2 every service shares: liveness that depends on neither database nor broker, and Kafka
 * consumer lag on {@code /q/metrics} per group, topic and partition.
 */
public final class OperationalProbe {
    private OperationalProbe() {
    }

    /** Names of the checks of a health endpoint ({@code /q/health/live}, {@code /q/health/ready}) and its status. */
    public record Health(int status, String overall, List<String> checks, String body) {
    }

    /**
     * {@code /q/health/live} is 200 UP without the database check, the outbox check or any outgoing channel (a send
     * that timed out while the broker was away would keep an outgoing channel DOWN): liveness depends on neither
     * database nor broker.
     */
    public static void assertLiveWithoutDatabaseOrBroker() {
        Health live = health("/q/health/live");
        require(live.status() == 200 && "UP".equals(live.overall()), live.body());
        require(!live.checks().contains("Database connections health check"), live.body());
        require(!live.checks().contains("outbox"), live.body());
        require(!live.body().contains("\"outbox\""), live.body());
        require(!live.body().contains("\"dead-letters\""), live.body());
    }

    /**
     * {@code /q/health/ready} is 200 with the database check (and the outbox check when {@code outbox}), and without
     * the Kafka incoming channel {@code channel}: a broker away does not make the service unready.
     */
    public static void assertReadyWithDatabase(boolean outbox, String channel) {
        Health ready = health("/q/health/ready");
        require(ready.status() == 200, ready.body());
        require(ready.checks().contains("Database connections health check"), ready.body());
        require(ready.checks().contains("outbox") == outbox, ready.body());
        require(!ready.body().contains("\"" + channel + "\""), ready.body());
    }

    private static void require(boolean ok, String body) {
        if (!ok) {
            throw new AssertionError(body);
        }
    }

    public static Health health(String path) {
        var r = given().when().get(path);
        List<String> names = r.jsonPath().getList("checks.name");
        return new Health(r.statusCode(), r.jsonPath().getString("status"), names == null ? List.of() : names,
                r.asString());
    }

    /**
     * Sends one well-formed CloudEvent of a type no consumer handles ({@code cn.gansu.lianhu.test.lag-probe.v1},
     * skipped by every consumer) to {@code topic}, so that the consumers of it fetch from its partitions, then
     * waits (up to 100 s: Micrometer's Kafka binder looks for new client metrics every 60 s) until {@code /q/metrics} shows
     * {@code kafka_consumer_fetch_manager_records_lag{client_id="kafka-consumer-<channel>", group, partition, topic}}
     * with a number for it.
     *
     * @return the metric lines of that channel and topic, e.g.
     *         {@code kafka_consumer_fetch_manager_records_lag{client_id="kafka-consumer-x",group="g",...} 0.0}
     */
    public static List<String> consumerLag(String channel, String group, String topic) throws InterruptedException {
        String id = UUID.randomUUID().toString();
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/lianhu/test\","
                + "\"type\":\"cn.gansu.lianhu.test.lag-probe.v1\",\"subject\":\"" + id + "\",\"time\":\""
                + Instant.now() + "\",\"datacontenttype\":\"application/json\",\"data\":{}}";
        try (KafkaProducer<String, String> producer = TestKafka.producer()) {
            producer.send(new ProducerRecord<>(topic, id, event));
            producer.flush();
        }
        Pattern line = Pattern.compile("(?m)^kafka_consumer_fetch_manager_records_lag\\{([^}]*)\\} (\\S+)$");
        long deadline = System.nanoTime() + 100_000_000_000L;
        String last = "";
        List<String> found = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            last = body;
            found.clear();
            Matcher m = line.matcher(body);
            while (m.find()) {
                Map<String, String> tags = tags(m.group(1));
                if (("kafka-consumer-" + channel).equals(tags.get("client_id")) && group.equals(tags.get("group"))
                        && topic.equals(tags.get("topic")) && tags.get("partition") != null
                        && !Double.isNaN(Double.parseDouble(m.group(2)))) {
                    found.add(m.group());
                }
            }
            if (!found.isEmpty()) {
                return List.copyOf(found);
            }
            Thread.sleep(500);
        }
        StringBuilder lagLines = new StringBuilder();
        for (String l : last.split("\n")) {
            if (l.startsWith("kafka_consumer_fetch_manager_records_lag")) {
                lagLines.append('\n').append(l);
            }
        }
        throw new AssertionError("no kafka_consumer_fetch_manager_records_lag for channel " + channel + ", group "
                + group + ", topic " + topic + " on /q/metrics within 100 s; lag lines:" + lagLines);
    }

    /** A metric's value by exact name and tags ({@code null} when absent). */
    public static Double metric(String name) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(body);
        return m.find() ? Double.valueOf(m.group(2)) : null;
    }

    private static Map<String, String> tags(String text) {
        Map<String, String> tags = new java.util.HashMap<>();
        Matcher m = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(text);
        while (m.find()) {
            tags.put(m.group(1), m.group(2));
        }
        return tags;
    }
}
