package cn.gansu.lianhu.visit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import cn.gansu.lianhu.visit.service.KnownPairingView;
import cn.gansu.lianhu.visit.service.KnownPairings;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * visit-service learns pairings and households from events produced to the real topics by a plain
 * KafkaProducer, exactly as pairing-service's and registry-service's outbox relays write them (issue 4
 * points 3 and 6), and applies the rule "paired on the visit date" to what it learnt.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class KnownPairingsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaProducer<String, String> producer;

    @Inject
    KnownPairings known;

    @BeforeAll
    static void producer() {
        producer = TestKafka.producer();
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void anActivePairingIsKnownWithItsDates() {
        String pairing = uuid(), cadre = uuid(), unit = uuid(), household = uuid();
        send("pairing.pairings", null, pairing, pairingEvent(uuid(), "pairing.pairing.activated.v1", pairing, cadre,
                unit, household, true, "ACTIVE", "2026-03-01", null, null, 2));

        awaitTotal("cadre=" + cadre, 1);
        given().when().get("/api/v1/known-pairings?cadre=" + cadre)
                .then().statusCode(200)
                .contentType("application/json")
                .body("total", equalTo(1))
                .body("page", equalTo(0))
                .body("size", equalTo(50))
                .body("items[0].id", equalTo(pairing))
                .body("items[0].cadreId", equalTo(cadre))
                .body("items[0].unitId", equalTo(unit))
                .body("items[0].householdId", equalTo(household))
                .body("items[0].villageCode", equalTo("621121100201"))
                .body("items[0].status", equalTo("ACTIVE"))
                .body("items[0].primary", equalTo(true))
                .body("items[0].startedOn", equalTo("2026-03-01"))
                .body("items[0].endedOn", nullValue())
                .body("items[0].endReason", nullValue())
                .body("items[0].version", equalTo(2));
        given().when().get("/api/v1/known-pairings?household=" + household + "&cadre=" + cadre)
                .then().statusCode(200).body("total", equalTo(1));
        given().when().get("/api/v1/known-pairings?household=" + household + "&cadre=" + uuid())
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void anEndLaterUpdatesItAStaleVersionIsIgnoredAndADuplicateIdIsAppliedOnce() throws Exception {
        // All on partition 0, consumed in this order: activated v2, ended v3, a stale primary-changed v2 (would
        // make it ACTIVE again), the ended event's id again carrying a newer payload (applied, it would make the
        // pairing WITHDRAWN v9 — a redelivery must be skipped by its id alone), then a sentinel pairing.
        String pairing = uuid(), cadre = uuid(), unit = uuid(), household = uuid();
        send("pairing.pairings", 0, pairing, pairingEvent(uuid(), "pairing.pairing.activated.v1", pairing, cadre,
                unit, household, true, "ACTIVE", "2026-03-01", null, null, 2));
        String ended = uuid();
        send("pairing.pairings", 0, pairing, pairingEvent(ended, "pairing.pairing.ended.v1", pairing, cadre, unit,
                household, true, "ENDED", "2026-03-01", "2026-10-15", "CADRE_TRANSFERRED", 3));
        send("pairing.pairings", 0, pairing, pairingEvent(uuid(), "pairing.pairing.primary-changed.v1", pairing, cadre,
                unit, household, false, "ACTIVE", "2026-03-01", null, null, 2));
        send("pairing.pairings", 0, pairing, pairingEvent(ended, "pairing.pairing.ended.v1", pairing, cadre, unit,
                household, false, "WITHDRAWN", null, null, null, 9));
        String sentinel = uuid(), sentinelCadre = uuid();
        send("pairing.pairings", 0, sentinel, pairingEvent(uuid(), "pairing.pairing.drafted.v1", sentinel,
                sentinelCadre, unit, uuid(), true, "DRAFT", null, null, null, 1));

        awaitTotal("cadre=" + sentinelCadre, 1);
        given().when().get("/api/v1/known-pairings?cadre=" + cadre)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].status", equalTo("ENDED"))
                .body("items[0].primary", equalTo(true))
                .body("items[0].startedOn", equalTo("2026-03-01"))
                .body("items[0].endedOn", equalTo("2026-10-15"))
                .body("items[0].endReason", equalTo("CADRE_TRANSFERRED"))
                .body("items[0].version", equalTo(3));
        given().when().get("/api/v1/known-pairings?cadre=" + sentinelCadre)
                .then().statusCode(200)
                .body("items[0].status", equalTo("DRAFT"))
                .body("items[0].startedOn", nullValue());
        assertEquals(1, count("select count(*) from processed_event where event_id = ?::uuid and consumer = 'visit-service'",
                ended));
    }

    @Test
    void householdsKeepTheirNewestStatus() throws Exception {
        String household = uuid();
        send("registry.households", 0, household, householdEvent(uuid(), "registry.household.registered.v1",
                household, "IN_POVERTY", 1));
        send("registry.households", 0, household, householdEvent(uuid(), "registry.household.status-changed.v1",
                household, "LIFTED", 2));
        send("registry.households", 0, household, householdEvent(uuid(), "registry.household.updated.v1",
                household, "RELAPSED", 1)); // stale
        String sentinel = uuid();
        send("registry.households", 0, sentinel, householdEvent(uuid(), "registry.household.registered.v1",
                sentinel, "IN_POVERTY", 1));

        Awaitility.await().atMost(WAIT).until(() -> count("select count(*) from known_household where id = ?::uuid",
                sentinel) == 1);
        assertEquals(1, count("select count(*) from known_household where id = ?::uuid and status = 'LIFTED' "
                + "and version = 2 and village_code = '621121100201'", household));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndConsumptionGoesOn() {
        send("pairing.pairings", 1, "garbage-visit", "this is not a CloudEvent");
        String bad = uuid();
        send("pairing.pairings", 1, bad, pairingEvent(uuid(), "pairing.pairing.activated.v1", bad, uuid(), uuid(),
                uuid(), true, "ACTIVE", null, null, null, 1));
        String pairing = uuid(), cadre = uuid();
        send("pairing.pairings", 1, pairing, pairingEvent(uuid(), "pairing.pairing.activated.v1", pairing, cadre,
                uuid(), uuid(), true, "ACTIVE", "2026-05-01", null, null, 1));

        awaitTotal("cadre=" + cadre, 1);
        try (KafkaConsumer<String, String> consumer = TestKafka.consumerFromStart("visit-service.dead-letter")) {
            ConsumerRecord<String, String> garbage = null, noStart = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while ((garbage == null || noStart == null) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if ("garbage-visit".equals(r.key())) {
                        garbage = r;
                    } else if (bad.equals(r.key())) {
                        noStart = r;
                    }
                }
            }
            assertTrue(garbage != null, "poison record not on visit-service.dead-letter");
            assertEquals("this is not a CloudEvent", garbage.value());
            assertEquals("pairing.pairings", header(garbage, "dlq-topic"));
            assertEquals("1", header(garbage, "dlq-partition"));
            assertTrue(header(garbage, "dlq-reason").startsWith("not a JSON CloudEvent"), header(garbage, "dlq-reason"));
            assertTrue(noStart != null, "ACTIVE pairing without startedOn not on visit-service.dead-letter");
            assertEquals("ACTIVE pairing event without startedOn", header(noStart, "dlq-reason"));
        }
        given().when().get("/api/v1/known-pairings?cadre=" + cadre).then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void aCadreIsPairedFromTheStartDayUpToTheDayBeforeTheEnd() {
        String pairing = uuid(), cadre = uuid(), unit = uuid(), household = uuid();
        String draft = uuid(), draftCadre = uuid();
        send("pairing.pairings", null, pairing, pairingEvent(uuid(), "pairing.pairing.ended.v1", pairing, cadre, unit,
                household, true, "ENDED", "2026-03-01", "2026-10-15", "HOUSEHOLD_MOVED", 4));
        send("pairing.pairings", null, draft, pairingEvent(uuid(), "pairing.pairing.drafted.v1", draft, draftCadre,
                unit, household, false, "DRAFT", null, null, null, 1));
        awaitTotal("cadre=" + cadre, 1);
        awaitTotal("cadre=" + draftCadre, 1);

        UUID c = UUID.fromString(cadre), h = UUID.fromString(household);
        assertEquals(Optional.empty(), known.activeOn(c, h, LocalDate.parse("2026-02-28")));
        assertEquals(pairing, known.activeOn(c, h, LocalDate.parse("2026-03-01")).map(p -> p.id().toString()).orElse(null));
        assertEquals(pairing, known.activeOn(c, h, LocalDate.parse("2026-07-01")).map(p -> p.id().toString()).orElse(null));
        assertEquals(pairing, known.activeOn(c, h, LocalDate.parse("2026-10-14")).map(p -> p.id().toString()).orElse(null));
        assertEquals(Optional.empty(), known.activeOn(c, h, LocalDate.parse("2026-10-15")));
        assertEquals(Optional.empty(), known.activeOn(c, h, LocalDate.parse("2026-11-29")));
        assertEquals(Optional.empty(), known.activeOn(c, UUID.randomUUID(), LocalDate.parse("2026-07-01")));
        assertEquals(Optional.empty(), known.activeOn(UUID.fromString(draftCadre), h, LocalDate.parse("2026-07-01")));
        Optional<KnownPairingView> open = Optional.empty();
        assertEquals(open, known.activeOn(UUID.fromString(draftCadre), h, LocalDate.parse("2026-11-29")));
    }

    @Test
    void aCadreThatIsNotAUuidIsA400ProblemNamingIt() {
        given().when().get("/api/v1/known-pairings?cadre=abc")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("cadre"))
                .body("errors[0].rule", equalTo("param.type"));
        given().when().get("/api/v1/known-pairings?size=501")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("size"))
                .body("errors[0].rule", equalTo("max"));
    }

    private static void awaitTotal(String query, int total) {
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/v1/known-pairings?" + query)
                .then().statusCode(200).body("total", equalTo(total)));
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    private static void send(String topic, Integer partition, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        return r.headers().lastHeader(name) == null ? null
                : new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static long count(String sql, String id) throws Exception {
        try (Connection c = DriverManager.getConnection(LianhuTestResource.jdbcUrl(), LianhuTestResource.dbUser(),
                LianhuTestResource.dbPassword()); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String json(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    /** A pairing event exactly as pairing-service's outbox writes it. */
    static String pairingEvent(String id, String type, String pairing, String cadre, String unit, String household,
            boolean primary, String status, String startedOn, String endedOn, String endReason, long version) {
        return """
                {"specversion":"1.0","id":"%s","source":"/lianhu/pairing-service",\
                "type":"cn.gansu.lianhu.%s","subject":"%s","time":"2026-11-29T08:00:00Z",\
                "datacontenttype":"application/json","data":{"id":"%s","cadreId":"%s","unitId":"%s",\
                "householdId":"%s","villageCode":"621121100201","primary":%s,"status":"%s","startedOn":%s,\
                "endedOn":%s,"endReason":%s,"successorId":null,"version":%d}}""".formatted(id, type, pairing, pairing,
                cadre, unit, household, primary, status, json(startedOn), json(endedOn), json(endReason), version);
    }

    /** A household event exactly as registry-service's outbox writes it. */
    static String householdEvent(String id, String type, String household, String status, long version) {
        return """
                {"specversion":"1.0","id":"%s","source":"/lianhu/registry-service",\
                "type":"cn.gansu.lianhu.%s","subject":"%s","time":"2026-11-29T08:00:00Z",\
                "datacontenttype":"application/json","data":{"id":"%s","villageCode":"621121100201",\
                "headName":"王建国","headIdNumberMasked":"620102********123X","memberCount":4,\
                "mainCause":"ILLNESS","otherCauses":[],"incomePerCapita":2300.50,"status":"%s",\
                "previousStatus":null,"statusSince":"2026-11-01","version":%d}}""".formatted(id, type, household,
                household, status, version);
    }
}
