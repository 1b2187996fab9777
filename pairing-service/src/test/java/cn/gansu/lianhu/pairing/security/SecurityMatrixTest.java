package cn.gansu.lianhu.pairing.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.pairing.units.Fixtures;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * Issue 6 point 6 for pairing-service: every operation of the service's OpenAPI document × the six roles × in
 * scope (world A: prefecture 6210 庆阳市, unit U1, cadre C1) and out of scope (world B: prefecture 6212 陇南市,
 * unit U2, cadre C2). Asserts the exact status; an out-of-scope answer to a scoped role equals the answer for a
 * random unknown id (status, type, title, detail and errors with the id replaced); list bodies returned to scoped
 * roles never name world B. Writes are probes that stop at a domain rule after the scope check (409/422), so the
 * worlds stay as built. Plus: bad tokens → 401, the audit trail of a region admin's writes, pii on cadres,
 * import rows outside scope, plan scopes by role.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class SecurityMatrixTest {
    static final String[] ROLES = { "PROVINCE_ADMIN", "REGION_ADMIN", "UNIT_ADMIN", "CADRE", "AUDITOR", "INTEGRATION" };
    static final String TODAY = "2026-11-29";

    @Inject
    Fixtures fx;
    @Inject
    MatrixData data;

    /** One world of data. */
    record World(String prefix, String county6, String village, UUID unit, String unitName, UUID cadre,
            String cadreName, String cadreIdNumber, UUID cadre2, UUID household, UUID pairing, UUID pairingWithdrawn,
            UUID plan, UUID planDiscarded, UUID job) {
    }

    static World a;
    static World b;
    static World unknown;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void worlds() {
        if (a == null) {
            a = world("6210", "621021", "621021100231", "庆城县");
            b = world("6212", "621221", "621221100231", "成县");
            UUID r = UUID.randomUUID();
            unknown = new World("6299", "629901", "629901100201", r, "无此单位", UUID.randomUUID(), "无此人",
                    Fixtures.idNumber("621021"), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                    UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        }
    }

    private World world(String prefix, String county6, String village, String countyName) {
        String t = Fixtures.token();
        fx.county(county6, countyName, true);
        fx.village(village, "矩阵村" + t, true);
        UUID unit = Fixtures.registerUnit("矩阵单位" + t, "COUNTY", county6);
        String idNumber = Fixtures.idNumber(county6);
        String cadreName = "矩阵干部" + t;
        UUID cadre = UUID.fromString(given().contentType("application/json")
                .body(Fixtures.cadre(cadreName, idNumber, unit, "OTHER")).post("/api/v1/cadres").then()
                .statusCode(201).extract().path("id"));
        UUID cadre2 = Fixtures.registerCadre("矩阵后继" + t, unit, "OTHER");
        given().contentType("application/json").body(Map.of("villageCode", village))
                .post("/api/v1/units/" + unit + "/villages").then().statusCode(201);
        UUID household = fx.household(village);
        UUID household2 = fx.household(village);
        UUID pairing = pair(cadre, household);
        UUID withdrawn = pair(cadre, household2);
        given().delete("/api/v1/pairings/" + withdrawn).then().statusCode(200);
        UUID plan = plan(unit);
        UUID discarded = plan(unit);
        given().post("/api/v1/plans/" + discarded + "/discard").then().statusCode(200);
        // an import job submitted by this world's region admin (a dry run: writes nothing)
        UUID job = UUID.fromString(given().header("Authorization", TestTokens.bearer(TestTokens.regionAdmin(prefix)))
                .contentType("text/csv").body("name,level,kind,region_code\n矩阵导入" + t + ",COUNTY,PUBLIC_INSTITUTION,"
                        + county6 + "\n")
                .queryParam("dryRun", true).post("/api/v1/units/imports").then().statusCode(202).extract().path("id"));
        awaitJob(job);
        return new World(prefix, county6, village + "", unit, "矩阵单位" + t, cadre, cadreName, idNumber, cadre2,
                household, pairing, withdrawn, plan, discarded, job);
    }

    private static UUID pair(UUID cadre, UUID household) {
        return UUID.fromString(given().contentType("application/json")
                .body(Map.of("cadreId", cadre.toString(), "householdId", household.toString())).post("/api/v1/pairings")
                .then().statusCode(201).extract().path("id"));
    }

    private static UUID plan(UUID unit) {
        return UUID.fromString(given().contentType("application/json")
                .body(Map.of("scope", "UNIT", "unitId", unit.toString())).post("/api/v1/plans").then().statusCode(201)
                .extract().path("id"));
    }

    private static void awaitJob(UUID job) {
        for (int i = 0; i < 200; i++) {
            String status = given().get("/api/v1/imports/" + job).then().statusCode(200).extract().path("status");
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        fail("import job " + job + " did not finish");
    }

    /** The token of a role scoped to world A. */
    static String token(int role) {
        return switch (role) {
            case 0 -> TestTokens.role("PROVINCE_ADMIN").name("matrix-province").sign();
            case 1 -> TestTokens.regionAdmin("6210");
            case 2 -> TestTokens.unitAdmin(a.unit());
            case 3 -> TestTokens.cadre(a.cadre());
            case 4 -> TestTokens.auditor();
            default -> TestTokens.integration();
        };
    }

    // ---------------------------------------------------------------------------------------------------------
    // the table
    // ---------------------------------------------------------------------------------------------------------

    /**
     * One operation: method and OpenAPI path; the request against a world; expected status per role (order of
     * {@link #ROLES}) in world A and in world B; whether a scoped role's out-of-scope answer must equal the one
     * for unknown ids; whether the body is a list that must not name world B.
     */
    record Op(String method, String path, Function<World, String> url, Function<World, Object> body, String type,
            int[] in, int[] out, boolean compareUnknown, boolean list) {
    }

    static int[] s(int... statuses) {
        return statuses;
    }

    static final int[] READ_IN = s(200, 200, 200, 200, 200, 200);
    static final int[] READ_OUT = s(200, 404, 404, 404, 200, 200);

    static Op read(String path, Function<World, String> url) {
        return new Op("GET", path, url, null, null, READ_IN, READ_OUT, true, false);
    }

    static Op list(String path, Function<World, String> url) {
        return new Op("GET", path, url, null, null, READ_IN, READ_IN, false, true);
    }

    static Op write(String method, String path, Function<World, String> url, Function<World, Object> body, int[] in,
            int[] out, boolean compare) {
        return new Op(method, path, url, body, "application/json", in, out, compare, false);
    }

    static Map<String, Object> end(String reason) {
        Map<String, Object> m = new HashMap<>();
        m.put("reason", reason);
        m.put("date", TODAY);
        m.put("approvedBy", "矩阵审批人");
        return m;
    }

    static List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        // units
        ops.add(write("POST", "/api/v1/units", w -> "/api/v1/units",
                w -> Fixtures.unit(w.unitName(), "COUNTY", "PUBLIC_INSTITUTION", w.county6()),
                s(409, 409, 403, 403, 403, 403), s(409, 422, 403, 403, 403, 403), false));
        ops.add(read("/api/v1/units/{id}", w -> "/api/v1/units/" + w.unit()));
        ops.add(write("PUT", "/api/v1/units/{id}", w -> "/api/v1/units/" + w.unit(), w -> {
            Map<String, Object> m = Fixtures.unit(w.unitName(), "COUNTY", "PUBLIC_INSTITUTION", w.county6());
            m.put("version", 999);
            return m;
        }, s(409, 409, 409, 403, 403, 403), s(409, 404, 404, 403, 403, 403), true));
        ops.add(list("/api/v1/units", w -> "/api/v1/units?region=" + w.prefix()));
        ops.add(list("/api/v1/units/village-bands", w -> "/api/v1/units/village-bands"));
        ops.add(write("POST", "/api/v1/units/{id}/villages", w -> "/api/v1/units/" + w.unit() + "/villages",
                w -> Map.of("villageCode", w.village()), s(409, 409, 403, 403, 403, 403),
                s(409, 404, 403, 403, 403, 403), true));
        ops.add(read("/api/v1/units/{id}/villages", w -> "/api/v1/units/" + w.unit() + "/villages"));
        ops.add(write("POST", "/api/v1/units/{id}/villages/{villageCode}/end",
                w -> "/api/v1/units/" + w.unit() + "/villages/" + w.village() + "/end",
                w -> end("CORRECTION_APPROVED"), s(422, 422, 403, 403, 403, 403), s(422, 404, 403, 403, 403, 403),
                true));
        ops.add(write("POST", "/api/v1/units/{id}/pairings/confirm", w -> "/api/v1/units/" + w.unit()
                + "/pairings/confirm", w -> Map.of("confirmedBy", "矩阵确认人"), s(422, 422, 422, 403, 403, 403),
                s(422, 404, 404, 403, 403, 403), true));
        ops.add(new Op("POST", "/api/v1/units/imports", w -> "/api/v1/units/imports", w -> "no,such,header\n1,2,3\n",
                "text/csv", s(400, 400, 403, 403, 403, 403), s(400, 400, 403, 403, 403, 403), false, false));
        // cadres
        ops.add(write("POST", "/api/v1/cadres", w -> "/api/v1/cadres",
                w -> Fixtures.cadre("矩阵重号", w.cadreIdNumber(), w.unit(), "OTHER"), s(409, 409, 409, 403, 403, 403),
                s(409, 422, 422, 403, 403, 403), true));
        ops.add(read("/api/v1/cadres/{id}", w -> "/api/v1/cadres/" + w.cadre()));
        ops.add(write("PUT", "/api/v1/cadres/{id}", w -> "/api/v1/cadres/" + w.cadre(), w -> {
            Map<String, Object> m = Fixtures.cadre(w.cadreName(), w.cadreIdNumber(), w.unit(), "OTHER");
            m.put("version", 999);
            return m;
        }, s(409, 409, 409, 403, 403, 403), s(409, 404, 404, 403, 403, 403), true));
        ops.add(list("/api/v1/cadres", w -> "/api/v1/cadres?unit=" + w.unit()));
        ops.add(write("POST", "/api/v1/cadres/{id}/counties", w -> "/api/v1/cadres/" + w.cadre() + "/counties",
                w -> Map.of("countyCode", w.county6(), "villageCode", w.village()), s(422, 422, 403, 403, 403, 403),
                s(422, 404, 403, 403, 403, 403), true));
        ops.add(read("/api/v1/cadres/{id}/counties", w -> "/api/v1/cadres/" + w.cadre() + "/counties"));
        ops.add(write("POST", "/api/v1/cadres/{id}/counties/{countyCode}/end",
                w -> "/api/v1/cadres/" + w.cadre() + "/counties/" + w.county6() + "/end",
                w -> end("CORRECTION_APPROVED"), s(404, 404, 403, 403, 403, 403), s(404, 404, 403, 403, 403, 403),
                false));
        ops.add(write("POST", "/api/v1/cadres/{id}/departure", w -> "/api/v1/cadres/" + w.cadre() + "/departure",
                w -> Map.of("status", "TRANSFERRED", "date", TODAY, "handovers", List.of()),
                s(422, 422, 422, 403, 403, 403), s(422, 404, 404, 403, 403, 403), true));
        ops.add(new Op("POST", "/api/v1/cadres/imports", w -> "/api/v1/cadres/imports", w -> "no,such,header\n1,2,3\n",
                "text/csv", s(400, 400, 400, 403, 403, 403), s(400, 400, 400, 403, 403, 403), false, false));
        // pairings
        ops.add(write("POST", "/api/v1/pairings", w -> "/api/v1/pairings",
                w -> Map.of("cadreId", w.cadre().toString(), "householdId", w.household().toString()),
                s(409, 409, 409, 403, 403, 403), s(409, 422, 422, 403, 403, 403), true));
        ops.add(read("/api/v1/pairings/{id}", w -> "/api/v1/pairings/" + w.pairing()));
        ops.add(read("/api/v1/pairings/{id}/history", w -> "/api/v1/pairings/" + w.pairing() + "/history"));
        ops.add(list("/api/v1/pairings", w -> "/api/v1/pairings?unit=" + w.unit()));
        ops.add(write("POST", "/api/v1/pairings/{id}/primary", w -> "/api/v1/pairings/" + w.pairing() + "/primary",
                w -> null, s(200, 200, 200, 403, 403, 403), s(200, 404, 404, 403, 403, 403), true));
        ops.add(write("DELETE", "/api/v1/pairings/{id}", w -> "/api/v1/pairings/" + w.pairingWithdrawn(), w -> null,
                s(409, 409, 409, 403, 403, 403), s(409, 404, 404, 403, 403, 403), true));
        ops.add(write("POST", "/api/v1/pairings/{id}/end", w -> "/api/v1/pairings/" + w.pairingWithdrawn() + "/end",
                w -> end("HOUSEHOLD_MOVED"), s(409, 409, 409, 403, 403, 403), s(409, 404, 404, 403, 403, 403), true));
        ops.add(read("/api/v1/households/{id}/pairings", w -> "/api/v1/households/" + w.household() + "/pairings"));
        // plans
        ops.add(write("POST", "/api/v1/plans", w -> "/api/v1/plans",
                w -> Map.of("scope", "UNIT", "unitId", w.unit().toString()), s(201, 201, 201, 403, 403, 403),
                s(201, 404, 404, 403, 403, 403), true));
        int[] planIn = s(200, 200, 200, 403, 200, 200);
        int[] planOut = s(200, 404, 404, 403, 200, 200);
        ops.add(new Op("GET", "/api/v1/plans/{id}", w -> "/api/v1/plans/" + w.plan(), null, null, planIn, planOut,
                true, false));
        ops.add(new Op("GET", "/api/v1/plans/{id}/items", w -> "/api/v1/plans/" + w.plan() + "/items", null, null,
                planIn, planOut, true, false));
        ops.add(new Op("GET", "/api/v1/plans/{id}/units", w -> "/api/v1/plans/" + w.plan() + "/units", null, null,
                planIn, planOut, true, false));
        ops.add(write("POST", "/api/v1/plans/{id}/confirm", w -> "/api/v1/plans/" + w.planDiscarded() + "/confirm",
                w -> Map.of("confirmedBy", "矩阵确认人"), s(409, 409, 409, 403, 403, 403),
                s(409, 404, 404, 403, 403, 403), true));
        ops.add(write("POST", "/api/v1/plans/{id}/discard", w -> "/api/v1/plans/" + w.planDiscarded() + "/discard",
                w -> null, s(409, 409, 409, 403, 403, 403), s(409, 404, 404, 403, 403, 403), true));
        // import jobs: world A's was submitted by A's region admin, B's by B's
        ops.add(new Op("GET", "/api/v1/imports/{id}", w -> "/api/v1/imports/" + w.job(), null, null,
                s(200, 200, 404, 403, 200, 200), s(200, 404, 404, 403, 200, 200), true, false));
        ops.add(new Op("GET", "/api/v1/imports/{id}/errors", w -> "/api/v1/imports/" + w.job() + "/errors", null, null,
                s(200, 200, 404, 403, 200, 200), s(200, 404, 404, 403, 200, 200), true, false));
        // villages
        ops.add(read("/api/v1/villages/{code}", w -> "/api/v1/villages/" + w.village()));
        // counts: region-level roles; a REGION_ADMIN's count outside its prefix is all zeros (see below)
        ops.add(new Op("GET", "/api/v1/villages/counts", w -> "/api/v1/villages/counts?under=" + w.prefix(), null,
                null, s(200, 200, 403, 403, 200, 200), s(200, 200, 403, 403, 200, 200), false, true));
        // audit (lianhu-api-support)
        ops.add(new Op("GET", "/api/v1/audit", w -> "/api/v1/audit?entity=unit&entityId=" + w.unit(), null, null,
                s(200, 403, 403, 403, 200, 403), s(200, 403, 403, 403, 200, 403), false, false));
        // dead letters (lianhu-api-support, issue 8 point 3): PROVINCE_ADMIN only; replaying no such record is 404
        ops.add(new Op("GET", "/api/v1/dead-letters", w -> "/api/v1/dead-letters?size=1", null, null,
                s(200, 403, 403, 403, 403, 403), s(200, 403, 403, 403, 403, 403), false, false));
        ops.add(new Op("POST", "/api/v1/dead-letters/{partition}/{offset}/replay",
                w -> "/api/v1/dead-letters/0/999999999/replay", null, null, s(404, 403, 403, 403, 403, 403),
                s(404, 403, 403, 403, 403, 403), false, false));
        return ops;
    }

    private static Response send(Op op, World w, String token) {
        RequestSpecification r = given().header("Authorization", TestTokens.bearer(token));
        Object body = op.body() == null ? null : op.body().apply(w);
        if (body != null) {
            r = r.contentType(op.type());
            r = body instanceof String str ? r.body(str) : r.body(body);
        }
        return r.request(op.method(), op.url().apply(w));
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void countsOutsideARegionAdminsPrefixAreZeroAndItsDefaultIsItsOwnRegion() {
        given().header("Authorization", TestTokens.bearer(token(1)))
                .when().get("/api/v1/villages/counts?under=" + b.prefix())
                .then().statusCode(200)
                .body("under", org.hamcrest.Matchers.equalTo(b.prefix() + "00000000"))
                .body("poorCounties", org.hamcrest.Matchers.equalTo(0))
                .body("villages", org.hamcrest.Matchers.equalTo(0))
                .body("households", org.hamcrest.Matchers.equalTo(0));
        given().header("Authorization", TestTokens.bearer(token(1)))
                .when().get("/api/v1/villages/counts?under=62")
                .then().statusCode(200).body("households", org.hamcrest.Matchers.equalTo(0));
        int own = given().header("Authorization", TestTokens.bearer(token(1)))
                .when().get("/api/v1/villages/counts")
                .then().statusCode(200)
                .body("under", org.hamcrest.Matchers.equalTo("621000000000"))
                .extract().path("households");
        int asProvince = given().when().get("/api/v1/villages/counts?under=6210").then().statusCode(200)
                .extract().path("households");
        assertEquals(asProvince, own);
        assertTrue(own > 0, "world A has households");
    }

    @Test
    void aUnitAdminCannotMoveItsUnitToAnotherRegion() {
        Map<String, Object> unit = given().when().get("/api/v1/units/" + a.unit()).then().statusCode(200)
                .extract().jsonPath().getMap("$");
        for (String[] change : new String[][] { { "regionCode", b.county6() } }) {
            Map<String, Object> body = Fixtures.unit((String) unit.get("name"), (String) unit.get("level"),
                    (String) unit.get("kind"), ((String) unit.get("regionCode")).substring(0, 6));
            body.put(change[0], change[1]);
            body.put("version", unit.get("version"));
            given().header("Authorization", TestTokens.bearer(token(2))).contentType("application/json").body(body)
                    .when().put("/api/v1/units/" + a.unit())
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo(change[0]))
                    .body("errors[0].rule", org.hamcrest.Matchers.equalTo("role.not-allowed"));
        }
        given().when().get("/api/v1/units/" + a.unit()).then().statusCode(200)
                .body("regionCode", org.hamcrest.Matchers.equalTo(unit.get("regionCode")))
                .body("level", org.hamcrest.Matchers.equalTo(unit.get("level")))
                .body("version", org.hamcrest.Matchers.equalTo(unit.get("version")));
    }

    @Test
    void everyOperationOfTheOpenApiDocumentIsInTheMatrix() throws Exception {
        JsonNode doc = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().startsWith("/api")) {
                continue;
            }
            for (Iterator<String> m = e.getValue().fieldNames(); m.hasNext();) {
                String method = m.next().toUpperCase();
                if (Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    documented.add(method + " " + e.getKey());
                }
            }
        }
        Set<String> covered = new TreeSet<>();
        operations().forEach(op -> covered.add(op.method() + " " + op.path()));
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(covered);
        assertEquals(Set.of(), missing, "operations of the OpenAPI document missing from the matrix");
        Set<String> stale = new TreeSet<>(covered);
        stale.removeAll(documented);
        assertEquals(Set.of(), stale, "matrix rows for operations the document does not have");
        assertEquals(40, documented.size());
    }

    @Test
    void everyOperationTimesEveryRoleInAndOutOfScope() throws Exception {
        List<String> failures = new ArrayList<>();
        Set<String> worldB = Set.of(b.unit().toString(), b.unitName(), b.cadre().toString(), b.cadreName(),
                b.cadre2().toString(), b.household().toString(), b.pairing().toString(), b.village(),
                b.plan().toString());
        long auditBefore = data.count("select count(*) from audit_entry");
        int checks = 0;
        for (Op op : operations()) {
            for (int role = 0; role < ROLES.length; role++) {
                String token = token(role);
                for (World w : List.of(a, b)) {
                    int expected = (w == a ? op.in() : op.out())[role];
                    Response r = send(op, w, token);
                    checks++;
                    String where = op.method() + " " + op.path() + " as " + ROLES[role] + " in world "
                            + (w == a ? "A" : "B");
                    if (r.statusCode() != expected) {
                        failures.add(where + ": " + r.statusCode() + " (expected " + expected + ") "
                                + r.asString());
                        continue;
                    }
                    boolean scoped = role >= 1 && role <= 3;
                    if (scoped && r.statusCode() == 200) {
                        String body = r.asString();
                        for (String s : worldB) {
                            if (w == a && body.contains(s)) {
                                failures.add(where + ": body names world B (" + s + "): " + body);
                            }
                        }
                        if (op.list() && w == b) {
                            for (String s : worldB) {
                                if (body.contains(s)) {
                                    failures.add(where + ": list names world B (" + s + "): " + body);
                                }
                            }
                        }
                    }
                    if (scoped && w == b && op.compareUnknown() && (expected == 404 || expected == 422)) {
                        Response u = send(op, unknown, token);
                        String got = normalise(r.asString(), b);
                        String want = normalise(u.asString(), unknown);
                        if (u.statusCode() != expected || !got.equals(want)) {
                            failures.add(where + ": out of scope " + got + " differs from unknown " + u.statusCode()
                                    + " " + want);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + checks + " checks failed");
        assertEquals(40 * 12, checks);
        // every refused write changed nothing: the only audit entries written meanwhile are the six plans made by
        // roles allowed to (province admin twice, region and unit admin of A once each) and nothing else
        assertEquals(4, data.count("select count(*) from audit_entry") - auditBefore);
    }

    /** A problem body with the world's ids replaced and the instance dropped, for comparison. */
    private static String normalise(String body, World w) throws Exception {
        String s = body;
        for (Object id : List.of(w.unit(), w.cadre(), w.household(), w.pairing(), w.pairingWithdrawn(), w.plan(),
                w.planDiscarded(), w.job(), w.village(), w.cadre2())) {
            s = s.replace(id.toString(), "<id>");
        }
        JsonNode n = JSON.readTree(s);
        if (n.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove("instance");
        }
        return n.toString();
    }

    @Test
    void badTokensAre401OnReadsAndWrites() {
        for (String bad : List.of(TestTokens.expired(), TestTokens.malformed(), TestTokens.wrongKey(),
                TestTokens.wrongIssuer())) {
            given().header("Authorization", TestTokens.bearer(bad)).get("/api/v1/units/" + a.unit()).then()
                    .statusCode(401);
            given().header("Authorization", TestTokens.bearer(bad)).contentType("application/json")
                    .body(Map.of("cadreId", a.cadre().toString(), "householdId", a.household().toString()))
                    .post("/api/v1/pairings").then().statusCode(401);
        }
    }

    @Test
    void aRegionAdminsWritesAreAuditedWithActorRoleBeforeAndAfterAndMaskedNumbers() throws Exception {
        String t = Fixtures.token();
        String admin = TestTokens.role("REGION_ADMIN").name("matrix-region-" + t).claim("region", "6210").sign();
        String idNumber = Fixtures.idNumber("621021");
        String cadre = given().header("Authorization", TestTokens.bearer(admin)).contentType("application/json")
                .body(Fixtures.cadre("审计干部" + t, idNumber, a.unit(), "OTHER")).post("/api/v1/cadres").then()
                .statusCode(201).extract().path("id");
        Map<String, Object> update = Fixtures.cadre("审计干部改" + t, idNumber, a.unit(), "OTHER");
        update.put("phone", "13912345678");
        given().header("Authorization", TestTokens.bearer(admin)).contentType("application/json").body(update)
                .put("/api/v1/cadres/" + cadre).then().statusCode(200);
        Response trail = given().get("/api/v1/audit?entity=cadre&entityId=" + cadre);
        trail.then().statusCode(200);
        assertEquals(2, trail.jsonPath().getInt("total"));
        // one clock instant (the test clock is fixed): find the entries by action
        String updated = "items.find { it.action == 'UPDATED' }";
        assertEquals("matrix-region-" + t, trail.jsonPath().getString(updated + ".actor"));
        assertEquals("REGION_ADMIN", trail.jsonPath().getString(updated + ".actorRole"));
        assertEquals("审计干部" + t, trail.jsonPath().getString(updated + ".before.name"));
        assertEquals("审计干部改" + t, trail.jsonPath().getString(updated + ".after.name"));
        assertEquals("139****5678", trail.jsonPath().getString(updated + ".after.phoneMasked"));
        assertEquals("CREATED", trail.jsonPath().getString("items.find { it.before == null }.action"));
        assertFalse(trail.asString().contains(idNumber), "the audit trail holds the full ID number");
        assertFalse(trail.asString().contains("13912345678"), "the audit trail holds the full phone");
        Response byActor = given().get("/api/v1/audit?actor=matrix-region-" + t);
        byActor.then().statusCode(200);
        assertEquals(2, byActor.jsonPath().getInt("total"));
        given().header("Authorization", TestTokens.bearer(TestTokens.auditor())).get("/api/v1/audit?actor=matrix-region-" + t)
                .then().statusCode(200);
        // a real unit import by the region admin: one entry per job, with the file's counts
        String job = given().header("Authorization", TestTokens.bearer(admin)).contentType("text/csv")
                .body("name,level,kind,region_code\n审计导入" + t + ",COUNTY,PUBLIC_INSTITUTION,621021\n")
                .post("/api/v1/units/imports").then().statusCode(202).extract().path("id");
        awaitJob(UUID.fromString(job));
        Response imp = given().get("/api/v1/audit?entity=unit-import&entityId=" + job);
        assertEquals(1, imp.jsonPath().getInt("total"), imp.asString());
        assertEquals("IMPORTED", imp.jsonPath().getString("items[0].action"));
        assertEquals("matrix-region-" + t, imp.jsonPath().getString("items[0].actor"));
        assertEquals(1, imp.jsonPath().getInt("items[0].after.imported"));
    }

    @Test
    void fullCadreNumbersOnlyWithThePiiClaim() {
        String withPii = TestTokens.provinceAdmin();
        String withoutPii = TestTokens.role("PROVINCE_ADMIN").name("matrix-no-pii").pii(false).sign();
        given().header("Authorization", TestTokens.bearer(withPii)).get("/api/v1/cadres/" + a.cadre()).then()
                .statusCode(200).body("idNumber", org.hamcrest.Matchers.equalTo(a.cadreIdNumber()))
                .body("idNumberMasked", org.hamcrest.Matchers.not(a.cadreIdNumber()));
        String masked = given().header("Authorization", TestTokens.bearer(withoutPii)).get("/api/v1/cadres/" + a.cadre())
                .then().statusCode(200).body("idNumber", org.hamcrest.Matchers.nullValue())
                .body("idNumberMasked", org.hamcrest.Matchers.equalTo(cn.gansu.lianhu.api.IdNumbers.mask(a.cadreIdNumber())))
                .extract().asString();
        assertFalse(masked.contains(a.cadreIdNumber()));
        String list = given().header("Authorization", TestTokens.bearer(withoutPii))
                .get("/api/v1/cadres?unit=" + a.unit()).then().statusCode(200).extract().asString();
        assertFalse(list.contains(a.cadreIdNumber()));
        assertTrue(given().header("Authorization", TestTokens.bearer(withPii)).get("/api/v1/cadres?unit=" + a.unit())
                .asString().contains(a.cadreIdNumber()));
    }

    @Test
    void writesNamingOutOfScopeThingsAnswerAsForUnknownOnes() {
        String region = TestTokens.regionAdmin("6210");
        // a village of another prefecture is an unknown village to A's region admin
        Response out = given().header("Authorization", TestTokens.bearer(region)).contentType("application/json")
                .body(Map.of("villageCode", b.village())).post("/api/v1/units/" + a.unit() + "/villages");
        Response none = given().header("Authorization", TestTokens.bearer(region)).contentType("application/json")
                .body(Map.of("villageCode", "621021199999")).post("/api/v1/units/" + a.unit() + "/villages");
        assertEquals(422, out.statusCode());
        assertEquals("village-link.unknown-village", out.jsonPath().getString("errors[0].rule"));
        assertEquals(none.jsonPath().getString("errors[0].rule"), out.jsonPath().getString("errors[0].rule"));
        // a unit in another prefecture
        given().header("Authorization", TestTokens.bearer(region)).contentType("application/json")
                .body(Fixtures.unit("越界单位" + Fixtures.token(), "COUNTY", "PUBLIC_INSTITUTION", b.county6()))
                .post("/api/v1/units").then().statusCode(422)
                .body("errors[0].rule", org.hamcrest.Matchers.equalTo("unit.region-outside-scope"));
        // plans: PROVINCE only for the province admin, COUNTY not for a unit admin, a county outside is unknown
        given().header("Authorization", TestTokens.bearer(region)).contentType("application/json")
                .body(Map.of("scope", "PROVINCE")).post("/api/v1/plans").then().statusCode(403)
                .body("errors[0].rule", org.hamcrest.Matchers.equalTo("role.not-allowed"));
        given().header("Authorization", TestTokens.bearer(TestTokens.unitAdmin(a.unit()))).contentType("application/json")
                .body(Map.of("scope", "COUNTY", "countyCode", a.county6())).post("/api/v1/plans").then().statusCode(403);
        Response county = given().header("Authorization", TestTokens.bearer(region)).contentType("application/json")
                .body(Map.of("scope", "COUNTY", "countyCode", b.county6())).post("/api/v1/plans");
        assertEquals(404, county.statusCode(), county.asString());
        // a cadre import naming a unit of another prefecture: the row fails as for an unknown unit
        String job = given().header("Authorization", TestTokens.bearer(region)).contentType("text/csv")
                .queryParam("dryRun", true).body("name,id_number,unit_id,rank\n越界干部," + Fixtures.idNumber("621221")
                        + "," + b.unit() + ",OTHER\n")
                .post("/api/v1/cadres/imports").then().statusCode(202).extract().path("id");
        awaitJob(UUID.fromString(job));
        given().header("Authorization", TestTokens.bearer(region)).get("/api/v1/imports/" + job + "/errors").then()
                .statusCode(200).body("items[0].rule", org.hamcrest.Matchers.equalTo("cadre.unknown-unit"));
        // a unit import row in another prefecture
        String unitJob = given().header("Authorization", TestTokens.bearer(region)).contentType("text/csv")
                .queryParam("dryRun", true).body("name,level,kind,region_code\n越界导入,COUNTY,PUBLIC_INSTITUTION,"
                        + b.county6() + "\n")
                .post("/api/v1/units/imports").then().statusCode(202).extract().path("id");
        awaitJob(UUID.fromString(unitJob));
        given().header("Authorization", TestTokens.bearer(region)).get("/api/v1/imports/" + unitJob + "/errors").then()
                .statusCode(200).body("items[0].rule", org.hamcrest.Matchers.equalTo("unit.region-outside-scope"));
        assertNotNull(job);
    }

    @Test
    void aUnitCreditCodeOfAnotherPrefectureIsADuplicateButTheUnitIsNamedOnlyInScope() {
        String first17 = "12621200MB" + String.format("%07d", Math.abs(System.nanoTime() % 10_000_000));
        String code = first17 + cn.gansu.lianhu.pairing.domain.CreditCodes.checkCharacter(first17);
        Map<String, Object> inB = Fixtures.unit("矩阵信用代码单位乙", "COUNTY", "PUBLIC_INSTITUTION", b.county6());
        inB.put("creditCode", code);
        String other = given().contentType("application/json").body(inB).post("/api/v1/units")
                .then().statusCode(201).extract().path("id");
        Map<String, Object> inA = Fixtures.unit("矩阵信用代码单位甲", "COUNTY", "PUBLIC_INSTITUTION", a.county6());
        inA.put("creditCode", code);
        String message = given().header("Authorization", TestTokens.bearer(token(1))).contentType("application/json")
                .body(inA).post("/api/v1/units")
                .then().statusCode(409).body("errors[0].rule", org.hamcrest.Matchers.equalTo("unit.duplicate-credit-code"))
                .extract().path("errors[0].message");
        assertEquals("credit code " + code + " is already registered for another unit", message);
        given().contentType("application/json").body(inA).post("/api/v1/units")
                .then().statusCode(409).body("errors[0].message", org.hamcrest.Matchers.containsString(other));
    }

    @Test
    void aCadreOfAnotherPrefectureIsADuplicateButIsNamedOnlyInScope() {
        String region = TestTokens.regionAdmin("6210");
        String province = TestTokens.role("PROVINCE_ADMIN").name("matrix-province").sign();
        String masked = cn.gansu.lianhu.api.IdNumbers.mask(b.cadreIdNumber());
        String elsewhere = "ID number " + masked + " is already registered for another cadre";
        String named = "ID number " + masked + " is already registered for cadre " + b.cadre();
        Map<String, Object> body = Fixtures.cadre("重复干部" + Fixtures.token(), b.cadreIdNumber(), a.unit(), "OTHER");
        // POST by A's region admin: the conflict stands (province-wide), the other cadre is not named
        Response post = given().header("Authorization", TestTokens.bearer(region)).contentType("application/json")
                .body(body).post("/api/v1/cadres");
        assertDuplicateIdNumber(post, elsewhere);
        // PUT by A's region admin, giving A's second cadre B's ID number
        Response put = given().header("Authorization", TestTokens.bearer(region)).contentType("application/json")
                .body(body).put("/api/v1/cadres/" + a.cadre2());
        assertDuplicateIdNumber(put, elsewhere);
        // the province admin is told which cadre
        Response provincePost = given().header("Authorization", TestTokens.bearer(province))
                .contentType("application/json").body(body).post("/api/v1/cadres");
        assertEquals(409, provincePost.statusCode(), provincePost.asString());
        assertEquals(named, provincePost.jsonPath().getString("detail"));
        assertEquals(named, provincePost.jsonPath().getString("errors[0].message"));
        Response provincePut = given().header("Authorization", TestTokens.bearer(province))
                .contentType("application/json").body(body).put("/api/v1/cadres/" + a.cadre2());
        assertEquals(409, provincePut.statusCode(), provincePut.asString());
        assertEquals(named, provincePut.jsonPath().getString("detail"));
        // import rows (dry run): B's cadre is "another cadre", A's own cadre is named with its status
        String file = "name,id_number,unit_id,rank\n重复干部," + b.cadreIdNumber() + "," + a.unit() + ",OTHER\n"
                + "重复干部二," + a.cadreIdNumber() + "," + a.unit() + ",OTHER\n";
        String job = given().header("Authorization", TestTokens.bearer(region)).contentType("text/csv")
                .queryParam("dryRun", true).body(file).post("/api/v1/cadres/imports").then().statusCode(202)
                .extract().path("id");
        awaitJob(UUID.fromString(job));
        assertEquals("DRY_RUN_FAILED", given().get("/api/v1/imports/" + job).then().statusCode(200).extract()
                .path("status"));
        Response errors = given().header("Authorization", TestTokens.bearer(region))
                .get("/api/v1/imports/" + job + "/errors");
        errors.then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(2))
                .body("items[0].row", org.hamcrest.Matchers.equalTo(2))
                .body("items[0].column", org.hamcrest.Matchers.equalTo("id_number"))
                .body("items[0].rule", org.hamcrest.Matchers.equalTo("cadre.duplicate-id-number"))
                .body("items[0].message", org.hamcrest.Matchers.equalTo(elsewhere))
                .body("items[0].rejectedValue", org.hamcrest.Matchers.equalTo(masked))
                .body("items[1].row", org.hamcrest.Matchers.equalTo(3))
                .body("items[1].rule", org.hamcrest.Matchers.equalTo("cadre.duplicate-id-number"))
                .body("items[1].message", org.hamcrest.Matchers.equalTo("ID number "
                        + cn.gansu.lianhu.api.IdNumbers.mask(a.cadreIdNumber()) + " is already registered for cadre "
                        + a.cadre() + " (ACTIVE)"));
        assertFalse(errors.asString().contains(b.cadre().toString()), errors.asString());
        assertFalse(errors.asString().contains(b.unit().toString()), errors.asString());
        // the same file from the province admin names B's cadre too
        String provinceJob = given().header("Authorization", TestTokens.bearer(province)).contentType("text/csv")
                .queryParam("dryRun", true).body(file).post("/api/v1/cadres/imports").then().statusCode(202)
                .extract().path("id");
        awaitJob(UUID.fromString(provinceJob));
        given().header("Authorization", TestTokens.bearer(province)).get("/api/v1/imports/" + provinceJob + "/errors")
                .then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(2))
                .body("items[0].rule", org.hamcrest.Matchers.equalTo("cadre.duplicate-id-number"))
                .body("items[0].message", org.hamcrest.Matchers.equalTo(named + " (ACTIVE)"));
    }

    private static void assertDuplicateIdNumber(Response r, String message) {
        assertEquals(409, r.statusCode(), r.asString());
        assertEquals("urn:lianhu:problem:conflict", r.jsonPath().getString("type"));
        assertEquals(message, r.jsonPath().getString("detail"));
        assertEquals(1, r.jsonPath().getList("errors").size());
        assertEquals("idNumber", r.jsonPath().getString("errors[0].field"));
        assertEquals("cadre.duplicate-id-number", r.jsonPath().getString("errors[0].rule"));
        assertEquals(message, r.jsonPath().getString("errors[0].message"));
        assertFalse(r.asString().contains(b.cadre().toString()), r.asString());
        assertFalse(r.asString().contains(b.cadreIdNumber()), r.asString());
    }
}
