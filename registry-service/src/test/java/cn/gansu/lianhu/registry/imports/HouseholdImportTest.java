package cn.gansu.lianhu.registry.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.HouseholdData;
import cn.gansu.lianhu.events.outbox.Outbox;
import cn.gansu.lianhu.registry.service.HouseholdImportService;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Bulk import of households from CSV and XLSX (issue point 7) against real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class HouseholdImportTest {
    static final String IMPORTS = "/api/v1/households/imports";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    DataSource ds;

    @Inject
    ObjectMapper mapper;

    @Inject
    Outbox outbox;

    @Inject
    HouseholdImportService householdImports;

    @BeforeEach
    void villages() throws SQLException {
        HouseholdImportFixtures.insertVillages(ds);
    }

    static String batch() {
        return "T" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ------------------------------------------------------------------ helpers

    static Response upload(byte[] file, String name, String type, Map<String, ?> query) {
        return given().multiPart("file", name, file, type).queryParams(query).when().post(IMPORTS);
    }

    /** Uploads, expects 202 with Location, waits for the end of the job and returns its body. */
    static JsonNode run(byte[] file, String name, String type, Map<String, ?> query) throws IOException {
        Response r = upload(file, name, type, query);
        r.then().statusCode(202).header("Location", containsString(IMPORTS + "/"))
                .body("status", equalTo("QUEUED")).body("id", notNullValue());
        String id = r.jsonPath().getString("id");
        assertTrue(r.header("Location").endsWith(IMPORTS + "/" + id));
        return await(id);
    }

    static JsonNode await(String id) throws IOException {
        ObjectMapper m = new ObjectMapper();
        JsonNode[] job = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String body = given().when().get(IMPORTS + "/" + id).then().statusCode(200).extract().asString();
            job[0] = m.readTree(body);
            String s = job[0].get("status").asText();
            return !s.equals("QUEUED") && !s.equals("RUNNING");
        });
        return job[0];
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    long count(String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    long households(String batch) throws SQLException {
        return count("select count(*) from household where household_no like ?", batch + "-%");
    }

    long members(String batch) throws SQLException {
        return count("select count(*) from household_member m join household h on h.id = m.household_id "
                + "where h.household_no like ?", batch + "-%");
    }

    long events(String batch) throws SQLException {
        return count("select count(*) from outbox_event e join household h on h.id::text = e.event_key "
                + "where h.household_no like ? and e.event_type = 'cn.gansu.lianhu.registry.household.registered.v1' "
                + "and e.topic = 'registry.households'", batch + "-%");
    }

    long jobs() throws SQLException {
        return count("select count(*) from import_job");
    }

    static void assertCounts(JsonNode job, String status, long rows, long households, long valid, long imported,
            long errors) {
        assertEquals(status, job.get("status").asText(), job.toString());
        assertEquals(rows, job.get("rowsRead").asLong(), job.toString());
        assertEquals(households, job.get("householdsRead").asLong(), job.toString());
        assertEquals(valid, job.get("householdsValid").asLong(), job.toString());
        assertEquals(imported, job.get("householdsImported").asLong(), job.toString());
        assertEquals(errors, job.get("errorCount").asLong(), job.toString());
    }

    // ------------------------------------------------------------------ good files

    @Test
    void goodCsvIsImportedWithMembersHistoryAndOneEventPerHousehold() throws Exception {
        String batch = batch();
        List<String[]> rows = HouseholdImportFixtures.rows(40, batch); // 1..5 members: 120 rows
        assertEquals(120, rows.size());
        JsonNode job = run(utf8(HouseholdImportFixtures.csv(rows)), "households.csv", "text/csv", Map.of());
        assertCounts(job, "SUCCEEDED", 120, 40, 40, 40, 0);
        assertEquals(100, job.get("percent").asInt());
        assertEquals("CSV", job.get("format").asText());
        assertEquals("UTF-8", job.get("charset").asText());
        assertTrue(job.get("durationMs").asLong() >= 0);
        assertTrue(job.hasNonNull("startedAt") && job.hasNonNull("finishedAt"));

        assertEquals(40, households(batch));
        assertEquals(120, members(batch));
        assertEquals(40, count("select count(*) from household_status_change s join household h on h.id = s.household_id "
                + "where h.household_no like ? and s.from_status is null and s.to_status = 'IN_POVERTY'", batch + "-%"));
        assertEquals(40, events(batch));

        // household 1 (rows 3-4): village 620421108200, cause ILLNESS, other 缺资金;缺技术, head 王秀兰 (female)
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select h.id, h.village_code, h.main_cause, h.other_causes, h.income_per_capita, h.status, h.status_since,
                       h.version, m.name, m.id_number, m.sex, m.birth_date, m.relation, m.health, m.education,
                       m.labour_ability, m.position, m.active
                from household h join household_member m on m.household_id = h.id
                where h.household_no = ? order by m.position""")) {
            ps.setString(1, batch + "-1");
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                String[] head = rows.get(1);
                assertEquals("620421108200", rs.getString("village_code"));
                assertEquals("ILLNESS", rs.getString("main_cause"));
                assertEquals(",LACK_OF_CAPITAL,LACK_OF_SKILLS,", rs.getString("other_causes"));
                assertEquals("1201.01", rs.getBigDecimal("income_per_capita").toPlainString());
                assertEquals("IN_POVERTY", rs.getString("status"));
                assertEquals(LocalDate.of(2026, 11, 29), rs.getObject("status_since", LocalDate.class));
                assertEquals(1, rs.getLong("version"));
                assertEquals(head[7], rs.getString("name"));
                assertEquals("王秀兰", rs.getString("name"));
                assertEquals(head[8], rs.getString("id_number"));
                assertEquals("FEMALE", rs.getString("sex"));
                assertEquals(IdNumbers.birthDate(head[8]), rs.getObject("birth_date", LocalDate.class));
                assertEquals("HEAD", rs.getString("relation"));
                assertEquals("CHRONIC_ILLNESS", rs.getString("health"));
                assertEquals("JUNIOR_SECONDARY", rs.getString("education"));
                assertEquals("SKILLED", rs.getString("labour_ability"));
                assertEquals(0, rs.getInt("position"));
                assertTrue(rs.getBoolean("active"));
                String householdId = rs.getString("id");
                assertTrue(rs.next());
                assertEquals("SPOUSE", rs.getString("relation"));
                assertEquals("MALE", rs.getString("sex"));
                assertEquals(1, rs.getInt("position"));
                assertTrue(!rs.next());

                // the event carries the household's state, ID number masked
                try (PreparedStatement ev = c.prepareStatement("select payload from outbox_event where event_key = ?")) {
                    ev.setString(1, householdId);
                    try (ResultSet e = ev.executeQuery()) {
                        assertTrue(e.next());
                        JsonNode event = mapper.readTree(e.getString(1));
                        assertEquals("cn.gansu.lianhu.registry.household.registered.v1", event.get("type").asText());
                        assertEquals(householdId, event.get("subject").asText());
                        JsonNode data = event.get("data");
                        assertEquals(householdId, data.get("id").asText());
                        assertEquals("620421108200", data.get("villageCode").asText());
                        assertEquals("王秀兰", data.get("headName").asText());
                        assertEquals(IdNumbers.mask(head[8]), data.get("headIdNumberMasked").asText());
                        assertEquals(2, data.get("memberCount").asInt());
                        assertEquals("ILLNESS", data.get("mainCause").asText());
                        assertEquals("[\"LACK_OF_CAPITAL\",\"LACK_OF_SKILLS\"]", data.get("otherCauses").toString());
                        assertEquals(0, data.get("incomePerCapita").decimalValue().compareTo(new java.math.BigDecimal("1201.01")));
                        assertEquals("IN_POVERTY", data.get("status").asText());
                        assertEquals("2026-11-29", data.get("statusSince").asText());
                        assertEquals(1, data.get("version").asLong());
                        assertTrue(!e.next());
                    }
                }
            }
        }
        // no error report
        given().when().get(IMPORTS + "/" + job.get("id").asText() + "/errors")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void goodXlsxWithColumnsInAnotherOrderAndDateCellsIsImported() throws Exception {
        String batch = batch();
        List<String[]> rows = HouseholdImportFixtures.rows(25, batch); // 75 rows
        int[] order = {8, 7, 0, 11, 1, 2, 3, 4, 5, 6, 9, 10, 12, 13, 14}; // id_number, name, household_no, relation…
        byte[] xlsx;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("户");
            CellStyle dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
            Row header = sheet.createRow(0);
            for (int i = 0; i < order.length; i++) {
                header.createCell(i).setCellValue(HouseholdImportFixtures.HEADER[order[i]].toUpperCase());
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int i = 0; i < order.length; i++) {
                    String v = rows.get(r)[order[i]];
                    if (v.isEmpty()) {
                        continue;
                    }
                    Cell cell = row.createCell(i);
                    if (order[i] == 10) { // birth_date as a real date cell
                        cell.setCellValue(LocalDate.parse(v));
                        cell.setCellStyle(dateStyle);
                    } else if (order[i] == 4) { // income as a number cell
                        cell.setCellValue(Double.parseDouble(v));
                    } else {
                        cell.setCellValue(v);
                    }
                }
            }
            wb.write(out);
            xlsx = out.toByteArray();
        }
        JsonNode job = run(xlsx, "households.xlsx", XLSX, Map.of());
        assertCounts(job, "SUCCEEDED", 75, 25, 25, 25, 0);
        assertEquals("XLSX", job.get("format").asText());
        assertEquals(100, job.get("percent").asInt());
        assertEquals(25, households(batch));
        assertEquals(75, members(batch));
        assertEquals(25, events(batch));
        assertEquals(1, count("select count(*) from household_member where id_number = ? and birth_date = ? and name = ?",
                rows.get(0)[8], IdNumbers.birthDate(rows.get(0)[8]), rows.get(0)[7]));
        assertEquals(1, count("select count(*) from household where household_no = ? and income_per_capita = 1201.01",
                batch + "-1"));
    }

    @Test
    void rawCsvBodyIsAcceptedToo() throws Exception {
        String batch = batch();
        Response r = given().contentType("text/csv").body(utf8(HouseholdImportFixtures.csv(HouseholdImportFixtures.rows(3, batch))))
                .when().post(IMPORTS);
        r.then().statusCode(202).header("Location", endsWith(r.jsonPath().getString("id")));
        JsonNode job = await(r.jsonPath().getString("id"));
        assertCounts(job, "SUCCEEDED", 6, 3, 3, 3, 0);
        assertEquals(3, households(batch));
    }

    // ------------------------------------------------------------------ dry run, all-or-nothing, skip invalid

    @Test
    void dryRunValidatesAndWritesNothing() throws Exception {
        String batch = batch();
        long outbox = count("select count(*) from outbox_event");
        JsonNode job = run(utf8(HouseholdImportFixtures.csv(HouseholdImportFixtures.rows(10, batch))), "h.csv", "text/csv",
                Map.of("dryRun", "true"));
        assertCounts(job, "DRY_RUN_OK", 30, 10, 10, 0, 0);
        assertTrue(job.get("dryRun").asBoolean());
        assertEquals(0, households(batch));
        assertEquals(outbox, count("select count(*) from outbox_event"));
    }

    /** 10 households, 30 rows; row 7 (second member of household 2) has a wrong check character. */
    static String oneBadRow(String batch, List<String[]> rows) {
        String[] bad = rows.get(5); // data row index 5 = file row 7
        assertEquals(batch + "-2", bad[0]);
        bad[8] = HouseholdImportFixtures.withWrongCheck(bad[8]);
        return HouseholdImportFixtures.csv(rows);
    }

    @Test
    void allOrNothingWithOneBadRowWritesNothingAndReportsRowColumnRule() throws Exception {
        String batch = batch();
        List<String[]> rows = HouseholdImportFixtures.rows(10, batch);
        String csv = oneBadRow(batch, rows);
        long outbox = count("select count(*) from outbox_event");
        JsonNode job = run(utf8(csv), "h.csv", "text/csv", Map.of());
        assertCounts(job, "FAILED", 30, 10, 9, 0, 1);
        assertTrue(job.get("message").asText().contains("nothing was written"), job.toString());
        assertEquals(0, households(batch));
        assertEquals(outbox, count("select count(*) from outbox_event"));

        String bad = rows.get(5)[8];
        given().when().get(IMPORTS + "/" + job.get("id").asText() + "/errors")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].row", equalTo(7))
                .body("items[0].column", equalTo("id_number"))
                .body("items[0].rule", equalTo("id-number.check-digit"))
                .body("items[0].message", equalTo("check character should be " + IdNumbers.checkCharacter(bad)
                        + ", not " + bad.charAt(17)))
                .body("items[0].rejectedValue", equalTo(IdNumbers.mask(bad)));
    }

    @Test
    void skipInvalidImportsTheValidHouseholds() throws Exception {
        String batch = batch();
        List<String[]> rows = HouseholdImportFixtures.rows(10, batch);
        JsonNode job = run(utf8(oneBadRow(batch, rows)), "h.csv", "text/csv", Map.of("mode", "SKIP_INVALID"));
        assertCounts(job, "SUCCEEDED", 30, 10, 9, 9, 1);
        assertEquals(9, households(batch));
        assertEquals(0, count("select count(*) from household where household_no = ?", batch + "-2"));
        assertEquals(27, members(batch)); // household 2 has 3 members
        assertEquals(9, events(batch));
        given().when().get(IMPORTS + "/" + job.get("id").asText() + "/errors")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].row", equalTo(7));
    }

    @Test
    void everyRowRuleIsReportedWithRowColumnAndRule() throws Exception {
        String batch = batch();
        List<String[]> rows = HouseholdImportFixtures.rows(6, batch); // households 0..5: 1,2,3,4,5,1 members, rows 2..17
        rows.get(0)[1] = HouseholdImportFixtures.NOT_POOR_VILLAGE;   // row 2: household 0, head
        rows.get(1)[9] = "男".equals(rows.get(1)[9]) ? "女" : "男";      // row 3: household 1 head, sex mismatch
        rows.get(2)[11] = "户主";                                    // row 4: household 1 second head
        rows.get(3)[12] = "很好";                                    // row 5: household 2 head, unknown health
        rows.get(3)[4] = "-5";                                       // row 5: negative income
        rows.get(6)[11] = "子女";                                    // row 8: household 3 loses its head
        rows.get(10)[10] = "1990-02-30";                             // row 12: household 4 head birth date
        rows.get(14)[1] = "999999999999";                            // row 16: not a head: household columns ignored
        rows.get(15)[1] = "999999999999";                            // row 17: household 5 head, unknown village
        JsonNode job = run(utf8(HouseholdImportFixtures.csv(rows)), "h.csv", "text/csv", Map.of());
        assertCounts(job, "FAILED", 16, 6, 0, 0, 8);
        Response errors = given().queryParam("size", 100).when().get(IMPORTS + "/" + job.get("id").asText() + "/errors");
        errors.then().statusCode(200).body("total", equalTo(8));
        List<String> found = new ArrayList<>();
        for (Map<String, Object> e : errors.jsonPath().<Map<String, Object>>getList("items")) {
            found.add(e.get("row") + " " + e.get("column") + " " + e.get("rule"));
        }
        assertEquals(List.of(
                "2 village_code village.not-poor",
                "3 sex id-number.sex-mismatch",
                "4 relation household.several-heads",
                "5 health value.unknown",
                "5 income_per_capita income.negative",
                "8 relation household.no-head",
                "12 birth_date date.format",
                "17 village_code village.unknown"), found);
        assertEquals(0, households(batch));
    }

    // ------------------------------------------------------------------ duplicates

    @Test
    void samePersonTwiceInTheFileIsRefused() throws Exception {
        String batch = batch();
        List<String[]> rows = HouseholdImportFixtures.rows(4, batch); // rows 2..11
        rows.get(8)[8] = rows.get(2)[8]; // file row 10 (household 3) repeats the person of row 4 (household 1)
        rows.get(8)[9] = rows.get(2)[9];
        rows.get(8)[10] = "";
        JsonNode job = run(utf8(HouseholdImportFixtures.csv(rows)), "h.csv", "text/csv", Map.of());
        assertCounts(job, "FAILED", 10, 4, 2, 0, 2);
        given().when().get(IMPORTS + "/" + job.get("id").asText() + "/errors")
                .then().statusCode(200).body("total", equalTo(2))
                .body("items[0].row", equalTo(4)).body("items[0].column", equalTo("id_number"))
                .body("items[0].rule", equalTo("id-number.duplicate-in-file"))
                .body("items[0].message", containsString("also on row 10"))
                .body("items[1].row", equalTo(10)).body("items[1].rule", equalTo("id-number.duplicate-in-file"))
                .body("items[1].message", containsString("also on row 4"));
        assertEquals(0, households(batch));
    }

    @Test
    void personAlreadyRegisteredIsRefused() throws Exception {
        String first = batch();
        List<String[]> stored = HouseholdImportFixtures.rows(2, first);
        assertCounts(run(utf8(HouseholdImportFixtures.csv(stored)), "a.csv", "text/csv", Map.of()), "SUCCEEDED", 3, 2, 2,
                2, 0);
        String second = batch();
        List<String[]> rows = HouseholdImportFixtures.rows(3, second); // rows 2..7
        rows.get(4)[8] = stored.get(2)[8]; // file row 6: the spouse of household first-1
        rows.get(4)[9] = stored.get(2)[9];
        rows.get(4)[10] = "";
        JsonNode job = run(utf8(HouseholdImportFixtures.csv(rows)), "b.csv", "text/csv", Map.of());
        assertCounts(job, "FAILED", 6, 3, 2, 0, 1);
        given().when().get(IMPORTS + "/" + job.get("id").asText() + "/errors")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].row", equalTo(6)).body("items[0].column", equalTo("id_number"))
                .body("items[0].rule", equalTo("id-number.already-registered"))
                .body("items[0].message", containsString(first + "-1"))
                .body("items[0].rejectedValue", equalTo(IdNumbers.mask(stored.get(2)[8])));
        assertEquals(0, households(second));
        // and re-importing the first file is refused on its household numbers and people
        JsonNode again = run(utf8(HouseholdImportFixtures.csv(stored)), "a.csv", "text/csv", Map.of("mode", "SKIP_INVALID"));
        assertCounts(again, "SUCCEEDED", 3, 2, 0, 0, 5);
    }

    /**
     * Issue 7: the households go into the tables chunk by chunk ({@code lianhu.imports.staging-chunk} = 2000), so a
     * duplicate or a reused household number further down the file proves invalid a household already written: it
     * is deleted again before the commit (SKIP_INVALID), or everything rolls back (ALL_OR_NOTHING), with the same
     * errors either way. Person Q: two households of this file in different chunks; P: stored, and in two
     * households of this file; household 6's number is reused by a later block.
     */
    @Test
    void duplicatesAcrossChunksInvalidateHouseholdsAlreadyWritten() throws Exception {
        String stored = batch();
        List<String[]> storedRows = HouseholdImportFixtures.rows(2, stored);
        assertCounts(run(utf8(HouseholdImportFixtures.csv(storedRows)), "a.csv", "text/csv", Map.of()), "SUCCEEDED", 3,
                2, 2, 2, 0);
        String[] p = storedRows.get(2); // the spouse of household stored-1
        String batch = batch();
        List<String[]> rows = HouseholdImportFixtures.rows(2100, batch);
        String[] q = rows.get(row(rows, batch + "-3") + 1);
        copyPerson(q, rows.get(row(rows, batch + "-2051") + 1));
        copyPerson(p, rows.get(row(rows, batch + "-11") + 1));
        copyPerson(p, rows.get(row(rows, batch + "-2081") + 1));
        int reused = row(rows, batch + "-2061");
        rows.get(reused)[0] = batch + "-6";
        rows.get(reused + 1)[0] = batch + "-6";
        long members = 0;
        for (int h = 0; h < 2100; h++) {
            members += Set.of(3, 2051, 11, 2081, 6, 2061).contains(h) ? 0 : 1 + h % 5;
        }
        List<String> expected = new ArrayList<>(List.of(
                (row(rows, batch + "-3") + 3) + " id-number.duplicate-in-file",
                (row(rows, batch + "-11") + 3) + " id-number.duplicate-in-file",
                (row(rows, batch + "-11") + 3) + " id-number.already-registered",
                (row(rows, batch + "-2051") + 3) + " id-number.duplicate-in-file",
                (reused + 2) + " household-no.not-consecutive",
                (row(rows, batch + "-2081") + 3) + " id-number.duplicate-in-file",
                (row(rows, batch + "-2081") + 3) + " id-number.already-registered"));
        byte[] file = utf8(HouseholdImportFixtures.csv(rows));
        long outbox = count("select count(*) from outbox_event");

        JsonNode failed = run(file, "big.csv", "text/csv", Map.of());
        assertCounts(failed, "FAILED", rows.size(), 2100, 2094, 0, 7);
        assertEquals(expected, errorRowsAndRules(failed));
        assertEquals(0, households(batch));
        assertEquals(outbox, count("select count(*) from outbox_event"));

        JsonNode skipped = run(file, "big.csv", "text/csv", Map.of("mode", "SKIP_INVALID"));
        assertCounts(skipped, "SUCCEEDED", rows.size(), 2100, 2094, 2094, 7);
        assertEquals(expected, errorRowsAndRules(skipped));
        assertEquals(2094, households(batch));
        for (String gone : List.of("-3", "-6", "-11", "-2051", "-2081")) {
            assertEquals(0, count("select count(*) from household where household_no = ?", batch + gone), gone);
        }
        assertEquals(members, members(batch));
        assertEquals(2094, events(batch));
        assertEquals(outbox + 2094, count("select count(*) from outbox_event"));
        assertEquals(2094, count("select count(*) from household_status_change s join household h on h.id = "
                + "s.household_id where h.household_no like ?", batch + "-%"));
        assertEquals(1, count("select count(*) from household_member where id_number = ? and active", p[8]));
        assertEquals(0, count("select count(*) from household_member where id_number = ?", q[8]));
    }

    /** Index in {@code rows} of the first row of household {@code no}. */
    static int row(List<String[]> rows, String no) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i)[0].equals(no)) {
                return i;
            }
        }
        throw new AssertionError(no);
    }

    /** Makes {@code target} (a member row that is not a head) the person of {@code source}. */
    static void copyPerson(String[] source, String[] target) {
        target[8] = source[8];
        target[9] = source[9];
        target[10] = "";
    }

    List<String> errorRowsAndRules(JsonNode job) {
        Response errors = given().queryParam("size", 100).when().get(IMPORTS + "/" + job.get("id").asText() + "/errors");
        errors.then().statusCode(200);
        List<String> found = new ArrayList<>();
        for (Map<String, Object> e : errors.jsonPath().<Map<String, Object>>getList("items")) {
            found.add(e.get("row") + " " + e.get("rule"));
        }
        return found;
    }

    /** The event written by COPY is byte for byte the outbox envelope of the household's data (issue 7). */
    @Test
    void registeredEventJsonIsTheOutboxEnvelope() {
        for (String income : List.of("0", "0.00", "1200", "1200.00", "1201.10", "1201.01", "9999999999.99", "0.5")) {
            for (List<String> others : List.of(List.<String>of(), List.of("LACK_OF_CAPITAL", "LACK_OF_SKILLS"))) {
                String id = UUID.randomUUID().toString();
                HouseholdData data = new HouseholdData(id, "620121100201", "王\"秀\\兰 😀\n", "620121********8254",
                        3, "ILLNESS", others, new BigDecimal(income), "IN_POVERTY", null, LocalDate.of(2026, 11, 29),
                        1L);
                CloudEvent envelope = outbox.envelope(EventTypes.HOUSEHOLD_REGISTERED, id, data);
                assertEquals(outbox.toJson(envelope), householdImports.registeredEventJson(envelope.id(),
                        envelope.time(), data), income);
            }
        }
    }

    // ------------------------------------------------------------------ refused files

    @Test
    void wrongHeaderIsRefusedAtOnceNamingTheColumns() throws Exception {
        long before = jobs();
        String csv = HouseholdImportFixtures.csv(HouseholdImportFixtures.rows(2, batch())).replaceFirst("id_number", "idcard");
        upload(utf8(csv), "h.csv", "text/csv", Map.of())
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.size()", equalTo(2))
                .body("errors.find { it.field == 'header.idcard' }.rule", equalTo("header.unknown-column"))
                .body("errors.find { it.field == 'header.id_number' }.rule", equalTo("header.missing-column"));
        assertEquals(before, jobs());
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        long before = jobs();
        upload(new byte[0], "h.csv", "text/csv", Map.of())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("file")).body("errors[0].rule", equalTo("file.empty"));
        assertEquals(before, jobs());
    }

    @Test
    void gbkFileIsRefusedWithAHintAndImportedWithCharsetGbk() throws Exception {
        String batch = batch();
        List<String[]> rows = HouseholdImportFixtures.rows(4, batch);
        byte[] gbk = HouseholdImportFixtures.csv(rows).getBytes(Charset.forName("GBK"));
        long before = jobs();
        upload(gbk, "h.csv", "text/csv", Map.of())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("file")).body("errors[0].rule", equalTo("file.encoding"))
                .body("errors[0].message", containsString("looks GBK-encoded"))
                .body("errors[0].message", containsString("charset=GBK"));
        assertEquals(before, jobs());

        JsonNode job = run(gbk, "h.csv", "text/csv", Map.of("charset", "GBK"));
        assertCounts(job, "SUCCEEDED", 10, 4, 4, 4, 0);
        assertEquals("GBK", job.get("charset").asText());
        for (String[] r : rows) {
            assertEquals(1, count("select count(*) from household_member where id_number = ? and name = ?", r[8], r[7]),
                    "name of " + r[7]);
        }
        assertEquals(1, count("select count(*) from household where household_no = ? and address = ?", batch + "-1",
                rows.get(1)[5]));
    }

    @Test
    void utf8FileWithCharsetGbkIsRefusedRatherThanGarbled() throws Exception {
        upload(utf8(HouseholdImportFixtures.csv(HouseholdImportFixtures.rows(2, batch()))), "h.csv", "text/csv",
                Map.of("charset", "GBK"))
                .then().statusCode(400).body("errors[0].rule", equalTo("file.encoding"))
                .body("errors[0].message", containsString("UTF-8"));
    }

    @Test
    void utf8BomIsAccepted() throws Exception {
        String batch = batch();
        byte[] body = utf8("\uFEFF" + HouseholdImportFixtures.csv(HouseholdImportFixtures.rows(2, batch)));
        assertCounts(run(body, "bom.csv", "text/csv", Map.of()), "SUCCEEDED", 3, 2, 2, 2, 0);
    }

    @Test
    void tenMegabytesOfRandomGarbageIsRefusedWithoutAJob() throws Exception {
        byte[] garbage = new byte[10 * 1024 * 1024];
        new Random(7).nextBytes(garbage);
        garbage[0] = 'x'; // not a ZIP signature
        long before = jobs();
        upload(garbage, "garbage.csv", "text/csv", Map.of())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("file")).body("errors[0].rule", equalTo("file.encoding"))
                .body("errors[0].message", containsString("neither UTF-8 nor GBK"));
        assertEquals(before, jobs());
    }

    @Test
    void badParametersAndUnknownJobsAreProblems() throws Exception {
        byte[] csv = utf8(HouseholdImportFixtures.csv(HouseholdImportFixtures.rows(1, batch())));
        upload(csv, "h.csv", "text/csv", Map.of("mode", "SOMETIMES"))
                .then().statusCode(400).body("errors[0].field", equalTo("mode")).body("errors[0].rule", equalTo("mode.unknown"));
        upload(csv, "h.csv", "text/csv", Map.of("charset", "latin1"))
                .then().statusCode(400).body("errors[0].field", equalTo("charset"))
                .body("errors[0].rule", equalTo("charset.unsupported"));
        given().when().get(IMPORTS + "/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:lianhu:problem:not-found"));
        given().when().get(IMPORTS + "/not-a-uuid/errors").then().statusCode(400)
                .body("errors[0].field", equalTo("id")).body("errors[0].rule", equalTo("param.type"));
        given().multiPart("other", "x").when().post(IMPORTS)
                .then().statusCode(400).body("errors[0].field", equalTo("file")).body("errors[0].rule", equalTo("file.required"));
    }

    @Test
    void dryRunMustBeTrueOrFalseNotAGuess() throws Exception {
        byte[] csv = utf8(HouseholdImportFixtures.csv(HouseholdImportFixtures.rows(1, batch())));
        long before = jobs();
        upload(csv, "h.csv", "text/csv", Map.of("dryRun", "maybe"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("dryRun")).body("errors[0].rule", equalTo("param.type"))
                .body("detail", equalTo("dryRun must be true or false, not 'maybe'"));
        assertEquals(before, jobs());
    }

    @Test
    void truncatedMultipartBodyIsA400() throws Exception {
        long before = jobs();
        given().contentType("multipart/form-data; boundary=----x")
                .body("garbage, not multipart".getBytes(StandardCharsets.UTF_8))
                .when().post(IMPORTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body")).body("errors[0].rule", equalTo("multipart.syntax"));
        assertEquals(before, jobs());
    }

    @Test
    void controlCharacterInACellIsReportedWithRowAndColumn() throws Exception {
        String batch = batch();
        List<String[]> rows = HouseholdImportFixtures.rows(2, batch);
        rows.get(1)[7] = "张\u0000三";
        JsonNode job = run(utf8(HouseholdImportFixtures.csv(rows)), "h.csv", "text/csv", Map.of());
        assertEquals("FAILED", job.get("status").asText(), job.toString());
        assertEquals(0, households(batch));
        given().when().get(IMPORTS + "/" + job.get("id").asText() + "/errors")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].row", equalTo(3))
                .body("items[0].column", equalTo("name"))
                .body("items[0].rule", equalTo("text.forbidden-character"))
                .body("items[0].message", equalTo("name: character U+0000 at position 2 is a control character"));
    }

    @Test
    void openApiDocumentsTheImport() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/households/imports'.post.operationId", equalTo("importHouseholds"))
                .body("paths.'/api/v1/households/imports'.post.requestBody.content.keySet()", hasItem("text/csv"))
                .body("paths.'/api/v1/households/imports'.post.responses.'202'.headers.Location", notNullValue())
                .body("paths.'/api/v1/households/imports'.post.responses.'400'.content.'application/problem+json'",
                        notNullValue())
                .body("paths.'/api/v1/households/imports/{id}/errors'.get.operationId",
                        equalTo("listHouseholdImportErrors"));
    }
}
