package cn.gansu.lianhu.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Issue 7: the result cache of the region reports (ReportCache), through the REST API with real PostgreSQL and Kafka,
 * with the test profile's {@code lianhu.reporting.cache.max-stale=0s}. What shows that a body comes from the cache
 * and not from a new computation: a read-model row changed behind reporting's back (SQL from the test, no event, so
 * the inputs version does not move) — a cached body does not show it, a computed one does. Then: a new event changes
 * the figures on the very next read (exact figures), a visit event leaves the cached coverage alone (coverage is not
 * built from visits), two scopes never see each other's cached body, and a rebuild gives back the events' figures
 * rather than a cached body. The engine alone (single flight, max-stale): service/VersionedCacheTest.
 *
 * <pre>
 * 天水市 6205 / 甘谷县 620523 (poor county) / 大像山镇 620523100: poor villages 北关村 620523100251 (served/changed),
 *   李家新庄村 620523100252 (scopes), 南街村 620523100254 (rebuild)
 * </pre>
 * Works in 甘谷县, which no other reporting test uses.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class ReportCacheTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration REBUILD_WAIT = Duration.ofSeconds(180);
    private static final String PROVINCE = "620000000000";
    private static final String TIANSHUI = "620500000000";
    private static final String GANGU = "620523000000";
    private static final String TOWNSHIP = "620523100000";
    private static final String V_SERVED = "620523100251";
    private static final String V_SCOPES = "620523100252";
    private static final String V_REBUILD = "620523100254";
    private static final String COVERAGE_TOPICS = "('registry.regions', 'registry.households', 'pairing.units', "
            + "'pairing.cadres', 'pairing.links', 'pairing.pairings')";

    @Inject
    ObjectMapper mapper;

    @Inject
    DataSource ds;

    private ReportingEvents events;
    private static boolean regions;

    /** The regions, once for the class (and awaited: no event of them arrives later, during a test). */
    @BeforeEach
    void events() {
        events = new ReportingEvents(mapper);
        if (regions) {
            return;
        }
        events.region(PROVINCE, "甘肃省", "PROVINCE", null, false, false);
        events.region(TIANSHUI, "天水市", "PREFECTURE", PROVINCE, false, false);
        events.region(GANGU, "甘谷县", "COUNTY", TIANSHUI, true, false);
        events.region(TOWNSHIP, "大像山镇", "TOWNSHIP", GANGU, false, false);
        events.region(V_SERVED, "北关村民委员会", "VILLAGE", TOWNSHIP, false, true);
        events.region(V_SCOPES, "李家新庄村民委员会", "VILLAGE", TOWNSHIP, false, true);
        events.region(V_REBUILD, "南街村民委员会", "VILLAGE", TOWNSHIP, false, true);
        await().atMost(WAIT).untilAsserted(() -> coverage("620523100").then().statusCode(200)
                .body("name", equalTo("大像山镇")).body("poorVillages", equalTo(3)));
        regions = true;
    }

    @Test
    void aCachedBodyIsServedUntilAnEventChangesTheReportsInputs() throws Exception {
        String h1 = events.household(V_SERVED, "王*", "IN_POVERTY", 4);
        events.household(V_SERVED, "李*", "IN_POVERTY", 3);
        await().atMost(WAIT).untilAsserted(() -> coverage(V_SERVED).then().statusCode(200)
                .body("households.total", equalTo(2)).body("members", equalTo(7))
                .body("targets.householdsToCover", equalTo(2)).body("targets.householdsWithoutCadre", equalTo(2)));

        // served from the cache: h1's member count changed in the read model without an event is not seen, as long as
        // the inputs version stays (an attempt during which another test's late event moved it is made again)
        await().atMost(WAIT).untilAsserted(() -> {
            sql("update household set member_count = 4 where id = ?", UUID.fromString(h1));
            sql("update read_model_freshness set changes = changes + 1 where topic = 'registry.households'");
            long version = coverageVersion();
            Response computed = coverage(V_SERVED);
            assertEquals(7, computed.jsonPath().getInt("members"));
            sql("update household set member_count = 40 where id = ?", UUID.fromString(h1));
            Response served = coverage(V_SERVED);
            assertEquals(version, coverageVersion(), "no event meanwhile");
            assertEquals(computed.asString(), served.asString(), "the cached body, asOf included");
        });
        visits(V_SERVED).then().statusCode(200).body("visits.total", equalTo(0));

        // an event of the coverage's topics: the very next read computes (and sees the changed row too)
        String h3 = events.household(V_SERVED, "赵*", "RELAPSED", 2);
        await().atMost(WAIT).until(() -> rows("select count(*) from household where id = ?", UUID.fromString(h3)) == 1);
        coverage(V_SERVED).then().statusCode(200).body("households.total", equalTo(3))
                .body("households.inPoverty", equalTo(2)).body("households.relapsed", equalTo(1))
                .body("members", equalTo(45)).body("targets.householdsToCover", equalTo(3))
                .body("targets.householdsWithoutCadre", equalTo(3));
        visits(V_SERVED).then().statusCode(200).body("visits.total", equalTo(0));

        // a pairing (coverage's topic), then a visit (not coverage's topic, but the visit figures')
        UUID unit = events.unit("甘谷县农业农村局", "COUNTY", GANGU, 1, 1);
        UUID cadre = events.cadre(unit, "马*", "OTHER", 1);
        UUID pairing = events.pairing(cadre, unit, h1, V_SERVED, LocalDate.of(2026, 3, 1));
        await().atMost(WAIT).until(() -> rows("select count(*) from pairing where id = ? and status = 'ACTIVE'",
                pairing) == 1);
        Response paired = coverage(V_SERVED);
        paired.then().statusCode(200).body("targets.householdsCovered", equalTo(1))
                .body("targets.householdsWithoutCadre", equalTo(2)).body("targets.activePairings", equalTo(1))
                .body("members", equalTo(45));
        long version = coverageVersion();
        sql("update household set member_count = 4 where id = ?", UUID.fromString(h1)); // no event: not seen
        UUID visit = events.visit(cadre, unit, h1, V_SERVED, pairing, "2026-11-20", "IN_HOME",
                List.of("POLICY_PUBLICITY"), List.of(), 0);
        await().atMost(WAIT).until(() -> rows("select count(*) from visit where id = ?", visit) == 1);
        visits(V_SERVED).then().statusCode(200).body("visits.total", equalTo(1)).body("visits.inPerson", equalTo(1))
                .body("continuity.activePairings", equalTo(1)).body("continuity.visitedWithinWindow", equalTo(1));
        if (version == coverageVersion()) { // no registry or pairing event of another test meanwhile
            assertEquals(paired.asString(), coverage(V_SERVED).asString(),
                    "a visit event leaves the cached coverage (members 45, not 9) and its asOf");
        }

        // the row put back, with a change counted as a projection counts it: the next read shows it
        sql("update read_model_freshness set changes = changes + 1 where topic = 'registry.households'");
        coverage(V_SERVED).then().statusCode(200).body("members", equalTo(9)).body("households.total", equalTo(3));
    }

    @Test
    void twoScopesNeverSeeEachOthersCachedBody() {
        events.household(V_SCOPES, "孙*", "IN_POVERTY", 5);
        await().atMost(WAIT).untilAsserted(() -> coverage(V_SCOPES).then().statusCode(200)
                .body("households.total", equalTo(1)).body("members", equalTo(5)));
        List<String> paths = List.of("/api/v1/regions/620523/coverage", "/api/v1/regions/620523/children/coverage",
                "/api/v1/regions/620523/visits", "/api/v1/regions/620523/children/visits",
                "/api/v1/regions/620523/trends", "/api/v1/assessment/regions/620523/children",
                "/api/v1/assessment/regions/620523/units?level=COUNTY", "/api/v1/regions/6205/coverage",
                "/api/v1/regions/6205/children/coverage");
        String otherPrefecture = TestTokens.regionAdmin("6211");
        String tianshui = TestTokens.regionAdmin("6205");
        String gangu = TestTokens.regionAdmin("620523");
        for (String path : paths) {
            String full = path.contains("/6205/") ? TIANSHUI : GANGU;
            // warmed by the province admin, twice: the second answer is the cached body
            String province = await().atMost(WAIT).until(() -> {
                double hits = cacheCounter("hit");
                String first = get(path, TestTokens.provinceAdmin()).then().statusCode(200).extract().asString();
                String second = get(path, TestTokens.provinceAdmin()).then().statusCode(200).extract().asString();
                return first.equals(second) && cacheCounter("hit") > hits ? first : null;
            }, b -> b != null);
            // a region admin of another prefecture: 404 as for an unknown region, before and after its own prefecture's
            for (String token : List.of(otherPrefecture, tianshui, otherPrefecture)) {
                Response r = get(path, token);
                if (token.equals(otherPrefecture)) {
                    r.then().statusCode(404).contentType("application/problem+json")
                            .body("detail", equalTo("region " + full + " does not exist"));
                    assertTrue(!r.asString().contains("甘谷县") && !r.asString().contains("天水市"), r.asString());
                } else {
                    r.then().statusCode(200);
                    assertEquals(province, r.asString(), path + ": the same region, the same body");
                }
            }
            // the county's admin sees the county, not the prefecture the province admin warmed
            Response county = get(path, gangu);
            if (full.equals(TIANSHUI)) {
                county.then().statusCode(404).body("detail", equalTo("region " + TIANSHUI + " does not exist"));
            } else {
                county.then().statusCode(200);
                assertEquals(province, county.asString(), path);
            }
        }
        // a body warmed by the county's admin is not shown to the other prefecture's either
        get("/api/v1/regions/620523100/coverage", gangu).then().statusCode(200);
        get("/api/v1/regions/620523100/coverage", otherPrefecture).then().statusCode(404);
    }

    @Test
    void aRebuildGivesBackTheEventsFiguresNotACachedBody() throws Exception {
        String h = events.household(V_REBUILD, "周*", "IN_POVERTY", 5);
        await().atMost(WAIT).untilAsserted(() -> coverage(V_REBUILD).then().statusCode(200)
                .body("households.total", equalTo(1)).body("members", equalTo(5)));
        // the cache now holds a body the events do not give: 50 members (a row changed without an event, counted)
        sql("update household set member_count = 50 where id = ?", UUID.fromString(h));
        sql("update read_model_freshness set changes = changes + 1 where topic = 'registry.households'");
        coverage(V_REBUILD).then().statusCode(200).body("members", equalTo(50));
        get("/api/v1/regions/620523100/children/coverage", TestTokens.provinceAdmin()).then().statusCode(200)
                .body("children.find { it.code == '" + V_REBUILD + "' }.members", equalTo(50));
        long before = coverageVersion();

        String id = given().when().post("/api/v1/admin/rebuilds").then().statusCode(202).extract().path("id");
        await().atMost(REBUILD_WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            String status = given().when().get("/api/v1/admin/rebuilds/{id}", id).then().statusCode(200)
                    .extract().path("status");
            assertNotEquals("FAILED", status);
            return "SUCCEEDED".equals(status);
        });
        assertNotEquals(before, coverageVersion());
        coverage(V_REBUILD).then().statusCode(200).body("households.total", equalTo(1)).body("members", equalTo(5));
        get("/api/v1/regions/620523100/children/coverage", TestTokens.provinceAdmin()).then().statusCode(200)
                .body("children.find { it.code == '" + V_REBUILD + "' }.members", equalTo(5));
    }

    // ---------------------------------------------------------------------------------------------

    private static Response coverage(String code) {
        return given().when().get("/api/v1/regions/{code}/coverage", code);
    }

    private static Response visits(String code) {
        return given().when().get("/api/v1/regions/{code}/visits", code);
    }

    private static Response get(String path, String token) {
        return given().header("Authorization", TestTokens.bearer(token)).urlEncodingEnabled(false).when().get(path);
    }

    /** The inputs version of coverage, as ReportCache reads it. */
    private long coverageVersion() throws SQLException {
        return rows("select coalesce(sum(changes), 0) from read_model_freshness where topic in " + COVERAGE_TOPICS);
    }

    /** Runs one statement in its own transaction. */
    private void sql(String statement, Object... params) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    /** The first column of the first row of a query, as a number. */
    private long rows(String query, Object... params) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Sum over every report of counter lianhu.reporting.cache.requests{outcome} from /q/metrics. */
    private static double cacheCounter(String outcome) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("lianhu_reporting_cache_requests_total\\{([^}]*)\\} (\\S+)").matcher(body);
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains("outcome=\"" + outcome + "\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }
}
