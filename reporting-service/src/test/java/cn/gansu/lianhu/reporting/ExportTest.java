package cn.gansu.lianhu.reporting;

import static cn.gansu.lianhu.reporting.ReportingEvents.help;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.CadreData;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.HouseholdData;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Issue 5 point 4: exports. Registry, pairing and visit events go to the real broker; the lists and reports are
 * downloaded as CSV (parsed with commons-csv) and XLSX (opened with POI's XSSFWorkbook) and every cell is compared
 * with the JSON of the same request. Today is 2026-11-29 (fixed clock). The test works in 酒泉市 (6209), which no
 * other reporting test uses.
 *
 * <pre>
 * 金塔县 620921 / 金塔镇 620921100: 中东村 V (poor village) with 60 households IN_POVERTY, one of whose heads is a
 *   formula (=HYPERLINK(...)); unit U 金塔县民政局 with cadre c1 @李 (a name starting with @)
 * pairings: c1–h1 (visited in home 2026-06-01, help FUNDS 1234.50 yuan to 3 people), c1–h2 (never visited),
 *   both from 2026-03-01: both overdue today; 58 households without a cadre (more than a page of 50)
 * unit U2 金塔县农业农村局 (no cadre); cadre c2 马兰 of U (no pairing): lists of units and cadres of two rows
 * </pre>
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class ExportTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String PROVINCE = "620000000000";
    private static final String JIUQUAN = "620900000000";
    private static final String JINTA = "620921000000";
    private static final String TOWNSHIP = "620921100000";
    private static final String V = "620921100201";
    private static final String FORMULA = "=HYPERLINK(\"http://x\",\"点我\")";
    /** An ID number (18 characters, masked or not) or a mainland mobile number. */
    private static final Pattern PERSONAL = Pattern.compile("\\d{6}[\\d*]{8}\\d{3}[\\dXx]|\\*{4,}|(?<!\\d)1[3-9]\\d{9}(?!\\d)");

    @Inject
    ObjectMapper mapper;
    private ReportingEvents events;

    @BeforeEach
    void events() {
        events = new ReportingEvents(mapper);
    }

    /** Unit U 金塔县民政局, its cadre c1 @李 (two pairings, one visit) and c2 (none); set once per JVM by {@link #seed}. */
    private static UUID u;
    private static UUID c1;

    /**
     * The data of the class comment, sent once (the Quarkus app and the broker live for the whole JVM); waits until
     * reporting has applied it. A second unit U2 金塔县农业农村局 (no cadre) and a second cadre c2 马兰 of U (no
     * pairing) make the unit and cadre lists longer than a page of one.
     */
    private synchronized void seed() {
        if (u != null) {
            return;
        }
        events.region(PROVINCE, "甘肃省", "PROVINCE", null, false, false);
        events.region(JIUQUAN, "酒泉市", "PREFECTURE", PROVINCE, false, false);
        events.region(JINTA, "金塔县", "COUNTY", JIUQUAN, false, false);
        events.region(TOWNSHIP, "金塔镇", "TOWNSHIP", JINTA, false, false);
        events.region(V, "中东村委会", "VILLAGE", TOWNSHIP, false, true);
        List<String> households = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            households.add(household(V, i == 7 ? FORMULA : "户主" + (100 + i), 1 + i % 5));
        }
        UUID unit = events.unit("金塔县民政局", "COUNTY", JINTA, 2, 1);
        UUID cadre1 = cadre(unit, "@李");
        UUID p1 = events.pairing(cadre1, unit, households.get(0), V, LocalDate.of(2026, 3, 1));
        events.pairing(cadre1, unit, households.get(1), V, LocalDate.of(2026, 3, 1));
        events.visit(cadre1, unit, households.get(0), V, p1, "2026-06-01", "IN_HOME", List.of("DEVELOPMENT"),
                List.of(help("FUNDS", "1234.50", 3)), 0);
        events.unit("金塔县农业农村局", "COUNTY", JINTA, 0, 1);
        cadre(unit, "马兰");

        await().atMost(WAIT).untilAsserted(() -> {
            given().get("/api/v1/regions/6209/uncovered/households-without-cadre").then().statusCode(200)
                    .body("total", equalTo(58)).body("items.size()", equalTo(50));
            given().get("/api/v1/regions/6209/overdue-pairings").then().statusCode(200).body("total", equalTo(2));
            given().get("/api/v1/regions/6209/visits").then().statusCode(200).body("visits.total", equalTo(1))
                    .body("help.peopleBenefiting", equalTo(3));
            given().get("/api/v1/regions/6209/units").then().statusCode(200).body("total", equalTo(2));
            given().get("/api/v1/units/" + unit + "/cadres").then().statusCode(200).body("total", equalTo(2));
        });

        u = unit;
        c1 = cadre1;
    }

    @Test
    void listsAndReportsDownloadAsCsvAndXlsxWithTheFiguresOfTheJson() throws Exception {
        seed();
        // --- the list of households without a cadre: all 58 rows, though a page holds 50 -----------------------
        JsonPath all = json(given().queryParam("size", 500).get("/api/v1/regions/6209/uncovered/households-without-cadre"));
        List<Map<String, Object>> items = all.getList("items");
        assertEquals(58, items.size());
        List<List<String>> expected = new ArrayList<>();
        expected.add(List.of("Head of household", "Status", "Members", "Draft pairings", "Village code", "Village",
                "Township", "County", "Household id"));
        for (Map<String, Object> h : items) {
            String head = (String) h.get("headName");
            expected.add(List.of(head.startsWith("=") ? "'" + head : head, (String) h.get("status"),
                    String.valueOf(h.get("memberCount")), String.valueOf(h.get("draftPairings")),
                    (String) h.get("villageCode"), (String) h.get("villageName"), (String) h.get("townshipName"),
                    (String) h.get("countyName"), (String) h.get("id")));
        }
        assertTrue(expected.stream().anyMatch(r -> r.get(0).equals("'" + FORMULA)), "the formula is neutralised");

        Response csv = download("/api/v1/regions/6209/uncovered/households-without-cadre", "text/csv", Map.of());
        assertEquals("text/csv;charset=UTF-8", csv.contentType().replace(" ", ""));
        assertEquals("attachment; filename=\"households-without-cadre-6209-2026-11-29.csv\"",
                csv.header("Content-Disposition"));
        List<List<String>> csvRows = csv(csv);
        assertEquals(expected, csvRows);
        noPersonalData(csvRows);

        Response xlsx = download("/api/v1/regions/6209/uncovered/households-without-cadre", XLSX, Map.of());
        assertEquals(XLSX, xlsx.contentType());
        assertEquals("attachment; filename=\"households-without-cadre-6209-2026-11-29.xlsx\"",
                xlsx.header("Content-Disposition"));
        List<List<Cell>> sheet = new ArrayList<>();
        List<List<String>> xlsxRows = xlsx(xlsx, sheet);
        assertEquals(expected, xlsxRows);
        assertEquals(CellType.NUMERIC, sheet.get(1).get(2).getCellType(), "members are a number");
        assertEquals(CellType.STRING, sheet.get(1).get(4).getCellType(), "codes are text");
        noPersonalData(xlsxRows);

        // format= for browsers (wins over Accept), Chinese headers, and a 12-digit code in the path
        Response zh = download("/api/v1/regions/620900000000/uncovered/households-without-cadre", "application/json",
                Map.of("format", "xlsx", "headers", "zh", "page", 1, "size", 50));
        assertEquals("attachment; filename=\"households-without-cadre-6209-2026-11-29.xlsx\"",
                zh.header("Content-Disposition"));
        List<List<String>> zhRows = xlsx(zh, new ArrayList<>());
        assertEquals(List.of("户主", "贫困状态", "家庭人口", "待确认结对数", "村代码", "村", "乡镇", "县", "户编号"), zhRows.get(0));
        assertEquals(expected.subList(1, expected.size()), zhRows.subList(1, zhRows.size()));

        // --- the overdue list ----------------------------------------------------------------------------------
        JsonPath overdue = json(given().get("/api/v1/regions/6209/overdue-pairings"));
        List<List<String>> expectedOverdue = new ArrayList<>();
        expectedOverdue.add(List.of("Cadre", "Unit", "Head of household (masked)", "Household status", "Village code",
                "Pairing started", "Last in-person visit", "Days since", "Window (days)", "Pairing id"));
        for (Map<String, Object> o : overdue.<Map<String, Object>>getList("items")) {
            expectedOverdue.add(List.of("'" + o.get("cadreName"), (String) o.get("unitName"),
                    (String) o.get("householdHead"), (String) o.get("householdStatus"), (String) o.get("villageCode"),
                    (String) o.get("startedOn"), o.get("lastInPersonOn") == null ? "" : (String) o.get("lastInPersonOn"),
                    String.valueOf(o.get("daysSinceLastVisit")), String.valueOf(o.get("windowDays")),
                    (String) o.get("pairingId")));
        }
        assertEquals(3, expectedOverdue.size());
        assertEquals(List.of("'@李", "金塔县民政局", "户****", "IN_POVERTY", V, "2026-03-01", "", "273", "90"),
                expectedOverdue.get(1).subList(0, 9), "the pairing never visited comes first");
        assertEquals(List.of("2026-06-01", "181"), expectedOverdue.get(2).subList(6, 8));
        Response overdueCsv = download("/api/v1/regions/6209/overdue-pairings", "*/*", Map.of("format", "csv"));
        assertEquals("attachment; filename=\"overdue-pairings-6209-2026-11-29.csv\"",
                overdueCsv.header("Content-Disposition"));
        assertEquals(expectedOverdue, csv(overdueCsv));
        List<List<Cell>> overdueCells = new ArrayList<>();
        assertEquals(expectedOverdue, xlsx(download("/api/v1/regions/6209/overdue-pairings", XLSX, Map.of()),
                overdueCells));
        assertTrue(DateUtil.isCellDateFormatted(overdueCells.get(2).get(6)), "visit date is a date cell");
        assertEquals(CellType.NUMERIC, overdueCells.get(2).get(7).getCellType());

        // --- coverage: figure, value ---------------------------------------------------------------------------
        JsonPath cov = json(given().get("/api/v1/regions/6209/coverage"));
        List<List<String>> expectedCoverage = new ArrayList<>();
        expectedCoverage.add(List.of("Figure", "Value"));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("Region code", "code");
        labels.put("Region", "name");
        labels.put("Level", "level");
        labels.put("Poor counties", "poorCounties");
        labels.put("Poor villages", "poorVillages");
        labels.put("Households", "households.total");
        labels.put("Households in poverty", "households.inPoverty");
        labels.put("Households lifted", "households.lifted");
        labels.put("Households relapsed", "households.relapsed");
        labels.put("Members", "members");
        labels.put("Poor counties without leader", "targets.poorCountiesWithoutLeader");
        labels.put("Poor villages without unit", "targets.poorVillagesWithoutUnit");
        labels.put("Households to cover", "targets.householdsToCover");
        labels.put("Households covered", "targets.householdsCovered");
        labels.put("Households without cadre", "targets.householdsWithoutCadre");
        labels.put("Active leader links", "targets.activeLeaderLinks");
        labels.put("Active village links", "targets.activeVillageLinks");
        labels.put("Active pairings", "targets.activePairings");
        labels.put("Units", "participants.units");
        labels.put("Units below required villages", "participants.unitsBelowRequired");
        labels.put("Cadres", "participants.cadres");
        labels.put("Cadres below minimum", "participants.cadresBelowMinimum");
        labels.put("Cadres without households", "participants.cadresWithoutHouseholds");
        labels.forEach((label, path) -> expectedCoverage.add(List.of(label, String.valueOf(cov.getString(path)))));
        assertEquals("60", cov.getString("households.total"));
        assertEquals("58", cov.getString("targets.householdsWithoutCadre"));
        List<List<String>> covCsv = csv(download("/api/v1/regions/6209/coverage", "text/csv", Map.of()));
        assertEquals(expectedCoverage, covCsv.subList(0, covCsv.size() - 1));
        assertEquals("As of (UTC)", covCsv.get(covCsv.size() - 1).get(0));
        assertEquals(OffsetDateTime.parse(cov.getString("asOf")).toInstant(),
                OffsetDateTime.parse(covCsv.get(covCsv.size() - 1).get(1)).toInstant());
        Response covXlsx = download("/api/v1/regions/6209/coverage", XLSX, Map.of());
        assertEquals("attachment; filename=\"coverage-6209-2026-11-29.xlsx\"", covXlsx.header("Content-Disposition"));
        List<List<Cell>> covCells = new ArrayList<>();
        List<List<String>> covRows = xlsx(covXlsx, covCells);
        assertEquals(expectedCoverage, covRows.subList(0, covRows.size() - 1));
        assertEquals(60.0, covCells.get(6).get(1).getNumericCellValue(), "Households, a numeric cell");
        List<List<String>> covZh = csv(download("/api/v1/regions/6209/coverage", "text/csv", Map.of("headers", "zh")));
        assertEquals(List.of("指标", "数值"), covZh.get(0));
        assertEquals(List.of("特困户数", "60"), covZh.get(6));

        // --- visit figures: yuan with two decimals, a numeric cell formatted 0.00 --------------------------------
        JsonPath visits = json(given().get("/api/v1/regions/6209/visits"));
        Map<String, String> expectedVisits = new LinkedHashMap<>();
        expectedVisits.put("Scope id", JIUQUAN);
        expectedVisits.put("From", "2026-01-01");
        expectedVisits.put("To", "2026-11-29");
        expectedVisits.put("Visits", visits.getString("visits.total"));
        expectedVisits.put("Visits in person", visits.getString("visits.inPerson"));
        expectedVisits.put("Visits in home", visits.getString("visits.byMode.IN_HOME"));
        expectedVisits.put("Visits 2026-06", "1");
        expectedVisits.put("Help, yuan", "1234.50");
        expectedVisits.put("Help: funds, yuan", "1234.50");
        expectedVisits.put("Help: employment, yuan", "0.00");
        expectedVisits.put("People benefiting", visits.getString("help.peopleBenefiting"));
        expectedVisits.put("Active pairings", visits.getString("continuity.activePairings"));
        expectedVisits.put("Overdue pairings", visits.getString("continuity.overdue"));
        assertEquals(new BigDecimal("1234.50"), new BigDecimal(visits.getString("help.totalYuan")).setScale(2));
        assertEquals("2", visits.getString("continuity.overdue"));
        List<List<Cell>> visitCells = new ArrayList<>();
        Map<String, String> visitXlsx = figures(xlsx(download("/api/v1/regions/6209/visits", XLSX, Map.of()), visitCells));
        Map<String, String> visitCsv = figures(csv(download("/api/v1/regions/6209/visits", "text/csv", Map.of())));
        for (Map.Entry<String, String> e : expectedVisits.entrySet()) {
            assertEquals(e.getValue(), visitCsv.get(e.getKey()), "CSV " + e.getKey());
            assertEquals(e.getValue(), visitXlsx.get(e.getKey()), "XLSX " + e.getKey());
        }
        Cell yuan = visitCells.stream().filter(r -> r.get(0).getStringCellValue().equals("Help, yuan")).findFirst()
                .orElseThrow().get(1);
        assertEquals(CellType.NUMERIC, yuan.getCellType());
        assertEquals(1234.5, yuan.getNumericCellValue());
        assertEquals("0.00", yuan.getCellStyle().getDataFormatString());

        // unit and cadre figures: file named by id
        Response unitFile = download("/api/v1/units/" + u + "/visits", "text/csv", Map.of());
        assertEquals("attachment; filename=\"visits-unit-" + u + "-2026-11-29.csv\"", unitFile.header("Content-Disposition"));
        assertEquals("1234.50", figures(csv(unitFile)).get("Help, yuan"));
        Response cadreFile = download("/api/v1/cadres/" + c1 + "/visits", XLSX, Map.of("headers", "zh"));
        assertEquals("1234.50", figures(xlsx(cadreFile, new ArrayList<>())).get("帮扶金额（元）"));

        // JSON stays the default; an unknown format or language is a problem naming it
        given().accept("*/*").get("/api/v1/regions/6209/coverage").then().statusCode(200)
                .contentType("application/json").body("households.total", equalTo(60));
        given().queryParam("format", "pdf").get("/api/v1/regions/6209/coverage").then().statusCode(400)
                .body("errors[0].field", equalTo("format")).body("errors[0].rule", equalTo("export.format"));
        given().queryParam("format", "csv").queryParam("headers", "fr")
                .get("/api/v1/regions/6209/uncovered/households-without-cadre").then().statusCode(400)
                .body("errors[0].field", equalTo("headers")).body("errors[0].rule", equalTo("export.headers"));
        given().queryParam("format", "csv").get("/api/v1/regions/6297/coverage").then().statusCode(404);
        given().queryParam("format", "xlsx").get("/api/v1/regions/62x/overdue-pairings").then().statusCode(400)
                .body("errors[0].field", equalTo("code"));
    }

    // --- the drill-down reports (issue 5 points 2-3) as files: every figure of the JSON a column -------------------

    /** Columns of visit figures before the months: English header, Chinese header, path in the JSON. */
    private static final String[][] VISITS_HEAD = { { "Scope", "范围", "scope.kind" },
            { "Scope id", "范围代码", "scope.id" }, { "Scope name", "名称", "scope.name" }, { "From", "起始日期", "from" },
            { "To", "截止日期", "to" }, { "Visits", "走访次数", "visits.total" },
            { "Visits in person", "面对面走访次数", "visits.inPerson" },
            { "Visits in home", "入户走访", "visits.byMode.IN_HOME" }, { "Visits by phone", "电话联系", "visits.byMode.BY_PHONE" },
            { "Visits at village meeting", "村组会议", "visits.byMode.VILLAGE_MEETING" },
            { "Visits other", "其他方式", "visits.byMode.OTHER" } };
    /** Columns of visit figures after the months. */
    private static final String[][] VISITS_TAIL = { { "Task: policy publicity", "宣传政策", "tasks.POLICY_PUBLICITY" },
            { "Task: public opinion", "反映民意", "tasks.PUBLIC_OPINION" }, { "Task: development", "促进发展", "tasks.DEVELOPMENT" },
            { "Task: emotion easing", "疏导情绪", "tasks.EMOTION_EASING" }, { "Task: grassroots", "强基固本", "tasks.GRASSROOTS" },
            { "Task: model promotion", "推广典型", "tasks.MODEL_PROMOTION" }, { "Help, yuan", "帮扶金额（元）", "help.totalYuan" },
            { "People benefiting", "受益人数", "help.peopleBenefiting" },
            { "Help: industry project, yuan", "产业项目（元）", "help.byKind.INDUSTRY_PROJECT" },
            { "Help: funds, yuan", "资金（元）", "help.byKind.FUNDS" },
            { "Help: employment, yuan", "就业（元）", "help.byKind.EMPLOYMENT" },
            { "Help: skills training, yuan", "技能培训（元）", "help.byKind.SKILLS_TRAINING" },
            { "Help: market access, yuan", "市场对接（元）", "help.byKind.MARKET_ACCESS" },
            { "Help: infrastructure, yuan", "基础设施（元）", "help.byKind.INFRASTRUCTURE" },
            { "Demands opened", "新增诉求", "demands.opened" }, { "Demands resolved", "已解决诉求", "demands.resolved" },
            { "Demands rejected", "已驳回诉求", "demands.rejected" }, { "Demands open", "未办结诉求", "demands.open" },
            { "Demands overdue", "超期诉求", "demands.overdue" },
            { "Median days to resolve", "办结天数中位数", "demands.medianResolutionDays" },
            { "Satisfied", "满意", "demands.satisfaction.satisfied" },
            { "Basically satisfied", "基本满意", "demands.satisfaction.basicallySatisfied" },
            { "Dissatisfied", "不满意", "demands.satisfaction.dissatisfied" },
            { "Satisfaction not given", "未评价", "demands.satisfaction.notGiven" },
            { "Continuity day", "联系不断统计日", "continuity.day" }, { "Window (days)", "规定天数", "continuity.overdueDays" },
            { "Window lifted (days)", "脱贫户规定天数", "continuity.liftedOverdueDays" },
            { "Active pairings", "在联结对数", "continuity.activePairings" },
            { "Visited within window", "按期走访结对数", "continuity.visitedWithinWindow" },
            { "Share visited", "按期走访比例", "continuity.share" }, { "Overdue pairings", "超期未走访结对数", "continuity.overdue" } };
    /** Coverage figures as columns. */
    private static final String[][] COVERAGE = { { "Region code", "地区代码", "code" }, { "Region", "地区", "name" },
            { "Level", "层级", "level" }, { "Poor counties", "贫困县数", "poorCounties" }, { "Poor villages", "贫困村数", "poorVillages" },
            { "Households", "特困户数", "households.total" }, { "Households in poverty", "贫困户数", "households.inPoverty" },
            { "Households lifted", "脱贫户数", "households.lifted" }, { "Households relapsed", "返贫户数", "households.relapsed" },
            { "Members", "人口数", "members" },
            { "Poor counties without leader", "未联系省级领导的贫困县", "targets.poorCountiesWithoutLeader" },
            { "Poor villages without unit", "未联系单位的贫困村", "targets.poorVillagesWithoutUnit" },
            { "Households to cover", "应联系户数", "targets.householdsToCover" },
            { "Households covered", "已联系户数", "targets.householdsCovered" },
            { "Households without cadre", "未联系干部的户数", "targets.householdsWithoutCadre" },
            { "Active leader links", "省级领导联县数", "targets.activeLeaderLinks" },
            { "Active village links", "单位联村数", "targets.activeVillageLinks" },
            { "Active pairings", "干部联户数", "targets.activePairings" }, { "Units", "单位数", "participants.units" },
            { "Units below required villages", "联村数不足的单位", "participants.unitsBelowRequired" },
            { "Cadres", "在岗干部数", "participants.cadres" },
            { "Cadres below minimum", "联户数不足的干部", "participants.cadresBelowMinimum" },
            { "Cadres without households", "未联户的干部", "participants.cadresWithoutHouseholds" } };

    @Test
    void trendsDownloadOneRowPerMonth() throws Exception {
        seed();
        String[][] columns = { { "Month", "月份", "month" }, { "Households to cover", "应联系户数", "householdsToCover" },
                { "Households covered", "已联系户数", "householdsCovered" }, { "Active pairings", "干部联户数", "activePairings" },
                { "Visits", "走访次数", "visits" }, { "Visits in person", "面对面走访次数", "inPersonVisits" },
                { "Demands opened", "新增诉求", "demandsOpened" }, { "Demands resolved", "已解决诉求", "demandsResolved" },
                { "Help, yuan", "帮扶金额（元）", "helpYuan" }, { "Households lifted", "脱贫户数", "lifted" },
                { "Households relapsed", "返贫户数", "relapsed" } };
        String path = "/api/v1/regions/620921/trends";
        Map<String, String> period = Map.of("from", "2026-05", "to", "2026-11");
        JsonPath j = json(given().queryParams(period).get(path));
        List<List<String>> expected = new ArrayList<>();
        expected.add(headers(false, columns));
        for (int i = 0; i < j.getList("months").size(); i++) {
            expected.add(values(j, "months[" + i + "].", columns));
        }
        assertEquals(8, expected.size(), "May to November");
        assertEquals(List.of("2026-06", "60", "2", "2", "1", "1", "0", "0", "1234.50", "0", "0"), expected.get(2));
        assertEquals(List.of("2026-11", "60", "2", "2", "0", "0", "0", "0", "0.00", "0", "0"), expected.get(7));

        Response csv = download(path, "text/csv", period);
        assertFile(csv, "trends-620921-2026-11-29.csv", j.getString("asOf"));
        assertEquals(expected, csv(csv));
        List<List<Cell>> cells = new ArrayList<>();
        Response xlsx = download(path, XLSX, period);
        assertFile(xlsx, "trends-620921-2026-11-29.xlsx", j.getString("asOf"));
        assertEquals(expected, xlsx(xlsx, cells));
        assertEquals("0.00", cells.get(2).get(8).getCellStyle().getDataFormatString(), "help is yuan");
        List<List<String>> zh = csv(download(path, "*/*", Map.of("from", "2026-05", "to", "2026-11", "format", "csv",
                "headers", "zh")));
        assertEquals(headers(true, columns), zh.get(0));
        assertEquals(expected.subList(1, expected.size()), zh.subList(1, zh.size()));
        formatPdfIs400(path);
    }

    @Test
    void childRegionCoverageDownloadsTheParentFirstThenEachChild() throws Exception {
        seed();
        String path = "/api/v1/regions/620921/children/coverage";
        JsonPath j = json(given().get(path));
        String[][] columns = concat(new String[][] { { "Row", "行", null } }, COVERAGE);
        List<List<String>> expected = new ArrayList<>();
        expected.add(headers(false, columns));
        expected.add(row("TOTAL", values(j, "region.", COVERAGE)));
        for (int i = 0; i < j.getList("children").size(); i++) {
            expected.add(row("CHILD", values(j, "children[" + i + "].", COVERAGE)));
        }
        assertEquals(3, expected.size());
        assertEquals(List.of("TOTAL", JINTA, "金塔县", "COUNTY", "0", "1", "60"), expected.get(1).subList(0, 7));
        assertEquals(List.of("CHILD", TOWNSHIP, "金塔镇", "TOWNSHIP", "0", "1", "60"), expected.get(2).subList(0, 7));

        Response csv = download(path, "text/csv", Map.of());
        assertFile(csv, "children-coverage-620921-2026-11-29.csv", j.getString("asOf"));
        assertEquals(expected, csv(csv));
        Response xlsx = download(path, "application/json", Map.of("format", "xlsx"));
        assertFile(xlsx, "children-coverage-620921-2026-11-29.xlsx", j.getString("asOf"));
        List<List<Cell>> cells = new ArrayList<>();
        assertEquals(expected, xlsx(xlsx, cells));
        assertEquals(CellType.NUMERIC, cells.get(1).get(6).getCellType(), "households, a number");
        List<List<String>> zh = xlsx(download(path, XLSX, Map.of("headers", "zh")), new ArrayList<>());
        assertEquals(headers(true, columns), zh.get(0));
        assertEquals(expected.subList(1, 3), zh.subList(1, 3));

        // the same labels as the one-object coverage file (one definition)
        List<List<String>> single = csv(download("/api/v1/regions/620921/coverage", "text/csv", Map.of()));
        assertEquals(single.subList(1, single.size() - 1).stream().map(r -> r.get(0)).toList(),
                expected.get(0).subList(1, expected.get(0).size()));
        formatPdfIs400(path);
    }

    @Test
    void childRegionVisitsDownloadTheParentFirstThenEachChildWithAColumnPerMonth() throws Exception {
        seed();
        String path = "/api/v1/regions/6209/children/visits";
        Map<String, String> period = Map.of("from", "2026-05-01", "to", "2026-07-31");
        JsonPath j = json(given().queryParams(period).get(path));
        String[][] visits = visitColumns(List.of("2026-05", "2026-06", "2026-07"));
        String[][] columns = concat(new String[][] { { "Row", "行", null } }, visits);
        List<List<String>> expected = new ArrayList<>();
        expected.add(headers(false, columns));
        expected.add(row("TOTAL", values(j, "region.", visits)));
        for (int i = 0; i < j.getList("children").size(); i++) {
            expected.add(row("CHILD", values(j, "children[" + i + "].", visits)));
        }
        assertEquals(2, expected.size() - 1, "prefecture and its one county");
        assertEquals(List.of("TOTAL", "REGION", JIUQUAN, "酒泉市", "2026-05-01", "2026-07-31", "1", "1", "1", "0", "0",
                "0", "0", "1", "0"), expected.get(1).subList(0, 15));
        assertEquals(List.of("CHILD", "REGION", JINTA, "金塔县"), expected.get(2).subList(0, 4));
        int yuan = expected.get(0).indexOf("Help, yuan");
        assertEquals("1234.50", expected.get(1).get(yuan));
        assertEquals("1234.50", expected.get(2).get(yuan));

        Response csv = download(path, "text/csv", period);
        assertFile(csv, "children-visits-6209-2026-11-29.csv", j.getString("asOf"));
        assertEquals(expected, csv(csv));
        Response xlsx = download(path, XLSX, period);
        assertFile(xlsx, "children-visits-6209-2026-11-29.xlsx", j.getString("asOf"));
        List<List<Cell>> cells = new ArrayList<>();
        assertEquals(numbers(expected), numbers(xlsx(xlsx, cells)));
        assertEquals(1234.5, cells.get(1).get(yuan).getNumericCellValue());
        assertEquals("0.00", cells.get(1).get(yuan).getCellStyle().getDataFormatString());
        assertTrue(DateUtil.isCellDateFormatted(cells.get(1).get(4)), "from is a date cell");
        List<List<String>> zh = csv(download(path, "text/csv", Map.of("from", "2026-05-01", "to", "2026-07-31",
                "headers", "zh")));
        assertEquals(headers(true, columns), zh.get(0));
        assertEquals(expected.subList(1, 3), zh.subList(1, 3));
        formatPdfIs400(path);
    }

    @Test
    void unitsUnderARegionDownloadWholeWithTheirVisitFigures() throws Exception {
        seed();
        String path = "/api/v1/regions/6209/units";
        JsonPath j = json(given().queryParam("size", 500).get(path));
        String[][] own = { { "Unit id", "单位编号", "id" }, { "Unit", "单位", "name" }, { "Level", "层级", "level" },
                { "Region code", "所在地区代码", "regionCode" }, { "Region", "所在地区", "regionName" },
                { "Required villages", "应联村数", "requiredVillages" }, { "Linked villages", "已联村数", "linkedVillages" },
                { "Active cadres", "在岗干部数", "cadres" }, { "Cadres below minimum", "联户数不足的干部", "cadresBelowMinimum" },
                { "Cadres without households", "未联户的干部", "cadresWithoutHouseholds" },
                { "Pairings made", "单位结对数", "activePairings" } };
        String[][] visits = visitColumns(months("2026-01", 11)); // default period: 2026-01-01 .. today
        List<List<String>> expected = new ArrayList<>();
        expected.add(headers(false, concat(own, visits)));
        for (int i = 0; i < j.getList("items").size(); i++) {
            List<String> r = new ArrayList<>(values(j, "items[" + i + "].", own));
            r.addAll(values(j, "items[" + i + "].visits.", visits));
            expected.add(r);
        }
        assertEquals(3, expected.size(), "two units");
        List<String> mz = expected.stream().filter(r -> r.get(0).equals(u.toString())).findFirst().orElseThrow();
        assertEquals(List.of("金塔县民政局", "COUNTY", JINTA, "金塔县", "1", "0", "2", "1", "1", "2", "UNIT", u.toString()),
                mz.subList(1, 13));
        assertEquals("1234.50", mz.get(expected.get(0).indexOf("Help, yuan")));

        // the whole list, though the page holds one
        Map<String, Object> onePage = Map.of("page", 0, "size", 1);
        Response csv = download(path, "text/csv", onePage);
        assertFile(csv, "units-6209-2026-11-29.csv", j.getString("asOf"));
        assertEquals(expected, csv(csv));
        Response xlsx = download(path, "*/*", Map.of("page", 1, "size", 1, "format", "xlsx"));
        assertFile(xlsx, "units-6209-2026-11-29.xlsx", j.getString("asOf"));
        List<List<Cell>> cells = new ArrayList<>();
        assertEquals(numbers(expected), numbers(xlsx(xlsx, cells)));
        assertEquals(CellType.NUMERIC, cells.get(1).get(5).getCellType(), "required villages, a number");
        List<List<String>> zh = xlsx(download(path, XLSX, Map.of("headers", "zh")), new ArrayList<>());
        assertEquals(headers(true, concat(own, visits)), zh.get(0));
        assertEquals(numbers(expected.subList(1, 3)), numbers(zh.subList(1, 3)));
        formatPdfIs400(path);
    }

    @Test
    void cadresOfAUnitDownloadWholeWithTheirVisitFigures() throws Exception {
        seed();
        String path = "/api/v1/units/" + u + "/cadres";
        Map<String, String> period = Map.of("from", "2026-06-01", "to", "2026-06-30");
        JsonPath j = json(given().queryParams(period).get(path));
        String[][] own = { { "Cadre id", "干部编号", "id" }, { "Cadre", "干部", "name" }, { "Rank", "职级", "rank" },
                { "Status", "状态", "status" }, { "Minimum households", "最少联户数", "minimumHouseholds" },
                { "Paired households", "已联户数", "activePairings" }, { "Below minimum", "联户数不足", "belowMinimum" } };
        String[][] visits = visitColumns(List.of("2026-06"));
        List<List<String>> expected = new ArrayList<>();
        expected.add(headers(false, concat(own, visits)));
        for (int i = 0; i < j.getList("items").size(); i++) {
            List<String> r = new ArrayList<>(values(j, "items[" + i + "].", own));
            r.addAll(values(j, "items[" + i + "].visits.", visits));
            expected.add(r);
        }
        assertEquals(3, expected.size(), "two cadres");
        List<String> li = expected.stream().filter(r -> r.get(0).equals(c1.toString())).findFirst().orElseThrow();
        List<String> ma = expected.stream().filter(r -> r.get(1).equals("马兰")).findFirst().orElseThrow();
        assertEquals(List.of(c1.toString(), "@李", "OTHER", "ACTIVE", "1", "2", "false", "CADRE", c1.toString(), "@李",
                "2026-06-01", "2026-06-30", "1", "1", "1", "0", "0", "0", "1"), li.subList(0, 19));
        assertEquals("1234.50", li.get(expected.get(0).indexOf("Help, yuan")));
        assertEquals(List.of("0", "true", "0"), List.of(ma.get(5), ma.get(6), ma.get(12)));

        List<List<String>> neutralised = new ArrayList<>();
        for (List<String> r : expected) {
            List<String> n = new ArrayList<>(r);
            for (int k = 0; k < n.size(); k++) {
                n.set(k, n.get(k).startsWith("@") ? "'" + n.get(k) : n.get(k));
            }
            neutralised.add(n);
        }
        Map<String, Object> onePage = Map.of("from", "2026-06-01", "to", "2026-06-30", "size", 1);
        Response csv = download(path, "text/csv", onePage);
        assertFile(csv, "cadres-" + u + "-2026-11-29.csv", j.getString("asOf"));
        assertEquals(neutralised, csv(csv));
        Response xlsx = download(path, XLSX, onePage);
        assertFile(xlsx, "cadres-" + u + "-2026-11-29.xlsx", j.getString("asOf"));
        assertEquals(numbers(neutralised), numbers(xlsx(xlsx, new ArrayList<>())));
        List<List<String>> zh = csv(download(path, "text/csv", Map.of("from", "2026-06-01", "to", "2026-06-30",
                "headers", "zh")));
        assertEquals(headers(true, concat(own, visits)), zh.get(0));
        assertEquals(neutralised.subList(1, 3), zh.subList(1, 3));
        formatPdfIs400(path);
    }

    /** The visit-figure columns with one column per month. */
    private static String[][] visitColumns(List<String> months) {
        List<String[]> c = new ArrayList<>(List.of(VISITS_HEAD));
        for (int i = 0; i < months.size(); i++) {
            c.add(new String[] { "Visits " + months.get(i), months.get(i) + " 走访次数", "visits.byMonth[" + i + "].total" });
        }
        c.addAll(List.of(VISITS_TAIL));
        return c.toArray(String[][]::new);
    }

    private static List<String> months(String first, int n) {
        List<String> m = new ArrayList<>();
        for (java.time.YearMonth y = java.time.YearMonth.parse(first); m.size() < n; y = y.plusMonths(1)) {
            m.add(y.toString());
        }
        return m;
    }

    private static String[][] concat(String[][] a, String[][] b) {
        List<String[]> c = new ArrayList<>(List.of(a));
        c.addAll(List.of(b));
        return c.toArray(String[][]::new);
    }

    private static List<String> headers(boolean chinese, String[][] columns) {
        return java.util.Arrays.stream(columns).map(c -> chinese ? c[1] : c[0]).toList();
    }

    private static List<String> row(String first, List<String> rest) {
        List<String> r = new ArrayList<>();
        r.add(first);
        r.addAll(rest);
        return r;
    }

    /** The JSON values at {@code prefix + path} of each column, as a file writes them ("" for null or absent). */
    private static List<String> values(JsonPath j, String prefix, String[][] columns) {
        List<String> v = new ArrayList<>();
        for (String[] c : columns) {
            String p = c[2];
            Object o = p.startsWith("demands.satisfaction.") && j.get(prefix + "demands.satisfaction") == null ? null
                    : j.get(prefix + p);
            v.add(o == null ? "" : o instanceof BigDecimal b ? b.toPlainString() : o.toString());
        }
        return v;
    }

    /** Rows with decimals compared by value (an XLSX numeric cell keeps no trailing zeros but yuan's format). */
    private static List<List<String>> numbers(List<List<String>> rows) {
        return rows.stream().map(r -> r.stream().map(s -> s.matches("-?\\d+\\.\\d+")
                ? new BigDecimal(s).stripTrailingZeros().toPlainString() : s).toList()).toList();
    }

    private static void assertFile(Response r, String name, String asOf) {
        assertEquals("attachment; filename=\"" + name + "\"", r.header("Content-Disposition"));
        assertEquals(OffsetDateTime.parse(asOf).toInstant(), OffsetDateTime.parse(r.header("Lianhu-As-Of")).toInstant());
    }

    private static void formatPdfIs400(String path) {
        given().queryParam("format", "pdf").get(path).then().statusCode(400)
                .body("errors[0].field", equalTo("format")).body("errors[0].rule", equalTo("export.format"));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static JsonPath json(Response r) {
        r.then().statusCode(200);
        return new JsonPath(r.asString()).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private static Response download(String path, String accept, Map<String, ?> params) {
        Response r = given().accept(accept).queryParams(params).when().get(path);
        r.then().statusCode(200);
        return r;
    }

    private static List<List<String>> csv(Response r) throws IOException {
        String text = new String(r.asByteArray(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF"), "CSV starts with a byte order mark");
        List<List<String>> rows = new ArrayList<>();
        for (CSVRecord rec : CSVFormat.RFC4180.parse(new StringReader(text.substring(1)))) {
            rows.add(rec.toList());
        }
        return rows;
    }

    /** The sheet's rows as text: numbers without a needless .0, yuan with 2 decimals, dates yyyy-MM-dd. */
    private static List<List<String>> xlsx(Response r, List<List<Cell>> cells) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.asByteArray()))) {
            assertEquals(1, wb.getNumberOfSheets());
            Sheet sheet = wb.getSheetAt(0);
            int width = sheet.getRow(0).getLastCellNum();
            for (Row row : sheet) {
                List<String> values = new ArrayList<>();
                List<Cell> cs = new ArrayList<>();
                for (int i = 0; i < width; i++) {
                    Cell c = row.getCell(i);
                    cs.add(c);
                    values.add(text(c));
                }
                rows.add(values);
                cells.add(cs);
            }
        }
        return rows;
    }

    private static String text(Cell c) {
        if (c == null) {
            return "";
        }
        if (c.getCellType() == CellType.STRING) {
            return c.getStringCellValue();
        }
        if (DateUtil.isCellDateFormatted(c)) {
            return c.getLocalDateTimeCellValue().toLocalDate().toString();
        }
        double d = c.getNumericCellValue();
        if ("0.00".equals(c.getCellStyle().getDataFormatString())) {
            return BigDecimal.valueOf(d).setScale(2).toPlainString();
        }
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static Map<String, String> figures(List<List<String>> rows) {
        Map<String, String> m = new LinkedHashMap<>();
        rows.subList(1, rows.size()).forEach(r -> m.put(r.get(0), r.get(1)));
        return m;
    }

    private static void noPersonalData(List<List<String>> rows) {
        for (List<String> row : rows) {
            for (String cell : row) {
                assertFalse(PERSONAL.matcher(cell).find(), "an ID or phone number in an export: " + cell);
            }
        }
    }

    // The events carry full ID numbers on purpose (reporting's other tests send masked ones): no export may show one.

    private String household(String village, String head, int members) {
        String id = UUID.randomUUID().toString();
        events.household(EventTypes.HOUSEHOLD_REGISTERED, new HouseholdData(id, village, head, "620921199001011234",
                members, "ILLNESS", List.of(), new BigDecimal("3100.00"), "IN_POVERTY", null, LocalDate.of(2026, 3, 1),
                1));
        return id;
    }

    private UUID cadre(UUID unit, String name) {
        UUID id = UUID.randomUUID();
        events.cadre(EventTypes.CADRE_REGISTERED, new CadreData(id.toString(), name, "620921198001010011",
                unit.toString(), "OTHER", "ACTIVE", 1, 1));
        return id;
    }
}
