package cn.gansu.lianhu.registry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.PairingData;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.contract.VillageLinkData;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import cn.gansu.lianhu.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 6 point 6 for registry-service: every {@code /api} operation of the OpenAPI document × the six roles ×
 * in scope / out of scope, with the exact status; out of scope answers exactly like an unknown id (body equal after
 * replacing the id); lists never show the other world; refused writes change nothing. Also 401 for bad tokens, the
 * audit trail, personal numbers (pii), and the pairing/link consumer that gives unit admins and cadres their scope.
 *
 * <p>Worlds (prefectures no other test class uses): A = 武威市 6206 (古浪县 620622), unit U1, cadre C1 — household
 * HA1 paired with C1 (ACTIVE), HA2 in village VA2 linked to U1, HA3 in VA3 (region scope only, target of writes);
 * B = 陇南市 康县 621221, unit U2, cadre C2 — HB1 paired with C2, HB3 target of writes.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class SecurityMatrixTest {
    enum R { PROVINCE_ADMIN, REGION_ADMIN, UNIT_ADMIN, CADRE, AUDITOR, INTEGRATION }

    enum Target { IN, OUT, UNKNOWN }

    static final String PREFIX_A = "6206";
    static final String VA1 = "620622100201";
    static final String VA2 = "620622100202";
    static final String VA3 = "620622100203";
    static final String VA4 = "620622100204";
    static final String VB1 = "621221100201";
    static final String VB2 = "621221100202";
    static final String UNKNOWN_VILLAGE = "621221100999";
    static final String COUNTY_A = "620622";
    static final String COUNTY_B = "621221";
    static final String TODAY = "2026-11-29";
    static final UUID U1 = UUID.randomUUID();
    static final UUID U2 = UUID.randomUUID();
    static final UUID C1 = UUID.randomUUID();
    static final UUID C2 = UUID.randomUUID();
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    static final AtomicInteger PERSON = new AtomicInteger();
    static final Map<R, String> TOKENS = new EnumMap<>(R.class);

    static boolean built;
    static String ha1, ha2, ha3, ha4, hb1, hb2, hb3;
    static String ha1Head;
    static final Map<String, Map<String, Object>> BODIES = new LinkedHashMap<>();
    static String jobOfRegionAdmin, jobOfProvinceAdmin;
    static KafkaProducer<String, String> producer;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    // ------------------------------------------------------------------------------------------------
    // The two worlds
    // ------------------------------------------------------------------------------------------------

    @BeforeEach
    void world() throws Exception {
        if (built) {
            return;
        }
        TOKENS.put(R.PROVINCE_ADMIN, TestTokens.provinceAdmin());
        TOKENS.put(R.REGION_ADMIN, TestTokens.regionAdmin(PREFIX_A));
        TOKENS.put(R.UNIT_ADMIN, TestTokens.unitAdmin(U1));
        TOKENS.put(R.CADRE, TestTokens.cadre(C1));
        TOKENS.put(R.AUDITOR, TestTokens.auditor());
        TOKENS.put(R.INTEGRATION, TestTokens.integration());
        ha1 = register(VA1);
        ha1Head = (String) member0(BODIES.get(ha1)).get("idNumber");
        ha2 = register(VA2);
        ha3 = register(VA3);
        ha4 = register(VA4);
        hb1 = register(VB1);
        hb2 = register(VB2);
        hb3 = register(VB1);
        producer = TestKafka.producer();
        send(Topics.PAIRING_PAIRINGS, pairing(UUID.randomUUID(), C1, U1, ha1, VA1, "ACTIVE", 2));
        send(Topics.PAIRING_PAIRINGS, pairing(UUID.randomUUID(), C2, U2, hb1, VB1, "ACTIVE", 2));
        send(Topics.PAIRING_LINKS, link(UUID.randomUUID(), U1, VA2, true));
        send(Topics.PAIRING_LINKS, link(UUID.randomUUID(), U2, VB2, true));
        awaitStatus(R.CADRE, "/api/v1/households/" + ha1, 200);
        awaitStatus(R.UNIT_ADMIN, "/api/v1/households/" + ha2, 200);
        awaitStatus(R.UNIT_ADMIN, "/api/v1/households/" + ha1, 200);
        // import jobs: one of the region admin of A (a real import of one household in VA3), one of the province
        jobOfRegionAdmin = submitImport(R.REGION_ADMIN, csv(VA3, COUNTY_A), false);
        assertEquals("SUCCEEDED", awaitJob(jobOfRegionAdmin).get("status").asText());
        jobOfProvinceAdmin = submitImport(R.PROVINCE_ADMIN, csv(VB1, COUNTY_B), true);
        assertEquals("DRY_RUN_OK", awaitJob(jobOfProvinceAdmin).get("status").asText());
        built = true;
    }

    @AfterAll
    static void close() {
        if (producer != null) {
            producer.close();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The matrix
    // ------------------------------------------------------------------------------------------------

    /** One operation: how to call it for a target, and the expected status per role for IN and OUT. */
    record Op(String key, Map<R, int[]> expected, Call call) {
    }

    @FunctionalInterface
    interface Call {
        Response run(R role, Target target) throws Exception;
    }

    /** Statuses in the order of {@link R}, each role's IN then OUT. */
    static Map<R, int[]> expect(int... inOut) {
        Map<R, int[]> m = new EnumMap<>(R.class);
        for (R r : R.values()) {
            m.put(r, new int[] { inOut[r.ordinal() * 2], inOut[r.ordinal() * 2 + 1] });
        }
        return m;
    }

    static final int[] READ_ALL = { 200, 200 };

    List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        // regions: public reference data for every role
        Map<R, int[]> anyRole = expect(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200);
        ops.add(new Op("GET /api/v1/regions", anyRole,
                (r, t) -> as(r).queryParam("under", t == Target.IN ? PREFIX_A : COUNTY_B).get("/api/v1/regions")));
        ops.add(new Op("GET /api/v1/regions/{code}", anyRole,
                (r, t) -> as(r).get("/api/v1/regions/" + (t == Target.IN ? VA1 : VB1))));
        ops.add(new Op("GET /api/v1/regions/{code}/children", anyRole,
                (r, t) -> as(r).get("/api/v1/regions/" + (t == Target.IN ? COUNTY_A : COUNTY_B) + "/children")));
        ops.add(new Op("GET /api/v1/regions/{code}/counts", anyRole,
                (r, t) -> as(r).get("/api/v1/regions/" + (t == Target.IN ? PREFIX_A : COUNTY_B) + "/counts")));
        ops.add(new Op("POST /api/v1/regions/imports/{kind}", expect(200, 200, 403, 403, 403, 403, 403, 403, 403, 403,
                403, 403), (r, t) -> as(r).contentType("text/csv").queryParam("dryRun", true)
                        .body(countyRow(t == Target.IN ? COUNTY_A : COUNTY_B)).post("/api/v1/regions/imports/counties")));
        // households
        Map<R, int[]> scopedRead = expect(200, 200, 200, 404, 200, 404, 200, 404, 200, 200, 200, 200);
        ops.add(new Op("GET /api/v1/households/{id}", scopedRead,
                (r, t) -> as(r).get("/api/v1/households/" + household(t, ha1, hb1))));
        ops.add(new Op("GET /api/v1/households/{id}/status-history", scopedRead,
                (r, t) -> as(r).get("/api/v1/households/" + household(t, ha1, hb1) + "/status-history")));
        ops.add(new Op("GET /api/v1/households", anyRole, (r, t) -> as(r)
                .queryParam("region", t == Target.IN ? COUNTY_A : COUNTY_B).queryParam("size", 500)
                .get("/api/v1/households")));
        Map<R, int[]> writes = expect(201, 201, 201, 422, 403, 403, 403, 403, 403, 403, 403, 403);
        ops.add(new Op("POST /api/v1/households", writes, (r, t) -> as(r).contentType(ContentType.JSON)
                .body(newHousehold(t == Target.IN ? VA3 : t == Target.OUT ? VB1 : UNKNOWN_VILLAGE,
                        t == Target.IN ? COUNTY_A : COUNTY_B))
                .post("/api/v1/households")));
        Map<R, int[]> change = expect(200, 200, 200, 404, 403, 403, 403, 403, 403, 403, 403, 403);
        ops.add(new Op("PUT /api/v1/households/{id}", change, (r, t) -> {
            String id = household(t, ha3, hb3);
            return as(r).contentType(ContentType.JSON).body(updateBody(id)).put("/api/v1/households/" + id);
        }));
        ops.add(new Op("POST /api/v1/households/{id}/status", change, (r, t) -> {
            String id = household(t, ha3, hb3);
            return as(r).contentType(ContentType.JSON).body(nextStatus(id)).post("/api/v1/households/" + id + "/status");
        }));
        ops.add(new Op("POST /api/v1/households/imports", expect(202, 202, 202, 202, 403, 403, 403, 403, 403, 403, 403,
                403), (r, t) -> upload(r, t == Target.IN ? csv(VA3, COUNTY_A)
                        : csv(t == Target.OUT ? VB1 : UNKNOWN_VILLAGE, COUNTY_B), true)));
        Map<R, int[]> jobs = expect(200, 200, 200, 404, 403, 403, 403, 403, 200, 200, 200, 200);
        ops.add(new Op("GET /api/v1/households/imports/{id}", jobs,
                (r, t) -> as(r).get("/api/v1/households/imports/" + job(t))));
        ops.add(new Op("GET /api/v1/households/imports/{id}/errors", jobs,
                (r, t) -> as(r).get("/api/v1/households/imports/" + job(t) + "/errors")));
        // the shared audit trail
        ops.add(new Op("GET /api/v1/audit", expect(200, 200, 403, 403, 403, 403, 403, 403, 200, 200, 403, 403),
                (r, t) -> as(r).queryParam("entity", "household").queryParam("entityId", household(t, ha3, hb3))
                        .get("/api/v1/audit")));
        // dead letters (lianhu-api-support, issue 8 point 3): PROVINCE_ADMIN only; replaying no such record is 404
        Map<R, int[]> deadLetters = expect(200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403);
        ops.add(new Op("GET /api/v1/dead-letters", deadLetters,
                (r, t) -> as(r).queryParam("size", 1).get("/api/v1/dead-letters")));
        ops.add(new Op("POST /api/v1/dead-letters/{partition}/{offset}/replay",
                expect(404, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
                (r, t) -> as(r).post("/api/v1/dead-letters/0/999999999/replay")));
        return ops;
    }

    @Test
    void everyOperationOfTheOpenApiDocumentIsInTheMatrix() throws Exception {
        JsonNode doc = JSON.readTree(given().when().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api")) {
                continue;
            }
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next();
                if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                    documented.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        Set<String> inMatrix = new TreeSet<>();
        operations().forEach(op -> inMatrix.add(op.key()));
        assertEquals(documented, inMatrix, "every /api operation of the OpenAPI document is in the matrix");
    }

    @Test
    void everyOperationTimesEveryRoleInAndOutOfScope() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Op op : operations()) {
            for (R role : R.values()) {
                for (Target t : List.of(Target.IN, Target.OUT)) {
                    int expected = op.expected().get(role)[t == Target.IN ? 0 : 1];
                    boolean write = !op.key().startsWith("GET") && op.key().contains("/households");
                    String before = write && t == Target.OUT && expected != 200 && expected != 201 && expected != 202
                            ? worldB() : null;
                    Response r = op.call().run(role, t);
                    String where = op.key() + " as " + role + " " + t;
                    if (r.statusCode() != expected) {
                        failures.add(where + ": " + r.statusCode() + " instead of " + expected + " " + r.asString());
                        continue;
                    }
                    if (expected == 403) {
                        assertEquals("urn:lianhu:problem:forbidden", r.path("type"), where);
                        assertEquals("role.not-allowed", r.path("errors[0].rule"), where);
                    }
                    if (before != null) {
                        assertEquals(before, worldB(), where + ": a refused write changed world B");
                    }
                    if ((expected == 404 || expected == 422) && t == Target.OUT) {
                        sameAsUnknown(op, role, r, where);
                    }
                    if (t == Target.OUT && role != R.PROVINCE_ADMIN && !readsAll(role) && expected == 200) {
                        for (String b : List.of(hb1, hb2, hb3)) {
                            assertFalse(r.asString().contains(b), where + ": shows household " + b + " of world B");
                        }
                    }
                    if (op.key().equals("POST /api/v1/households/imports") && r.statusCode() == 202) {
                        checkImportJob(role, t, r.path("id"));
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** The out-of-scope answer equals the answer for an unknown id, once the id is replaced. */
    private void sameAsUnknown(Op op, R role, Response out, String where) throws Exception {
        String outId;
        String unknownId;
        Response unknown;
        if (op.key().equals("POST /api/v1/households")) {
            outId = VB1;
            unknownId = UNKNOWN_VILLAGE;
        } else if (op.key().startsWith("GET /api/v1/households/imports")) {
            outId = jobOfProvinceAdmin;
            unknownId = UNKNOWN_JOB;
        } else {
            outId = op.key().startsWith("PUT") || op.key().endsWith("/status") ? hb3 : hb1;
            unknownId = UNKNOWN_HOUSEHOLD;
        }
        unknown = op.call().run(role, Target.UNKNOWN);
        assertEquals(unknown.statusCode(), out.statusCode(), where + " vs unknown");
        assertEquals(JSON.readTree(unknown.asString()), JSON.readTree(out.asString().replace(outId, unknownId)),
                where + ": not answered exactly like an unknown id");
    }

    static final String UNKNOWN_HOUSEHOLD = UUID.randomUUID().toString();
    static final String UNKNOWN_JOB = UUID.randomUUID().toString();

    static String household(Target t, String in, String out) {
        return t == Target.IN ? in : t == Target.OUT ? out : UNKNOWN_HOUSEHOLD;
    }

    static String job(Target t) {
        return t == Target.IN ? jobOfRegionAdmin : t == Target.OUT ? jobOfProvinceAdmin : UNKNOWN_JOB;
    }

    static boolean readsAll(R role) {
        return role == R.PROVINCE_ADMIN || role == R.AUDITOR || role == R.INTEGRATION;
    }

    /** A fingerprint of world B as the province admin sees it: its households and versions. */
    private static String worldB() {
        return as(R.PROVINCE_ADMIN).queryParam("region", COUNTY_B).queryParam("size", 500).get("/api/v1/households")
                .then().statusCode(200).extract().path("items.collect { it.id + '@' + it.version }").toString();
    }

    /** A region admin's out-of-scope rows fail in the job exactly like rows of an unknown village. */
    private void checkImportJob(R role, Target t, String id) throws Exception {
        JsonNode job = awaitJob(id);
        if (role == R.REGION_ADMIN && t == Target.OUT) {
            assertEquals("DRY_RUN_FAILED", job.get("status").asText());
            String errors = as(R.REGION_ADMIN).get("/api/v1/households/imports/" + id + "/errors").then()
                    .statusCode(200).extract().asString();
            String unknownJob = submitImport(R.REGION_ADMIN, csv(UNKNOWN_VILLAGE, COUNTY_B), true);
            awaitJob(unknownJob);
            String unknownErrors = as(R.REGION_ADMIN).get("/api/v1/households/imports/" + unknownJob + "/errors")
                    .then().statusCode(200).extract().asString();
            JsonNode a = JSON.readTree(errors.replace(VB1, UNKNOWN_VILLAGE)).get("items");
            JsonNode b = JSON.readTree(unknownErrors).get("items");
            // the ID numbers of the two files differ; everything about the village is the same
            assertEquals(1, a.size(), errors);
            assertEquals(b.get(0).get("rule").asText(), a.get(0).get("rule").asText());
            assertEquals("village.unknown", a.get(0).get("rule").asText());
            assertEquals(b.get(0), a.get(0));
        } else {
            assertEquals("DRY_RUN_OK", job.get("status").asText(), role + " " + t + " " + job);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Lists: filtered in SQL, totals count only what the caller may see
    // ------------------------------------------------------------------------------------------------

    @Test
    void listsShowOnlyTheCallersHouseholdsAndCountOnlyThose() {
        List<String> unit = as(R.UNIT_ADMIN).queryParam("size", 500).get("/api/v1/households").then().statusCode(200)
                .extract().path("items.id");
        assertEquals(Set.of(ha1, ha2), Set.copyOf(unit));
        as(R.UNIT_ADMIN).get("/api/v1/households").then().body("total", org.hamcrest.Matchers.equalTo(2));
        List<String> cadre = as(R.CADRE).queryParam("size", 500).get("/api/v1/households").then().statusCode(200)
                .extract().path("items.id");
        assertEquals(List.of(ha1), cadre);
        as(R.CADRE).get("/api/v1/households").then().body("total", org.hamcrest.Matchers.equalTo(1));

        int inA = as(R.PROVINCE_ADMIN).queryParam("region", PREFIX_A).get("/api/v1/households").then()
                .extract().path("total");
        Response region = as(R.REGION_ADMIN).queryParam("size", 500).get("/api/v1/households");
        region.then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(inA));
        List<String> villages = region.path("items.villageCode");
        assertTrue(villages.stream().allMatch(v -> v.startsWith(PREFIX_A)), villages.toString());
        for (String b : List.of(hb1, hb2, hb3, COUNTY_B)) {
            assertFalse(region.asString().contains(b), b);
        }
        as(R.REGION_ADMIN).queryParam("region", COUNTY_B).get("/api/v1/households").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(0))
                .body("items", org.hamcrest.Matchers.hasSize(0));
    }

    // ------------------------------------------------------------------------------------------------
    // Tokens
    // ------------------------------------------------------------------------------------------------

    @Test
    void expiredMalformedWronglySignedAndWrongIssuerTokensAre401OnReadsAndWrites() throws Exception {
        for (String token : List.of(TestTokens.expired(), TestTokens.malformed(), TestTokens.wrongKey(),
                TestTokens.wrongIssuer())) {
            given().header("Authorization", TestTokens.bearer(token)).when().get("/api/v1/households/" + ha1)
                    .then().statusCode(401).body("errors[0].rule", org.hamcrest.Matchers.equalTo("token.invalid"));
            given().header("Authorization", TestTokens.bearer(token)).contentType(ContentType.JSON)
                    .body(newHousehold(VA3, COUNTY_A)).when().post("/api/v1/households")
                    .then().statusCode(401).body("errors[0].rule", org.hamcrest.Matchers.equalTo("token.invalid"));
            given().header("Authorization", TestTokens.bearer(token)).when().get("/api/v1/regions/62")
                    .then().statusCode(401);
        }
        for (String path : List.of("/api/v1/households/" + ha1, "/api/v1/regions/62", "/api/v1/households")) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode(), path);
            assertTrue(r.body().contains("token.missing"), r.body());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Uniqueness answers do not name what lies outside the caller's scope
    // ------------------------------------------------------------------------------------------------

    @Test
    void aPersonOfAnotherRegionIsRefusedProvinceWideButTheOtherHouseholdIsNamedOnlyInScope() throws Exception {
        Map<String, Object> bBody = newHousehold(VB1, COUNTY_B);
        String bNo = "SMB-" + UUID.randomUUID().toString().substring(0, 8);
        bBody.put("householdNo", bNo);
        String hb = as(R.PROVINCE_ADMIN).contentType(ContentType.JSON).body(bBody).post("/api/v1/households").then()
                .statusCode(201).extract().path("id");
        String person = (String) member0(bBody).get("idNumber");
        String masked = IdNumbers.mask(person);
        Map<String, Object> personAsMember = new LinkedHashMap<>(member0(bBody));
        personAsMember.put("relation", "SIBLING");

        // POST: the region admin of A registers B's person in a village of A
        Map<String, Object> a = newHousehold(VA4, COUNTY_A);
        a.put("members", List.of(member0(a), personAsMember));
        Response refused = as(R.REGION_ADMIN).contentType(ContentType.JSON).body(a).post("/api/v1/households");
        String elsewhere = "ID number " + masked + " is already an active member of another household";
        assertDuplicatePerson(refused, elsewhere, hb, bNo, person);
        // the province admin is told which household
        Response named = as(R.PROVINCE_ADMIN).contentType(ContentType.JSON).body(a).post("/api/v1/households");
        assertEquals(409, named.statusCode(), named.asString());
        assertEquals("ID number " + masked + " is already an active member of household " + hb, named.path("detail"));
        assertEquals("ID number " + masked + " is already an active member of household " + hb,
                named.path("errors[0].message"));

        // PUT: the region admin of A adds B's person to a household of A
        String ha = register(VA4);
        Map<String, Object> update = updateBody(ha);
        update.put("members", List.of(member0(BODIES.get(ha)), personAsMember));
        Response refusedUpdate = as(R.REGION_ADMIN).contentType(ContentType.JSON).body(update)
                .put("/api/v1/households/" + ha);
        assertDuplicatePerson(refusedUpdate, elsewhere, hb, bNo, person);
        Response namedUpdate = as(R.PROVINCE_ADMIN).contentType(ContentType.JSON).body(update)
                .put("/api/v1/households/" + ha);
        assertEquals(409, namedUpdate.statusCode(), namedUpdate.asString());
        assertEquals("ID number " + masked + " is already an active member of household " + hb,
                namedUpdate.path("detail"));

        // one import row (dry run): refused for both, named only for the province admin
        String file = csvOf(VA4, person);
        String regionJob = submitImport(R.REGION_ADMIN, file, true);
        assertEquals("DRY_RUN_FAILED", awaitJob(regionJob).get("status").asText());
        Response regionErrors = as(R.REGION_ADMIN).get("/api/v1/households/imports/" + regionJob + "/errors");
        regionErrors.then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].row", org.hamcrest.Matchers.equalTo(2))
                .body("items[0].column", org.hamcrest.Matchers.equalTo("id_number"))
                .body("items[0].rule", org.hamcrest.Matchers.equalTo("id-number.already-registered"))
                .body("items[0].rejectedValue", org.hamcrest.Matchers.equalTo(masked))
                .body("items[0].message", org.hamcrest.Matchers.equalTo(
                        "the person " + masked + " is already an active member of another household"));
        assertFalse(regionErrors.asString().contains(hb), regionErrors.asString());
        assertFalse(regionErrors.asString().contains(bNo), regionErrors.asString());
        String provinceJob = submitImport(R.PROVINCE_ADMIN, file, true);
        assertEquals("DRY_RUN_FAILED", awaitJob(provinceJob).get("status").asText());
        as(R.PROVINCE_ADMIN).get("/api/v1/households/imports/" + provinceJob + "/errors").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].rule", org.hamcrest.Matchers.equalTo("id-number.already-registered"))
                .body("items[0].message", org.hamcrest.Matchers.equalTo("the person " + masked
                        + " is already an active member of household " + bNo + " (id " + hb + ")"));
        // and the region admin of B's own region would be told too
        String ownJob = submitImport(TestTokens.regionAdmin(COUNTY_B), csvOf(VB2, person));
        assertEquals("DRY_RUN_FAILED", awaitJob(ownJob).get("status").asText());
        with(TestTokens.regionAdmin(COUNTY_B)).get("/api/v1/households/imports/" + ownJob + "/errors").then()
                .statusCode(200).body("items[0].message", org.hamcrest.Matchers.equalTo("the person " + masked
                        + " is already an active member of household " + bNo + " (id " + hb + ")"));
    }

    private static void assertDuplicatePerson(Response r, String message, String hidden, String hiddenNo,
            String person) {
        assertEquals(409, r.statusCode(), r.asString());
        assertEquals("urn:lianhu:problem:conflict", r.path("type"));
        assertEquals(message, r.path("detail"));
        assertEquals(1, ((List<?>) r.path("errors")).size());
        assertEquals("members[1].idNumber", r.path("errors[0].field"));
        assertEquals("member.duplicate-person", r.path("errors[0].rule"));
        assertEquals(message, r.path("errors[0].message"));
        assertFalse(r.asString().contains(hidden), r.asString());
        assertFalse(r.asString().contains(hiddenNo), r.asString());
        assertFalse(r.asString().contains(person), r.asString());
    }

    /** A household file with one household whose head has this ID number, in {@code village}. */
    static String csvOf(String village, String id) {
        String birth = id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14);
        return "household_no,village_code,main_cause,other_causes,income_per_capita,address,phone,name,id_number,sex,"
                + "birth_date,relation,health,education,labour_ability\n"
                + "SM-" + UUID.randomUUID().toString().substring(0, 8) + "," + village + ",ILLNESS,,2100.00,测试地址,"
                + "13812345678,测试户主," + id + ",MALE," + birth + ",HEAD,HEALTHY,PRIMARY,GENERAL\n";
    }

    static String submitImport(String token, String csv) {
        return with(token).multiPart("file", "households.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .queryParam("dryRun", true).post("/api/v1/households/imports").then().statusCode(202).extract()
                .path("id");
    }

    // ------------------------------------------------------------------------------------------------
    // Audit trail
    // ------------------------------------------------------------------------------------------------

    @Test
    void aRegionAdminsWritesAreAuditedWithActorRoleBeforeAndAfterAndNoFullIdNumber() throws Exception {
        String id = register(VA3);
        String full = (String) member0(BODIES.get(id)).get("idNumber");
        as(R.REGION_ADMIN).contentType(ContentType.JSON).body(updateBody(id)).put("/api/v1/households/" + id)
                .then().statusCode(200);
        as(R.REGION_ADMIN).contentType(ContentType.JSON).body(nextStatus(id)).post("/api/v1/households/" + id + "/status")
                .then().statusCode(200);
        String actor = "test-region-admin-" + PREFIX_A;
        Response trail = as(R.AUDITOR).queryParam("entity", "household").queryParam("entityId", id)
                .get("/api/v1/audit");
        trail.then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(3));
        // the test clock pins the time, so the entries are told apart by action
        Map<String, JsonNode> byAction = new LinkedHashMap<>();
        JSON.readTree(trail.asString()).get("items").forEach(e -> byAction.put(e.get("action").asText(), e));
        assertEquals(Set.of("CREATED", "UPDATED", "STATUS_CHANGED"), byAction.keySet());
        JsonNode update = byAction.get("UPDATED");
        assertEquals(actor, update.get("actor").asText());
        assertEquals("REGION_ADMIN", update.get("actorRole").asText());
        assertEquals(1, update.get("before").get("version").asInt());
        assertEquals(2, update.get("after").get("version").asInt());
        assertEquals("ILLNESS", update.get("before").get("mainCause").asText());
        assertEquals("LACK_OF_SKILLS", update.get("after").get("mainCause").asText());
        assertEquals(IdNumbers.mask(full), update.get("after").get("members").get(0).get("idNumberMasked").asText());
        JsonNode status = byAction.get("STATUS_CHANGED");
        assertEquals(actor, status.get("actor").asText());
        assertEquals("IN_POVERTY", status.get("before").get("status").asText());
        assertEquals("LIFTED", status.get("after").get("status").asText());
        assertEquals(3, status.get("after").get("version").asInt());
        JsonNode created = byAction.get("CREATED");
        assertEquals("test-province-admin", created.get("actor").asText());
        assertEquals("PROVINCE_ADMIN", created.get("actorRole").asText());
        assertTrue(created.get("before").isNull());
        assertEquals(id, created.get("after").get("id").asText());
        assertFalse(trail.asString().contains(full), "full ID number in the audit trail");
        assertFalse(trail.asString().contains("13812345678"), "full phone in the audit trail");

        Response byActor = as(R.PROVINCE_ADMIN).queryParam("actor", actor).queryParam("size", 500).get("/api/v1/audit");
        byActor.then().statusCode(200);
        List<String> ids = byActor.path("items.entityId");
        assertTrue(ids.contains(id), ids.toString());
        assertFalse(byActor.asString().contains(full));

        // the region admin's household import job of the world: one entry, with the file name and counts
        Response job = as(R.AUDITOR).queryParam("entity", "household-import").queryParam("entityId", jobOfRegionAdmin)
                .get("/api/v1/audit");
        job.then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].action", org.hamcrest.Matchers.equalTo("IMPORTED"))
                .body("items[0].actor", org.hamcrest.Matchers.equalTo(actor))
                .body("items[0].actorRole", org.hamcrest.Matchers.equalTo("REGION_ADMIN"))
                .body("items[0].after.fileName", org.hamcrest.Matchers.equalTo("households.csv"))
                .body("items[0].after.householdsImported", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].after.rowsRead", org.hamcrest.Matchers.equalTo(1));
        // dry runs write nothing and are not audited
        as(R.AUDITOR).queryParam("entity", "household-import").queryParam("entityId", jobOfProvinceAdmin)
                .get("/api/v1/audit").then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aRegionImportIsAuditedOnceButNotItsDryRun() throws Exception {
        String row = countyRow(COUNTY_A);
        List<String> before = as(R.AUDITOR).queryParam("entity", "region-import").queryParam("size", 500)
                .get("/api/v1/audit").then().statusCode(200).extract().path("items.id");
        as(R.PROVINCE_ADMIN).contentType("text/csv").body(row).post("/api/v1/regions/imports/counties")
                .then().statusCode(200).body("unchanged", org.hamcrest.Matchers.equalTo(1));
        as(R.PROVINCE_ADMIN).contentType("text/csv").queryParam("dryRun", true).body(row)
                .post("/api/v1/regions/imports/counties").then().statusCode(200);
        JsonNode after = JSON.readTree(as(R.AUDITOR).queryParam("entity", "region-import").queryParam("size", 500)
                .get("/api/v1/audit").then().statusCode(200).extract().asString()).get("items");
        List<JsonNode> added = new ArrayList<>();
        after.forEach(e -> {
            if (!before.contains(e.get("id").asText())) {
                added.add(e);
            }
        });
        assertEquals(1, added.size(), "one entry for the import, none for the dry run: " + added);
        JsonNode entry = added.get(0);
        assertEquals("IMPORTED", entry.get("action").asText());
        assertEquals("test-province-admin", entry.get("actor").asText());
        assertEquals("PROVINCE_ADMIN", entry.get("actorRole").asText());
        assertEquals("counties", entry.get("after").get("kind").asText());
        assertEquals(1, entry.get("after").get("rows").asInt());
        assertEquals(1, entry.get("after").get("unchanged").asInt());
        assertFalse(entry.get("after").get("dryRun").asBoolean());
    }

    // ------------------------------------------------------------------------------------------------
    // Personal numbers
    // ------------------------------------------------------------------------------------------------

    @Test
    void fullNumbersOnlyWithThePiiClaim() {
        String noPii = TestTokens.role("PROVINCE_ADMIN").name("test-province-admin-no-pii").pii(false).sign();
        Response masked = given().header("Authorization", TestTokens.bearer(noPii)).get("/api/v1/households/" + ha1);
        masked.then().statusCode(200)
                .body("phoneMasked", org.hamcrest.Matchers.equalTo("138****5678"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("phone")))
                .body("members[0].idNumberMasked", org.hamcrest.Matchers.equalTo(IdNumbers.mask(ha1Head)))
                .body("members[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("idNumber")));
        assertFalse(masked.asString().contains(ha1Head));
        assertFalse(masked.asString().contains("13812345678"));
        Response list = given().header("Authorization", TestTokens.bearer(noPii)).queryParam("region", VA1)
                .get("/api/v1/households");
        assertFalse(list.asString().contains(ha1Head));
        for (R scoped : List.of(R.REGION_ADMIN, R.UNIT_ADMIN, R.CADRE, R.AUDITOR, R.INTEGRATION)) {
            String body = as(scoped).get("/api/v1/households/" + ha1).then().statusCode(200).extract().asString();
            assertFalse(body.contains(ha1Head), scoped + " sees a full ID number");
            assertFalse(body.contains("13812345678"), scoped + " sees a full phone");
        }

        as(R.PROVINCE_ADMIN).get("/api/v1/households/" + ha1).then().statusCode(200)
                .body("phone", org.hamcrest.Matchers.equalTo("13812345678"))
                .body("phoneMasked", org.hamcrest.Matchers.equalTo("138****5678"))
                .body("members[0].idNumber", org.hamcrest.Matchers.equalTo(ha1Head))
                .body("members[0].idNumberMasked", org.hamcrest.Matchers.equalTo(IdNumbers.mask(ha1Head)));
        as(R.PROVINCE_ADMIN).queryParam("region", VA1).get("/api/v1/households").then().statusCode(200)
                .body("items.find { it.id == '" + ha1 + "' }.headIdNumber", org.hamcrest.Matchers.equalTo(ha1Head));
        String regionPii = TestTokens.role("REGION_ADMIN").name("test-region-admin-pii").claim("region", PREFIX_A)
                .pii(true).sign();
        given().header("Authorization", TestTokens.bearer(regionPii)).get("/api/v1/households/" + ha1).then()
                .statusCode(200).body("members[0].idNumber", org.hamcrest.Matchers.equalTo(ha1Head));
    }

    // ------------------------------------------------------------------------------------------------
    // The consumer of pairing.pairings and pairing.links
    // ------------------------------------------------------------------------------------------------

    @Test
    void pairingsAndLinksAreVersionGuardedIdempotentAndPoisonGoesToTheDeadLetterTopic() throws Exception {
        // a unit and cadre of their own, so the lists of U1 and C1 stay as the other tests expect
        UUID u3 = UUID.randomUUID();
        UUID c3 = UUID.randomUUID();
        String unitToken = TestTokens.unitAdmin(u3);
        String cadreToken = TestTokens.cadre(c3);
        UUID pairing = UUID.randomUUID();
        String key = pairing.toString();
        // ACTIVE v1 → visible to the cadre and its unit
        send(Topics.PAIRING_PAIRINGS, key, pairing(pairing, c3, u3, ha4, VA4, "ACTIVE", 1));
        awaitStatus(cadreToken, "/api/v1/households/" + ha4, 200);
        // ENDED v3, then a late ACTIVE v2 and a redelivery of an old event: it stays ended
        send(Topics.PAIRING_PAIRINGS, key, pairing(pairing, c3, u3, ha4, VA4, "ENDED", 3));
        awaitStatus(cadreToken, "/api/v1/households/" + ha4, 404);
        String stale = pairing(pairing, c3, u3, ha4, VA4, "ACTIVE", 2);
        send(Topics.PAIRING_PAIRINGS, key, stale);
        producer.send(new ProducerRecord<>(Topics.PAIRING_PAIRINGS, key, "this is not a CloudEvent")).get();
        // a sentinel on the same partition (same key): once it is applied, everything before it was
        UUID sentinel = UUID.randomUUID();
        String va4Household = register(VA4);
        send(Topics.PAIRING_PAIRINGS, key, pairing(sentinel, c3, u3, va4Household, VA4, "DRAFT", 1));
        awaitStatus(cadreToken, "/api/v1/households/" + va4Household, 200);
        with(cadreToken).get("/api/v1/households/" + ha4).then().statusCode(404);
        with(unitToken).get("/api/v1/households/" + ha4).then().statusCode(404);

        // a link ended (v2) before its linking event (v1) arrives: the village stays out of the unit's scope
        UUID link = UUID.randomUUID();
        String va3Household = ha3;
        send(Topics.PAIRING_LINKS, link.toString(), link(link, u3, VA3, false));
        send(Topics.PAIRING_LINKS, link.toString(), link(link, u3, VA3, true));
        UUID linkSentinel = UUID.randomUUID();
        ObjectNode sentinelLink = (ObjectNode) JSON.readTree(link(linkSentinel, u3, VA4, true));
        send(Topics.PAIRING_LINKS, link.toString(), JSON.writeValueAsString(sentinelLink));
        awaitStatus(unitToken, "/api/v1/households/" + ha4, 200); // VA4 now linked to the unit
        with(unitToken).get("/api/v1/households/" + va3Household).then().statusCode(404);

        // the poison record went to registry-service.dead-letter with its reason
        try (KafkaConsumer<String, String> dlq = TestKafka.consumerFromStart("registry-service.dead-letter")) {
            ConsumerRecord<String, String>[] found = new ConsumerRecord[1];
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        found[0] = r;
                    }
                }
                return found[0] != null;
            });
            assertEquals("this is not a CloudEvent", found[0].value());
            assertEquals(Topics.PAIRING_PAIRINGS,
                    new String(found[0].headers().lastHeader("dlq-topic").value(), StandardCharsets.UTF_8));
            assertNotNull(found[0].headers().lastHeader("dlq-reason"));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------

    static RequestSpecification as(R role) {
        return given().header("Authorization", TestTokens.bearer(TOKENS.get(role))).when();
    }

    private static void awaitStatus(R role, String path, int status) {
        awaitStatus(TOKENS.get(role), path, status);
    }

    private static void awaitStatus(String token, String path, int status) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> with(token).get(path).statusCode() == status);
    }

    static RequestSpecification with(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).when();
    }

    /** A valid new ID number of a person of {@code county} (counties no other test class uses). */
    static String idNumber(String county, boolean male) {
        int n = PERSON.incrementAndGet();
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(n * 37L + (System.nanoTime() % 13));
        String seq = String.format("%02d%d", (n * 7) % 100, male ? 1 + 2 * (n % 5) : 2 * (n % 5));
        String first17 = county + birth.toString().replace("-", "") + seq;
        return first17 + IdNumbers.checkCharacter(first17);
    }

    static Map<String, Object> newHousehold(String village, String county) {
        String head = idNumber(county, true);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "测试户主" + PERSON.get());
        m.put("idNumber", head);
        m.put("relation", "HEAD");
        m.put("health", "HEALTHY");
        m.put("education", "PRIMARY");
        m.put("labourAbility", "GENERAL");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("villageCode", village);
        body.put("mainCause", "ILLNESS");
        body.put("otherCauses", List.of());
        body.put("incomePerCapita", 2860.5);
        body.put("address", "测试地址");
        body.put("phone", "13812345678");
        body.put("members", List.of(m));
        return body;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> member0(Map<String, Object> body) {
        return ((List<Map<String, Object>>) body.get("members")).get(0);
    }

    /** Registers a household as province admin; remembers its body. */
    static String register(String village) {
        Map<String, Object> body = newHousehold(village, village.substring(0, 6));
        String id = as(R.PROVINCE_ADMIN).contentType(ContentType.JSON).body(body).post("/api/v1/households")
                .then().statusCode(201).extract().path("id");
        BODIES.put(id, body);
        return id;
    }

    /** The household's registration body with a new main cause and the current version. */
    static Map<String, Object> updateBody(String id) {
        if (!BODIES.containsKey(id)) { // an unknown household: any valid body
            Map<String, Object> body = new LinkedHashMap<>(BODIES.get(hb3));
            body.put("version", 1);
            return body;
        }
        Map<String, Object> body = new LinkedHashMap<>(BODIES.get(id));
        body.put("mainCause", "LACK_OF_SKILLS");
        int version = as(R.PROVINCE_ADMIN).get("/api/v1/households/" + id).then().statusCode(200).extract()
                .path("version");
        body.put("version", version);
        return body;
    }

    /** The next allowed status change of the household, effective today. */
    static Map<String, Object> nextStatus(String id) {
        String status = BODIES.containsKey(id) ? as(R.PROVINCE_ADMIN).get("/api/v1/households/" + id).then()
                .statusCode(200).extract().path("status") : "IN_POVERTY";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.equals("LIFTED") ? "RELAPSED" : "LIFTED");
        body.put("effectiveDate", TODAY);
        body.put("basis", "村民代表大会评议通过");
        return body;
    }

    /** The real row of a county in the bundled counties file, with its header. */
    static String countyRow(String county) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(SecurityMatrixTest.class.getResourceAsStream(
                "/gansu/counties.csv"), StandardCharsets.UTF_8))) {
            String header = in.readLine().replace("\uFEFF", "");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(county + ",")) {
                    return header + "\n" + line + "\n";
                }
            }
        }
        throw new IllegalStateException("county " + county + " not in counties.csv");
    }

    /** A household file with one household (one member) in {@code village}. */
    static String csv(String village, String county) {
        String id = idNumber(county, true);
        String birth = id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14);
        return "household_no,village_code,main_cause,other_causes,income_per_capita,address,phone,name,id_number,sex,"
                + "birth_date,relation,health,education,labour_ability\n"
                + "SM-" + UUID.randomUUID().toString().substring(0, 8) + "," + village + ",ILLNESS,,2100.00,测试地址,"
                + "13812345678,测试户主,"
                + id + ",MALE," + birth + ",HEAD,HEALTHY,PRIMARY,GENERAL\n";
    }

    static Response upload(R role, String csv, boolean dryRun) {
        return as(role).multiPart("file", "households.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .queryParam("dryRun", dryRun).post("/api/v1/households/imports");
    }

    static String submitImport(R role, String csv, boolean dryRun) {
        return upload(role, csv, dryRun).then().statusCode(202).extract().path("id");
    }

    static JsonNode awaitJob(String id) throws Exception {
        JsonNode[] job = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            job[0] = JSON.readTree(as(R.PROVINCE_ADMIN).get("/api/v1/households/imports/" + id).then().statusCode(200)
                    .extract().asString());
            String s = job[0].get("status").asText();
            return !s.equals("QUEUED") && !s.equals("RUNNING");
        });
        return job[0];
    }

    static String pairing(UUID id, UUID cadre, UUID unit, String household, String village, String status,
            long version) throws Exception {
        PairingData data = new PairingData(id.toString(), cadre.toString(), unit.toString(), household, village, true,
                status, status.equals("DRAFT") ? null : LocalDate.parse("2026-03-01"),
                status.equals("ENDED") ? LocalDate.parse(TODAY) : null,
                status.equals("ENDED") ? "CADRE_TRANSFERRED" : null, null, version);
        String type = switch (status) {
            case "DRAFT" -> EventTypes.PAIRING_DRAFTED;
            case "ENDED" -> EventTypes.PAIRING_ENDED;
            default -> EventTypes.PAIRING_ACTIVATED;
        };
        return envelope(type, id, data);
    }

    static String link(UUID id, UUID unit, String village, boolean active) throws Exception {
        VillageLinkData data = new VillageLinkData(id.toString(), unit.toString(), village,
                village.substring(0, 6) + "000000", LocalDate.parse("2026-03-01"),
                active ? null : LocalDate.parse(TODAY), active ? null : "UNIT_REASSIGNED", active);
        return envelope(active ? EventTypes.VILLAGE_LINKED : EventTypes.VILLAGE_LINK_ENDED, id, data);
    }

    static String envelope(String type, UUID subject, Object data) throws Exception {
        return JSON.writeValueAsString(new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(),
                "/lianhu/pairing-service", type, subject.toString(), OffsetDateTime.parse("2026-11-29T08:00:00Z"),
                CloudEvent.JSON, JSON.valueToTree(data)));
    }

    static void send(String topic, String event) throws Exception {
        send(topic, JSON.readTree(event).get("subject").asText(), event);
    }

    static void send(String topic, String key, String event) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, event)).get();
    }

    static void assertNoKey(JsonNode node, String key) {
        assertNull(node.get(key), key);
    }
}
