package cn.gansu.lianhu.visit;

import static cn.gansu.lianhu.visit.PlanFixtures.awaitCount;
import static cn.gansu.lianhu.visit.PlanFixtures.count;
import static cn.gansu.lianhu.visit.PlanFixtures.pairing;
import static cn.gansu.lianhu.visit.PlanFixtures.publish;
import static cn.gansu.lianhu.visit.PlanFixtures.uuid;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import cn.gansu.lianhu.testsupport.TestTokens;
import cn.gansu.lianhu.visit.PlanFixtures.Pairing;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 6 point 6 for visit-service: every operation of the OpenAPI document × the six roles × in scope / out of
 * scope, with the exact status; out of scope answers exactly like a random unknown id (status, type, title, detail,
 * errors — ids replaced); lists given to scoped roles never show the other world; refused writes leave the database
 * unchanged. Then invalid tokens (401), the audit trail of every write and the token's actor in visit corrections and
 * demand history.
 *
 * <p>Two worlds, each a unit with a cadre paired (ACTIVE, since 2026-01-01) with two households of one village, a
 * visit raising a demand, and a plan with one batch: A = prefecture 6209 (酒泉市) / unit U1 / cadre C1 — the scope of
 * the REGION_ADMIN (6209), UNIT_ADMIN (U1) and CADRE (C1) tokens — and B = prefecture 6210 (庆阳市) / U2 / C2. No
 * other test class of this module uses 6209 or 6210. Writes get fresh targets (made by the province admin) per
 * role, so that each case sees the same state.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class SecurityMatrixTest {
    private static final String PREFIX_A = "6209";
    private static final String VILLAGE_A = "620902001001";
    private static final String VILLAGE_B = "621002001001";
    private static final Pattern UUID_PATTERN = Pattern
            .compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** A full GB 11643 ID number: 17 digits and a check character, not part of a longer run of digits. */
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])[0-9]{17}[0-9X](?![0-9])");
    private static final String GRASSROOTS = """
            [{"task":"GRASSROOTS","grassroots":{"work":"村委会议"}}]""";
    private static final String OPINION = """
            [{"task":"PUBLIC_OPINION","demands":[{"category":"HOUSING","description":"危房改造"}]}]""";

    enum R {
        PROVINCE_ADMIN, REGION_ADMIN, UNIT_ADMIN, CADRE, AUDITOR, INTEGRATION;

        boolean readsAll() {
            return this == PROVINCE_ADMIN || this == AUDITOR || this == INTEGRATION;
        }
    }

    /** One world: its unit, cadre, pairings (the second never visited: overdue), visit, demand, plan and batch. */
    record World(String unit, String cadre, String village, Pairing pairing, Pairing overdue, String visit,
            String demand, String plan, String batch) {
        List<String> ids() {
            return List.of(unit, cadre, pairing.id(), pairing.household(), overdue.id(), overdue.household(), visit,
                    demand, plan, batch, village);
        }
    }

    @FunctionalInterface
    interface Case {
        void run(R role, boolean inScope) throws Exception;
    }

    private static World a;
    private static World b;
    private static final Map<R, String> TOKENS = new EnumMap<>(R.class);

    private final List<String> failures = new ArrayList<>();
    private final Set<String> covered = new TreeSet<>();

    @BeforeEach
    void worlds() throws Exception {
        if (a != null) {
            return;
        }
        try (KafkaProducer<String, String> producer = TestKafka.producer()) {
            a = world(producer, VILLAGE_A);
            b = world(producer, VILLAGE_B);
        }
        TOKENS.put(R.PROVINCE_ADMIN, TestTokens.provinceAdmin());
        TOKENS.put(R.REGION_ADMIN, TestTokens.regionAdmin(PREFIX_A));
        TOKENS.put(R.UNIT_ADMIN, TestTokens.unitAdmin(UUID.fromString(a.unit())));
        TOKENS.put(R.CADRE, TestTokens.cadre(UUID.fromString(a.cadre())));
        TOKENS.put(R.AUDITOR, TestTokens.auditor());
        TOKENS.put(R.INTEGRATION, TestTokens.integration());
    }

    private static World world(KafkaProducer<String, String> producer, String village) throws Exception {
        String unit = uuid();
        String cadre = uuid();
        Pairing main = pairing(cadre, unit, uuid(), village, "2026-01-01");
        Pairing overdue = pairing(cadre, unit, uuid(), village, "2026-01-01");
        publish(producer, main, "ACTIVE");
        publish(producer, overdue, "ACTIVE");
        awaitCount(2, "select count(*) from known_pairing where unit_id = cast(? as uuid)", unit);
        String visit = logVisit(main, OPINION);
        String demand = given().when().get("/api/v1/visits/" + visit).then().statusCode(200).extract()
                .path("demands[0].id");
        String plan = createPlan(unit);
        String batch = addBatch(plan, village);
        return new World(unit, cadre, village, main, overdue, visit, demand, plan, batch);
    }

    // ------------------------------------------------------------------------------------------------------------
    // The matrix
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void everyOperationTimesEveryRoleInAndOutOfScope() throws Exception {
        Map<String, Case> ops = operations();
        Set<String> documented = documentedOperations();
        assertEquals(documented, new TreeSet<>(ops.keySet()),
                "the matrix must name exactly the /api operations of the OpenAPI document");
        for (Map.Entry<String, Case> op : ops.entrySet()) {
            for (R role : R.values()) {
                for (boolean in : new boolean[] { true, false }) {
                    int before = failures.size();
                    try {
                        op.getValue().run(role, in);
                    } catch (AssertionError | RuntimeException e) {
                        failures.add(op.getKey() + " " + role + (in ? " in" : " out") + ": " + e);
                    }
                    if (failures.size() == before) {
                        covered.add(op.getKey() + "|" + role + "|" + in);
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(ops.size() * R.values().length * 2, covered.size());
    }

    private Map<String, Case> operations() {
        Map<String, Case> ops = new LinkedHashMap<>();
        // reads of one entity
        ops.put("GET /api/v1/visits/{id}", single("/api/v1/visits/{id}", w -> new String[] { w.visit() }));
        ops.put("GET /api/v1/visits/{id}/corrections",
                single("/api/v1/visits/{id}/corrections", w -> new String[] { w.visit() }));
        ops.put("GET /api/v1/demands/{id}", single("/api/v1/demands/{id}", w -> new String[] { w.demand() }));
        ops.put("GET /api/v1/visit-plans/{id}", single("/api/v1/visit-plans/{id}", w -> new String[] { w.plan() }));
        ops.put("GET /api/v1/visit-plans/{id}/batches/{batchId}", single("/api/v1/visit-plans/{id}/batches/{batchId}",
                w -> new String[] { w.plan(), w.batch() }));
        ops.put("GET /api/v1/visit-plans/{id}/batches/{batchId}/items", single(
                "/api/v1/visit-plans/{id}/batches/{batchId}/items", w -> new String[] { w.plan(), w.batch() }));
        // lists
        ops.put("GET /api/v1/known-pairings", list("/api/v1/known-pairings", "household",
                w -> w.pairing().household(), w -> w.pairing().id()));
        ops.put("GET /api/v1/visits", list("/api/v1/visits", "household", w -> w.pairing().household(), World::visit));
        ops.put("GET /api/v1/demands", list("/api/v1/demands", "household", w -> w.pairing().household(),
                World::demand));
        ops.put("GET /api/v1/visit-plans", list("/api/v1/visit-plans", "unit", World::unit, World::plan));
        ops.put("GET /api/v1/continuity/overdue", list("/api/v1/continuity/overdue", "unit", World::unit,
                w -> w.overdue().id()));
        ops.put("GET /api/v1/continuity", this::continuity);
        ops.put("GET /api/v1/audit", this::auditRead);
        ops.put("GET /api/v1/dead-letters", (role, in) -> deadLetters(role, "GET", "/api/v1/dead-letters?size=1", 200));
        ops.put("POST /api/v1/dead-letters/{partition}/{offset}/replay",
                (role, in) -> deadLetters(role, "POST", "/api/v1/dead-letters/0/999999999/replay", 404));
        // writes
        ops.put("POST /api/v1/visits", this::logVisitCase);
        ops.put("PUT /api/v1/visits/{id}", this::correctVisitCase);
        ops.put("POST /api/v1/demands/{id}/transitions", this::transitionCase);
        ops.put("PUT /api/v1/demands/{id}/satisfaction", this::satisfactionCase);
        ops.put("POST /api/v1/visit-plans", this::createPlanCase);
        ops.put("POST /api/v1/visit-plans/{id}/batches", this::addBatchCase);
        ops.put("POST /api/v1/visit-plans/{id}/batches/{batchId}/cancel", this::cancelBatchCase);
        return ops;
    }

    /** A read of one entity: 200 in scope and for the roles that read all, else exactly the unknown-id answer. */
    private Case single(String template, Function<World, String[]> ids) {
        return (role, in) -> {
            World w = in ? a : b;
            String path = fill(template, ids.apply(w));
            Response r = call(role, "GET", path, null);
            if (in || role.readsAll()) {
                status(r, 200);
                if (!role.readsAll()) {
                    noneOf(b, r);
                }
            } else {
                sameAsUnknown(role, path, "GET", fill(template, randoms(ids.apply(w).length)), null, r, 404);
            }
        };
    }

    /**
     * A list: filtered by the world's entity it shows that entity to those who may see it and an empty page (total
     * 0) to the others; unfiltered, a scoped role's page never names anything of world B.
     */
    private Case list(String path, String param, Function<World, String> filter, Function<World, String> expected) {
        return (role, in) -> {
            World w = in ? a : b;
            Response r = call(role, "GET", path + "?size=500&" + param + "=" + filter.apply(w), null);
            status(r, 200);
            if (in || role.readsAll()) {
                check(r.asString().contains(expected.apply(w)), "the page names " + expected.apply(w), r);
            } else {
                check(((Number) r.path("total")).longValue() == 0, "total 0", r);
                noneOf(b, r);
            }
            if (!role.readsAll()) {
                Response all = call(role, "GET", path + "?size=500", null);
                status(all, 200);
                noneOf(b, all);
                check(all.asString().contains(expected.apply(a)), "the unfiltered page names " + expected.apply(a), all);
            }
        };
    }

    private void continuity(R role, boolean in) {
        World w = in ? a : b;
        Response r = call(role, "GET", "/api/v1/continuity?unit=" + w.unit(), null);
        status(r, 200);
        int expected = in || role.readsAll() ? 2 : 0;
        check(((Number) r.path("activePairings")).intValue() == expected, "activePairings " + expected, r);
        if (!role.readsAll()) {
            Response all = call(role, "GET", "/api/v1/continuity", null);
            status(all, 200);
            // REGION_ADMIN 6209, UNIT_ADMIN U1 and CADRE C1 each see exactly world A's two pairings
            check(((Number) all.path("activePairings")).intValue() == 2, "activePairings 2 unfiltered", all);
        }
    }

    private void auditRead(R role, boolean in) {
        World w = in ? a : b;
        Response r = call(role, "GET", "/api/v1/audit?entity=visit&entityId=" + w.visit(), null);
        if (role == R.PROVINCE_ADMIN || role == R.AUDITOR) {
            status(r, 200);
            check(r.asString().contains("\"action\":\"CREATED\""), "the visit's CREATED entry", r);
        } else {
            forbidden(r);
        }
    }

    /** Dead letters (lianhu-api-support, issue 8 point 3): PROVINCE_ADMIN only, no scope. */
    private void deadLetters(R role, String method, String path, int provinceAdmin) {
        Response r = call(role, method, path, null);
        if (role == R.PROVINCE_ADMIN) {
            status(r, provinceAdmin);
        } else {
            forbidden(r);
        }
    }

    private void logVisitCase(R role, boolean in) throws Exception {
        World w = in ? a : b;
        long before = visits(w.cadre());
        String body = visitBody(w.cadre(), w.pairing().household(), GRASSROOTS);
        Response r = call(role, "POST", "/api/v1/visits", body);
        if (role.readsAll() && role != R.PROVINCE_ADMIN) {
            forbidden(r);
        } else if (in || role == R.PROVINCE_ADMIN) {
            status(r, 201);
            check(visits(w.cadre()) == before + 1, "one more visit", r);
            return;
        } else {
            // like a cadre that is not paired with the household at all
            sameAsUnknown(role, body, "POST", "/api/v1/visits", visitBody(uuid(), uuid(), GRASSROOTS), r, 422);
            check(r.asString().contains("visit.not-paired"), "rule visit.not-paired", r);
        }
        check(visits(w.cadre()) == before, "no visit written", r);
    }

    private void correctVisitCase(R role, boolean in) throws Exception {
        World w = in ? a : b;
        String visit = logVisit(w.pairing(), GRASSROOTS);
        Response r = call(role, "PUT", "/api/v1/visits/" + visit, correctionBody());
        if (role.readsAll() && role != R.PROVINCE_ADMIN) {
            forbidden(r);
        } else if (in || role == R.PROVINCE_ADMIN) {
            status(r, 200);
            check(((Number) r.path("version")).intValue() == 2, "version 2", r);
            return;
        } else {
            sameAsUnknown(role, visit, "PUT", "/api/v1/visits/" + uuid(), correctionBody(), r, 404);
        }
        check(count("select version from visit where id = cast(? as uuid)", visit) == 1, "visit unchanged", r);
    }

    private void transitionCase(R role, boolean in) throws Exception {
        World w = in ? a : b;
        String demand = freshDemand(w);
        String body = """
                {"to":"ACCEPTED","note":"乡镇受理","version":1}""";
        Response r = call(role, "POST", "/api/v1/demands/" + demand + "/transitions", body);
        if (role == R.CADRE || role == R.AUDITOR || role == R.INTEGRATION) {
            forbidden(r);
        } else if (in || role == R.PROVINCE_ADMIN) {
            status(r, 200);
            check("ACCEPTED".equals(r.path("status")), "status ACCEPTED", r);
            return;
        } else {
            sameAsUnknown(role, demand, "POST", "/api/v1/demands/" + uuid() + "/transitions", body, r, 404);
        }
        check(count("select version from demand where id = cast(? as uuid)", demand) == 1, "demand unchanged", r);
    }

    private void satisfactionCase(R role, boolean in) throws Exception {
        World w = in ? a : b;
        String demand = freshDemand(w);
        given().contentType("application/json").body("""
                {"to":"REJECTED","answer":"不符合政策条件","version":1}""")
                .when().post("/api/v1/demands/" + demand + "/transitions").then().statusCode(200);
        String body = """
                {"satisfaction":"SATISFIED","version":2}""";
        Response r = call(role, "PUT", "/api/v1/demands/" + demand + "/satisfaction", body);
        if (role == R.AUDITOR || role == R.INTEGRATION) {
            forbidden(r);
        } else if (in || role == R.PROVINCE_ADMIN) {
            status(r, 200);
            check("SATISFIED".equals(r.path("satisfaction")), "satisfaction SATISFIED", r);
            return;
        } else {
            sameAsUnknown(role, demand, "PUT", "/api/v1/demands/" + uuid() + "/satisfaction", body, r, 404);
        }
        check(count("select version from demand where id = cast(? as uuid)", demand) == 2, "demand unchanged", r);
    }

    private void createPlanCase(R role, boolean in) throws Exception {
        World w = in ? a : b;
        long before = count("select count(*) from visit_plan where unit_id = cast(? as uuid)", w.unit());
        Response r = call(role, "POST", "/api/v1/visit-plans", planBody(w.unit()));
        if (role == R.CADRE || role == R.AUDITOR || role == R.INTEGRATION) {
            forbidden(r);
        } else if (in || role == R.PROVINCE_ADMIN) {
            status(r, 201);
            return;
        } else {
            // like a unit visit-service has never heard of
            sameAsUnknown(role, w.unit(), "POST", "/api/v1/visit-plans", planBody(uuid()), r, 422);
            check(r.asString().contains("visit-plan.unknown-unit"), "rule visit-plan.unknown-unit", r);
        }
        check(count("select count(*) from visit_plan where unit_id = cast(? as uuid)", w.unit()) == before,
                "no plan written", r);
    }

    private void addBatchCase(R role, boolean in) throws Exception {
        World w = in ? a : b;
        String plan = createPlan(w.unit());
        Response r = call(role, "POST", "/api/v1/visit-plans/" + plan + "/batches", batchBody(w.village()));
        if (role == R.CADRE || role == R.AUDITOR || role == R.INTEGRATION) {
            forbidden(r);
        } else if (in || role == R.PROVINCE_ADMIN) {
            status(r, 201);
            check(((Number) r.path("progress.planned")).intValue() == 2, "2 items planned", r);
            return;
        } else {
            sameAsUnknown(role, plan + w.village(), "POST", "/api/v1/visit-plans/" + uuid() + "/batches",
                    batchBody(w.village()), r, 404);
        }
        check(count("select count(*) from visit_batch where plan_id = cast(? as uuid)", plan) == 0, "no batch", r);
    }

    private void cancelBatchCase(R role, boolean in) throws Exception {
        World w = in ? a : b;
        String plan = createPlan(w.unit());
        String batch = addBatch(plan, w.village());
        Response r = call(role, "POST", "/api/v1/visit-plans/" + plan + "/batches/" + batch + "/cancel", null);
        if (role == R.CADRE || role == R.AUDITOR || role == R.INTEGRATION) {
            forbidden(r);
        } else if (in || role == R.PROVINCE_ADMIN) {
            status(r, 200);
            check("CANCELLED".equals(r.path("status")), "status CANCELLED", r);
            return;
        } else {
            sameAsUnknown(role, plan + batch, "POST", "/api/v1/visit-plans/" + uuid() + "/batches/" + uuid()
                    + "/cancel", null, r, 404);
        }
        check(count("select count(*) from visit_batch where id = cast(? as uuid) and status = 'ACTIVE'", batch) == 1,
                "batch still ACTIVE", r);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Tokens, audit trail, actor
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void invalidTokensAre401OnReadsAndWrites() throws Exception {
        long before = visits(a.cadre());
        for (String token : List.of(TestTokens.expired(), TestTokens.malformed(), TestTokens.wrongKey(),
                TestTokens.wrongIssuer())) {
            given().header("Authorization", TestTokens.bearer(token)).when().get("/api/v1/visits/" + a.visit())
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                    .body("errors[0].rule", org.hamcrest.Matchers.equalTo("token.invalid"));
            given().header("Authorization", TestTokens.bearer(token)).contentType("application/json")
                    .body(visitBody(a.cadre(), a.pairing().household(), GRASSROOTS)).when().post("/api/v1/visits")
                    .then().statusCode(401).body("errors[0].rule", org.hamcrest.Matchers.equalTo("token.invalid"));
        }
        HttpResponse<String> none = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/api/v1/visits")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, none.statusCode());
        assertTrue(none.body().contains("\"rule\":\"token.missing\""), none.body());
        assertEquals(before, visits(a.cadre()));
    }

    @Test
    void aKeyWhoseVisitMovedOutOfTheCallersSightIsTakenButTheVisitIsNotNamed() throws Exception {
        String key = "moved-" + UUID.randomUUID();
        String body = visitBody(a.cadre(), a.pairing().household(), GRASSROOTS);
        String visit = given().header("Authorization", TestTokens.bearer(TOKENS.get(R.UNIT_ADMIN)))
                .header("Idempotency-Key", key).contentType("application/json").body(body)
                .when().post("/api/v1/visits").then().statusCode(201).extract().path("id");
        // as if a correction had moved the visit to another unit's pairing
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(LianhuTestResource.jdbcUrl(),
                LianhuTestResource.dbUser(), LianhuTestResource.dbPassword());
                java.sql.PreparedStatement ps = c.prepareStatement("update visit set unit_id = ? where id = ?")) {
            ps.setObject(1, UUID.fromString(b.unit()));
            ps.setObject(2, UUID.fromString(visit));
            assertEquals(1, ps.executeUpdate());
        }
        try {
            long before = visits(a.cadre());
            String message = given().header("Authorization", TestTokens.bearer(TOKENS.get(R.UNIT_ADMIN)))
                    .header("Idempotency-Key", key).contentType("application/json").body(body)
                    .when().post("/api/v1/visits").then().statusCode(409).contentType("application/problem+json")
                    .body("errors[0].rule", org.hamcrest.Matchers.equalTo("visit.idempotency-key-reused"))
                    .extract().path("errors[0].message");
            assertEquals("Idempotency-Key '" + key + "' was already used for another visit of this cadre", message);
            assertEquals(before, visits(a.cadre()));
        } finally { // the other tests' worlds stay apart
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(LianhuTestResource.jdbcUrl(),
                    LianhuTestResource.dbUser(), LianhuTestResource.dbPassword());
                    java.sql.PreparedStatement ps = c.prepareStatement("update visit set unit_id = ? where id = ?")) {
                ps.setObject(1, UUID.fromString(a.unit()));
                ps.setObject(2, UUID.fromString(visit));
                ps.executeUpdate();
            }
        }
    }

    @Test
    void aRegionAdminsCorrectionIsAuditedWithItsActorAndNoFullIdNumber() throws Exception {
        String visit = logVisit(a.pairing(), GRASSROOTS);
        given().header("Authorization", TestTokens.bearer(TOKENS.get(R.REGION_ADMIN))).contentType("application/json")
                .body(correctionBody()).when().put("/api/v1/visits/" + visit).then().statusCode(200);
        String actor = "test-region-admin-" + PREFIX_A;
        // the correction names the token's actor, not the body's free text "王明"
        given().when().get("/api/v1/visits/" + visit + "/corrections").then().statusCode(200)
                .body("[0].correctedBy", org.hamcrest.Matchers.equalTo(actor));
        Response entry = given().when().get("/api/v1/audit?entity=visit&entityId=" + visit).then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(2))
                // entries made within one test clock instant: found by action, not by position
                .body("items.action", org.hamcrest.Matchers.containsInAnyOrder("CORRECTED", "CREATED"))
                .body(CORRECTED + ".actor", org.hamcrest.Matchers.equalTo(actor))
                .body(CORRECTED + ".actorRole", org.hamcrest.Matchers.equalTo("REGION_ADMIN"))
                .body(CORRECTED + ".before.version", org.hamcrest.Matchers.equalTo(1))
                .body(CORRECTED + ".before.visitedOn", org.hamcrest.Matchers.equalTo("2026-11-20"))
                .body(CORRECTED + ".after.version", org.hamcrest.Matchers.equalTo(2))
                .body(CORRECTED + ".after.visitedOn", org.hamcrest.Matchers.equalTo("2026-11-21"))
                .body(CREATED + ".actor", org.hamcrest.Matchers.equalTo("test-province-admin"))
                .body(CREATED + ".before", org.hamcrest.Matchers.nullValue())
                .extract().response();
        assertFalse(ID_NUMBER.matcher(entry.asString()).find(), entry.asString());
        Response byActor = given().when().get("/api/v1/audit?actor=" + actor + "&size=500").then().statusCode(200)
                .extract().response();
        assertTrue(byActor.asString().contains("\"entityId\":\"" + visit + "\""), byActor.asString());
        assertFalse(ID_NUMBER.matcher(byActor.asString()).find(), byActor.asString());
    }

    @Test
    void demandChangesRecordTheActorInHistoryAndAudit() throws Exception {
        String demand = freshDemand(a);
        given().header("Authorization", TestTokens.bearer(TOKENS.get(R.UNIT_ADMIN))).contentType("application/json")
                .body("""
                        {"to":"REJECTED","answer":"不符合政策条件","version":1}""")
                .when().post("/api/v1/demands/" + demand + "/transitions").then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(TOKENS.get(R.CADRE))).contentType("application/json")
                .body("""
                        {"satisfaction":"DISSATISFIED","version":2}""")
                .when().put("/api/v1/demands/" + demand + "/satisfaction").then().statusCode(200)
                .body("history.changedBy", org.hamcrest.Matchers.contains("test-unit-admin", "test-cadre"));
        given().when().get("/api/v1/audit?entity=demand&entityId=" + demand).then().statusCode(200)
                .body("items.action", org.hamcrest.Matchers.containsInAnyOrder("SATISFACTION_RECORDED", "TRANSITIONED",
                        "CREATED"))
                .body(action("SATISFACTION_RECORDED") + ".actorRole", org.hamcrest.Matchers.equalTo("CADRE"))
                .body(action("SATISFACTION_RECORDED") + ".before.satisfaction", org.hamcrest.Matchers.nullValue())
                .body(action("SATISFACTION_RECORDED") + ".after.satisfaction", org.hamcrest.Matchers.equalTo("DISSATISFIED"))
                .body(action("TRANSITIONED") + ".actorRole", org.hamcrest.Matchers.equalTo("UNIT_ADMIN"))
                .body(action("TRANSITIONED") + ".before.status", org.hamcrest.Matchers.equalTo("OPEN"))
                .body(action("TRANSITIONED") + ".after.status", org.hamcrest.Matchers.equalTo("REJECTED"))
                .body(action("CREATED") + ".actorRole", org.hamcrest.Matchers.equalTo("PROVINCE_ADMIN"));
    }

    @Test
    void planWritesAreAudited() {
        String plan = createPlan(a.unit());
        String batch = addBatch(plan, VILLAGE_A);
        given().header("Authorization", TestTokens.bearer(TOKENS.get(R.UNIT_ADMIN)))
                .when().post("/api/v1/visit-plans/" + plan + "/batches/" + batch + "/cancel").then().statusCode(200);
        given().when().get("/api/v1/audit?entity=visit-plan&entityId=" + plan).then().statusCode(200)
                .body("items.action", org.hamcrest.Matchers.containsInAnyOrder("BATCH_CANCELLED", "BATCH_ADDED",
                        "CREATED"))
                .body(action("BATCH_CANCELLED") + ".actor", org.hamcrest.Matchers.equalTo("test-unit-admin"))
                .body(action("BATCH_CANCELLED") + ".before.batches[0].status", org.hamcrest.Matchers.equalTo("ACTIVE"))
                .body(action("BATCH_CANCELLED") + ".after.batches[0].status", org.hamcrest.Matchers.equalTo("CANCELLED"))
                .body(action("BATCH_ADDED") + ".before.batches", org.hamcrest.Matchers.hasSize(0))
                .body(action("BATCH_ADDED") + ".after.progress.planned", org.hamcrest.Matchers.equalTo(2))
                .body(action("CREATED") + ".before", org.hamcrest.Matchers.nullValue())
                .body(action("CREATED") + ".after.id", org.hamcrest.Matchers.equalTo(plan));
    }

    /**
     * visit-service holds no personal numbers (no ID or phone numbers in pairings, visits, demands or plans), so pii
     * changes nothing: a province admin without the claim reads the same visit as one with it.
     */
    @Test
    void piiChangesNothingInVisitService() {
        String withPii = given().when().get("/api/v1/visits/" + a.visit()).then().statusCode(200).extract().asString();
        String withoutPii = given().header("Authorization", TestTokens.bearer(TestTokens.role("PROVINCE_ADMIN")
                .name("test-province-admin-no-pii").pii(false).sign())).when().get("/api/v1/visits/" + a.visit())
                .then().statusCode(200).extract().asString();
        assertEquals(withPii, withoutPii);
        assertFalse(ID_NUMBER.matcher(withPii).find(), withPii);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------------------

    private static final String CORRECTED = action("CORRECTED");
    private static final String CREATED = action("CREATED");

    /** GPath of the audit entry with this action. */
    private static String action(String action) {
        return "items.find { it.action == '" + action + "' }";
    }

    private Response call(R role, String method, String path, String body) {
        RequestSpecification spec = given().header("Authorization", TestTokens.bearer(TOKENS.get(role)));
        if (body != null) {
            spec = spec.contentType("application/json").body(body);
        }
        return spec.when().request(method, path).then().extract().response();
    }

    /**
     * The out-of-scope answer {@code r} equals the answer to the same role for random ids, ids blanked; besides the
     * ids the caller sent itself ({@code sent}: path and body, echoed as an unknown id's would be), it names nothing
     * of world B.
     */
    private void sameAsUnknown(R role, String sent, String method, String unknownPath, String unknownBody,
            Response r, int status) {
        status(r, status);
        Response unknown = call(role, method, unknownPath, unknownBody);
        check(unknown.statusCode() == status, "unknown id answers " + status, unknown);
        check(blank(r.asString()).equals(blank(unknown.asString())),
                "same body as for an unknown id: " + unknown.asString(), r);
        for (String id : b.ids()) {
            check(sent.contains(id) || !r.asString().contains(id), "nothing of world B not sent (" + id + ")", r);
        }
    }

    private static String blank(String body) {
        return UUID_PATTERN.matcher(body).replaceAll("<id>");
    }

    private void forbidden(Response r) {
        status(r, 403);
        check(r.asString().contains("\"rule\":\"role.not-allowed\""), "rule role.not-allowed", r);
    }

    private void status(Response r, int expected) {
        if (r.statusCode() != expected) {
            throw new AssertionError("status " + r.statusCode() + ", expected " + expected + ": " + r.asString());
        }
    }

    private void check(boolean ok, String what, Response r) {
        if (!ok) {
            throw new AssertionError("expected " + what + ": " + r.asString());
        }
    }

    /** No id (nor the village code) of world {@code w} in the body. */
    private void noneOf(World w, Response r) {
        String body = r.asString();
        for (String id : w.ids()) {
            check(!body.contains(id), "nothing of world B (" + id + ")", r);
        }
    }

    private static String fill(String template, String[] ids) {
        String path = template.replace("{id}", ids[0]);
        return ids.length > 1 ? path.replace("{batchId}", ids[1]) : path;
    }

    private static String[] randoms(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = uuid();
        }
        return ids;
    }

    /** "METHOD path" of every /api operation in the service's own OpenAPI document. */
    private static Set<String> documentedOperations() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        Set<String> ops = new TreeSet<>();
        paths.forEach((path, methods) -> {
            if (path.startsWith("/api")) {
                for (String m : methods.keySet()) {
                    if (Set.of("get", "post", "put", "patch", "delete").contains(m)) {
                        ops.add(m.toUpperCase() + " " + path);
                    }
                }
            }
        });
        return ops;
    }

    private static long visits(String cadre) throws Exception {
        return count("select count(*) from visit where cadre_id = cast(? as uuid)", cadre);
    }

    private static String visitBody(String cadre, String household, String tasks) {
        return """
                {"cadreId":"%s","householdId":"%s","visitedOn":"2026-11-20","mode":"IN_HOME","durationMinutes":60,
                 "tasks":%s}""".formatted(cadre, household, tasks);
    }

    private static String correctionBody() {
        return """
                {"visitedOn":"2026-11-21","mode":"IN_HOME","durationMinutes":75,"tasks":%s,
                 "reason":"走访日期记错","correctedBy":"王明","version":1}""".formatted(GRASSROOTS);
    }

    private static String planBody(String unit) {
        return """
                {"unitId":"%s","name":"冬季走访"}""".formatted(unit);
    }

    private static String batchBody(String village) {
        return """
                {"name":"第一批","startsOn":"2026-12-01","endsOn":"2026-12-31","villageCodes":["%s"]}"""
                .formatted(village);
    }

    /** Logs a visit as the province admin (the default token); 201 expected. */
    private static String logVisit(Pairing p, String tasks) {
        return given().contentType("application/json").body(visitBody(p.cadre(), p.household(), tasks))
                .when().post("/api/v1/visits").then().statusCode(201).extract().path("id");
    }

    /** A new OPEN demand (version 1) of the world's household, raised on a new visit of its cadre. */
    private static String freshDemand(World w) {
        String visit = logVisit(w.pairing(), OPINION);
        return given().when().get("/api/v1/visits/" + visit).then().statusCode(200).extract().path("demands[0].id");
    }

    private static String createPlan(String unit) {
        return given().contentType("application/json").body(planBody(unit)).when().post("/api/v1/visit-plans")
                .then().statusCode(201).extract().path("id");
    }

    private static String addBatch(String plan, String village) {
        return given().contentType("application/json").body(batchBody(village))
                .when().post("/api/v1/visit-plans/" + plan + "/batches").then().statusCode(201).extract().path("id");
    }
}
