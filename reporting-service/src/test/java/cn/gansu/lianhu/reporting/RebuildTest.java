package cn.gansu.lianhu.reporting;

import static cn.gansu.lianhu.reporting.ReportingEvents.help;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Issue 5 point 6: rebuild from the log. Registry, pairing, visit and demand events go to the real broker; once their
 * figures are there, the coverage and visit figures of a county and of the province {@code 62}, the list of households
 * without a cadre and the list of overdue pairings are snapshotted in full (asOf included: point 7 holds through a
 * rebuild); a rebuild drops every read model and replays every topic from the beginning (the other test classes'
 * events too); after SUCCEEDED every snapshot is exactly equal. Also: a second POST while one runs is 409
 * {@code rebuild.running}; figures keep answering during the rebuild; unknown or malformed rebuild ids are 404 / 400.
 * Works in 酒泉市 (6209), which no other reporting test uses.
 *
 * <pre>
 * 瓜州县 620922 (poor county, no leader) / 渊泉镇: V1 620922100201 poor (h1 IN_POVERTY, h2 RELAPSED),
 *   V2 620922100202 poor (h3 IN_POVERTY, h4 IN_POVERTY then LIFTED), V3 620922100203 not poor (h5 IN_POVERTY)
 * unit U (瓜州县民政局) linked to V1, linked to V2 then ended; cadres c1, c2
 * pairings: p1 c1–h1, p2 c1–h2, p3 c2–h4 ACTIVE; p4 c2–h3 DRAFT (h3 uncovered); p5 c2–h5 ACTIVE then ENDED
 * visits: v1 c1 h1 11-01 IN_HOME with help; v2 c1 h2 06-15 IN_HOME corrected to 07-01; v3 c2 h4 10-01 BY_PHONE
 * demands: d1 on v1 OPEN → RESOLVED; d2 on v2 OPEN past its deadline
 * overdue on 11-29, most days first: p3 (lifted, never in person, 273 days), p2 (151 days)
 * </pre>
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class RebuildTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration REBUILD_WAIT = Duration.ofSeconds(180);
    private static final String PROVINCE = "620000000000";
    private static final String JIUQUAN = "620900000000";
    private static final String GUAZHOU = "620922000000";
    private static final String TOWNSHIP = "620922100000";
    private static final String V1 = "620922100201";
    private static final String V2 = "620922100202";
    private static final String V3 = "620922100203";
    private static final LocalDate MAR_1 = LocalDate.of(2026, 3, 1);
    private static final Set<String> TOPICS = new TreeSet<>(List.of(Topics.REGISTRY_REGIONS,
            Topics.REGISTRY_HOUSEHOLDS, Topics.PAIRING_UNITS, Topics.PAIRING_CADRES, Topics.PAIRING_LINKS,
            Topics.PAIRING_PAIRINGS, Topics.VISIT_VISITS, Topics.VISIT_DEMANDS));

    @Inject
    ObjectMapper mapper;
    private ReportingEvents events;

    @BeforeEach
    void events() {
        events = new ReportingEvents(mapper);
    }

    @Test
    void figuresAfterARebuildEqualFiguresBefore() {
        int sent = publishJiuquan();
        // wait for this test's figures (exact), then until everything every test sent is applied (two equal snapshots)
        await().atMost(WAIT).untilAsserted(() -> {
            given().when().get("/api/v1/regions/{code}/visits", "620922").then().statusCode(200)
                    .body("visits.total", equalTo(3)).body("visits.inPerson", equalTo(2))
                    .body("demands.opened", equalTo(2)).body("demands.overdue", equalTo(1))
                    .body("help.totalYuan", equalTo(1500.0f)).body("continuity.overdue", equalTo(2));
            given().when().get("/api/v1/regions/{code}/coverage", "620922").then().statusCode(200)
                    .body("asOf", notNullValue());
            given().queryParam("size", 500).when().get("/api/v1/regions/{code}/uncovered/households-without-cadre",
                    "620922").then().statusCode(200).body("total", equalTo(1)).body("items[0].id",
                            equalTo(h3));
            given().when().get("/api/v1/regions/{code}/overdue-pairings", "620922").then().statusCode(200)
                    .body("total", equalTo(2)).body("items.pairingId", equalTo(List.of(p3.toString(),
                            p2.toString())));
        });
        Map<String, Object> before = await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                .until(this::stableSnapshot, s -> s != null);
        double appliedBefore = metricSum("applied");

        // ---- start; a second start while it runs is refused ----
        Response started = given().when().post("/api/v1/admin/rebuilds").then().statusCode(202)
                .header("Location", notNullValue()).body("status", equalTo("RUNNING"))
                .body("startedAt", notNullValue()).body("finishedAt", nullValue()).extract().response();
        String id = started.jsonPath().getString("id");
        assertTrue(started.header("Location").endsWith("/api/v1/admin/rebuilds/" + id), started.header("Location"));
        given().when().post("/api/v1/admin/rebuilds").then().statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409))
                .body("errors[0].field", equalTo("rebuild")).body("errors[0].rule", equalTo("rebuild.running"));

        // ---- figures keep answering while it runs (partial figures or, before the region is replayed, 404) ----
        await().atMost(REBUILD_WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            int coverage = given().when().get("/api/v1/regions/{code}/coverage", "620922").statusCode();
            assertTrue(coverage == 200 || coverage == 404, "coverage answered " + coverage);
            String status = given().when().get("/api/v1/admin/rebuilds/{id}", id).then().statusCode(200)
                    .extract().path("status");
            assertTrue(!"FAILED".equals(status), "rebuild FAILED");
            return "SUCCEEDED".equals(status);
        });

        // ---- what it did: every topic replayed up to the end offsets captured ----
        Response done = given().when().get("/api/v1/admin/rebuilds/{id}", id).then().statusCode(200)
                .body("id", equalTo(id)).body("status", equalTo("SUCCEEDED")).body("failure", nullValue())
                .body("finishedAt", notNullValue()).extract().response();
        List<Map<String, Object>> topics = done.jsonPath().getList("topics");
        assertEquals(TOPICS, new TreeSet<>(topics.stream().map(t -> (String) t.get("topic")).toList()));
        long replayed = 0;
        for (Map<String, Object> t : topics) {
            assertEquals(Boolean.TRUE, t.get("caughtUp"), t.toString());
            assertEquals(((Number) t.get("eventsToReplay")).longValue(), ((Number) t.get("eventsReplayed")).longValue(),
                    t.toString());
            assertTrue(!((Map<?, ?>) t.get("endOffsets")).isEmpty(), t.toString());
            replayed += ((Number) t.get("eventsReplayed")).longValue();
        }
        assertTrue(replayed >= sent, replayed + " records replayed, " + sent + " sent by this test alone");
        // the events were applied again (the inbox was emptied), not skipped as duplicates
        assertTrue(metricSum("applied") - appliedBefore >= sent, "applied again: " + (metricSum("applied") - appliedBefore));

        // ---- every figure, list and asOf exactly as before ----
        Map<String, Object> after = snapshot();
        for (String key : before.keySet()) {
            assertEquals(before.get(key), after.get(key), key);
        }
        assertEquals(before, after);

        // ---- a new rebuild may start now; unknown and malformed ids ----
        String unknown = UUID.randomUUID().toString();
        given().when().get("/api/v1/admin/rebuilds/{id}", unknown).then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("rebuild " + unknown + " does not exist"))
                .body("instance", endsWith("/api/v1/admin/rebuilds/" + unknown));
        given().when().get("/api/v1/admin/rebuilds/{id}", "abc").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("id"))
                .body("errors[0].rule", equalTo("param.type"));
    }

    /** The figures and lists compared, each as the full parsed body (asOf included). */
    private Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("coverage 620922", body("/api/v1/regions/620922/coverage"));
        s.put("coverage 62", body("/api/v1/regions/62/coverage"));
        s.put("visits 620922", body("/api/v1/regions/620922/visits"));
        s.put("visits 62", body("/api/v1/regions/62/visits"));
        s.put("visits 62 Jan–Jun", body("/api/v1/regions/62/visits?from=2026-01-01&to=2026-06-30"));
        s.put("uncovered households 6209", body("/api/v1/regions/6209/uncovered/households-without-cadre?size=500"));
        s.put("uncovered households 62", body("/api/v1/regions/62/uncovered/households-without-cadre?size=500"));
        s.put("uncovered counties 62", body("/api/v1/regions/62/uncovered/counties-without-leader?size=500"));
        s.put("uncovered villages 62", body("/api/v1/regions/62/uncovered/villages-without-unit?size=500"));
        s.put("overdue 6209", body("/api/v1/regions/6209/overdue-pairings?size=500"));
        s.put("overdue 62", body("/api/v1/regions/62/overdue-pairings?size=500"));
        return s;
    }

    /** A snapshot equal to one taken a second later, or null. */
    private Map<String, Object> stableSnapshot() throws InterruptedException {
        Map<String, Object> first = snapshot();
        Thread.sleep(1000);
        return first.equals(snapshot()) ? first : null;
    }

    private static Object body(String path) {
        return given().urlEncodingEnabled(false).when().get(path).then().statusCode(200).extract().jsonPath()
                .get("$");
    }

    /** Sum over every topic of counter lianhu.reporting.events{outcome} from /q/metrics. */
    private static double metricSum(String outcome) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("lianhu_reporting_events_total\\{([^}]*)\\} (\\S+)").matcher(body);
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains("outcome=\"" + outcome + "\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    // ---------------------------------------------------------------------------------------------
    // The events: real CloudEvents of the lianhu-events contract, on the topics and keys their services use
    // ---------------------------------------------------------------------------------------------

    private String h3;
    private UUID p2;
    private UUID p3;

    /** Publishes 酒泉's events; returns how many records were sent. */
    private int publishJiuquan() {
        events.region(PROVINCE, "甘肃省", "PROVINCE", null, false, false);
        events.region(JIUQUAN, "酒泉市", "PREFECTURE", PROVINCE, false, false);
        events.region(GUAZHOU, "瓜州县", "COUNTY", JIUQUAN, true, false);
        events.region(TOWNSHIP, "渊泉镇", "TOWNSHIP", GUAZHOU, false, false);
        events.region(V1, "东巴兔村村民委员会", "VILLAGE", TOWNSHIP, false, true);
        events.region(V2, "西宫村村民委员会", "VILLAGE", TOWNSHIP, false, true);
        events.region(V3, "柳园村村民委员会", "VILLAGE", TOWNSHIP, false, false);
        String h1 = events.household(V1, "张德明", "IN_POVERTY");
        String h2 = events.household(V1, "李秀兰", "RELAPSED");
        h3 = events.household(V2, "王建国", "IN_POVERTY");
        String h4 = events.household(V2, "赵桂芳", "IN_POVERTY");
        events.householdStatus(h4, V2, "赵桂芳", "LIFTED", null, MAR_1, 2);
        String h5 = events.household(V3, "马占山", "IN_POVERTY");

        UUID u = events.unit("瓜州县民政局", "COUNTY", GUAZHOU, 2, 1);
        UUID c1 = events.cadre(u, "孙志刚", "OTHER", 1);
        UUID c2 = events.cadre(u, "周海燕", "OTHER", 1);
        events.villageLink(UUID.randomUUID(), u, V1, true);
        UUID l2 = UUID.randomUUID();
        events.villageLink(l2, u, V2, true);
        events.villageLink(l2, u, V2, false);

        UUID p1 = events.pairing(c1, u, h1, V1, MAR_1);
        p2 = events.pairing(c1, u, h2, V1, MAR_1);
        p3 = events.pairing(c2, u, h4, V2, MAR_1);
        events.pairing(UUID.randomUUID(), c2, u, h3, V2, "DRAFT", MAR_1, null, 1);
        UUID p5 = events.pairing(c2, u, h5, V3, MAR_1);
        events.pairing(p5, c2, u, h5, V3, "ENDED", MAR_1, LocalDate.of(2026, 9, 30), 2);

        UUID v1 = events.visit(c1, u, h1, V1, p1, "2026-11-01", "IN_HOME", List.of("POLICY_PUBLICITY", "DEVELOPMENT"),
                List.of(help("INDUSTRY_PROJECT", "1500.00", 2)), 1);
        UUID v2 = events.visit(c1, u, h2, V1, p2, "2026-06-15", "IN_HOME", List.of("PUBLIC_OPINION"), List.of(), 1);
        events.visit(EventTypes.VISIT_CORRECTED, ReportingEvents.visitData(v2, c1, u, h2, V1, p2, "2026-07-01",
                "IN_HOME", List.of("PUBLIC_OPINION"), List.of(), 1, 2));
        events.visit(c2, u, h4, V2, p3, "2026-10-01", "BY_PHONE", List.of("EMOTION_EASING"), List.of(), 0);

        UUID d1 = UUID.randomUUID();
        events.demand(d1, h1, V1, v1, u, "OPEN", "2026-11-01", "2026-12-01", null, null, 1);
        events.demand(d1, h1, V1, v1, u, "RESOLVED", "2026-11-01", "2026-12-01", "2026-11-10", "SATISFIED", 2);
        events.demand(UUID.randomUUID(), h2, V1, v2, u, "OPEN", "2026-07-01", "2026-08-01", null, null, 1);
        return Math.toIntExact(events.sent());
    }

    static {
        assertNotNull(TOPICS);
    }
}
