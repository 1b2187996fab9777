package cn.gansu.lianhu.visit;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;

import cn.gansu.lianhu.testsupport.LianhuTestResource;

/**
 * Pairings and households published to the real broker as pairing-service and registry-service write them (any
 * village, any start date), visits posted over HTTP, and SQL counts — for the plan and continuity tests.
 */
final class PlanFixtures {
    static final Duration WAIT = Duration.ofSeconds(30);

    private PlanFixtures() {
    }

    /** A pairing as visit-service knows it; {@code version} is the last version published. */
    record Pairing(String id, String cadre, String unit, String household, String village, String startedOn) {
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    static Pairing pairing(String cadre, String unit, String household, String village, String startedOn) {
        return new Pairing(uuid(), cadre, unit, household, village, startedOn);
    }

    /** Publishes the pairing ACTIVE (version 1) or DRAFT (version 1, no start). */
    static void publish(KafkaProducer<String, String> producer, Pairing p, String status) throws Exception {
        boolean draft = "DRAFT".equals(status);
        send(producer, "pairing.pairings", p.id(), pairingEvent(draft ? "pairing.pairing.drafted.v1"
                : "pairing.pairing.activated.v1", p, status, draft ? null : p.startedOn(), null, null, 1));
    }

    /** Publishes the end of the pairing (version 2). */
    static void end(KafkaProducer<String, String> producer, Pairing p, String endedOn, String reason) throws Exception {
        send(producer, "pairing.pairings", p.id(), pairingEvent("pairing.pairing.ended.v1", p, "ENDED", p.startedOn(),
                endedOn, reason, 2));
    }

    /** Publishes a household registered with this status (version 1). */
    static void household(KafkaProducer<String, String> producer, String household, String village, String status)
            throws Exception {
        send(producer, "registry.households", household, """
                {"specversion":"1.0","id":"%s","source":"/lianhu/registry-service",\
                "type":"cn.gansu.lianhu.registry.household.registered.v1","subject":"%s","time":"2026-11-29T08:00:00Z",\
                "datacontenttype":"application/json","data":{"id":"%s","villageCode":"%s",\
                "headName":"王建国","headIdNumberMasked":"620102********123X","memberCount":4,\
                "mainCause":"ILLNESS","otherCauses":[],"incomePerCapita":2300.50,"status":"%s",\
                "previousStatus":null,"statusSince":"2026-11-01","version":1}}""".formatted(uuid(), household,
                household, village, status));
    }

    private static String pairingEvent(String type, Pairing p, String status, String startedOn, String endedOn,
            String reason, long version) {
        return """
                {"specversion":"1.0","id":"%s","source":"/lianhu/pairing-service",\
                "type":"cn.gansu.lianhu.%s","subject":"%s","time":"2026-11-29T08:00:00Z",\
                "datacontenttype":"application/json","data":{"id":"%s","cadreId":"%s","unitId":"%s",\
                "householdId":"%s","villageCode":"%s","primary":true,"status":"%s","startedOn":%s,\
                "endedOn":%s,"endReason":%s,"successorId":null,"version":%d}}""".formatted(uuid(), type, p.id(),
                p.id(), p.cadre(), p.unit(), p.household(), p.village(), status, json(startedOn), json(endedOn),
                json(reason), version);
    }

    private static String json(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, String value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    /** Waits until the SQL count (one string parameter) reaches {@code expected}. */
    static void awaitCount(long expected, String sql, String param) {
        Awaitility.await().atMost(WAIT).until(() -> count(sql, param) == expected);
    }

    /** Logs a visit with one GRASSROOTS task; 201 expected. @return the visit id */
    static String visit(Pairing p, String visitedOn, String mode) {
        return given().contentType("application/json").body("""
                {"cadreId":"%s","householdId":"%s","visitedOn":"%s","mode":"%s","durationMinutes":60,
                 "tasks":[{"task":"GRASSROOTS","grassroots":{"work":"村委会议"}}]}"""
                .formatted(p.cadre(), p.household(), visitedOn, mode))
                .when().post("/api/v1/visits").then().statusCode(201).extract().path("id");
    }

    static long count(String sql, String param) throws Exception {
        try (Connection c = DriverManager.getConnection(LianhuTestResource.jdbcUrl(), LianhuTestResource.dbUser(),
                LianhuTestResource.dbPassword()); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
