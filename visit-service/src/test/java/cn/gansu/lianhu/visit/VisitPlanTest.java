package cn.gansu.lianhu.visit;

import static cn.gansu.lianhu.visit.PlanFixtures.awaitCount;
import static cn.gansu.lianhu.visit.PlanFixtures.count;
import static cn.gansu.lianhu.visit.PlanFixtures.end;
import static cn.gansu.lianhu.visit.PlanFixtures.pairing;
import static cn.gansu.lianhu.visit.PlanFixtures.publish;
import static cn.gansu.lianhu.visit.PlanFixtures.uuid;
import static cn.gansu.lianhu.visit.PlanFixtures.visit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import cn.gansu.lianhu.visit.PlanFixtures.Pairing;
import cn.gansu.lianhu.visit.service.VisitEffects;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * Visit plans and batches (分期分批, issue 4 points 1 and 5): pairings learnt from real {@code pairing.pairings}
 * events, batches planned over HTTP, items VISITED by visits logged before and after, CANCELLED when a pairing ends
 * (a dissolved household cancelling its other pairings' items) or the batch is cancelled. Today is 2026-11-29; the
 * test profile caps a batch at 5 items ({@code %test.lianhu.visit.plan.max-items}). Villages under 629901 are this
 * class's own.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class VisitPlanTest {
    private static final String V1 = "629901001001";
    private static final String V2 = "629901001002";
    private static final String V3 = "629901002001";
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void producer() {
        producer = TestKafka.producer();
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    private static String plan(String unit, String name) {
        var created = given().contentType("application/json")
                .body("{\"unitId\":\"" + unit + "\",\"name\":\"" + name + "\"}")
                .when().post("/api/v1/visit-plans")
                .then().statusCode(201).body("version", equalTo(1)).body("batches", hasSize(0));
        String id = created.extract().path("id");
        created.header("Location", endsWith("/api/v1/visit-plans/" + id));
        return id;
    }

    private static ValidatableResponse batch(String plan, String body) {
        return given().contentType("application/json").body(body)
                .when().post("/api/v1/visit-plans/" + plan + "/batches").then();
    }

    private static void progress(ValidatableResponse r, String at, int planned, int visited, int pending,
            int cancelled, int households) {
        String p = at.isEmpty() ? "progress." : at + ".progress.";
        r.body(p + "planned", equalTo(planned)).body(p + "visited", equalTo(visited))
                .body(p + "pending", equalTo(pending)).body(p + "cancelled", equalTo(cancelled))
                .body(p + "households", equalTo(households));
    }

    @Test
    void batchesFollowVisitsAndPairingEnds() throws Exception {
        String unit = uuid();
        String c1 = uuid();
        String c2 = uuid();
        String c3 = uuid();
        String h1 = uuid();
        String h2 = uuid();
        String h3 = uuid();
        String h4 = uuid();
        Pairing p1 = pairing(c1, unit, h1, V1, "2026-03-01");
        Pairing p2 = pairing(c1, unit, h2, V1, "2026-03-01");
        Pairing p3 = pairing(c2, unit, h3, V2, "2026-03-01");
        Pairing p4 = pairing(c2, unit, h4, V3, "2026-03-01");
        Pairing p7 = pairing(c3, unit, h2, V1, "2026-03-01"); // a second cadre for household h2
        Pairing otherUnit = pairing(uuid(), uuid(), uuid(), V1, "2026-03-01");
        Pairing draft = pairing(uuid(), unit, uuid(), V1, null);
        for (Pairing p : new Pairing[] { p1, p2, p3, p4, p7, otherUnit }) {
            publish(producer, p, "ACTIVE");
        }
        publish(producer, draft, "DRAFT");
        awaitCount(6, "select count(*) from known_pairing where unit_id = cast(? as uuid)", unit);
        // before the batch: c1 by phone to h1 inside the period; c2 in person to h3 before it
        String phoneVisit = visit(p1, "2026-11-29", "BY_PHONE");
        visit(p3, "2026-11-20", "IN_HOME");

        String plan = plan(unit, "2026年冬季走访");
        // batch 1: the township 629901001 (9-digit short form): p1, p2, p3, p7 — not p4 (other township), not the
        // other unit's pairing, not the draft
        var b1 = batch(plan, """
                {"name":"第一批","startsOn":"2026-11-25","endsOn":"2026-12-31","villageCodes":["629901001"]}""")
                .statusCode(201)
                .body("planId", equalTo(plan)).body("name", equalTo("第一批")).body("status", equalTo("ACTIVE"))
                .body("startsOn", equalTo("2026-11-25")).body("endsOn", equalTo("2026-12-31"))
                .body("cancelledOn", nullValue());
        // 进村入户: c1's phone call to h1 inside the period does not mark p1 visited (review point 3)
        progress(b1, "", 4, 0, 4, 0, 3);
        String batch1 = b1.extract().path("id");
        b1.header("Location", endsWith("/api/v1/visit-plans/" + plan + "/batches/" + batch1));
        given().when().get("/api/v1/visit-plans/" + plan + "/batches/" + batch1 + "/items?status=VISITED")
                .then().statusCode(200).body("total", equalTo(0));
        given().when().get("/api/v1/visit-plans/" + plan + "/batches/" + batch1 + "/items?cadre=" + c1)
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.pairingId", containsInAnyOrder(p1.id(), p2.id()))
                .body("items.status", contains("PENDING", "PENDING"))
                .body("items.visitId", contains(nullValue(), nullValue()));
        // another phone call inside the period, logged after the batch: still PENDING
        String secondCall = visit(p1, "2026-11-28", "BY_PHONE");
        given().when().get("/api/v1/visit-plans/" + plan + "/batches/" + batch1 + "/items?status=PENDING&cadre=" + c1)
                .then().statusCode(200).body("total", equalTo(2));
        assertEquals(0, count("select count(*) from visit_plan_item where visit_id in (cast(? as uuid))", phoneVisit));
        assertEquals(0, count("select count(*) from visit_plan_item where visit_id in (cast(? as uuid))", secondCall));

        // a later visit inside the period marks p3's item VISITED with that visit
        String later = visit(p3, "2026-11-28", "VILLAGE_MEETING");
        given().when().get("/api/v1/visit-plans/" + plan + "/batches/" + batch1 + "/items?cadre=" + c2)
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].status", equalTo("VISITED")).body("items[0].visitId", equalTo(later))
                .body("items[0].visitedOn", equalTo("2026-11-28")).body("items[0].villageCode", equalTo(V2));

        // batch 2 (after batch 1, no overlap): household h4 or village V2, cadre c2 only: p3 and p4; p3's visit of
        // 11-28 is before the period
        var b2 = batch(plan, """
                {"name":"第二批","startsOn":"2027-01-01","endsOn":"2027-01-15","villageCodes":["%s"],
                 "householdIds":["%s"],"cadreIds":["%s"]}""".formatted(V2, h4, c2)).statusCode(201);
        progress(b2, "", 2, 0, 2, 0, 2);
        String batch2 = b2.extract().path("id");

        // h2's household dissolved: p7 ends, and p2's pending item (same household, other cadre) is cancelled too
        end(producer, p7, "2026-11-29", "HOUSEHOLD_DISSOLVED");
        // p4's cadre transferred: its pending item in batch 2 is cancelled
        end(producer, p4, "2026-11-29", "CADRE_TRANSFERRED");
        awaitCount(3, "select count(*) from visit_plan_item where batch_id in (select id from visit_batch where"
                + " plan_id = cast(? as uuid)) and status = 'CANCELLED'", plan);
        given().when().get("/api/v1/visit-plans/" + plan + "/batches/" + batch1 + "/items?status=CANCELLED")
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.pairingId", containsInAnyOrder(p2.id(), p7.id()))
                .body("items.cancelledReason", contains("HOUSEHOLD_DISSOLVED", "HOUSEHOLD_DISSOLVED"))
                .body("items.cancelledOn", contains("2026-11-29", "2026-11-29"))
                .body("items.visitId", contains(nullValue(), nullValue()));
        given().when().get("/api/v1/visit-plans/" + plan + "/batches/" + batch2 + "/items?status=CANCELLED")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].pairingId", equalTo(p4.id()))
                .body("items[0].cancelledReason", equalTo("CADRE_TRANSFERRED"));

        // cancelling batch 2 cancels p3's pending item there; its VISITED item in batch 1 stays
        var cancelled = given().when().post("/api/v1/visit-plans/" + plan + "/batches/" + batch2 + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED")).body("cancelledOn", equalTo("2026-11-29"));
        progress(cancelled, "", 2, 0, 0, 2, 2);
        given().when().get("/api/v1/visit-plans/" + plan + "/batches/" + batch2 + "/items?cadre=" + c2
                + "&status=CANCELLED").then().statusCode(200).body("total", equalTo(2))
                .body("items.cancelledReason", containsInAnyOrder("BATCH_CANCELLED", "CADRE_TRANSFERRED"));
        given().when().post("/api/v1/visit-plans/" + plan + "/batches/" + batch2 + "/cancel")
                .then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("batchId"))
                .body("errors[0].rule", equalTo("visit-batch.already-cancelled"));

        var whole = given().when().get("/api/v1/visit-plans/" + plan).then().statusCode(200)
                .body("id", equalTo(plan)).body("unitId", equalTo(unit)).body("name", equalTo("2026年冬季走访"))
                .body("version", equalTo(4))
                .body("batches.id", contains(batch1, batch2))
                .body("batches.status", contains("ACTIVE", "CANCELLED"));
        // batch 1: p1 pending (phone calls only), p3 visited, p2 and p7 cancelled
        progress(whole, "", 6, 1, 1, 4, 4);
        progress(whole, "batches[0]", 4, 1, 1, 2, 3);
        progress(whole, "batches[1]", 2, 0, 0, 2, 2);

        given().when().get("/api/v1/visit-plans?unit=" + unit).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(plan)).body("items[0].batches", equalTo(2))
                .body("items[0].progress.planned", equalTo(6)).body("items[0].progress.households", equalTo(4));
        given().when().get("/api/v1/visit-plans?unit=" + unit + "&village=629901002").then().statusCode(200)
                .body("total", equalTo(1));
        given().when().get("/api/v1/visit-plans?unit=" + unit + "&village=629902").then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Inject
    VisitEffects effects;

    /** What helper code calls after a correction: a pure recompute from the visit table, idempotent. */
    @Test
    void aVisitMovedOutOfThePeriodPutsTheItemBackToPendingAndMovesTheLastInPersonDate() throws Exception {
        String unit = uuid();
        Pairing p = pairing(uuid(), unit, uuid(), "629901004001", "2026-03-01");
        publish(producer, p, "ACTIVE");
        awaitCount(1, "select count(*) from known_pairing where unit_id = cast(? as uuid)", unit);
        String early = visit(p, "2026-11-10", "IN_HOME");
        String inside = visit(p, "2026-11-27", "VILLAGE_MEETING");
        visit(p, "2026-11-28", "BY_PHONE"); // later, but not in person
        assertEquals(1, count("select count(*) from known_pairing where id = cast(? as uuid)"
                + " and last_in_person_on = date '2026-11-27'", p.id()));
        String plan = plan(unit, "recompute");
        String batch = batch(plan, """
                {"name":"b","startsOn":"2026-11-20","endsOn":"2026-12-20","householdIds":["%s"]}"""
                .formatted(p.household())).statusCode(201).body("progress.visited", equalTo(1))
                .extract().path("id");
        // the earliest in-person visit inside the period: the village meeting of 11-27
        given().when().get("/api/v1/visit-plans/" + plan + "/batches/" + batch + "/items").then().statusCode(200)
                .body("items[0].visitId", equalTo(inside)).body("items[0].visitedOn", equalTo("2026-11-27"));

        // the in-person visit moved before the period (as a correction would): the phone call of 11-28 inside the
        // period does not mark the item (进村入户, review point 3): PENDING, and the latest in-person date is 11-10
        exec("update visit set visited_on = date '2026-11-05' where id = cast(? as uuid)", inside);
        for (int i = 0; i < 2; i++) {
            QuarkusTransaction.requiringNew().run(() -> effects.visitsChanged(java.util.UUID.fromString(p.id())));
        }
        assertEquals(1, count("select count(*) from known_pairing where id = cast(? as uuid)"
                + " and last_in_person_on = date '2026-11-10'", p.id()));
        given().when().get("/api/v1/visit-plans/" + plan + "/batches/" + batch + "/items").then().statusCode(200)
                .body("items[0].status", equalTo("PENDING")).body("items[0].visitId", nullValue())
                .body("items[0].visitedOn", nullValue());
        // moved back inside: VISITED again
        exec("update visit set visited_on = date '2026-11-27' where id = cast(? as uuid)", inside);
        QuarkusTransaction.requiringNew().run(() -> effects.visitsChanged(java.util.UUID.fromString(p.id())));
        given().when().get("/api/v1/visit-plans/" + plan + "/batches/" + batch + "/items").then().statusCode(200)
                .body("items[0].status", equalTo("VISITED")).body("items[0].visitId", equalTo(inside));
        assertEquals(1, count("select count(*) from visit where id = cast(? as uuid)", early));
    }

    private static void exec(String sql, String param) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(LianhuTestResource.jdbcUrl(),
                LianhuTestResource.dbUser(), LianhuTestResource.dbPassword());
                java.sql.PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            s.executeUpdate();
        }
    }

    /** Review point 4: a pairing is not planned twice in overlapping non-cancelled batches of one plan. */
    @Test
    void aPairingIsNeverPlannedTwiceInOverlappingBatches() throws Exception {
        String unit = uuid();
        String va = "629901005001";
        String vb = "629901005002";
        Pairing a1 = pairing(uuid(), unit, uuid(), va, "2026-03-01");
        Pairing a2 = pairing(uuid(), unit, uuid(), va, "2026-03-01");
        Pairing b1 = pairing(uuid(), unit, uuid(), vb, "2026-03-01");
        for (Pairing p : new Pairing[] { a1, a2, b1 }) {
            publish(producer, p, "ACTIVE");
        }
        awaitCount(3, "select count(*) from known_pairing where unit_id = cast(? as uuid)", unit);
        String plan = plan(unit, "no double planning");

        // codes and ids given twice select their pairings once
        var a = batch(plan, """
                {"name":"A","startsOn":"2026-12-01","endsOn":"2026-12-31","villageCodes":["%s","%s"],
                 "householdIds":["%s","%s"]}""".formatted(va, va, a1.household(), a1.household())).statusCode(201);
        progress(a, "", 2, 0, 2, 0, 2);
        // B overlaps A: the township holds a1, a2 (planned in A) and b1: only b1 is planned
        var b = batch(plan, """
                {"name":"B","startsOn":"2026-12-31","endsOn":"2027-01-15","villageCodes":["629901005"]}""")
                .statusCode(201);
        progress(b, "", 1, 0, 1, 0, 1);
        String batchB = b.extract().path("id");
        given().when().get("/api/v1/visit-plans/" + plan + "/batches/" + batchB + "/items").then().statusCode(200)
                .body("items.pairingId", contains(b1.id()));
        // C overlaps A and B: all three already planned
        batch(plan, """
                {"name":"C","startsOn":"2026-12-10","endsOn":"2027-01-05","villageCodes":["629901005"],
                 "householdIds":["%s"]}""".formatted(b1.household()))
                .statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("villageCodes"))
                .body("errors[0].rule", equalTo("visit-batch.empty"))
                .body("errors[0].message", equalTo("all 3 ACTIVE pairings of unit " + unit + " matching the villages, "
                        + "households and cadres given are already planned in another batch of this plan whose "
                        + "period overlaps 2026-12-10..2027-01-05"));
        // the plan's totals count each pairing once
        var whole = given().when().get("/api/v1/visit-plans/" + plan).then().statusCode(200).body("version", equalTo(3));
        progress(whole, "", 3, 0, 3, 0, 3);
        assertEquals(3, count("select count(distinct i.pairing_id) from visit_plan_item i join visit_batch b"
                + " on b.id = i.batch_id where b.plan_id = cast(? as uuid)", plan));

        // a batch after both plans every pairing again; a cancelled batch no longer holds its pairings: E overlaps
        // A (a1, a2) and the cancelled B (b1), not D
        progress(batch(plan, """
                {"name":"D","startsOn":"2027-01-16","endsOn":"2027-02-15","villageCodes":["629901005"]}""")
                .statusCode(201), "", 3, 0, 3, 0, 3);
        given().when().post("/api/v1/visit-plans/" + plan + "/batches/" + batchB + "/cancel").then().statusCode(200);
        var e = batch(plan, """
                {"name":"E","startsOn":"2026-12-31","endsOn":"2027-01-10","villageCodes":["629901005"]}""")
                .statusCode(201);
        progress(e, "", 1, 0, 1, 0, 1);
        given().when().get("/api/v1/visit-plans/" + plan + "/batches/" + e.extract().path("id") + "/items")
                .then().statusCode(200).body("items.pairingId", contains(b1.id()));
    }

    @Test
    void badBatchesAreRefusedAndWriteNothing() throws Exception {
        String unit = uuid();
        String village = "629901003001";
        Pairing[] six = new Pairing[6];
        for (int i = 0; i < six.length; i++) {
            six[i] = pairing(uuid(), unit, uuid(), village, "2026-03-01");
            publish(producer, six[i], "ACTIVE");
        }
        awaitCount(6, "select count(*) from known_pairing where unit_id = cast(? as uuid)", unit);
        String plan = plan(unit, "bad input");

        batch(plan, "{\"name\":\"x\",\"startsOn\":\"2026-12-01\",\"endsOn\":\"2026-12-31\",\"villageCodes\":[],"
                + "\"cadreIds\":[\"" + six[0].cadre() + "\"]}")
                .statusCode(400).contentType("application/problem+json").body("errors", hasSize(1))
                .body("errors[0].field", equalTo("villageCodes"))
                .body("errors[0].rule", equalTo("visit-batch.scope-required"));
        batch(plan, "{\"name\":\"x\",\"startsOn\":\"2026-12-01\",\"endsOn\":\"2026-11-30\",\"villageCodes\":[\""
                + village + "\"]}")
                .statusCode(400).body("errors", hasSize(1)).body("errors[0].field", equalTo("endsOn"))
                .body("errors[0].rule", equalTo("visit-batch.period"))
                .body("errors[0].message", equalTo("endsOn 2026-11-30 is before startsOn 2026-12-01"));
        batch(plan, "{\"name\":\"x\",\"startsOn\":\"2026-12-01\",\"endsOn\":\"2026-12-31\",\"villageCodes\":[\""
                + village + "\",\"62x\"]}")
                .statusCode(400).body("errors", hasSize(1)).body("errors[0].field", equalTo("villageCodes[1]"))
                .body("errors[0].rule", equalTo("region.code"));
        batch(plan, "{\"name\":\" \",\"startsOn\":\"2026-12-01\",\"villageCodes\":[\"" + village + "\"]}")
                .statusCode(400).body("errors.field", containsInAnyOrder("name", "endsOn"));
        // 2026-12-01 .. 2027-12-02 is 367 days, one more than lianhu.visit.plan.max-days
        batch(plan, "{\"name\":\"x\",\"startsOn\":\"2026-12-01\",\"endsOn\":\"2027-12-02\",\"villageCodes\":[\""
                + village + "\"]}")
                .statusCode(422).body("errors[0].field", equalTo("endsOn"))
                .body("errors[0].rule", equalTo("visit-batch.period-too-long"))
                .body("errors[0].message", equalTo("the period 2026-12-01..2027-12-02 has 367 days, more than 366"));
        batch(plan, "{\"name\":\"x\",\"startsOn\":\"2026-11-01\",\"endsOn\":\"2026-11-28\",\"villageCodes\":[\""
                + village + "\"]}")
                .statusCode(422).body("errors[0].field", equalTo("endsOn"))
                .body("errors[0].rule", equalTo("visit-batch.ended-in-past"))
                .body("errors[0].message", equalTo("endsOn 2026-11-28 is before today (2026-11-29)"));
        batch(plan, "{\"name\":\"x\",\"startsOn\":\"2026-12-01\",\"endsOn\":\"2026-12-31\",\"villageCodes\":[\""
                + "629901003002\"],\"householdIds\":[\"" + uuid() + "\"]}")
                .statusCode(422).body("errors[0].field", equalTo("villageCodes"))
                .body("errors[0].rule", equalTo("visit-batch.empty"));
        // six pairings match, the test profile allows five
        batch(plan, "{\"name\":\"x\",\"startsOn\":\"2026-12-01\",\"endsOn\":\"2026-12-31\",\"villageCodes\":[\""
                + village + "\"]}")
                .statusCode(422).body("errors[0].rule", equalTo("visit-batch.too-large"))
                .body("errors[0].message", equalTo("6 pairings match, more than the 5 one batch may plan"));
        assertEquals(0, count("select count(*) from visit_batch where plan_id = cast(? as uuid)", plan));
        given().when().get("/api/v1/visit-plans/" + plan).then().statusCode(200).body("version", equalTo(1))
                .body("batches", hasSize(0)).body("progress.planned", equalTo(0));

        // the same scope narrowed to five cadres fits; an ended-today batch is still accepted
        batch(plan, "{\"name\":\"x\",\"startsOn\":\"2026-11-01\",\"endsOn\":\"2026-11-29\",\"villageCodes\":[\""
                + village + "\"],\"cadreIds\":[\"%s\",\"%s\",\"%s\",\"%s\",\"%s\"]}".formatted(six[0].cadre(),
                        six[1].cadre(), six[2].cadre(), six[3].cadre(), six[4].cadre()))
                .statusCode(201).body("progress.planned", equalTo(5)).body("progress.pending", equalTo(5));

        String unknown = uuid();
        given().contentType("application/json").body("{\"name\":\"x\",\"startsOn\":\"2026-12-01\",\"endsOn\":"
                + "\"2026-12-31\",\"villageCodes\":[\"" + village + "\"]}")
                .when().post("/api/v1/visit-plans/" + unknown + "/batches")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/v1/visit-plans/" + unknown).then().statusCode(404);
        given().when().get("/api/v1/visit-plans/" + plan + "/batches/" + unknown + "/items").then().statusCode(404);
        given().when().post("/api/v1/visit-plans/" + plan + "/batches/" + unknown + "/cancel").then().statusCode(404);
        given().when().get("/api/v1/visit-plans/abc").then().statusCode(400)
                .body("errors[0].field", equalTo("id")).body("errors[0].rule", equalTo("param.type"));
        given().when().get("/api/v1/visit-plans?village=62x").then().statusCode(400)
                .body("errors[0].field", equalTo("village")).body("errors[0].rule", equalTo("region.code"));
        given().when().get("/api/v1/visit-plans?unit=abc").then().statusCode(400)
                .body("errors[0].field", equalTo("unit")).body("errors[0].rule", equalTo("param.type"));
        given().when().get("/api/v1/visit-plans?size=501").then().statusCode(400)
                .body("errors[0].field", equalTo("size")).body("errors[0].rule", equalTo("max"));
        String anyBatch = given().when().get("/api/v1/visit-plans/" + plan).then().extract().path("batches[0].id");
        given().when().get("/api/v1/visit-plans/" + plan + "/batches/" + anyBatch + "/items?status=DONE")
                .then().statusCode(400).body("errors[0].field", equalTo("status"))
                .body("errors[0].rule", equalTo("enum"));
        given().when().get("/api/v1/visit-plans/" + plan + "/batches/" + anyBatch + "/items?cadre=abc")
                .then().statusCode(400).body("errors[0].field", equalTo("cadre"))
                .body("errors[0].rule", equalTo("param.type"));
        given().contentType("application/json").body("{\"name\":\"no unit\"}").when().post("/api/v1/visit-plans")
                .then().statusCode(400).body("errors[0].field", equalTo("unitId"))
                .body("errors[0].rule", equalTo("not-null"));
    }

    /** Review point 6: a plan for a unit visit-service knows no pairing of is 422 and writes nothing. */
    @Test
    void aPlanForAUnitWithoutKnownPairingsIs422() throws Exception {
        String stranger = uuid();
        given().contentType("application/json").body("{\"unitId\":\"" + stranger + "\",\"name\":\"无人之单位\"}")
                .when().post("/api/v1/visit-plans")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("unitId"))
                .body("errors[0].rule", equalTo("visit-plan.unknown-unit"))
                .body("errors[0].message", equalTo("unit " + stranger + " has no pairing known to visit-service: "
                        + "a plan for it could never get a batch"));
        assertEquals(0, count("select count(*) from visit_plan where unit_id = cast(? as uuid)", stranger));
        // a unit whose only pairing is still a draft is known: the plan is created (batches would find nothing yet)
        Pairing draft = pairing(uuid(), uuid(), uuid(), "629901006001", null);
        publish(producer, draft, "DRAFT");
        awaitCount(1, "select count(*) from known_pairing where unit_id = cast(? as uuid)", draft.unit());
        plan(draft.unit(), "draft unit");
    }
}
