package cn.gansu.lianhu.visit;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;

/**
 * Shared steps of the correction and demand tests: pairings published to the real broker as pairing-service would,
 * visits logged over HTTP, rows read or set through plain JDBC, events read back from the broker.
 */
final class VisitFixtures {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private VisitFixtures() {
    }

    record Pairing(String id, String cadre, String unit, String household) {
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    /**
     * Publishes a pairing event (village 621121100201) and waits until visit-service knows the pairing at this
     * version.
     */
    static void publishPairing(KafkaProducer<String, String> producer, Pairing p, String status, String startedOn,
            String endedOn, String endReason, long version) {
        try {
            producer.send(new ProducerRecord<>("pairing.pairings", p.id(), KnownPairingsTest.pairingEvent(uuid(),
                    "pairing.pairing." + ("ACTIVE".equals(status) ? "activated" : status.toLowerCase()) + ".v1", p.id(), p.cadre(), p.unit(), p.household(),
                    true, status, startedOn, endedOn, endReason, version))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Awaitility.await().atMost(WAIT).until(() -> count("select count(*) from known_pairing where id = cast(? as uuid)"
                + " and version = " + version, p.id()) == 1);
    }

    /** A new ACTIVE pairing from 2026-03-01, known to visit-service. */
    static Pairing paired(KafkaProducer<String, String> producer) {
        Pairing p = new Pairing(uuid(), uuid(), uuid(), uuid());
        publishPairing(producer, p, "ACTIVE", "2026-03-01", null, null, 1);
        return p;
    }

    /** Logs a visit (IN_HOME, 90 minutes) and returns its id. */
    static String logVisit(Pairing p, String visitedOn, String tasks) {
        return given().contentType("application/json").body("""
                {"cadreId":"%s","householdId":"%s","visitedOn":"%s","mode":"IN_HOME","durationMinutes":90,
                 "location":{"lat":35.6012,"lon":104.6177},"notes":"看望户主","tasks":%s}"""
                .formatted(p.cadre(), p.household(), visitedOn, tasks))
                .when().post("/api/v1/visits").then().statusCode(201).extract().path("id");
    }

    static long count(String sql, String id) throws Exception {
        BigDecimal d = decimal(sql, id);
        return d == null ? 0 : d.longValueExact();
    }

    static BigDecimal decimal(String sql, String id) throws Exception {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    static String text(String sql, String id) throws Exception {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Runs an update with one string parameter; returns the rows changed. */
    static int update(String sql, String id) throws Exception {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            return s.executeUpdate();
        }
    }

    private static Connection connection() throws Exception {
        return DriverManager.getConnection(LianhuTestResource.jdbcUrl(), LianhuTestResource.dbUser(),
                LianhuTestResource.dbPassword());
    }

    /**
     * Reads {@code topic} from the start until {@code expected} envelopes with the given type and record key have
     * arrived, then returns them (in topic order).
     */
    static List<JsonNode> events(String topic, String type, String key, int expected) {
        return events(topic, e -> e.get("type").asText().equals(type), key, expected);
    }

    static List<JsonNode> events(String topic, Predicate<JsonNode> wanted, String key, int expected) {
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = TestKafka.consumerFromStart(topic)) {
            Awaitility.await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode e = MAPPER.readTree(r.value());
                    if (key.equals(r.key()) && wanted.test(e)) {
                        found.add(e);
                    }
                }
                return found.size() >= expected;
            });
        }
        return found;
    }
}
