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

    @Test
    void listsAndReportsDownloadAsCsvAndXlsxWithTheFiguresOfTheJson() throws Exception {
        events.region(PROVINCE, "甘肃省", "PROVINCE", null, false, false);
        events.region(JIUQUAN, "酒泉市", "PREFECTURE", PROVINCE, false, false);
        events.region(JINTA, "金塔县", "COUNTY", JIUQUAN, false, false);
        events.region(TOWNSHIP, "金塔镇", "TOWNSHIP", JINTA, false, false);
        events.region(V, "中东村委会", "VILLAGE", TOWNSHIP, false, true);
        List<String> households = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            households.add(household(V, i == 7 ? FORMULA : "户主" + (100 + i), 1 + i % 5));
        }
        UUID u = events.unit("金塔县民政局", "COUNTY", JINTA, 2, 1);
        UUID c1 = cadre(u, "@李");
        UUID p1 = events.pairing(c1, u, households.get(0), V, LocalDate.of(2026, 3, 1));
        events.pairing(c1, u, households.get(1), V, LocalDate.of(2026, 3, 1));
        events.visit(c1, u, households.get(0), V, p1, "2026-06-01", "IN_HOME", List.of("DEVELOPMENT"),
                List.of(help("FUNDS", "1234.50", 3)), 0);

        await().atMost(WAIT).untilAsserted(() -> {
            given().get("/api/v1/regions/6209/uncovered/households-without-cadre").then().statusCode(200)
                    .body("total", equalTo(58)).body("items.size()", equalTo(50));
            given().get("/api/v1/regions/6209/overdue-pairings").then().statusCode(200).body("total", equalTo(2));
            given().get("/api/v1/regions/6209/visits").then().statusCode(200).body("visits.total", equalTo(1))
                    .body("help.peopleBenefiting", equalTo(3));
        });

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
