package cn.gansu.lianhu.visit;

import static cn.gansu.lianhu.visit.VisitFixtures.WAIT;
import static cn.gansu.lianhu.visit.VisitFixtures.logVisit;
import static cn.gansu.lianhu.visit.VisitFixtures.paired;
import static cn.gansu.lianhu.visit.VisitFixtures.uuid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.OperatorProbe;
import cn.gansu.lianhu.testsupport.TestKafka;
import cn.gansu.lianhu.visit.VisitFixtures.Pairing;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Operator comfort (issue 9 point 5) in visit-service: the correlation id from a REST call to the outbox row and the
 * Kafka record header, and from a record's header into the consumer's log lines; business counters counted exactly
 * once per committed action; {@code /q/info}.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class OperationsTest {
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void producer() {
        producer = TestKafka.producer();
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void theCorrelationIdOfAVisitGoesToItsOutboxRowsAndKafkaHeaders() throws Exception {
        Pairing p = paired(producer);
        String visit = given().contentType("application/json").header("X-Correlation-Id", "gansu-visit:42.a_b")
                .body("""
                        {"cadreId":"%s","householdId":"%s","visitedOn":"2026-11-20","mode":"IN_HOME","durationMinutes":60,
                         "tasks":[{"task":"PUBLIC_OPINION","demands":[{"category":"HOUSING","description":"修缮"}]}]}"""
                        .formatted(p.cadre(), p.household()))
                .when().post("/api/v1/visits")
                .then().statusCode(201).header("X-Correlation-Id", "gansu-visit:42.a_b").extract().path("id");
        // VISIT_LOGGED and DEMAND_OPENED rows carry it
        assertEquals(2, VisitFixtures.count("select count(*) from outbox_event where correlation_id = 'gansu-visit:42.a_b'"
                + " and (event_key = ? or topic = 'visit.demands')", visit));
        // and the relay sends it as header correlation-id (UTF-8)
        List<String> headers = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = TestKafka.consumerFromStart("visit.visits")) {
            Awaitility.await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (visit.equals(r.key())) {
                        var h = r.headers().lastHeader("correlation-id");
                        headers.add(h == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                    }
                }
                return !headers.isEmpty();
            });
        }
        assertEquals(List.of("gansu-visit:42.a_b"), headers);
    }

    @Test
    void aMissingOrInvalidCorrelationIdIsReplacedByAUuidAndProblemsCarryIt() {
        given().when().get("/api/v1/visits?size=1").then().statusCode(200)
                .header("X-Correlation-Id", matchesPattern(UUID_PATTERN));
        given().header("X-Request-Id", "req-7").when().get("/api/v1/visits?size=1").then().statusCode(200)
                .header("X-Correlation-Id", "req-7");
        // 129 characters, or a space: not taken
        given().header("X-Correlation-Id", "x".repeat(129)).when().get("/api/v1/visits?size=1").then()
                .statusCode(200).header("X-Correlation-Id", matchesPattern(UUID_PATTERN));
        given().header("X-Correlation-Id", "a b").when().get("/api/v1/visits?size=1").then()
                .statusCode(200).header("X-Correlation-Id", matchesPattern(UUID_PATTERN));
        given().header("X-Correlation-Id", "x".repeat(128)).when().get("/api/v1/visits?size=501").then()
                .statusCode(400).contentType("application/problem+json").header("X-Correlation-Id", "x".repeat(128));
        given().header("X-Correlation-Id", "c-404").when().get("/api/v1/visits/" + uuid()).then()
                .statusCode(404).header("X-Correlation-Id", "c-404");
        given().header("X-Correlation-Id", "c-info").when().get("/q/info").then()
                .statusCode(200).header("X-Correlation-Id", "c-info");
    }

    @Test
    void aConsumerLogsWithTheCorrelationIdOfTheRecordItApplies() throws Exception {
        Pairing p = new Pairing(uuid(), uuid(), uuid(), uuid());
        try (OperatorProbe.LogCapture log = new OperatorProbe.LogCapture("cn.gansu.lianhu", Level.FINE)) {
            ProducerRecord<String, String> record = new ProducerRecord<>("pairing.pairings", p.id(),
                    KnownPairingsTest.pairingEvent(uuid(), "pairing.pairing.activated.v1", p.id(), p.cadre(),
                            p.unit(), p.household(), true, "ACTIVE", "2026-03-01", null, null, 1));
            record.headers().add("correlation-id", "pairing-call-7".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
            // an unreadable record with a header: its dead-letter warning carries the id too
            ProducerRecord<String, String> bad = new ProducerRecord<>("pairing.pairings", p.id(), "not an event");
            bad.headers().add("correlation-id", "pairing-call-8".getBytes(StandardCharsets.UTF_8));
            producer.send(bad).get();
            Awaitility.await().atMost(WAIT).until(() -> log.lines().stream()
                    .anyMatch(l -> l.message().contains("cannot be applied") && "pairing-call-8".equals(l.correlationId())));
            Awaitility.await().atMost(WAIT).until(() -> log.lines().stream()
                    .anyMatch(l -> l.message().contains("pairing.pairing.activated.v1 " + p.id() + " applied")));
            OperatorProbe.Line applied = log.lines().stream()
                    .filter(l -> l.message().contains("pairing.pairing.activated.v1 " + p.id() + " applied"))
                    .findFirst().orElseThrow();
            assertEquals("pairing-call-7", applied.correlationId());
        }
        // the dead-letter copy keeps the caller's id in its header (fresh-clone review: it was dropped)
        Awaitility.await().atMost(WAIT).until(() -> cn.gansu.lianhu.testsupport.events.PublishedEvents
                .readFromStart(LianhuTestResource.kafkaBootstrapServers(), List.of("visit-service.dead-letter")).stream()
                .anyMatch(r -> "not an event".equals(r.value()) && r.headers().lastHeader("correlation-id") != null
                        && "pairing-call-8".equals(new String(r.headers().lastHeader("correlation-id").value(),
                                StandardCharsets.UTF_8))));
    }

    @Test
    void theBusinessCountersAreOnMetricsFromTheStartForEveryMode() {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (cn.gansu.lianhu.visit.domain.VisitMode mode : cn.gansu.lianhu.visit.domain.VisitMode.values()) {
            assertTrue(body.lines().anyMatch(l -> l.startsWith("lianhu_visits_logged_total{")
                    && l.contains("mode=\"" + mode.name() + "\"")), mode.name());
        }
        assertTrue(body.contains("lianhu_demands_opened_total"), "demands counter");
    }

    @Test
    void businessCountersCountCommittedWorkExactly() throws Exception {
        Pairing p = paired(producer);
        double inHome = OperatorProbe.metric("lianhu_visits_logged_total", "mode", "IN_HOME");
        double byPhone = OperatorProbe.metric("lianhu_visits_logged_total", "mode", "BY_PHONE");
        double demands = OperatorProbe.metric("lianhu_demands_opened_total");
        double published = OperatorProbe.metric("lianhu_events_published_total", "topic", "visit.demands");
        double applied = OperatorProbe.metric("lianhu_events_applied_total", "topic", "pairing.pairings");

        logVisit(p, "2026-11-21", "[{\"task\":\"PUBLIC_OPINION\",\"demands\":[{\"category\":\"HOUSING\",\"description\":\"a\"},"
                + "{\"category\":\"MEDICAL\",\"description\":\"b\"}]}]");
        // refused (a date in the future): nothing committed, nothing counted
        given().contentType("application/json").body("""
                {"cadreId":"%s","householdId":"%s","visitedOn":"2027-01-01","mode":"IN_HOME","durationMinutes":60,
                 "tasks":[{"task":"POLICY_PUBLICITY","policies":["低保"]}]}""".formatted(p.cadre(), p.household()))
                .when().post("/api/v1/visits").then().statusCode(422);

        assertEquals(inHome + 1, OperatorProbe.metric("lianhu_visits_logged_total", "mode", "IN_HOME"));
        assertEquals(byPhone, OperatorProbe.metric("lianhu_visits_logged_total", "mode", "BY_PHONE"));
        assertEquals(demands + 2, OperatorProbe.metric("lianhu_demands_opened_total"));
        Awaitility.await().atMost(WAIT).until(() -> OperatorProbe.metric("lianhu_events_published_total", "topic",
                "visit.demands") == published + 2);
        // one more pairing applied by the consumer
        paired(producer);
        Awaitility.await().atMost(WAIT).until(() -> OperatorProbe.metric("lianhu_events_applied_total", "topic",
                "pairing.pairings") == applied + 1);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("lianhu_outbox_backlog"));
    }

    @Test
    void infoNamesTheBuildTheCommitAndJava() {
        OperatorProbe.assertInfo("visit-service");
        given().when().get("/q/info").then().statusCode(200).body("java.version", equalTo(System.getProperty("java.version")));
    }
}
