package cn.gansu.lianhu.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.DemandData;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.HelpData;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.contract.VisitData;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * Issue 4 point 7: visit figures. Registry, pairing and visit events go to the real broker as CloudEvents of the
 * lianhu-events contract; reporting's figures are awaited over REST and compared in full (every mode, month, task,
 * help kind, demand and continuity figure). Today is 2026-11-29 (fixed clock); windows 90 days, 180 for a household
 * lifted out of poverty. The test works in 张掖市 (6207), which no other reporting test uses; at province level the
 * figures are checked as exact differences from before.
 *
 * <pre>
 * 民乐县 620722 / 洪水镇: 城关村 V1 (hA 马有福 IN_POVERTY, hB 韩尕西 LIFTED), 八一村 V2 (hC 何玉兰 IN_POVERTY, hE 陈文 LIFTED)
 * 临泽县 620723 / 沙河镇: 东寨村 V3 (hD 欧阳秀英 RELAPSED)
 * units: U1 (c1 王立新), U2 (c2 李红, c3 赵强)
 * pairings (started): pA c1–hA 03-01, pB c1–hB 03-01, pG c1–hC 03-01, pC c2–hC 03-01, pF c2–hE 03-01,
 *                     pE c2–hA 01-10 ended 06-30, pD c3–hD 08-01
 * visits: v1 c1 hA pA 10-20 IN_HOME (corrected to 09-10), v2 c1 hB pB 06-01 VILLAGE_MEETING, v3 c2 hC pC 08-31 IN_HOME,
 *         v4 c2 hC pC 11-05 BY_PHONE, v5 c2 hE pF 07-01 IN_HOME, v6 c3 hD pD 11-20 BY_PHONE,
 *         v7 c2 hA pE 05-10 IN_HOME, v8 c1 hC pG 08-30 VILLAGE_MEETING
 * continuity on 11-29: pA 80 days (within), pB 181 (lifted, overdue), pC 90 (within, the boundary), pF 151 (lifted,
 *         within), pG 91 (overdue), pD never in person, 120 days since start (overdue), pE ended
 * </pre>
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class VisitFiguresTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> VISIT_TOPICS = List.of(Topics.VISIT_VISITS, Topics.VISIT_DEMANDS);
    private static final String PROVINCE = "620000000000";
    private static final String ZHANGYE = "620700000000";
    private static final String MINLE = "620722000000";
    private static final String LINZE = "620723000000";
    private static final String V1 = "620722101200";
    private static final String V2 = "620722101201";
    private static final String V3 = "620723101201";
    private static final LocalDate MAR_1 = LocalDate.of(2026, 3, 1);

    @Inject
    ObjectMapper mapper;
    private ReportingEvents events;

    @BeforeEach
    void events() {
        events = new ReportingEvents(mapper);
    }

    @Test
    void figuresAtVillageCountyPrefectureProvinceUnitAndCadreEqualWhatWasLogged() {
        Map<String, String> provinceBefore = provinceCounts();
        double duplicatesBefore = metricSum("duplicate");
        double staleBefore = metricSum("stale");

        events.region(PROVINCE, "甘肃省", "PROVINCE", null, false, false);
        events.region(ZHANGYE, "张掖市", "PREFECTURE", PROVINCE, false, false);
        events.region(MINLE, "民乐县", "COUNTY", ZHANGYE, false, false);
        events.region(LINZE, "临泽县", "COUNTY", ZHANGYE, false, false);
        events.region("620722101000", "洪水镇", "TOWNSHIP", MINLE, false, false);
        events.region("620723101000", "沙河镇", "TOWNSHIP", LINZE, false, false);
        events.region(V1, "城关村村民委员会", "VILLAGE", "620722101000", false, true);
        events.region(V2, "八一村村民委员会", "VILLAGE", "620722101000", false, true);
        events.region(V3, "东寨村村民委员会", "VILLAGE", "620723101000", false, true);
        String hA = events.household(V1, "马有福", "IN_POVERTY", 4);
        String hB = events.household(V1, "韩尕西", "LIFTED", 4);
        String hC = events.household(V2, "何玉兰", "IN_POVERTY", 4);
        String hE = events.household(V2, "陈文", "LIFTED", 4);
        String hD = events.household(V3, "欧阳秀英", "RELAPSED", 4);
        UUID u1 = events.unit("民乐县民政局", "COUNTY", MINLE, 2, 1);
        UUID u2 = events.unit("临泽县农业农村局", "COUNTY", LINZE, 2, 1);
        UUID c1 = events.cadre(u1, "王立新", "OTHER", 1);
        UUID c2 = events.cadre(u2, "李红", "OTHER", 1);
        UUID c3 = events.cadre(u2, "赵强", "OTHER", 1);

        UUID pA = events.pairing(c1, u1, hA, V1, MAR_1);
        UUID pB = events.pairing(c1, u1, hB, V1, MAR_1);
        UUID pC = events.pairing(c2, u2, hC, V2, MAR_1);
        UUID pF = events.pairing(c2, u2, hE, V2, MAR_1);
        UUID pE = UUID.randomUUID();
        events.pairing(pE, c2, u2, hA, V1, "ENDED", LocalDate.of(2026, 1, 10), LocalDate.of(2026, 6, 30), 2);
        UUID pD = events.pairing(c3, u2, hD, V3, LocalDate.of(2026, 8, 1));
        // v8 arrives before its pairing pG: the pairing takes its latest in-person visit from the visits held
        UUID pG = UUID.randomUUID();
        UUID v8 = events.visit(c1, u1, hC, V2, pG, "2026-08-30", "VILLAGE_MEETING", List.of("GRASSROOTS"), List.of(),
                0);

        UUID v1 = UUID.randomUUID();
        String v1Logged = visitLogged(ReportingEvents.visitData(v1, c1, u1, hA, V1, pA, "2026-10-20", "IN_HOME",
                List.of("POLICY_PUBLICITY", "PUBLIC_OPINION", "DEVELOPMENT"),
                List.of(ReportingEvents.help("INDUSTRY_PROJECT", "3000.00", 2),
                        ReportingEvents.help("FUNDS", "500.50", 1)),
                1, 1));
        events.send(Topics.VISIT_VISITS, v1.toString(), v1Logged);
        UUID v2 = events.visit(c1, u1, hB, V1, pB, "2026-06-01", "VILLAGE_MEETING",
                List.of("PUBLIC_OPINION", "GRASSROOTS", "MODEL_PROMOTION"), List.of(), 1);
        UUID v3 = events.visit(c2, u2, hC, V2, pC, "2026-08-31", "IN_HOME",
                List.of("POLICY_PUBLICITY", "PUBLIC_OPINION"), List.of(), 1);
        // v4 delivered twice with the same event id: applied once
        UUID v4 = UUID.randomUUID();
        String v4Json = visitLogged(ReportingEvents.visitData(v4, c2, u2, hC, V2, pC, "2026-11-05", "BY_PHONE",
                List.of("PUBLIC_OPINION", "EMOTION_EASING"), List.of(), 1, 1));
        events.send(Topics.VISIT_VISITS, v4.toString(), v4Json);
        events.send(Topics.VISIT_VISITS, v4.toString(), v4Json);
        events.visit(c2, u2, hE, V2, pF, "2026-07-01", "IN_HOME", List.of("DEVELOPMENT"),
                List.of(ReportingEvents.help("MARKET_ACCESS", "800.00", 3)), 0);
        UUID v6 = events.visit(c3, u2, hD, V3, pD, "2026-11-20", "BY_PHONE", List.of("PUBLIC_OPINION"), List.of(), 1);
        events.visit(c2, u2, hA, V1, pE, "2026-05-10", "IN_HOME", List.of("POLICY_PUBLICITY"),
                List.of(ReportingEvents.help("EMPLOYMENT", "1200.00", 1)), 0);
        // a HELP_RECORDED notice on the same topic is skipped (help comes from VisitData.help)
        HelpData notice = new HelpData(UUID.randomUUID().toString(), v1.toString(), c1.toString(), u1.toString(), hA,
                V1, LocalDate.of(2026, 10, 20), "INDUSTRY_PROJECT", new BigDecimal("3000.00"), 2);
        events.publish(Topics.VISIT_VISITS, notice.id(), EventTypes.HELP_RECORDED, notice);
        events.pairing(pG, c1, u1, hC, V2, "ACTIVE", MAR_1, null, 1);

        // demands: d1 goes OPEN → ACCEPTED → IN_PROGRESS → RESOLVED (12 days); d2 is overdue; d3 rejected;
        // d4 and d5 resolved in 20 and 4 days
        UUID d1 = UUID.randomUUID();
        events.demand(d1, hC, V2, v4, u2, "OPEN", "2026-11-05", "2026-12-05", null, null, 1);
        events.demand(d1, hC, V2, v4, u2, "ACCEPTED", "2026-11-05", "2026-12-05", null, null, 2);
        events.demand(d1, hC, V2, v4, u2, "IN_PROGRESS", "2026-11-05", "2026-12-05", null, null, 3);
        events.demand(d1, hC, V2, v4, u2, "RESOLVED", "2026-11-05", "2026-12-05", "2026-11-17", "SATISFIED", 4);
        events.demand(UUID.randomUUID(), hA, V1, v1, u1, "IN_PROGRESS", "2026-10-20", "2026-11-19", null, null, 2);
        events.demand(UUID.randomUUID(), hD, V3, v6, u2, "REJECTED", "2026-11-20", "2026-12-20", "2026-11-25",
                "DISSATISFIED", 2);
        events.demand(UUID.randomUUID(), hB, V1, v2, u1, "RESOLVED", "2026-06-01", "2026-07-01", "2026-06-21",
                "BASICALLY_SATISFIED", 4);
        events.demand(UUID.randomUUID(), hC, V2, v3, u2, "RESOLVED", "2026-08-31", "2026-09-30", "2026-09-04",
                "SATISFIED", 4);

        // ---- before the correction: 城关村 has v1 in October with industry help ----
        awaitFigures("620722101200", null, null, expected(scope("REGION", V1, "城关村村民委员会"), "2026-01-01",
                "2026-11-29", visits(3, 3, 2, 0, 1, 0),
                Map.of("2026-05", modes(1, 0, 0, 0), "2026-06", modes(0, 0, 1, 0), "2026-10", modes(1, 0, 0, 0)),
                tasks(2, 2, 1, 0, 1, 1), help("4700.50", 4, "3000.00", "500.50", "1200.00", "0.00", "0.00", "0.00"),
                demands(2, 1, 0, 1, 1, "20.0", 0, 1, 0), continuity("2026-11-29", 2, 1, "0.5000", 1)));

        // ---- v1 corrected: moved to September, industry help moved to skills training ----
        events.visit(EventTypes.VISIT_CORRECTED, ReportingEvents.visitData(v1, c1, u1, hA, V1, pA, "2026-09-10",
                "IN_HOME", List.of("POLICY_PUBLICITY", "PUBLIC_OPINION", "DEVELOPMENT"),
                List.of(ReportingEvents.help("SKILLS_TRAINING", "3000.00", 2),
                        ReportingEvents.help("FUNDS", "500.50", 1)),
                1, 2));
        Map<String, String> village = expected(scope("REGION", V1, "城关村村民委员会"), "2026-01-01", "2026-11-29",
                visits(3, 3, 2, 0, 1, 0),
                Map.of("2026-05", modes(1, 0, 0, 0), "2026-06", modes(0, 0, 1, 0), "2026-09", modes(1, 0, 0, 0)),
                tasks(2, 2, 1, 0, 1, 1), help("4700.50", 4, "0.00", "500.50", "1200.00", "3000.00", "0.00", "0.00"),
                demands(2, 1, 0, 1, 1, "20.0", 0, 1, 0), continuity("2026-11-29", 2, 1, "0.5000", 1));
        awaitFigures("620722101200", null, null, village);
        // the logged version arrives again late (new event id): stale, nothing changes
        events.send(Topics.VISIT_VISITS, v1.toString(), v1Logged.replaceFirst("\"id\":\"[0-9a-f-]{36}\"",
                "\"id\":\"" + UUID.randomUUID() + "\""));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1.0, metricSum("stale") - staleBefore));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1.0, metricSum("duplicate") - duplicatesBefore));
        assertEquals(village, flat(figures("region", "620722101200", null, null)));

        // ---- 民乐县, 临泽县, 张掖市 ----
        Map<String, int[]> minleMonths = Map.of("2026-05", modes(1, 0, 0, 0), "2026-06", modes(0, 0, 1, 0),
                "2026-07", modes(1, 0, 0, 0), "2026-08", modes(1, 0, 1, 0), "2026-09", modes(1, 0, 0, 0),
                "2026-11", modes(0, 1, 0, 0));
        awaitFigures("620722", null, null, expected(scope("REGION", MINLE, "民乐县"), "2026-01-01", "2026-11-29",
                visits(7, 6, 4, 1, 2, 0), minleMonths, tasks(3, 4, 2, 1, 2, 1),
                help("5500.50", 7, "0.00", "500.50", "1200.00", "3000.00", "800.00", "0.00"),
                demands(4, 3, 0, 1, 1, "12.0", 2, 1, 0), continuity("2026-11-29", 5, 3, "0.6000", 2)));
        awaitFigures("620723", null, null, expected(scope("REGION", LINZE, "临泽县"), "2026-01-01", "2026-11-29",
                visits(1, 0, 0, 1, 0, 0), Map.of("2026-11", modes(0, 1, 0, 0)), tasks(0, 1, 0, 0, 0, 0),
                help("0.00", 0, "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"),
                demands(1, 0, 1, 0, 0, null, 0, 0, 1), continuity("2026-11-29", 1, 0, "0.0000", 1)));
        Map<String, int[]> zhangyeMonths = new HashMap<>(minleMonths);
        zhangyeMonths.put("2026-11", modes(0, 2, 0, 0));
        awaitFigures("6207", null, null, expected(scope("REGION", ZHANGYE, "张掖市"), "2026-01-01", "2026-11-29",
                visits(8, 6, 4, 2, 2, 0), zhangyeMonths, tasks(3, 5, 2, 1, 2, 1),
                help("5500.50", 7, "0.00", "500.50", "1200.00", "3000.00", "800.00", "0.00"),
                demands(5, 3, 1, 1, 1, "12.0", 2, 1, 1), continuity("2026-11-29", 6, 3, "0.5000", 3)));

        // ---- province: exactly these on top of what other tests left there ----
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, String> now = provinceCounts();
            Map<String, String> delta = new TreeMap<>();
            now.forEach((k, v) -> delta.put(k, new BigDecimal(v).subtract(new BigDecimal(provinceBefore.get(k)))
                    .stripTrailingZeros().toPlainString()));
            assertEquals(new TreeMap<>(Map.ofEntries(Map.entry("visits.total", "8"), Map.entry("visits.inPerson", "6"),
                    Map.entry("visits.byMode.BY_PHONE", "2"), Map.entry("tasks.PUBLIC_OPINION", "5"),
                    Map.entry("help.totalYuan", "5500.5"), Map.entry("help.byKind.SKILLS_TRAINING", "3000"),
                    Map.entry("demands.opened", "5"), Map.entry("demands.overdue", "1"),
                    Map.entry("continuity.activePairings", "6"), Map.entry("continuity.visitedWithinWindow", "3"),
                    Map.entry("continuity.overdue", "3"))), delta);
        });

        // ---- per unit and per cadre ----
        awaitFigures("unit", u1.toString(), null, null, expected(scope("UNIT", u1.toString(), "民乐县民政局"),
                "2026-01-01", "2026-11-29", visits(3, 3, 1, 0, 2, 0),
                Map.of("2026-06", modes(0, 0, 1, 0), "2026-08", modes(0, 0, 1, 0), "2026-09", modes(1, 0, 0, 0)),
                tasks(1, 2, 1, 0, 2, 1), help("3500.50", 3, "0.00", "500.50", "0.00", "3000.00", "0.00", "0.00"),
                demands(2, 1, 0, 1, 1, "20.0", 0, 1, 0), continuity("2026-11-29", 3, 1, "0.3333", 2)));
        awaitFigures("unit", u2.toString(), null, null, expected(scope("UNIT", u2.toString(), "临泽县农业农村局"),
                "2026-01-01", "2026-11-29", visits(5, 3, 3, 2, 0, 0),
                Map.of("2026-05", modes(1, 0, 0, 0), "2026-07", modes(1, 0, 0, 0), "2026-08", modes(1, 0, 0, 0),
                        "2026-11", modes(0, 2, 0, 0)),
                tasks(2, 3, 1, 1, 0, 0), help("2000.00", 4, "0.00", "0.00", "1200.00", "0.00", "800.00", "0.00"),
                demands(3, 2, 1, 0, 0, "8.0", 2, 0, 1), continuity("2026-11-29", 3, 2, "0.6667", 1)));
        awaitFigures("cadre", c2.toString(), null, null, expected(scope("CADRE", c2.toString(), "李红"), "2026-01-01",
                "2026-11-29", visits(4, 3, 3, 1, 0, 0),
                Map.of("2026-05", modes(1, 0, 0, 0), "2026-07", modes(1, 0, 0, 0), "2026-08", modes(1, 0, 0, 0),
                        "2026-11", modes(0, 1, 0, 0)),
                tasks(2, 2, 1, 1, 0, 0), help("2000.00", 4, "0.00", "0.00", "1200.00", "0.00", "800.00", "0.00"),
                demands(2, 2, 0, 0, 0, "8.0", 2, 0, 0), continuity("2026-11-29", 2, 2, "1.0000", 0)));
        awaitFigures("cadre", c1.toString(), null, null, expected(scope("CADRE", c1.toString(), "王立新"), "2026-01-01",
                "2026-11-29", visits(3, 3, 1, 0, 2, 0),
                Map.of("2026-06", modes(0, 0, 1, 0), "2026-08", modes(0, 0, 1, 0), "2026-09", modes(1, 0, 0, 0)),
                tasks(1, 2, 1, 0, 2, 1), help("3500.50", 3, "0.00", "500.50", "0.00", "3000.00", "0.00", "0.00"),
                demands(2, 1, 0, 1, 1, "20.0", 0, 1, 0), continuity("2026-11-29", 3, 1, "0.3333", 2)));

        // ---- another period: September only; and a day in the past for continuity ----
        assertEquals(expected(scope("REGION", MINLE, "民乐县"), "2026-09-01", "2026-09-30", visits(1, 1, 1, 0, 0, 0),
                Map.of("2026-09", modes(1, 0, 0, 0)), tasks(1, 1, 1, 0, 0, 0),
                help("3500.50", 3, "0.00", "500.50", "0.00", "3000.00", "0.00", "0.00"),
                demands(0, 1, 0, 0, 0, "4.0", 1, 0, 0), continuity("2026-09-30", 5, 5, "1.0000", 0)),
                flat(figures("region", "620722", "2026-09-01", "2026-09-30")));
        // on 05-31: pE still active and visited 21 days before; pA, pC, pG 91 days since their start (overdue);
        // pB, pF lifted (180); pD not yet started
        assertEquals(expected(scope("REGION", ZHANGYE, "张掖市"), "2026-01-01", "2026-05-31", visits(1, 1, 1, 0, 0, 0),
                Map.of("2026-05", modes(1, 0, 0, 0)), tasks(1, 0, 0, 0, 0, 0),
                help("1200.00", 1, "0.00", "0.00", "1200.00", "0.00", "0.00", "0.00"),
                demands(0, 0, 0, 0, 0, null, 0, 0, 0), continuity("2026-05-31", 6, 1, "0.1667", 3)),
                flat(figures("region", "6207", null, "2026-05-31")));

        // ---- the overdue list: most days first, head masked; its total equals the figure ----
        overdue("6207", Map.of()).body("total", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(50))
                .body("items.pairingId", equalTo(List.of(pB.toString(), pD.toString(), pG.toString())))
                .body("items.daysSinceLastVisit", equalTo(List.of(181, 120, 91)))
                .body("items.windowDays", equalTo(List.of(180, 90, 90)))
                .body("items.householdHead", equalTo(List.of("韩**", "欧***", "何**")))
                .body("items.householdStatus", equalTo(List.of("LIFTED", "RELAPSED", "IN_POVERTY")))
                .body("items.lastInPersonOn", equalTo(java.util.Arrays.asList("2026-06-01", null, "2026-08-30")))
                .body("items.startedOn", equalTo(List.of("2026-03-01", "2026-08-01", "2026-03-01")));
        Map<String, Object> first = overdue("6207", Map.of()).extract().jsonPath().getMap("items[0]");
        Map<String, Object> expectedFirst = new LinkedHashMap<>();
        expectedFirst.put("pairingId", pB.toString());
        expectedFirst.put("cadreId", c1.toString());
        expectedFirst.put("cadreName", "王立新");
        expectedFirst.put("unitId", u1.toString());
        expectedFirst.put("unitName", "民乐县民政局");
        expectedFirst.put("householdId", hB);
        expectedFirst.put("householdHead", "韩**");
        expectedFirst.put("householdStatus", "LIFTED");
        expectedFirst.put("villageCode", V1);
        expectedFirst.put("startedOn", "2026-03-01");
        expectedFirst.put("lastInPersonOn", "2026-06-01");
        expectedFirst.put("daysSinceLastVisit", 181);
        expectedFirst.put("windowDays", 180);
        assertEquals(expectedFirst, first);
        overdue("6207", Map.of("unit", u1)).body("total", equalTo(2))
                .body("items.pairingId", equalTo(List.of(pB.toString(), pG.toString())));
        overdue("6207", Map.of("cadre", c3)).body("total", equalTo(1))
                .body("items.pairingId", equalTo(List.of(pD.toString())));
        overdue("6207", Map.of("cadre", c2)).body("total", equalTo(0)).body("items", hasSize(0));
        overdue("620723", Map.of()).body("total", equalTo(1));
        overdue("6207", Map.of("page", 1, "size", 2)).body("total", equalTo(3))
                .body("items.pairingId", equalTo(List.of(pG.toString())));
        overdue("620722101201", Map.of()).body("items.pairingId", equalTo(List.of(pG.toString())));
        // the province's list total equals its figure too
        JsonPath province = figures("region", "62", null, null).extract().jsonPath();
        overdue("62", Map.of("size", 500)).body("total", equalTo(province.getInt("continuity.overdue")));
        assertTrue(pE != null && v8 != null);
    }

    @Test
    void unreadableVisitRecordsAreDeadLettered() {
        double rejectedBefore = metricSum("rejected");
        String marker = UUID.randomUUID().toString();
        UUID id = UUID.randomUUID();
        events.send(Topics.VISIT_VISITS, marker, visitLogged(ReportingEvents.visitData(id, UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID().toString(), V1, UUID.randomUUID(), "2026-11-01", "IN_HOME",
                List.of("DANCING"), List.of(), 0, 1)));
        events.send(Topics.VISIT_VISITS, marker, visitLogged(ReportingEvents.visitData(id, UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID().toString(), V1, UUID.randomUUID(), "2026-11-01", "IN_HOME",
                List.of("DEVELOPMENT"), List.of(ReportingEvents.help("FUNDS", "-5.00", 1)), 0, 1)));
        events.publish(Topics.VISIT_DEMANDS, marker, EventTypes.DEMAND_CHANGED,
                new DemandData(id.toString(), UUID.randomUUID().toString(), V1, null, UUID.randomUUID().toString(),
                        "HOUSING", "RESOLVED", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), null, null, 2));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(3.0, metricSum("rejected") - rejectedBefore));
        Map<String, String> reasons = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = TestKafka.consumerFromStart("reporting-service.dead-letter")) {
            long until = System.currentTimeMillis() + WAIT.toMillis();
            while (reasons.size() < 3 && System.currentTimeMillis() < until) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (marker.equals(r.key())) {
                        String reason = new String(r.headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8);
                        reasons.put(reason.substring(reason.lastIndexOf(": ") + 2), reason);
                    }
                }
            }
        }
        assertEquals(java.util.Set.of("task 'DANCING' is not one of POLICY_PUBLICITY, PUBLIC_OPINION, DEVELOPMENT, "
                + "EMOTION_EASING, GRASSROOTS, MODEL_PROMOTION", "help[0].amountYuan is missing or negative",
                "closedOn is missing for status RESOLVED"), reasons.keySet());
    }

    @Test
    void problemsNameTheParameterAndTheRule() {
        events.region(PROVINCE, "甘肃省", "PROVINCE", null, false, false);
        await().atMost(WAIT).untilAsserted(() -> figures("region", "62", null, null).statusCode(200));
        given().queryParam("from", "2026-12-01").queryParam("to", "2026-11-29").when()
                .get("/api/v1/regions/62/visits").then().statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(1)).body("errors[0].field", equalTo("from"))
                .body("errors[0].rule", equalTo("period"))
                .body("errors[0].message", equalTo("from 2026-12-01 is after to 2026-11-29"));
        // figures cannot be asked for days that have not come (the same rule as the assessment; today 2026-11-29)
        given().queryParam("to", "2026-11-30").when().get("/api/v1/regions/62/visits").then().statusCode(400)
                .body("errors[0].field", equalTo("to")).body("errors[0].rule", equalTo("date-future"))
                .body("errors[0].message", equalTo("to 2026-11-30 is after today 2026-11-29"));
        given().queryParam("from", "2000-01-01").when().get("/api/v1/regions/62/visits").then().statusCode(400)
                .body("errors[0].field", equalTo("from")).body("errors[0].rule", equalTo("period"));
        given().queryParam("to", "20261129").when().get("/api/v1/regions/62/visits").then().statusCode(400)
                .body("errors[0].field", equalTo("to")).body("errors[0].rule", equalTo("param.type"))
                .body("errors[0].message", equalTo("to must be a date yyyy-MM-dd, not '20261129'"));
        given().when().get("/api/v1/regions/62x/visits").then().statusCode(400)
                .body("errors[0].field", equalTo("code")).body("errors[0].rule", equalTo("region-code.format"));
        given().when().get("/api/v1/regions/6297/visits").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("region 629700000000 does not exist"));
        UUID nobody = UUID.randomUUID();
        given().when().get("/api/v1/units/{id}/visits", nobody).then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("unit " + nobody + " does not exist"));
        given().when().get("/api/v1/cadres/{id}/visits", nobody).then().statusCode(404)
                .body("detail", equalTo("cadre " + nobody + " does not exist"));
        given().when().get("/api/v1/units/abc/visits").then().statusCode(400)
                .body("errors[0].field", equalTo("id")).body("errors[0].rule", equalTo("param.type"));
        given().queryParam("unit", nobody).when().get("/api/v1/regions/62/overdue-pairings").then()
                .statusCode(404).body("detail", equalTo("unit " + nobody + " does not exist"));
        given().queryParam("cadre", "abc").when().get("/api/v1/regions/62/overdue-pairings").then()
                .statusCode(400).body("errors[0].field", equalTo("cadre"))
                .body("errors[0].rule", equalTo("param.type"));
        // a misspelt filter is refused, not ignored (it would list everything)
        given().queryParam("unitId", nobody).when().get("/api/v1/regions/62/overdue-pairings").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("unitId")).body("errors[0].rule", equalTo("param.unknown"))
                .body("detail", equalTo("query parameter 'unitId' is not known here; known: cadre, format, headers, page, size, unit"));
        given().queryParam("size", 501).when().get("/api/v1/regions/62/overdue-pairings").then().statusCode(400)
                .body("errors[0].field", equalTo("size")).body("errors[0].rule", equalTo("max"));
        given().when().get("/api/v1/regions/62/overdue-pairings?page=-1").then().statusCode(400)
                .body("errors[0].field", equalTo("page")).body("errors[0].rule", equalTo("min"));
        given().when().get("/api/v1/regions/6297/overdue-pairings").then().statusCode(404)
                .body("type", startsWith("urn:lianhu:problem:not-found"));
    }

    @Test
    void openApiDocumentsTheFiguresUnderTheirTag() {
        JsonPath doc = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, String> operations = Map.of("/api/v1/regions/{code}/visits", "getRegionVisitFigures",
                "/api/v1/units/{id}/visits", "getUnitVisitFigures", "/api/v1/cadres/{id}/visits", "getCadreVisitFigures",
                "/api/v1/regions/{code}/overdue-pairings", "listOverduePairings");
        for (Map.Entry<String, String> e : operations.entrySet()) {
            String op = "paths.'" + e.getKey() + "'.get";
            assertEquals(e.getValue(), doc.getString(op + ".operationId"));
            assertEquals(List.of("Visits and continuity"), doc.getList(op + ".tags"));
        }
        assertEquals(java.util.Set.of("IN_HOME", "BY_PHONE", "VILLAGE_MEETING", "OTHER"),
                doc.getMap("components.schemas.VisitsByMode.properties").keySet());
        assertEquals(java.util.Set.of("POLICY_PUBLICITY", "PUBLIC_OPINION", "DEVELOPMENT", "EMOTION_EASING",
                "GRASSROOTS", "MODEL_PROMOTION"), doc.getMap("components.schemas.VisitTaskCounts.properties").keySet());
        assertEquals(java.util.Set.of("INDUSTRY_PROJECT", "FUNDS", "EMPLOYMENT", "SKILLS_TRAINING", "MARKET_ACCESS",
                "INFRASTRUCTURE"), doc.getMap("components.schemas.HelpByKind.properties").keySet());
    }

    // ---------------------------------------------------------------------------------------------
    // Expected figures, flattened: "visits.byMonth[2026-05].byMode.IN_HOME" → "1"; money as sent ("500.50")
    // ---------------------------------------------------------------------------------------------

    private static String[] scope(String kind, String id, String name) {
        return new String[] { kind, id, name };
    }

    private static int[] visits(int total, int inPerson, int inHome, int byPhone, int meeting, int other) {
        return new int[] { total, inPerson, inHome, byPhone, meeting, other };
    }

    private static int[] modes(int inHome, int byPhone, int meeting, int other) {
        return new int[] { inHome, byPhone, meeting, other };
    }

    private static int[] tasks(int... counts) {
        return counts;
    }

    private static Object[] help(String total, int people, String industry, String funds, String employment,
            String skills, String market, String infrastructure) {
        return new Object[] { total, people, industry, funds, employment, skills, market, infrastructure };
    }

    /** Demand figures; satisfaction counts the closed ones by the household's answer (none closed without one). */
    private static Object[] demands(int opened, int resolved, int rejected, int open, int overdue, String median,
            int satisfied, int basicallySatisfied, int dissatisfied) {
        return new Object[] { opened, resolved, rejected, open, overdue, median, satisfied, basicallySatisfied,
                dissatisfied };
    }

    private static Object[] continuity(String day, int active, int within, String share, int overdue) {
        return new Object[] { day, active, within, share, overdue };
    }

    private static final List<String> MODES = List.of("IN_HOME", "BY_PHONE", "VILLAGE_MEETING", "OTHER");
    private static final List<String> TASKS = List.of("POLICY_PUBLICITY", "PUBLIC_OPINION", "DEVELOPMENT",
            "EMOTION_EASING", "GRASSROOTS", "MODEL_PROMOTION");
    private static final List<String> KINDS = List.of("INDUSTRY_PROJECT", "FUNDS", "EMPLOYMENT", "SKILLS_TRAINING",
            "MARKET_ACCESS", "INFRASTRUCTURE");

    private static Map<String, String> expected(String[] scope, String from, String to, int[] visits,
            Map<String, int[]> months, int[] tasks, Object[] help, Object[] demands, Object[] continuity) {
        Map<String, String> m = new TreeMap<>();
        m.put("scope.kind", scope[0]);
        m.put("scope.id", scope[1]);
        m.put("scope.name", scope[2]);
        m.put("from", from);
        m.put("to", to);
        m.put("visits.total", String.valueOf(visits[0]));
        m.put("visits.inPerson", String.valueOf(visits[1]));
        for (int i = 0; i < 4; i++) {
            m.put("visits.byMode." + MODES.get(i), String.valueOf(visits[2 + i]));
        }
        for (YearMonth ym = YearMonth.parse(from.substring(0, 7)); !ym.isAfter(YearMonth.parse(to.substring(0, 7)));
                ym = ym.plusMonths(1)) {
            int[] c = months.getOrDefault(ym.toString(), new int[4]);
            String p = "visits.byMonth[" + ym + "].";
            m.put(p + "month", ym.toString());
            m.put(p + "total", String.valueOf(c[0] + c[1] + c[2] + c[3]));
            for (int i = 0; i < 4; i++) {
                m.put(p + "byMode." + MODES.get(i), String.valueOf(c[i]));
            }
        }
        for (int i = 0; i < 6; i++) {
            m.put("tasks." + TASKS.get(i), String.valueOf(tasks[i]));
        }
        m.put("help.totalYuan", (String) help[0]);
        m.put("help.peopleBenefiting", String.valueOf(help[1]));
        for (int i = 0; i < 6; i++) {
            m.put("help.byKind." + KINDS.get(i), (String) help[2 + i]);
        }
        List<String> demandKeys = List.of("opened", "resolved", "rejected", "open", "overdue", "medianResolutionDays");
        for (int i = 0; i < 6; i++) {
            m.put("demands." + demandKeys.get(i), String.valueOf(demands[i]));
        }
        m.put("demands.satisfaction.satisfied", String.valueOf(demands[6]));
        m.put("demands.satisfaction.basicallySatisfied", String.valueOf(demands[7]));
        m.put("demands.satisfaction.dissatisfied", String.valueOf(demands[8]));
        m.put("demands.satisfaction.notGiven", "0");
        m.put("continuity.day", (String) continuity[0]);
        m.put("continuity.overdueDays", "90");
        m.put("continuity.liftedOverdueDays", "180");
        m.put("continuity.activePairings", String.valueOf(continuity[1]));
        m.put("continuity.visitedWithinWindow", String.valueOf(continuity[2]));
        m.put("continuity.share", String.valueOf(continuity[3]));
        m.put("continuity.overdue", String.valueOf(continuity[4]));
        return m;
    }

    /** The body flattened to path → value as written (numbers exactly as in the JSON), asOf left out. */
    private static Map<String, String> flat(ValidatableResponse response) {
        String body = response.statusCode(200).extract().asString();
        JsonPath json = new JsonPath(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        Map<String, String> m = new TreeMap<>();
        flatten("", json.getMap("$"), m);
        m.remove("asOf");
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, Map<String, String> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? (String) k : prefix + "." + k, v, into));
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                String key = item instanceof Map<?, ?> mi && mi.get("month") != null ? (String) mi.get("month") : "?";
                flatten(prefix + "[" + key + "]", item, into);
            }
        } else {
            into.put(prefix, value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value));
        }
    }

    private static ValidatableResponse figures(String kind, String id, String from, String to) {
        var request = given();
        if (from != null) {
            request = request.queryParam("from", from);
        }
        if (to != null) {
            request = request.queryParam("to", to);
        }
        return request.when().get("/api/v1/" + (kind.equals("region") ? "regions" : kind + "s") + "/{id}/visits", id)
                .then();
    }

    private static void awaitFigures(String code, String from, String to, Map<String, String> expected) {
        awaitFigures("region", code, from, to, expected);
    }

    private static void awaitFigures(String kind, String id, String from, String to, Map<String, String> expected) {
        await().atMost(WAIT).untilAsserted(() -> assertEquals(expected, flat(figures(kind, id, from, to))));
    }

    private static ValidatableResponse overdue(String code, Map<String, Object> params) {
        return given().queryParams(params).when().get("/api/v1/regions/{code}/overdue-pairings", code).then()
                .statusCode(200);
    }

    /** The province's figures that this test adds to (as plain numbers). */
    private static Map<String, String> provinceCounts() {
        var response = figures("region", "62", null, null).extract();
        List<String> keys = List.of("visits.total", "visits.inPerson", "visits.byMode.BY_PHONE",
                "tasks.PUBLIC_OPINION", "help.totalYuan", "help.byKind.SKILLS_TRAINING", "demands.opened",
                "demands.overdue", "continuity.activePairings", "continuity.visitedWithinWindow", "continuity.overdue");
        Map<String, String> m = new TreeMap<>();
        Map<String, String> all = response.statusCode() == 200 ? flat(figures("region", "62", null, null)) : Map.of();
        for (String k : keys) {
            m.put(k, all.getOrDefault(k, "0"));
        }
        return m;
    }

    /** Sum over the visit topics of counter lianhu.reporting.events{outcome} from /q/metrics. */
    private static double metricSum(String outcome) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("lianhu_reporting_events_total\\{([^}]*)\\} (\\S+)").matcher(body);
        double total = 0;
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("outcome=\"" + outcome + "\"")
                    && VISIT_TOPICS.stream().anyMatch(t -> labels.contains("topic=\"" + t + "\""))) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    /** A visit.logged record of {@code data} (new event id), to send twice or replay, keyed as the test chooses. */
    private String visitLogged(VisitData data) {
        return events.json(Topics.VISIT_VISITS, data.id(), EventTypes.VISIT_LOGGED, data);
    }
}
