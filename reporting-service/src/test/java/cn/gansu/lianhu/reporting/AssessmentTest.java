package cn.gansu.lianhu.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.CadreData;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.reporting.config.AssessmentConfig;
import cn.gansu.lianhu.reporting.config.AssessmentConfigCheck;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Issue 5 point 1: the assessment (督查考核). Registry, pairing and visit events go to the real broker (shared
 * {@link ReportingEvents} fixture); the rankings are awaited over REST and every score, part value, points, input,
 * reason and rank of this class's subjects is compared with figures worked out by hand from the definitions
 * (AssessmentService). Today is 2026-11-29; default weights 25/25/15/15/10/10, target share 0.2; windows 90 days, 180
 * for a lifted household.
 *
 * <p>Region: 武威市 (6206) — counties 凉州区 620602, 民勤县 620621 and 天祝县 620623 belong to this class; 古浪县 620622
 * belongs to PairingCoverageTest, so the rankings of 6206's counties and of its county units may hold one more row,
 * and the test asserts its own rows exactly and the ranking's ordering invariants.
 *
 * <pre>
 * 天祝县 620623 (poor) / 华藏寺镇: 红大村 TZ1 (hA IN_POVERTY → LIFTED 06-15, hB IN_POVERTY), 红明村 TZ2 (hC LIFTED →
 *         RELAPSED 09-10, hD LIFTED); 打柴沟镇: 安门村 TZ3 (hE IN_POVERTY) — all three poor villages
 * 民勤县 620621 / 三雷镇: 新民村 MQ1, not poor (hF IN_POVERTY → LIFTED 10-10)
 * 凉州区 620602 / 黄羊镇: 黄羊村 LZ1, not poor (hG IN_POVERTY)
 * U1 天祝县农业农村局 (requires 2 villages; links TZ1, TZ2): c1 张伟 (min 2), c2 李娜, c3 王芳, c4 刘洋 (min 1),
 *         c5 孙强 TRANSFERRED
 * U2 天祝县民政局 (requires 2; links TZ3, and TZ2 ended): c6 陈静 (min 1)
 * U3 民勤县水务局 (requires 0): c7 马军 (min 1);  U4 凉州区教育局 (requires 1, no link, no cadre)
 * pairings (from 03-01): pA c1–hA, pB c1–hB, pC c1–hC, pD c2–hD, pF c4–hD (U1); pE c3–hB 01-10..06-30 ENDED (U1);
 *         pG c6–hE from 08-01 (U2); pH c7–hF from 04-01 (U3)
 * visits: vA pA 07-01 IN_HOME {policy, development}; vB pB 10-01 IN_HOME {opinion, emotion, grassroots};
 *         vC pC 08-01 BY_PHONE {policy}; vD pD 11-20 VILLAGE_MEETING {all six}; vF pF 11-21 VILLAGE_MEETING {all six};
 *         vE pE 05-10 IN_HOME {model}; vH pH 09-15 IN_HOME {policy, opinion, development, emotion}
 * demands (U1): d1 on vB due 10-31 resolved 10-20 (on time); d2 on vA due 07-31 resolved 08-05 (late);
 *         d3 on vD due 12-20 open (not yet due); d4 on vE due 06-09 still in progress (late)
 * </pre>
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class AssessmentTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PROVINCE = "620000000000";
    private static final String WUWEI = "620600000000";
    private static final String LIANGZHOU = "620602000000";
    private static final String MINQIN = "620621000000";
    private static final String TIANZHU = "620623000000";
    private static final String HUAZANGSI = "620623100000";
    private static final String TZ1 = "620623100200";
    private static final String TZ2 = "620623100201";
    private static final String TZ3 = "620623101200";
    private static final String MQ1 = "620621100200";
    private static final String LZ1 = "620602100200";
    private static final LocalDate MAR_1 = LocalDate.of(2026, 3, 1);
    private static final List<String> SIX = List.of("POLICY_PUBLICITY", "PUBLIC_OPINION", "DEVELOPMENT",
            "EMOTION_EASING", "GRASSROOTS", "MODEL_PROMOTION");

    private static boolean seeded;
    private static UUID u1;
    private static UUID u2;
    private static UUID u3;
    private static UUID u4;
    private static UUID c1;
    private static UUID c2;
    private static UUID c3;
    private static UUID c4;

    @Inject
    ObjectMapper mapper;

    /** Publishes the walk-through once for all the tests of the class. */
    private synchronized void seed() {
        if (seeded) {
            return;
        }
        ReportingEvents ev = new ReportingEvents(mapper);
        ev.region(PROVINCE, "甘肃省", "PROVINCE", null, false, false);
        ev.region(WUWEI, "武威市", "PREFECTURE", PROVINCE, false, false);
        ev.region(LIANGZHOU, "凉州区", "COUNTY", WUWEI, false, false);
        ev.region(MINQIN, "民勤县", "COUNTY", WUWEI, false, false);
        ev.region(TIANZHU, "天祝藏族自治县", "COUNTY", WUWEI, true, false);
        ev.region("620602100000", "黄羊镇", "TOWNSHIP", LIANGZHOU, false, false);
        ev.region("620621100000", "三雷镇", "TOWNSHIP", MINQIN, false, false);
        ev.region(HUAZANGSI, "华藏寺镇", "TOWNSHIP", TIANZHU, false, false);
        ev.region("620623101000", "打柴沟镇", "TOWNSHIP", TIANZHU, false, false);
        ev.region(LZ1, "黄羊村委会", "VILLAGE", "620602100000", false, false);
        ev.region(MQ1, "新民村委会", "VILLAGE", "620621100000", false, false);
        ev.region(TZ1, "红大村委会", "VILLAGE", HUAZANGSI, false, true);
        ev.region(TZ2, "红明村委会", "VILLAGE", HUAZANGSI, false, true);
        ev.region(TZ3, "安门村委会", "VILLAGE", "620623101000", false, true);

        String hA = ev.household(TZ1, "达娃", "IN_POVERTY");
        ev.householdStatus(hA, TZ1, "达娃", "LIFTED", "IN_POVERTY", LocalDate.of(2026, 6, 15), 2);
        String hB = ev.household(TZ1, "李桂英", "IN_POVERTY");
        String hC = ev.household(TZ2, "杨永福", "LIFTED");
        ev.householdStatus(hC, TZ2, "杨永福", "RELAPSED", "LIFTED", LocalDate.of(2026, 9, 10), 2);
        String hD = ev.household(TZ2, "才让", "LIFTED");
        String hE = ev.household(TZ3, "马秀兰", "IN_POVERTY");
        String hF = ev.household(MQ1, "张玉梅", "IN_POVERTY");
        ev.householdStatus(hF, MQ1, "张玉梅", "LIFTED", "IN_POVERTY", LocalDate.of(2026, 10, 10), 2);
        ev.household(LZ1, "王建国", "IN_POVERTY");

        u1 = ev.unit("天祝县农业农村局", "COUNTY", TIANZHU, 4, 2);
        u2 = ev.unit("天祝县民政局", "COUNTY", TIANZHU, 1, 2);
        u3 = ev.unit("民勤县水务局", "COUNTY", MINQIN, 1, 0);
        u4 = ev.unit("凉州区教育局", "COUNTY", LIANGZHOU, 0, 1);
        c1 = ev.cadre(u1, "张伟", "COUNTY_DIVISION", 2);
        c2 = ev.cadre(u1, "李娜", "OTHER", 1);
        c3 = ev.cadre(u1, "王芳", "OTHER", 1);
        c4 = ev.cadre(u1, "刘洋", "OTHER", 1);
        UUID c5 = ev.cadre(u1, "孙强", "OTHER", 1);
        ev.cadre(EventTypes.CADRE_LEFT, new CadreData(c5.toString(), "孙强", "620000********0011", u1.toString(),
                "OTHER", "TRANSFERRED", 0, 2));
        UUID c6 = ev.cadre(u2, "陈静", "OTHER", 1);
        UUID c7 = ev.cadre(u3, "马军", "OTHER", 1);
        ev.villageLink(UUID.randomUUID(), u1, TZ1, true);
        ev.villageLink(UUID.randomUUID(), u1, TZ2, true);
        ev.villageLink(UUID.randomUUID(), u2, TZ3, true);
        ev.villageLink(UUID.randomUUID(), u2, TZ2, false);

        UUID pA = ev.pairing(c1, u1, hA, TZ1, MAR_1);
        UUID pB = ev.pairing(c1, u1, hB, TZ1, MAR_1);
        UUID pC = ev.pairing(c1, u1, hC, TZ2, MAR_1);
        UUID pD = ev.pairing(c2, u1, hD, TZ2, MAR_1);
        UUID pF = ev.pairing(c4, u1, hD, TZ2, MAR_1);
        UUID pE = UUID.randomUUID();
        ev.pairing(pE, c3, u1, hB, TZ1, "ACTIVE", LocalDate.of(2026, 1, 10), null, 1);
        ev.pairing(pE, c3, u1, hB, TZ1, "ENDED", LocalDate.of(2026, 1, 10), LocalDate.of(2026, 6, 30), 2);
        UUID pG = ev.pairing(c6, u2, hE, TZ3, LocalDate.of(2026, 8, 1));
        UUID pH = ev.pairing(c7, u3, hF, MQ1, LocalDate.of(2026, 4, 1));

        UUID vA = ev.visit(c1, u1, hA, TZ1, pA, "2026-07-01", "IN_HOME", List.of("POLICY_PUBLICITY", "DEVELOPMENT"),
                List.of(), 1);
        UUID vB = ev.visit(c1, u1, hB, TZ1, pB, "2026-10-01", "IN_HOME",
                List.of("PUBLIC_OPINION", "EMOTION_EASING", "GRASSROOTS"), List.of(), 1);
        ev.visit(c1, u1, hC, TZ2, pC, "2026-08-01", "BY_PHONE", List.of("POLICY_PUBLICITY"), List.of(), 0);
        UUID vD = ev.visit(c2, u1, hD, TZ2, pD, "2026-11-20", "VILLAGE_MEETING", SIX, List.of(), 1);
        ev.visit(c4, u1, hD, TZ2, pF, "2026-11-21", "VILLAGE_MEETING", SIX, List.of(), 0);
        UUID vE = ev.visit(c3, u1, hB, TZ1, pE, "2026-05-10", "IN_HOME", List.of("MODEL_PROMOTION"), List.of(), 1);
        ev.visit(c7, u3, hF, MQ1, pH, "2026-09-15", "IN_HOME",
                List.of("POLICY_PUBLICITY", "PUBLIC_OPINION", "DEVELOPMENT", "EMOTION_EASING"), List.of(), 0);

        UUID d1 = UUID.randomUUID();
        ev.demand(d1, hB, TZ1, vB, u1, "OPEN", "2026-10-01", "2026-10-31", null, null, 1);
        ev.demand(d1, hB, TZ1, vB, u1, "RESOLVED", "2026-10-01", "2026-10-31", "2026-10-20", "SATISFIED", 2);
        UUID d2 = UUID.randomUUID();
        ev.demand(d2, hA, TZ1, vA, u1, "OPEN", "2026-07-01", "2026-07-31", null, null, 1);
        ev.demand(d2, hA, TZ1, vA, u1, "RESOLVED", "2026-07-01", "2026-07-31", "2026-08-05", "SATISFIED", 2);
        ev.demand(UUID.randomUUID(), hD, TZ2, vD, u1, "OPEN", "2026-11-20", "2026-12-20", null, null, 1);
        UUID d4 = UUID.randomUUID();
        ev.demand(d4, hB, TZ1, vE, u1, "OPEN", "2026-05-10", "2026-06-09", null, null, 1);
        ev.demand(d4, hB, TZ1, vE, u1, "IN_PROGRESS", "2026-05-10", "2026-06-09", null, null, 2);
        seeded = true;
    }

    // ---- rankings --------------------------------------------------------------------------------------------

    @Test
    void cadresOfAUnitAreRankedWithTheirPartsATieSharesARankAndAbsentPartsRescaleTheScore() {
        seed();
        String path = "/api/v1/assessment/units/" + u1 + "/cadres";
        List<String> expected = List.of(
                // c4 and c2: no demand → the score is over 85 points: 100 × 75 / 85 = 88.2; a tie, by name
                "1 刘洋 88.2 | coverage 1×25=25 {activePairings=1, minimumHouseholds=1}"
                        + " | continuity 1×25=25 {activePairings=1, visitedWithinWindow=1}"
                        + " | tasks 1×15=15 {activePairings=1, averageTasks=6}"
                        + " | demandsOnTime null×15 (no demand closed or due in the period) {due=0, onTime=0}"
                        + " | lifted 0×10=0 {households=1, lifted=0, targetShare=0.2}"
                        + " | noRelapse 1×10=10 {liftedHouseholds=1, relapsed=0}",
                "1 李娜 88.2 | coverage 1×25=25 {activePairings=1, minimumHouseholds=1}"
                        + " | continuity 1×25=25 {activePairings=1, visitedWithinWindow=1}"
                        + " | tasks 1×15=15 {activePairings=1, averageTasks=6}"
                        + " | demandsOnTime null×15 (no demand closed or due in the period) {due=0, onTime=0}"
                        + " | lifted 0×10=0 {households=1, lifted=0, targetShare=0.2}"
                        + " | noRelapse 1×10=10 {liftedHouseholds=1, relapsed=0}",
                // 25 + 16.6675 + 4.9995 + 7.5 + 10 + 5 = 69.167
                "3 张伟 69.2 | coverage 1×25=25 {activePairings=3, minimumHouseholds=2}"
                        + " | continuity 0.6667×25=16.6675 {activePairings=3, visitedWithinWindow=2}"
                        + " | tasks 0.3333×15=4.9995 {activePairings=3, averageTasks=2}"
                        + " | demandsOnTime 0.5×15=7.5 {due=2, onTime=1}"
                        + " | lifted 1×10=10 {households=3, lifted=1, targetShare=0.2}"
                        + " | noRelapse 0.5×10=5 {liftedHouseholds=2, relapsed=1}",
                // pairing ended 06-30: nothing active on 11-29; its demand is late; its household was not lifted
                "4 王芳 0 | coverage 0×25=0 {activePairings=0, minimumHouseholds=1}"
                        + " | continuity null×25 (no pairing active on 2026-11-29) {activePairings=0, visitedWithinWindow=0}"
                        + " | tasks null×15 (no pairing active on 2026-11-29) {activePairings=0, averageTasks=null}"
                        + " | demandsOnTime 0×15=0 {due=1, onTime=0}"
                        + " | lifted 0×10=0 {households=1, lifted=0, targetShare=0.2}"
                        + " | noRelapse null×10 (no household lifted at the start of the period or in it)"
                        + " {liftedHouseholds=0, relapsed=0}");
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath body = json(given().when().get(path).then().statusCode(200).extract().response());
            assertEquals(expected, describe(body.getList("items")));
            assertEquals(4, body.getInt("total"));
        });
        JsonPath body = json(given().when().get(path).then().statusCode(200).extract().response());
        assertEquals(Map.of("kind", "UNIT", "id", u1.toString(), "name", "天祝县农业农村局"), body.getMap("scope"));
        assertEquals("CADRE", body.getString("level"));
        assertEquals(null, body.getString("unitLevel"));
        assertEquals("2026-01-01", body.getString("from"));
        assertEquals("2026-11-29", body.getString("to"));
        assertEquals(List.of(c4.toString(), c2.toString(), c1.toString(), c3.toString()),
                body.getList("items.subject.id"));
        assertEquals(List.of("CADRE", "CADRE", "CADRE", "CADRE"), body.getList("items.subject.kind"));
        assertEquals(weights(25, 25, 15, 15, 10, 10), body.getMap("weights"));
        assertEquals(0, new BigDecimal("0.2").compareTo(body.getObject("liftedTargetShare", BigDecimal.class)));
        assertEquals(0, body.getInt("page"));
        assertEquals(50, body.getInt("size"));
        assertTrue(body.getString("asOf").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), body.getString("asOf"));
        // exact scales: values 4 decimals, points weight × value, score 1 decimal
        assertEquals("0.6667", body.getObject("items[2].parts.continuity.value", BigDecimal.class).toPlainString());
        assertEquals("16.6675", body.getObject("items[2].parts.continuity.points", BigDecimal.class).toPlainString());
        assertEquals("69.2", body.getObject("items[2].score", BigDecimal.class).toPlainString());
        assertEquals("2.00", body.getObject("items[2].parts.tasks.inputs.averageTasks", BigDecimal.class)
                .toPlainString());

        // pages are cut from the whole ranking: ranks stay
        JsonPath second = json(given().queryParam("page", 1).queryParam("size", 2).when().get(path).then()
                .statusCode(200).extract().response());
        assertEquals(List.of(3, 4), second.getList("items.rank"));
        assertEquals(List.of("张伟", "王芳"), second.getList("items.subject.name"));
        assertEquals(4, second.getInt("total"));
        JsonPath beyond = json(given().queryParam("page", 5).when().get(path).then().statusCode(200).extract()
                .response());
        assertEquals(List.of(), beyond.getList("items"));
        assertEquals(4, beyond.getInt("total"));
    }

    @Test
    void unitsOfALevelUnderAPrefectureAreRankedWithCoverageOfLinksAndCadreMinimums() {
        seed();
        Map<String, String> expected = new LinkedHashMap<>();
        // 100 × (25 + 25 + 10.0005 + 10 + 10) / 85 = 94.1
        expected.put(u3.toString(), "民勤县水务局 94.1"
                + " | coverage 1×25=25 {requiredVillages=0, linkedVillages=0, activeCadres=1, cadresMeetingMinimum=1}"
                + " | continuity 1×25=25 {activePairings=1, visitedWithinWindow=1}"
                + " | tasks 0.6667×15=10.0005 {activePairings=1, averageTasks=4}"
                + " | demandsOnTime null×15 (no demand closed or due in the period) {due=0, onTime=0}"
                + " | lifted 1×10=10 {households=1, lifted=1, targetShare=0.2}"
                + " | noRelapse 1×10=10 {liftedHouseholds=1, relapsed=0}");
        // coverage (1 + 3/4) / 2; 21.875 + 20 + 9 + 4.9995 + 10 + 6.667 = 72.5415
        expected.put(u1.toString(), "天祝县农业农村局 72.5"
                + " | coverage 0.875×25=21.875 {requiredVillages=2, linkedVillages=2, activeCadres=4,"
                + " cadresMeetingMinimum=3}"
                + " | continuity 0.8×25=20 {activePairings=5, visitedWithinWindow=4}"
                + " | tasks 0.6×15=9 {activePairings=5, averageTasks=3.6}"
                + " | demandsOnTime 0.3333×15=4.9995 {due=3, onTime=1}"
                + " | lifted 1×10=10 {households=4, lifted=1, targetShare=0.2}"
                + " | noRelapse 0.6667×10=6.667 {liftedHouseholds=3, relapsed=1}");
        // coverage: no ACTIVE cadre leaves that half out, so 0 links of 1 required = 0; over 25 points only
        expected.put(u4.toString(), "凉州区教育局 0"
                + " | coverage 0×25=0 {requiredVillages=1, linkedVillages=0, activeCadres=0, cadresMeetingMinimum=0}"
                + " | continuity null×25 (no pairing active on 2026-11-29) {activePairings=0, visitedWithinWindow=0}"
                + " | tasks null×15 (no pairing active on 2026-11-29) {activePairings=0, averageTasks=null}"
                + " | demandsOnTime null×15 (no demand closed or due in the period) {due=0, onTime=0}"
                + " | lifted null×10 (no household paired by the unit's pairings in the period)"
                + " {households=0, lifted=0, targetShare=0.2}"
                + " | noRelapse null×10 (no household lifted at the start of the period or in it)"
                + " {liftedHouseholds=0, relapsed=0}");
        // coverage (1/2 + 1) / 2 = 0.75; the ended link to 红明村 does not count; 18.75 / 75
        expected.put(u2.toString(), "天祝县民政局 25"
                + " | coverage 0.75×25=18.75 {requiredVillages=2, linkedVillages=1, activeCadres=1, cadresMeetingMinimum=1}"
                + " | continuity 0×25=0 {activePairings=1, visitedWithinWindow=0}"
                + " | tasks 0×15=0 {activePairings=1, averageTasks=0}"
                + " | demandsOnTime null×15 (no demand closed or due in the period) {due=0, onTime=0}"
                + " | lifted 0×10=0 {households=1, lifted=0, targetShare=0.2}"
                + " | noRelapse null×10 (no household lifted at the start of the period or in it)"
                + " {liftedHouseholds=0, relapsed=0}");
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath body = json(given().queryParam("level", "COUNTY").when().get("/api/v1/assessment/regions/6206/units")
                    .then().statusCode(200).extract().response());
            assertEquals(expected, own(body, expected.keySet()));
        });
        JsonPath body = json(given().queryParam("level", "COUNTY").when().get("/api/v1/assessment/regions/6206/units")
                .then().statusCode(200).extract().response());
        assertEquals(Map.of("kind", "REGION", "id", WUWEI, "name", "武威市"), body.getMap("scope"));
        assertEquals("UNIT", body.getString("level"));
        assertEquals("COUNTY", body.getString("unitLevel"));
        assertOrdered(body);
        // this class's units keep their order relative to each other
        List<String> ids = body.getList("items.subject.id");
        assertTrue(ids.indexOf(u3.toString()) < ids.indexOf(u1.toString())
                && ids.indexOf(u1.toString()) < ids.indexOf(u2.toString())
                && ids.indexOf(u2.toString()) < ids.indexOf(u4.toString()), ids.toString());
        // under the province the same rows (tasks are then read in one pass over the visits by pairing)
        JsonPath province = json(given().queryParam("level", "COUNTY").queryParam("size", 500).when()
                .get("/api/v1/assessment/regions/62/units").then().statusCode(200).extract().response());
        assertEquals(expected, own(province, expected.keySet()));
        assertEquals(PROVINCE, province.getString("scope.id"));
        // under the county only its own units; no TOWNSHIP unit there
        JsonPath county = json(given().queryParam("level", "COUNTY").when()
                .get("/api/v1/assessment/regions/620623/units").then().statusCode(200).extract().response());
        assertEquals(List.of(u1.toString(), u2.toString()), county.getList("items.subject.id"));
        assertEquals(List.of(1, 2), county.getList("items.rank"));
        given().queryParam("level", "TOWNSHIP").when().get("/api/v1/assessment/regions/620623/units").then()
                .statusCode(200).body("total", equalTo(0)).body("items", equalTo(List.of()));
    }

    @Test
    void childRegionsAreRankedFromCountiesToVillagesAndAPastPeriodMeasuresOnItsLastDay() {
        seed();
        Map<String, String> counties = new LinkedHashMap<>();
        // nothing to cover in a county without poor villages: no coverage points (null, not 1 — a region with
        // nothing to assess must not rank first); 25 + 10.0005 + 10 + 10 over 60
        counties.put(MINQIN, "民勤县 91.7"
                + " | coverage null×25 (no household to cover and no poor village)"
                + " {householdsToCover=0, householdsCovered=0, poorVillages=0, poorVillagesLinked=0}"
                + " | continuity 1×25=25 {activePairings=1, visitedWithinWindow=1}"
                + " | tasks 0.6667×15=10.0005 {activePairings=1, averageTasks=4}"
                + " | demandsOnTime null×15 (no demand closed or due in the period) {due=0, onTime=0}"
                + " | lifted 1×10=10 {households=1, lifted=1, targetShare=0.2}"
                + " | noRelapse 1×10=10 {liftedHouseholds=1, relapsed=0}");
        // only the lifted part has something to measure: 0 / 10
        counties.put(LIANGZHOU, "凉州区 0"
                + " | coverage null×25 (no household to cover and no poor village)"
                + " {householdsToCover=0, householdsCovered=0, poorVillages=0, poorVillagesLinked=0}"
                + " | continuity null×25 (no pairing active on 2026-11-29) {activePairings=0, visitedWithinWindow=0}"
                + " | tasks null×15 (no pairing active on 2026-11-29) {activePairings=0, averageTasks=null}"
                + " | demandsOnTime null×15 (no demand closed or due in the period) {due=0, onTime=0}"
                + " | lifted 0×10=0 {households=1, lifted=0, targetShare=0.2}"
                + " | noRelapse null×10 (no household lifted at the start of the period or in it)"
                + " {liftedHouseholds=0, relapsed=0}");
        // 25 + 16.6675 + 7.5 + 4.9995 + 10 + 6.667 = 70.834; lifted 1 of 5 = the target share exactly
        counties.put(TIANZHU, "天祝藏族自治县 70.8"
                + " | coverage 1×25=25 {householdsToCover=3, householdsCovered=3, poorVillages=3, poorVillagesLinked=3}"
                + " | continuity 0.6667×25=16.6675 {activePairings=6, visitedWithinWindow=4}"
                + " | tasks 0.5×15=7.5 {activePairings=6, averageTasks=3}"
                + " | demandsOnTime 0.3333×15=4.9995 {due=3, onTime=1}"
                + " | lifted 1×10=10 {households=5, lifted=1, targetShare=0.2}"
                + " | noRelapse 0.6667×10=6.667 {liftedHouseholds=3, relapsed=1}");
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath body = json(given().when().get("/api/v1/assessment/regions/6206/children").then().statusCode(200)
                    .extract().response());
            assertEquals(counties, own(body, counties.keySet()));
        });
        JsonPath prefecture = json(given().when().get("/api/v1/assessment/regions/620600000000/children").then()
                .statusCode(200).extract().response());
        assertEquals("COUNTY", prefecture.getString("level"));
        assertEquals(Map.of("kind", "REGION", "id", WUWEI, "name", "武威市"), prefecture.getMap("scope"));
        assertOrdered(prefecture);
        List<String> codes = prefecture.getList("items.subject.id");
        assertTrue(codes.indexOf(MINQIN) < codes.indexOf(TIANZHU) && codes.indexOf(TIANZHU) < codes.indexOf(LIANGZHOU),
                codes.toString());

        // villages of 华藏寺镇 (all of them are this class's)
        List<String> villages = List.of(
                // 25 + 25 + 6.2505 + 4.9995 + 10 + 10 = 81.25 → 81.3 (HALF_UP)
                "1 红大村委会 81.3 | coverage 1×25=25 {householdsToCover=1, householdsCovered=1, poorVillages=1,"
                        + " poorVillagesLinked=1}"
                        + " | continuity 1×25=25 {activePairings=2, visitedWithinWindow=2}"
                        + " | tasks 0.4167×15=6.2505 {activePairings=2, averageTasks=2.5}"
                        + " | demandsOnTime 0.3333×15=4.9995 {due=3, onTime=1}"
                        + " | lifted 1×10=10 {households=2, lifted=1, targetShare=0.2}"
                        + " | noRelapse 1×10=10 {liftedHouseholds=1, relapsed=0}",
                // (25 + 16.6675 + 10.833 + 0 + 5) / 85
                "2 红明村委会 67.6 | coverage 1×25=25 {householdsToCover=1, householdsCovered=1, poorVillages=1,"
                        + " poorVillagesLinked=1}"
                        + " | continuity 0.6667×25=16.6675 {activePairings=3, visitedWithinWindow=2}"
                        + " | tasks 0.7222×15=10.833 {activePairings=3, averageTasks=4.33}"
                        + " | demandsOnTime null×15 (no demand closed or due in the period) {due=0, onTime=0}"
                        + " | lifted 0×10=0 {households=2, lifted=0, targetShare=0.2}"
                        + " | noRelapse 0.5×10=5 {liftedHouseholds=2, relapsed=1}");
        JsonPath township = json(given().when().get("/api/v1/assessment/regions/620623100/children").then()
                .statusCode(200).extract().response());
        assertEquals(villages, describe(township.getList("items")));
        assertEquals("VILLAGE", township.getString("level"));
        // the continuity part is the visit figures' continuity share
        given().when().get("/api/v1/regions/" + TZ2 + "/visits").then().statusCode(200)
                .body("continuity.share", equalTo(0.6667F));

        // the first half of the year: coverage and continuity on 06-30 (hA already lifted, hC not yet relapsed; no
        // in-person visit yet; pE ended that day), tasks and demands of the half year
        List<String> firstHalf = List.of(
                "1 红大村委会 45 | coverage 1×25=25 {householdsToCover=1, householdsCovered=1, poorVillages=1,"
                        + " poorVillagesLinked=1}"
                        + " | continuity 0×25=0 {activePairings=2, visitedWithinWindow=0}"
                        + " | tasks 0×15=0 {activePairings=2, averageTasks=0}"
                        + " | demandsOnTime 0×15=0 {due=1, onTime=0}"
                        + " | lifted 1×10=10 {households=2, lifted=1, targetShare=0.2}"
                        + " | noRelapse 1×10=10 {liftedHouseholds=1, relapsed=0}",
                "2 红明村委会 41.2 | coverage 1×25=25 {householdsToCover=0, householdsCovered=0, poorVillages=1,"
                        + " poorVillagesLinked=1}"
                        + " | continuity 0×25=0 {activePairings=3, visitedWithinWindow=0}"
                        + " | tasks 0×15=0 {activePairings=3, averageTasks=0}"
                        + " | demandsOnTime null×15 (no demand closed or due in the period) {due=0, onTime=0}"
                        + " | lifted 0×10=0 {households=2, lifted=0, targetShare=0.2}"
                        + " | noRelapse 1×10=10 {liftedHouseholds=2, relapsed=0}");
        JsonPath half = json(given().queryParam("from", "2026-01-01").queryParam("to", "2026-06-30").when()
                .get("/api/v1/assessment/regions/620623100/children").then().statusCode(200).extract().response());
        assertEquals(firstHalf, describe(half.getList("items")));
        assertEquals("2026-06-30", half.getString("to"));
        // the same past day under the prefecture (one aggregate of the visits instead of a lookup per pairing)
        JsonPath halfPrefecture = json(given().queryParam("to", "2026-06-30").when()
                .get("/api/v1/assessment/regions/6206/children").then().statusCode(200).extract().response());
        // on 06-30 hE (安门村) is to cover but its pairing starts 08-01: (1/2 + 3/3) / 2; 18.75 + 10 + 10 = 38.75
        assertEquals(Map.of(TIANZHU, "天祝藏族自治县 38.8"
                + " | coverage 0.75×25=18.75 {householdsToCover=2, householdsCovered=1, poorVillages=3,"
                + " poorVillagesLinked=3}"
                + " | continuity 0×25=0 {activePairings=5, visitedWithinWindow=0}"
                + " | tasks 0×15=0 {activePairings=5, averageTasks=0}"
                + " | demandsOnTime 0×15=0 {due=1, onTime=0}"
                + " | lifted 1×10=10 {households=5, lifted=1, targetShare=0.2}"
                + " | noRelapse 1×10=10 {liftedHouseholds=3, relapsed=0}"), own(halfPrefecture, List.of(TIANZHU)));

        // a village has no children
        given().when().get("/api/v1/assessment/regions/" + TZ1 + "/children").then().statusCode(200)
                .body("level", equalTo(null)).body("total", equalTo(0)).body("items", equalTo(List.of()))
                .body("scope.name", equalTo("红大村委会"));
    }

    // ---- exports ---------------------------------------------------------------------------------------------

    @Test
    void rankingsDownloadAsCsvWithChineseHeadersAndAsXlsxWithTheSameFigures() throws Exception {
        seed();
        String path = "/api/v1/assessment/units/" + u1 + "/cadres";
        await().atMost(WAIT).untilAsserted(() -> given().when().get(path).then().statusCode(200)
                .body("items.subject.name", equalTo(List.of("刘洋", "李娜", "张伟", "王芳"))));
        Response csv = given().queryParam("format", "csv").queryParam("headers", "zh").queryParam("size", 1).when()
                .get(path).then().statusCode(200).header("Content-Type", startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"assessment-unit-cadres-" + u1
                        + "-2026-11-29.csv\""))
                .extract().response();
        assertNotNull(csv.getHeader("Lianhu-As-Of"));
        String text = new String(csv.asByteArray(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF"));
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(text.substring(1))).getRecords();
        assertEquals(List.of("排名", "名称", "编号", "综合得分", "全覆盖得分率", "全覆盖得分", "联系不断得分率", "联系不断得分",
                "六项任务得分率", "六项任务得分", "诉求按期办结得分率", "诉求按期办结得分", "脱贫得分率", "脱贫得分", "未返贫得分率",
                "未返贫得分"), records.get(0).toList());
        // the whole ranking, whatever size says
        assertEquals(5, records.size());
        assertEquals(List.of("1", "刘洋", c4.toString(), "88.2", "1.0000", "25.0000", "1.0000", "25.0000", "1.0000",
                "15.0000", "", "", "0.0000", "0.0000", "1.0000", "10.0000"), records.get(1).toList());
        assertEquals(List.of("3", "张伟", c1.toString(), "69.2", "1.0000", "25.0000", "0.6667", "16.6675", "0.3333",
                "4.9995", "0.5000", "7.5000", "1.0000", "10.0000", "0.5000", "5.0000"), records.get(3).toList());
        assertEquals(List.of("4", "王芳", c3.toString(), "0.0", "0.0000", "0.0000", "", "", "", "", "0.0000", "0.0000",
                "0.0000", "0.0000", "", ""), records.get(4).toList());

        // XLSX of the counties of 武威市 (English headers): numeric cells equal the JSON
        await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of("民勤县 91.7", "凉州区 0", "天祝藏族自治县 70.8"),
                own(json(given().when().get("/api/v1/assessment/regions/6206/children").then().statusCode(200)
                        .extract().response()), List.of(MINQIN, LIANGZHOU, TIANZHU)).values().stream()
                        .map(l -> l.substring(0, l.indexOf(" |"))).toList()));
        JsonPath json = json(given().when().get("/api/v1/assessment/regions/6206/children").then().statusCode(200)
                .extract().response());
        Response xlsx = given().header("Accept", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .when().get("/api/v1/assessment/regions/6206/children").then().statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"assessment-children-6206-2026-11-29.xlsx\""))
                .extract().response();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.asByteArray()))) {
            Sheet sheet = wb.getSheetAt(0);
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertEquals(List.of("Rank", "Region", "Region code", "Score", "Coverage value", "Coverage points",
                    "Continuity value", "Continuity points", "Tasks value", "Tasks points", "Demands on time value",
                    "Demands on time points", "Lifted value", "Lifted points", "No relapse value", "No relapse points"),
                    header);
            assertEquals(json.getInt("total"), sheet.getLastRowNum());
            Map<String, List<Object>> rows = new LinkedHashMap<>();
            for (Row row : sheet) {
                if (row.getRowNum() == 0) {
                    continue;
                }
                List<Object> cells = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    Cell c = row.getCell(i);
                    cells.add(c == null ? null : c.getCellType() == CellType.NUMERIC ? c.getNumericCellValue()
                            : c.getStringCellValue());
                }
                rows.put((String) cells.get(2), cells);
            }
            assertEquals(java.util.Arrays.asList(2.0, "天祝藏族自治县", TIANZHU, 70.8, 1.0, 25.0, 0.6667, 16.6675, 0.5, 7.5,
                    0.3333, 4.9995, 1.0, 10.0, 0.6667, 6.667), withRank(rows.get(TIANZHU), json, TIANZHU));
            assertEquals(java.util.Arrays.asList(3.0, "凉州区", LIANGZHOU, 0.0, null, null, null, null, null, null, null,
                    null, 0.0, 0.0, null, null), withRank(rows.get(LIANGZHOU), json, LIANGZHOU));
        }
    }

    // ---- weights and problems --------------------------------------------------------------------------------

    @Test
    void weightsAreServedWithTheirDefinitionsAndInvalidWeightsAreRefused() {
        JsonPath body = json(given().when().get("/api/v1/assessment/weights").then().statusCode(200).extract()
                .response());
        assertEquals(weights(25, 25, 15, 15, 10, 10), body.getMap("weights"));
        assertEquals(0, new BigDecimal("0.2").compareTo(body.getObject("liftedTargetShare", BigDecimal.class)));
        assertEquals(List.of("coverage", "continuity", "tasks", "demandsOnTime", "lifted", "noRelapse"),
                body.getList("parts.part"));
        assertEquals(List.of(25, 25, 15, 15, 10, 10), body.getList("parts.weight"));
        assertEquals(List.of("activePairings", "visitedWithinWindow"), body.getList("parts[1].inputs.UNIT"));
        assertEquals("no pairing active on `to`", body.getString("parts[1].nullWhen"));
        given().queryParam("level", "COUNTY").when().get("/api/v1/assessment/weights").then().statusCode(400)
                .body("errors[0].field", equalTo("level")).body("errors[0].rule", equalTo("param.unknown"));

        // the startup check (AssessmentConfigCheck) on weights other than the configured ones
        assertEquals(List.of(), AssessmentConfigCheck.problems(config(25, 25, 15, 15, 10, 10, "0.2")));
        assertEquals(List.of("the weights must sum to 100 points, not 99 (coverage 25 + continuity 25 + tasks 15 + "
                + "demands-on-time 15 + lifted 10 + no-relapse 9)"),
                AssessmentConfigCheck.problems(config(25, 25, 15, 15, 10, 9, "0.2")));
        assertEquals(List.of("weights.tasks must be 0 or more, not -5", "lifted-target-share must be a share in (0, 1], "
                + "not 1.5"), AssessmentConfigCheck.problems(config(30, 30, -5, 25, 10, 10, "1.5")));
    }

    @Test
    void badRequestsAreProblemsNamingFieldAndRule() {
        seed();
        String children = "/api/v1/assessment/regions/6206/children";
        problem(given().queryParam("to", "2026-11-30").when().get(children), 400, "to", "date-future");
        problem(given().queryParam("from", "2026-11-01").queryParam("to", "2026-10-31").when().get(children), 400,
                "from", "period");
        problem(given().queryParam("from", "2025-11-28").when().get(children), 400, "from", "period-too-long");
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("from", "2025-11-29").when().get(children).then()
                .statusCode(200).body("from", equalTo("2025-11-29")).body("to", equalTo("2026-11-29")));
        problem(given().queryParam("to", "20261129").when().get(children), 400, "to", "param.type");
        problem(given().queryParam("year", "2026").when().get(children), 400, "year", "param.unknown");
        problem(given().queryParam("format", "pdf").when().get(children), 400, "format", "export.format");
        problem(given().queryParam("headers", "fr").when().get(children), 400, "headers", "export.headers");
        problem(given().queryParam("size", 501).when().get(children), 400, "size", "max");
        problem(given().when().get("/api/v1/assessment/regions/62x/children"), 400, "code", "region-code.format");
        problem(given().when().get("/api/v1/assessment/regions/6297/children"), 404, null, null);
        problem(given().when().get("/api/v1/assessment/regions/6206/units"), 400, "level", "required");
        problem(given().queryParam("level", "VILLAGE").when().get("/api/v1/assessment/regions/6206/units"), 400,
                "level", "enum.value");
        problem(given().queryParam("level", "COUNTY").when().get("/api/v1/assessment/regions/6297/units"), 404, null,
                null);
        problem(given().when().get("/api/v1/assessment/units/abc/cadres"), 400, "id", "param.type");
        problem(given().when().get("/api/v1/assessment/units/" + UUID.randomUUID() + "/cadres"), 404, null, null);
        problem(given().queryParam("format", "csv").when().get("/api/v1/assessment/units/" + UUID.randomUUID()
                + "/cadres"), 404, null, null);
        problem(given().queryParam("to", "2027-01-01").when().get("/api/v1/assessment/units/" + u1 + "/cadres"), 400,
                "to", "date-future");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** The items as lines: rank, name, score, then each part as value×weight=points (reason) {inputs}. */
    private static List<String> describe(List<Map<String, Object>> items) {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> item : items) {
            lines.add(item.get("rank") + " " + line(item));
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static String line(Map<String, Object> item) {
        StringBuilder s = new StringBuilder(((Map<String, Object>) item.get("subject")).get("name") + " "
                + number(item.get("score")));
        Map<String, Map<String, Object>> parts = (Map<String, Map<String, Object>>) item.get("parts");
        for (String name : List.of("coverage", "continuity", "tasks", "demandsOnTime", "lifted", "noRelapse")) {
            Map<String, Object> p = parts.get(name);
            s.append(" | ").append(name).append(' ').append(number(p.get("value"))).append('×')
                    .append(number(p.get("weight")));
            if (p.get("value") != null) {
                s.append('=').append(number(p.get("points")));
            } else {
                assertEquals(null, p.get("points"));
                s.append(" (").append(p.get("reason")).append(')');
            }
            Map<String, Object> inputs = new LinkedHashMap<>();
            ((Map<String, Object>) p.get("inputs")).forEach((k, v) -> inputs.put(k, number(v)));
            s.append(' ').append(inputs);
        }
        return s.toString();
    }

    /** This class's rows of a ranking that may hold others': subject id → line without rank. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> own(JsonPath body, java.util.Collection<String> ids) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String id : ids) {
            for (Map<String, Object> item : body.<Map<String, Object>>getList("items")) {
                if (id.equals(((Map<String, Object>) item.get("subject")).get("id"))) {
                    found.put(id, line(item));
                }
            }
        }
        return found;
    }

    /** Scores never increase down a ranking; ranks are competition ranks of the scores. */
    private static void assertOrdered(JsonPath body) {
        List<Map<String, Object>> items = body.getList("items");
        assertEquals(body.getInt("total"), items.size());
        for (int i = 0; i < items.size(); i++) {
            BigDecimal score = (BigDecimal) items.get(i).get("score");
            int rank = ((Number) items.get(i).get("rank")).intValue();
            if (i == 0) {
                assertEquals(1, rank);
                continue;
            }
            BigDecimal before = (BigDecimal) items.get(i - 1).get("score");
            int rankBefore = ((Number) items.get(i - 1).get("rank")).intValue();
            assertTrue(before == null ? score == null : score == null || before.compareTo(score) >= 0, items.toString());
            boolean tie = before == null ? score == null : score != null && before.compareTo(score) == 0;
            assertEquals(tie ? rankBefore : i + 1, rank, items.toString());
        }
    }

    /** An XLSX row with its rank checked against the JSON and replaced by this class's relative rank. */
    @SuppressWarnings("unchecked")
    private static List<Object> withRank(List<Object> row, JsonPath json, String code) {
        for (Map<String, Object> item : json.<Map<String, Object>>getList("items")) {
            if (code.equals(((Map<String, Object>) item.get("subject")).get("id"))) {
                assertEquals(((Number) item.get("rank")).doubleValue(), row.get(0));
            }
        }
        List<Object> copy = new ArrayList<>(row);
        copy.set(0, switch (code) {
        case MINQIN -> 1.0;
        case TIANZHU -> 2.0;
        default -> 3.0;
        });
        return copy;
    }

    private static Object number(Object o) {
        return o instanceof BigDecimal b ? (b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString())
                : o instanceof Number n ? n.toString() : o == null ? "null" : o;
    }

    private static Map<String, Object> weights(int coverage, int continuity, int tasks, int demands, int lifted,
            int noRelapse) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("coverage", coverage);
        m.put("continuity", continuity);
        m.put("tasks", tasks);
        m.put("demandsOnTime", demands);
        m.put("lifted", lifted);
        m.put("noRelapse", noRelapse);
        return m;
    }

    private static JsonPath json(Response r) {
        return new JsonPath(r.asString()).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private static void problem(Response r, int status, String field, String rule) {
        r.then().statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
        if (field != null) {
            r.then().body("errors[0].field", equalTo(field)).body("errors[0].rule", equalTo(rule));
        }
    }

    private static AssessmentConfig config(int coverage, int continuity, int tasks, int demands, int lifted,
            int noRelapse, String target) {
        return new AssessmentConfig() {
            @Override
            public Weights weights() {
                return new Weights() {
                    public int coverage() {
                        return coverage;
                    }

                    public int continuity() {
                        return continuity;
                    }

                    public int tasks() {
                        return tasks;
                    }

                    public int demandsOnTime() {
                        return demands;
                    }

                    public int lifted() {
                        return lifted;
                    }

                    public int noRelapse() {
                        return noRelapse;
                    }
                };
            }

            @Override
            public BigDecimal liftedTargetShare() {
                return new BigDecimal(target);
            }
        };
    }
}
