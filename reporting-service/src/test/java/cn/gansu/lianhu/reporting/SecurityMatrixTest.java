package cn.gansu.lianhu.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Issue 6 point 6: every operation of reporting's OpenAPI document × the six roles × in scope / out of scope, with the
 * exact status; an out-of-scope request answers exactly like one for an unknown region, unit or cadre (status, type,
 * title, detail wording, errors, instance — the ids replaced); bodies returned to scoped roles never name the other
 * world; CSV downloads of scoped roles hold only their own world; rebuilds are PROVINCE_ADMIN's (refused ones start
 * nothing) and audited; bad tokens are 401; reporting holds no personal number, and names masked in a report stay
 * masked for every caller, with or without {@code pii}.
 *
 * <p>Two worlds, built once from events on the real broker (the region designations are the test's own):
 * <pre>
 * A (in scope)  嘉峪关市 6202 / 620201 (poor county, no leader) / 新城镇 620201100: 横沟村 620201100201 (poor, linked to U1), 长城村 620201100202
 *               (poor, no unit); unit U1 (county level, region 620201, 2 villages required, 1 linked); cadres C1
 *               (minimum 2, paired with hA1) and C1b (no household); households hA1 马长城 (paired), hA2 (no cadre);
 *               a visit of C1 to hA1 on 2026-03-02 (in home) with one open demand (deadline 2026-04-01).
 * B (out)       甘南藏族自治州 6230 / 迭部县 623024 (poor county, no leader) / 电尕镇 623024100: 电尕村 623024100200 and 蔬菜村 623024100201, unit U2,
 *               cadres C2 and C2b, households hB1 扎西才让 and hB2, visit and demand: the same shape.
 * </pre>
 * The region admin is REGION_ADMIN of 6202, the unit admin UNIT_ADMIN of U1, the cadre C1. No other reporting test
 * uses 6202 or 623024 (6230's other counties belong to RegistryEventsCoverageTest, which runs before).
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityMatrixTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration REBUILD_WAIT = Duration.ofSeconds(180);
    private static final String PROVINCE = "620000000000";

    /** The roles of the matrix, in the order of the expectations below. */
    enum R {
        PROVINCE_ADMIN, REGION_ADMIN, UNIT_ADMIN, CADRE, AUDITOR, INTEGRATION
    }

    /** What an operation is about, which decides who may call it and what "out of scope" means. */
    enum Kind {
        REGION, UNIT, CADRE, ANY, AUDIT, REBUILD, DEAD_LETTERS
    }

    /** One world of the test: its region, unit, cadres and households. */
    record World(String prefecture, String county, String village1, String village2, UUID unit, String unitName,
            UUID cadre, String cadreName, UUID idleCadre, String household1, String household2, String head1) {
        String prefectureFull() {
            return prefecture + "00000000";
        }

        String countyFull() {
            return county + "000000";
        }

        /** Ids and names of this world that must never reach a caller scoped to the other one. */
        List<String> secrets() {
            return List.of(prefectureFull(), county, village1, village2, unit.toString(), unitName, cadre.toString(),
                    cadreName, idleCadre.toString(), household1, household2);
        }
    }

    /**
     * One operation of the OpenAPI document.
     *
     * @param path   the concrete request for a world (path and query)
     * @param marker something the 200 body for that world must contain (so that a body filtered to nothing fails)
     */
    record Op(String method, String template, Kind kind, Function<World, String> path, Function<World, String> marker) {
        String key() {
            return method + " " + template;
        }
    }

    private static World a;
    private static World b;
    /** A world reporting never heard of: the answer every out-of-scope request must equal. */
    private static final World UNKNOWN = new World("6297", "629701", "629701100200", "629701100201", UUID.randomUUID(),
            "-", UUID.randomUUID(), "-", UUID.randomUUID(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
            "-");
    private static final Map<R, String> TOKENS = new LinkedHashMap<>();
    private static String rebuildId;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private ReportingEvents events;

    @BeforeEach
    void worlds() {
        events = new ReportingEvents(mapper);
        synchronized (SecurityMatrixTest.class) {
            if (a != null) {
                return;
            }
            events.region(PROVINCE, "甘肃省", "PROVINCE", null, false, false);
            a = world("6202", "嘉峪关市", "620201", "嘉峪关市", true, "620201100", "新城镇", "620201100201", "横沟村村民委员会",
                    "620201100202", "长城村村民委员会", "嘉峪关市农业农村局", "秦嘉峪", "郑关城", "马长城", "杨新城");
            b = world("6230", "甘南藏族自治州", "623024", "迭部县", true, "623024100", "电尕镇", "623024100200", "电尕村民委员会",
                    "623024100201", "蔬菜村民委员会", "迭部县农业农村局", "卓洛桑", "旦正加", "扎西才让", "才让措");
            for (World w : List.of(a, b)) {
                await().atMost(WAIT).untilAsserted(() -> {
                    given().when().get("/api/v1/regions/{code}/coverage", w.county()).then().statusCode(200)
                            .body("households.total", equalTo(2)).body("targets.activePairings", equalTo(1))
                            .body("targets.activeVillageLinks", equalTo(1)).body("participants.cadres", equalTo(2));
                    given().when().get("/api/v1/regions/{code}/visits", w.county()).then().statusCode(200)
                            .body("visits.total", equalTo(1)).body("demands.opened", equalTo(1));
                });
            }
            TOKENS.put(R.PROVINCE_ADMIN, TestTokens.provinceAdmin());
            TOKENS.put(R.REGION_ADMIN, TestTokens.regionAdmin(a.prefecture()));
            TOKENS.put(R.UNIT_ADMIN, TestTokens.unitAdmin(a.unit()));
            TOKENS.put(R.CADRE, TestTokens.cadre(a.cadre()));
            TOKENS.put(R.AUDITOR, TestTokens.auditor());
            TOKENS.put(R.INTEGRATION, TestTokens.integration());
        }
    }

    private World world(String prefecture, String prefectureName, String county, String countyName, boolean poorCounty,
            String township, String townshipName, String village1, String village1Name, String village2,
            String village2Name, String unitName, String cadreName, String idleCadreName, String head1, String head2) {
        String pf = prefecture + "00000000";
        String cf = county + "000000";
        String tf = township + "000";
        events.region(pf, prefectureName, "PREFECTURE", PROVINCE, false, false);
        events.region(cf, countyName, "COUNTY", pf, poorCounty, false);
        events.region(tf, townshipName, "TOWNSHIP", cf, false, false);
        events.region(village1, village1Name, "VILLAGE", tf, false, true);
        events.region(village2, village2Name, "VILLAGE", tf, false, true);
        String h1 = events.household(village1, head1, "IN_POVERTY");
        String h2 = events.household(village2, head2, "IN_POVERTY");
        UUID unit = events.unit(unitName, "COUNTY", cf, 2, 2);
        UUID cadre = events.cadre(unit, cadreName, "OTHER", 2);
        UUID idle = events.cadre(unit, idleCadreName, "OTHER", 1);
        events.villageLink(UUID.randomUUID(), unit, village1, true);
        UUID pairing = events.pairing(cadre, unit, h1, village1, LocalDate.of(2026, 1, 10));
        UUID visit = events.visit(cadre, unit, h1, village1, pairing, "2026-03-02", "IN_HOME",
                List.of("POLICY_PUBLICITY", "PUBLIC_OPINION"), List.of(), 1);
        events.demand(UUID.randomUUID(), h1, village1, visit, unit, "OPEN", "2026-03-02", "2026-04-01", null, null, 1);
        return new World(prefecture, county, village1, village2, unit, unitName, cadre, cadreName, idle, h1, h2, head1);
    }

    /** Every operation of the OpenAPI document, how to call it for a world, and what its body must show. */
    private static List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        Function<World, String> prefectureFull = World::prefectureFull;
        Function<World, String> countyFull = World::countyFull;
        region(ops, "/api/v1/regions/{code}/coverage", "", prefectureFull);
        region(ops, "/api/v1/regions/{code}/children/coverage", "", countyFull);
        region(ops, "/api/v1/regions/{code}/children/visits", "", countyFull);
        region(ops, "/api/v1/regions/{code}/trends", "?from=2026-01&to=2026-11", prefectureFull);
        region(ops, "/api/v1/regions/{code}/units", "", w -> w.unit().toString());
        region(ops, "/api/v1/regions/{code}/visits", "", prefectureFull);
        region(ops, "/api/v1/regions/{code}/overdue-pairings", "", World::cadreName);
        region(ops, "/api/v1/regions/{code}/uncovered/counties-without-leader", "", countyFull);
        region(ops, "/api/v1/regions/{code}/uncovered/villages-without-unit", "", World::village2);
        region(ops, "/api/v1/regions/{code}/uncovered/households-without-cadre", "", World::household2);
        region(ops, "/api/v1/regions/{code}/uncovered/units-below-required", "", w -> w.unit().toString());
        region(ops, "/api/v1/regions/{code}/uncovered/cadres-below-minimum", "", w -> w.cadre().toString());
        region(ops, "/api/v1/regions/{code}/uncovered/cadres-without-households", "", w -> w.idleCadre().toString());
        region(ops, "/api/v1/assessment/regions/{code}/units", "?level=COUNTY", w -> w.unit().toString());
        region(ops, "/api/v1/assessment/regions/{code}/children", "", countyFull);
        for (String t : List.of("/api/v1/assessment/units/{id}/cadres", "/api/v1/units/{id}/cadres",
                "/api/v1/units/{id}/visits")) {
            ops.add(new Op("GET", t, Kind.UNIT, w -> t.replace("{id}", w.unit().toString()),
                    w -> t.endsWith("visits") ? w.unit().toString() : w.cadre().toString()));
        }
        ops.add(new Op("GET", "/api/v1/cadres/{id}/visits", Kind.CADRE,
                w -> "/api/v1/cadres/" + w.cadre() + "/visits", w -> w.cadre().toString()));
        ops.add(new Op("GET", "/api/v1/assessment/weights", Kind.ANY, w -> "/api/v1/assessment/weights",
                w -> "\"coverage\""));
        ops.add(new Op("GET", "/api/v1/audit", Kind.AUDIT, w -> "/api/v1/audit?entity=rebuild", w -> "\"items\""));
        // dead letters (lianhu-api-support, issue 8 point 3): PROVINCE_ADMIN only; the replay's roles are checked in
        // DeadLettersTest
        ops.add(new Op("GET", "/api/v1/dead-letters", Kind.DEAD_LETTERS, w -> "/api/v1/dead-letters?size=1",
                w -> "\"items\""));
        ops.add(new Op("POST", "/api/v1/dead-letters/{partition}/{offset}/replay", Kind.DEAD_LETTERS,
                w -> "/api/v1/dead-letters/0/999999999/replay", w -> null));
        ops.add(new Op("GET", "/api/v1/admin/rebuilds/{id}", Kind.REBUILD,
                w -> "/api/v1/admin/rebuilds/" + (w == a ? rebuildId : w.unit()),
                w -> rebuildId));
        ops.add(new Op("POST", "/api/v1/admin/rebuilds", Kind.REBUILD, w -> "/api/v1/admin/rebuilds", w -> null));
        return ops;
    }

    private static void region(List<Op> ops, String template, String query, Function<World, String> marker) {
        ops.add(new Op("GET", template, Kind.REGION, w -> template.replace("{code}", w.prefecture()) + query, marker));
    }

    /** The status a role gets in and out of scope (for an UNKNOWN-like 404 out of scope, 404). */
    private static int expected(Kind kind, R role, boolean inScope) {
        return switch (kind) {
        case REGION -> switch (role) {
            case PROVINCE_ADMIN, AUDITOR, INTEGRATION -> 200;
            case REGION_ADMIN -> inScope ? 200 : 404;
            default -> 403;
            };
        case UNIT -> switch (role) {
            case PROVINCE_ADMIN, AUDITOR, INTEGRATION -> 200;
            case REGION_ADMIN, UNIT_ADMIN -> inScope ? 200 : 404;
            default -> 403;
            };
        case CADRE -> switch (role) {
            case PROVINCE_ADMIN, AUDITOR, INTEGRATION -> 200;
            default -> inScope ? 200 : 404;
            };
        case ANY -> 200;
        case AUDIT -> role == R.PROVINCE_ADMIN || role == R.AUDITOR ? 200 : 403;
        case REBUILD -> role == R.PROVINCE_ADMIN ? (inScope ? 200 : 404) : 403;
        case DEAD_LETTERS -> role == R.PROVINCE_ADMIN ? 200 : 403;
        };
    }

    @Test
    @Order(1)
    void everyOperationOfTheOpenApiDocumentIsInTheMatrix() throws Exception {
        JsonNode doc = mapper.readTree(given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200).extract().asString());
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> {
            if (p.getKey().startsWith("/api")) {
                p.getValue().fieldNames().forEachRemaining(m -> {
                    if (Set.of("get", "post", "put", "patch", "delete").contains(m)) {
                        documented.add(m.toUpperCase() + " " + p.getKey());
                    }
                });
            }
        });
        Set<String> matrix = new TreeSet<>();
        operations().forEach(op -> matrix.add(op.key()));
        assertEquals(documented, matrix, "every /api operation of the OpenAPI document must be in the matrix");
        assertEquals(25, matrix.size());
    }

    @Test
    @Order(2)
    void everyReadByEveryRoleInAndOutOfScope() throws Exception {
        int checked = 0;
        for (Op op : operations()) {
            if (op.method().equals("POST") || op.kind() == Kind.REBUILD) {
                continue; // rebuilds: rebuildsAreProvinceAdminsAndAudited
            }
            for (R role : R.values()) {
                checkRead(op, role, true);
                checkRead(op, role, false);
                checked += 2;
            }
        }
        assertEquals(22 * 6 * 2, checked);
    }

    private void checkRead(Op op, R role, boolean inScope) throws Exception {
        World w = inScope ? a : b;
        String path = op.path().apply(w);
        String where = role + " " + (inScope ? "in" : "out of") + " scope: " + op.method() + " " + path;
        Response r = call(op.method(), path, TOKENS.get(role));
        int status = expected(op.kind(), role, inScope);
        assertEquals(status, r.statusCode(), where + " → " + r.asString());
        String body = r.asString();
        switch (status) {
        case 200 -> {
            String marker = op.marker().apply(w);
            assertTrue(body.contains(marker), where + ": body lacks " + marker + ": " + body);
            if (scoped(role)) {
                assertNoneOf(b, body, where);
            }
        }
        case 403 -> {
            assertEquals("application/problem+json", r.contentType(), where);
            assertEquals("role.not-allowed", r.jsonPath().getString("errors[0].rule"), where);
        }
        case 404 -> {
            // exactly the answer for something reporting never received
            Response unknown = call(op.method(), op.path().apply(UNKNOWN), TOKENS.get(role));
            assertEquals(404, unknown.statusCode(), where + " (unknown)");
            assertEquals(normalised(unknown.asString(), UNKNOWN), normalised(body, b), where);
        }
        default -> throw new AssertionError(status);
        }
    }

    @Test
    @Order(3)
    void aRegionAdminSeesItsCountyButNotTheProvinceNorAnotherPrefecture() throws Exception {
        String ra = TOKENS.get(R.REGION_ADMIN);
        Response county = call("GET", "/api/v1/regions/" + a.county() + "/coverage", ra);
        assertEquals(200, county.statusCode(), county.asString());
        assertEquals(a.countyFull(), county.jsonPath().getString("code"));
        Response village = call("GET", "/api/v1/regions/" + a.village1() + "/visits", ra);
        assertEquals(200, village.statusCode(), village.asString());
        for (String above : List.of("62", "6230", b.county(), b.village1())) {
            Response r = call("GET", "/api/v1/regions/" + above + "/coverage", ra);
            Response unknown = call("GET", "/api/v1/regions/6297/coverage", ra);
            String full = (above + "000000000000").substring(0, 12);
            assertEquals(normalised(unknown.asString(), "6297", "629700000000"), normalised(r.asString(), above, full),
                    "REGION_ADMIN 6202 asking for " + above);
        }
        // the overdue list's unit and cadre filters: another prefecture's unit or cadre answers like an unknown one
        for (String filter : List.of("unit", "cadre")) {
            String other = filter.equals("unit") ? b.unit().toString() : b.cadre().toString();
            String nobody = UUID.randomUUID().toString();
            Response r = call("GET", "/api/v1/regions/6202/overdue-pairings?" + filter + "=" + other, ra);
            Response unknown = call("GET", "/api/v1/regions/6202/overdue-pairings?" + filter + "=" + nobody, ra);
            assertEquals(404, r.statusCode(), r.asString());
            assertEquals(normalised(unknown.asString(), nobody), normalised(r.asString(), other), filter);
            Response own = call("GET", "/api/v1/regions/6202/overdue-pairings?" + filter + "="
                    + (filter.equals("unit") ? a.unit() : a.cadre()), ra);
            assertEquals(200, own.statusCode(), own.asString());
            assertEquals(1, own.jsonPath().getInt("total"));
        }
        // a province-level list holds both worlds for the province admin; the region admin cannot ask for it
        Response province = call("GET", "/api/v1/regions/62/overdue-pairings?size=500", TOKENS.get(R.PROVINCE_ADMIN));
        assertTrue(province.asString().contains(a.cadreName()) && province.asString().contains(b.cadreName()));
    }

    @Test
    @Order(4)
    void csvDownloadsOfScopedRolesHoldOnlyTheirWorld() throws Exception {
        Map<R, String> own = Map.of(R.REGION_ADMIN, "/api/v1/regions/6202/overdue-pairings?format=csv",
                R.UNIT_ADMIN, "/api/v1/units/" + a.unit() + "/cadres?format=csv",
                R.CADRE, "/api/v1/cadres/" + a.cadre() + "/visits?format=csv");
        for (var e : own.entrySet()) {
            Response r = call("GET", e.getValue(), TOKENS.get(e.getKey()), "text/csv");
            assertEquals(200, r.statusCode(), e + " → " + r.asString());
            assertTrue(r.contentType().startsWith("text/csv"), r.contentType());
            String csv = r.asString();
            assertTrue(csv.contains(a.cadreName()) || csv.contains(a.cadre().toString()), e + ": " + csv);
            assertNoneOf(b, csv, e.getKey() + " CSV " + e.getValue());
        }
        // the region admin's CSV of the region list names its unit and cadre, masks the head, and nothing of B
        String overdue = call("GET", own.get(R.REGION_ADMIN), TOKENS.get(R.REGION_ADMIN), "text/csv").asString();
        assertTrue(overdue.contains(a.unitName()) && overdue.contains("马**") && !overdue.contains(a.head1()),
                overdue);
        // out of scope: the download is refused exactly like an unknown subject's
        Map<R, String[]> other = Map.of(
                R.REGION_ADMIN, new String[] { "/api/v1/regions/%s/overdue-pairings?format=csv", b.prefecture(),
                        UNKNOWN.prefecture() },
                R.UNIT_ADMIN, new String[] { "/api/v1/units/%s/cadres?format=csv", b.unit().toString(),
                        UNKNOWN.unit().toString() },
                R.CADRE, new String[] { "/api/v1/cadres/%s/visits?format=csv", b.cadre().toString(),
                        UNKNOWN.cadre().toString() });
        for (var e : other.entrySet()) {
            String[] t = e.getValue();
            Response r = call("GET", t[0].formatted(t[1]), TOKENS.get(e.getKey()), "text/csv");
            Response unknown = call("GET", t[0].formatted(t[2]), TOKENS.get(e.getKey()), "text/csv");
            assertEquals(404, r.statusCode(), r.asString());
            assertEquals(normalised(unknown.asString(), UNKNOWN), normalised(r.asString(), b), e.getKey().toString());
        }
    }

    @Test
    @Order(5)
    void aDownloadLongerThanOneChunkIsScopedToTheEnd() throws Exception {
        // 501 households without a cadre in a third village of A: the CSV is written in chunks of 500 rows, each
        // read under the caller's scope while the response streams
        String village3 = "620201100203";
        events.region(village3, "新城村村民委员会", "VILLAGE", "620201100000", false, true);
        for (int i = 0; i < 501; i++) {
            events.household(village3, "新城户" + i, "IN_POVERTY");
        }
        await().atMost(WAIT).untilAsserted(() -> given().when()
                .get("/api/v1/regions/{code}/uncovered/households-without-cadre", village3).then().statusCode(200)
                .body("total", equalTo(501)));
        Response r = call("GET", "/api/v1/regions/6202/uncovered/households-without-cadre?format=csv",
                TOKENS.get(R.REGION_ADMIN), "text/csv");
        assertEquals(200, r.statusCode(), r.asString());
        String csv = r.asString();
        assertEquals(1 + 502, csv.strip().split("\r?\n").length, "header, 501 households and hA2");
        assertTrue(csv.contains(a.household2()) && csv.contains("新城户500"));
        assertNoneOf(b, csv, "REGION_ADMIN CSV of 502 households");
    }

    @Test
    @Order(6)
    void namesStayMaskedAndNoPersonalNumberIsHeldWithOrWithoutPii() throws Exception {
        String withPii = TestTokens.provinceAdmin();
        String withoutPii = TestTokens.role("PROVINCE_ADMIN").name("test-province-admin-no-pii").sign();
        String path = "/api/v1/regions/" + a.prefecture() + "/overdue-pairings";
        String full = call("GET", path, withPii).asString();
        String masked = call("GET", path, withoutPii).asString();
        assertEquals(full, masked, "reporting holds no personal number: pii changes nothing");
        assertEquals("马**", call("GET", path, withoutPii).jsonPath().getString("items[0].householdHead"));
        for (R role : List.of(R.REGION_ADMIN, R.AUDITOR, R.INTEGRATION)) {
            String body = call("GET", path, TOKENS.get(role)).asString();
            assertTrue(body.contains("马**") && !body.contains(a.head1()), role + ": " + body);
        }
        // no full GB 11643 ID number anywhere in the reports read by the province admin with pii
        Pattern id = Pattern.compile("\\b62\\d{4}(19|20)\\d{2}[01]\\d[0-3]\\d\\d{3}[\\dX]\\b");
        for (String p : List.of(path, "/api/v1/regions/62/uncovered/households-without-cadre?size=500",
                "/api/v1/units/" + a.unit() + "/cadres", "/api/v1/cadres/" + a.cadre() + "/visits")) {
            String body = call("GET", p, withPii).asString();
            assertFalse(id.matcher(body).find(), p + ": " + body);
        }
    }

    @Test
    @Order(7)
    void badTokensAre401OnAReadAndAWrite() throws Exception {
        Map<String, String> bad = Map.of("expired", TestTokens.expired(), "malformed", TestTokens.malformed(),
                "wrongly signed", TestTokens.wrongKey(), "wrong issuer", TestTokens.wrongIssuer());
        for (var e : bad.entrySet()) {
            for (String[] request : List.of(new String[] { "GET", "/api/v1/regions/6202/coverage" },
                    new String[] { "GET", "/api/v1/cadres/" + a.cadre() + "/visits" },
                    new String[] { "POST", "/api/v1/admin/rebuilds" })) {
                Response r = call(request[0], request[1], e.getValue());
                assertEquals(401, r.statusCode(), e.getKey() + " " + request[1]);
                assertEquals("token.invalid", r.jsonPath().getString("errors[0].rule"), e.getKey());
                assertTrue(r.header("WWW-Authenticate").startsWith("Bearer"));
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        for (String method : List.of("GET", "POST")) {
            String path = method.equals("GET") ? "/api/v1/regions/6202/coverage" : "/api/v1/admin/rebuilds";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode(), method + " " + path);
            assertTrue(r.body().contains("\"rule\":\"token.missing\""), r.body());
        }
        // the dashboard and the redirects to it stay public: the page asks for a token itself
        for (String path : List.of("/dashboard/", "/dashboard/dashboard.js", "/q/health/live",
                "/q/openapi?format=json")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path);
        }
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/dashboard")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, redirect.statusCode());
    }

    @Test
    @Order(8)
    void rebuildsAreProvinceAdminsAndAudited() throws Exception {
        long audited = rebuildEntries();
        for (R role : R.values()) {
            if (role == R.PROVINCE_ADMIN) {
                continue;
            }
            Response refused = call("POST", "/api/v1/admin/rebuilds", TOKENS.get(role));
            assertEquals(403, refused.statusCode(), role + " " + refused.asString());
            assertEquals("role.not-allowed", refused.jsonPath().getString("errors[0].rule"));
        }
        assertEquals(audited, rebuildEntries(), "a refused rebuild records nothing");
        // nothing was started: the province admin's rebuild is not refused as "running" (409)
        Response started = call("POST", "/api/v1/admin/rebuilds", TOKENS.get(R.PROVINCE_ADMIN));
        assertEquals(202, started.statusCode(), started.asString());
        rebuildId = started.jsonPath().getString("id");
        await().atMost(REBUILD_WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            String status = call("GET", "/api/v1/admin/rebuilds/" + rebuildId, TOKENS.get(R.PROVINCE_ADMIN))
                    .jsonPath().getString("status");
            assertFalse("FAILED".equals(status), "rebuild FAILED");
            return "SUCCEEDED".equals(status);
        });
        // the rebuild's GET: province admin only; an unknown rebuild is 404
        Op get = operations().stream().filter(o -> o.kind() == Kind.REBUILD && o.method().equals("GET")).findFirst()
                .orElseThrow();
        for (R role : R.values()) {
            checkRead(get, role, true);
            checkRead(get, role, false);
        }
        // audited: who, when, what, after; found per entity and per actor; no personal number
        Response entries = call("GET", "/api/v1/audit?entity=rebuild&entityId=" + rebuildId, TOKENS.get(R.AUDITOR));
        assertEquals(200, entries.statusCode(), entries.asString());
        assertEquals(1, entries.jsonPath().getInt("total"));
        assertEquals("test-province-admin", entries.jsonPath().getString("items[0].actor"));
        assertEquals("PROVINCE_ADMIN", entries.jsonPath().getString("items[0].actorRole"));
        assertEquals("REBUILT", entries.jsonPath().getString("items[0].action"));
        assertEquals("rebuild", entries.jsonPath().getString("items[0].entity"));
        assertEquals(rebuildId, entries.jsonPath().getString("items[0].entityId"));
        assertNull(entries.jsonPath().get("items[0].before"));
        assertEquals(rebuildId, entries.jsonPath().getString("items[0].after.id"));
        assertEquals("RUNNING", entries.jsonPath().getString("items[0].after.status"));
        assertNotNull(entries.jsonPath().getString("items[0].at"));
        Response byActor = call("GET", "/api/v1/audit?actor=test-province-admin&entity=rebuild&size=500",
                TOKENS.get(R.PROVINCE_ADMIN));
        assertTrue(byActor.jsonPath().getList("items.entityId").contains(rebuildId), byActor.asString());
        assertEquals(audited + 1, rebuildEntries());
        // after the replay the worlds are as before, and still scoped
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/v1/regions/{code}/visits", b.county()).then()
                .statusCode(200).body("visits.total", equalTo(1)));
        checkRead(operations().get(0), R.REGION_ADMIN, true);
        checkRead(operations().get(0), R.REGION_ADMIN, false);
    }

    private long rebuildEntries() {
        return call("GET", "/api/v1/audit?entity=rebuild", TOKENS.get(R.PROVINCE_ADMIN)).jsonPath().getLong("total");
    }

    // ---------------------------------------------------------------------------------------------

    private static boolean scoped(R role) {
        return role == R.REGION_ADMIN || role == R.UNIT_ADMIN || role == R.CADRE;
    }

    private static void assertNoneOf(World w, String body, String where) {
        for (String secret : w.secrets()) {
            assertFalse(body.contains(secret), where + ": the body names " + secret + " of the other world: " + body);
        }
    }

    private static Response call(String method, String path, String token) {
        return call(method, path, token, "application/json");
    }

    private static Response call(String method, String path, String token, String accept) {
        return given().header("Authorization", TestTokens.bearer(token)).accept(accept).urlEncodingEnabled(false)
                .when().request(method, path).then().extract().response();
    }

    /** A problem body with the ids of {@code w} replaced, to compare it with another world's. */
    private String normalised(String body, World w) throws Exception {
        return normalised(body, w.prefectureFull(), w.prefecture(), w.unit().toString(), w.cadre().toString());
    }

    private String normalised(String body, String... ids) throws Exception {
        String s = body;
        List<String> longestFirst = new ArrayList<>(List.of(ids));
        longestFirst.sort((x, y) -> y.length() - x.length());
        for (String id : longestFirst) {
            s = s.replace(id, "§");
        }
        return mapper.readTree(s).toString();
    }
}
