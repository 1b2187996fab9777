package cn.gansu.lianhu.pairing.imports;

import static cn.gansu.lianhu.pairing.imports.ImportFixtures.CADRES;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.JOBS;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.UNITS;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.XLSX;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.assertCounts;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.count;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.creditCode;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.csv;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.errorEntries;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.errors;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.idNumber;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.row;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.run;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.tag;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.upload;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.utf8;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Issue 3 point 2: cadres imported from CSV and XLSX with the household import's row-level behaviour; ID numbers
 * never leave in full; events on pairing.cadres and pairing.units, against real PostgreSQL and Kafka.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class CadreImportTest {
    static final String[] HEADER = {"name", "id_number", "unit_credit_code", "unit_id", "rank", "phone", "status"};

    @Inject
    DataSource ds;

    /** Two units of 通渭县 imported through the unit import. */
    record Units(String creditA, String idA, String creditB, String idB) {
    }

    Units units(String tag) throws Exception {
        String a = creditCode(), b = creditCode();
        List<String[]> rows = List.of(UnitImportTest.HEADER,
                new String[] {"通渭县农业农村局" + tag, "COUNTY", "PARTY_GOVERNMENT", "621121", a},
                new String[] {"通渭县卫生健康局" + tag, "COUNTY", "PARTY_GOVERNMENT", "621121", b});
        assertCounts(run(UNITS, utf8(csv(rows)), "u.csv", "text/csv", Map.of()), "UNITS", "SUCCEEDED", 2, 2, 2, 0);
        return new Units(a, unitId(a), b, unitId(b));
    }

    String unitId(String credit) throws Exception {
        return row(ds, "select id::text as id from unit where credit_code = ?", credit).get("id").toString();
    }

    long unitVersion(String id) throws Exception {
        return (Long) row(ds, "select version from unit where id = ?::uuid", id).get("version");
    }

    long cadres(String unitId) throws Exception {
        return count(ds, "select count(*) from cadre where unit_id = ?::uuid", unitId);
    }

    long outbox() throws Exception {
        return count(ds, "select count(*) from outbox_event");
    }

    /** No response of the job (state, error report) holds any of the full ID numbers. */
    static void assertNoFullIdNumber(JsonNode job, List<String> ids) {
        String jobBody = given().when().get(JOBS + "/" + job.get("id").asText()).then().statusCode(200).extract().asString();
        String report = given().queryParam("size", 500).when().get(JOBS + "/" + job.get("id").asText() + "/errors")
                .then().statusCode(200).extract().asString();
        for (String id : ids) {
            assertFalse(jobBody.contains(id), "job shows " + id);
            assertFalse(report.contains(id), "error report shows " + id);
            assertFalse(report.contains(id.substring(6, 14) + id.substring(14)), "error report shows digits of " + id);
        }
    }

    @Test
    void csvMixingGoodAndBadRowsReportsMaskedErrorsAndSkipInvalidWritesTheGoodRows() throws Exception {
        String tag = tag();
        Units u = units(tag);
        // one cadre of unit A already stored
        String stored = idNumber();
        List<String[]> first = List.of(HEADER, new String[] {"马建军", stored, u.creditA(), "", "OTHER", ""});
        assertCounts(run(CADRES, utf8(csv(first)), "c.csv", "text/csv", Map.of()), "CADRES", "SUCCEEDED", 1, 1, 1, 0);
        assertEquals(2, unitVersion(u.idA()));

        String id2 = idNumber(), id3 = idNumber(), dup = idNumber(), id7 = idNumber(), bad = ImportFixtures
                .idWithWrongCheck(idNumber()), id9 = idNumber(), id10 = idNumber(), idX = ImportFixtures.idNumberEndingInX(),
                id12 = idNumber();
        String unknownCredit = creditCode();
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        rows.add(new String[] {"张建国", id2, u.creditA(), "", "县处级", "13909430001"});          // 2 good
        rows.add(new String[] {"李秀兰", id3, "", u.idB(), "OTHER", ""});                         // 3 good, by unit id
        rows.add(new String[] {"王五", dup, u.creditA(), "", "其他", ""});                         // 4 dup in file
        rows.add(new String[] {"赵六", dup, u.creditB(), "", "OTHER", ""});                        // 5 dup in file
        rows.add(new String[] {"钱七", stored, u.creditA(), "", "OTHER", ""});                     // 6 already a cadre
        rows.add(new String[] {"孙八", id7, unknownCredit, "", "OTHER", ""});                      // 7 unknown unit
        rows.add(new String[] {"周九", bad, u.creditA(), "", "OTHER", ""});                        // 8 check digit
        rows.add(new String[] {"吴十", id9, u.creditB(), "", "科员", ""});                          // 9 rank unknown
        rows.add(new String[] {"郑一", id10, "", UUID.randomUUID().toString(), "OTHER", ""});      // 10 unknown unit id
        rows.add(new String[] {"冯二", idX.toLowerCase(), u.creditB().toLowerCase(), "", "地厅级", "0932-4212345", "在岗"}); // 11 good
        rows.add(new String[] {"陈十二", id12, u.creditB(), "", "OTHER", "", "RETIRED"});          // 12 not ACTIVE
        byte[] file = utf8(csv(rows));
        long outbox = outbox();

        JsonNode failed = run(CADRES, file, "cadres.csv", "text/csv", Map.of());
        assertCounts(failed, "CADRES", "FAILED", 11, 3, 0, 8);
        assertEquals(List.of(
                "4 id_number cadre.duplicate-id-number-in-file",
                "5 id_number cadre.duplicate-id-number-in-file",
                "6 id_number cadre.duplicate-id-number",
                "7 unit_credit_code cadre.unknown-unit",
                "8 id_number id-number.check-digit",
                "9 rank value.unknown",
                "10 unit_id cadre.unknown-unit",
                "12 status cadre.status-on-create"), errors(failed));
        Map<String, Map<String, Object>> e = errorEntries(failed);
        assertEquals(IdNumbers.mask(dup), e.get("4 id_number").get("rejectedValue"));
        assertEquals("the person " + IdNumbers.mask(dup) + " appears 2 times in this file (also on row 5): a person is one cadre",
                e.get("4 id_number").get("message"));
        assertEquals("a cadre is registered ACTIVE (在岗); RETIRED is reached through the departure/hand-over operation",
                e.get("12 status").get("message"));
        assertEquals(IdNumbers.mask(stored), e.get("6 id_number").get("rejectedValue"));
        assertEquals(IdNumbers.mask(bad), e.get("8 id_number").get("rejectedValue"));
        assertEquals("check character should be " + IdNumbers.checkCharacter(bad) + ", not " + bad.charAt(17),
                e.get("8 id_number").get("message"));
        assertEquals("no unit has the credit code " + unknownCredit, e.get("7 unit_credit_code").get("message"));
        assertTrue(e.get("6 id_number").get("message").toString().startsWith("ID number " + IdNumbers.mask(stored)
                + " is already registered for cadre "));
        assertNoFullIdNumber(failed, List.of(stored, id2, id3, dup, id7, bad, id9, id10, idX, id12));
        assertEquals(1, cadres(u.idA()));
        assertEquals(0, cadres(u.idB()));
        assertEquals(2, unitVersion(u.idA()));
        assertEquals(1, unitVersion(u.idB()));
        assertEquals(outbox, outbox());

        JsonNode skipped = run(CADRES, file, "cadres.csv", "text/csv", Map.of("mode", "SKIP_INVALID"));
        assertCounts(skipped, "CADRES", "SUCCEEDED", 11, 3, 3, 8);
        assertNoFullIdNumber(skipped, List.of(stored, id2, id3, dup, id7, bad, id9, id10, idX, id12));
        assertEquals(2, cadres(u.idA()));
        assertEquals(2, cadres(u.idB()));
        Map<String, Object> c2 = row(ds, "select * from cadre where id_number = ?", id2);
        assertEquals("张建国", c2.get("name"));
        assertEquals(UUID.fromString(u.idA()), c2.get("unit_id"));
        assertEquals("COUNTY_DIVISION", c2.get("rank"));
        assertEquals("ACTIVE", c2.get("status"));
        assertEquals("13909430001", c2.get("phone"));
        assertEquals(1L, c2.get("version"));
        assertNull(c2.get("left_on"));
        Map<String, Object> cx = row(ds, "select * from cadre where id_number = ?", idX); // stored with upper-case X
        assertEquals(UUID.fromString(u.idB()), cx.get("unit_id"));
        assertEquals("PREFECTURE_BUREAU", cx.get("rank"));
        assertEquals("0932-4212345", cx.get("phone"));
        assertEquals(UUID.fromString(u.idB()), row(ds, "select unit_id from cadre where id_number = ?", id3).get("unit_id"));
        // every unit that gained cadres: version + 1 and one unit.updated event
        assertEquals(3, unitVersion(u.idA()));
        assertEquals(2, unitVersion(u.idB()));
        assertEquals(3, count(ds, "select count(*) from outbox_event where topic = 'pairing.cadres' and event_type = "
                + "'cn.gansu.lianhu.pairing.cadre.registered.v1' and event_key in (select id::text from cadre where "
                + "id_number in (?, ?, ?))", id2, id3, idX));
        String updated = "select count(*) from outbox_event where topic = 'pairing.units' and event_type = "
                + "'cn.gansu.lianhu.pairing.unit.updated.v1' and event_key = ?";
        assertEquals(2, count(ds, updated, u.idA())); // the first cadre, then these
        assertEquals(1, count(ds, updated, u.idB()));
        assertEquals(outbox + 5, outbox());
    }

    @Test
    void eventsOnPairingCadresAndPairingUnitsCarryMaskedIdsAndTheUnitsNewFigures() throws Exception {
        String tag = tag();
        Units u = units(tag);
        String a1 = idNumber(), a2 = idNumber(), b1 = idNumber();
        List<String[]> rows = List.of(HEADER,
                new String[] {"陈立新", a1, u.creditA(), "", "PREFECTURE_BUREAU", "13893200001"},
                new String[] {"杨春梅", a2, u.creditA(), "", "OTHER", ""},
                new String[] {"刘志强", b1, "", u.idB(), "COUNTY_DIVISION", ""});
        assertCounts(run(CADRES, utf8(csv(rows)), "c.csv", "text/csv", Map.of()), "CADRES", "SUCCEEDED", 3, 3, 3, 0);
        String ca1 = row(ds, "select id::text as id from cadre where id_number = ?", a1).get("id").toString();
        String ca2 = row(ds, "select id::text as id from cadre where id_number = ?", a2).get("id").toString();
        String cb1 = row(ds, "select id::text as id from cadre where id_number = ?", b1).get("id").toString();

        Map<String, List<JsonNode>> cadres = ImportFixtures.consume("pairing.cadres",
                "cn.gansu.lianhu.pairing.cadre.registered.v1", Set.of(ca1, ca2, cb1));
        assertEquals(1, cadres.get(ca1).size());
        JsonNode d = cadres.get(ca1).get(0).get("data");
        assertEquals(ca1, d.get("id").asText());
        assertEquals("陈立新", d.get("name").asText());
        assertEquals(IdNumbers.mask(a1), d.get("idNumberMasked").asText());
        assertEquals(u.idA(), d.get("unitId").asText());
        assertEquals("PREFECTURE_BUREAU", d.get("rank").asText());
        assertEquals("ACTIVE", d.get("status").asText());
        assertEquals(3, d.get("minimumHouseholds").asInt());
        assertEquals(1, d.get("version").asLong());
        assertFalse(cadres.get(ca1).get(0).toString().contains(a1), "full ID number on the topic");
        assertFalse(cadres.get(ca1).get(0).toString().contains("13893200001"), "phone on the topic");
        assertEquals(1, cadres.get(ca2).get(0).get("data").get("minimumHouseholds").asInt());
        assertEquals(2, cadres.get(cb1).get(0).get("data").get("minimumHouseholds").asInt());
        assertEquals(u.idB(), cadres.get(cb1).get(0).get("data").get("unitId").asText());

        Map<String, List<JsonNode>> units = ImportFixtures.consume("pairing.units",
                "cn.gansu.lianhu.pairing.unit.updated.v1", Set.of(u.idA(), u.idB()));
        assertEquals(1, units.get(u.idA()).size());
        JsonNode ua = units.get(u.idA()).get(0).get("data");
        assertEquals(2, ua.get("activeCadres").asInt());
        assertEquals(1, ua.get("requiredVillages").asInt()); // band "1 cadre or more: 1 village"
        assertEquals(2, ua.get("version").asLong());
        assertEquals("通渭县农业农村局" + tag, ua.get("name").asText());
        assertEquals(u.creditA(), ua.get("creditCode").asText());
        JsonNode ub = units.get(u.idB()).get(0).get("data");
        assertEquals(1, ub.get("activeCadres").asInt());
        assertEquals(2, ub.get("version").asLong());
    }

    @Test
    void xlsxWithChineseHeadersNamesTheUnitByCreditCodeOrIdAndChecksBoth() throws Exception {
        String tag = tag();
        Units u = units(tag);
        String i2 = idNumber(), i3 = idNumber(), i4 = idNumber(), i5 = idNumber();
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"姓名", "身份证号", "单位统一社会信用代码", "单位ID", "级别", "联系电话"});
        rows.add(new Object[] {"何玉兰", i2, u.creditA(), "", "其他", "13919000002"});       // 2 good by credit code
        rows.add(new Object[] {"高志远", i3, "", u.idB(), "县处级", ""});                      // 3 good by id
        rows.add(new Object[] {"罗文斌", i4, u.creditA(), u.idB(), "其他", ""});              // 4 two units
        rows.add(new Object[] {"谢红霞", i5, u.creditB(), "", "其他", "call me"});            // 5 phone
        rows.add(new Object[] {"黄海", "", "", "", "", ""});                                   // 6 blanks
        rows.add(new Object[] {"曹敏", idNumber(), "", "not-a-uuid", "OTHER", ""});             // 7 unit id format
        byte[] file = ImportFixtures.xlsx(rows);

        JsonNode failed = run(CADRES, file, "cadres.xlsx", XLSX, Map.of());
        assertCounts(failed, "CADRES", "FAILED", 6, 2, 0, 6);
        assertEquals(List.of(
                "4 unit_id unit.mismatch",
                "5 phone phone.format",
                "6 id_number value.required",
                "6 unit_credit_code value.required",
                "6 rank value.required",
                "7 unit_id unit-id.format"), errors(failed));
        Map<String, Map<String, Object>> e = errorEntries(failed);
        assertNull(e.get("5 phone").get("rejectedValue"));
        assertEquals("the cadre's unit is required: unit_credit_code or unit_id", e.get("6 unit_credit_code").get("message"));
        assertNoFullIdNumber(failed, List.of(i2, i3, i4, i5));
        assertEquals(0, cadres(u.idA()) + cadres(u.idB()));

        JsonNode dry = run(CADRES, file, "cadres.xlsx", XLSX, Map.of("mode", "SKIP_INVALID", "dryRun", "true"));
        assertCounts(dry, "CADRES", "DRY_RUN_OK", 6, 2, 0, 6);
        assertEquals(0, cadres(u.idA()) + cadres(u.idB()));
        assertEquals(1, unitVersion(u.idA()));

        JsonNode skipped = run(CADRES, file, "cadres.xlsx", XLSX, Map.of("mode", "SKIP_INVALID"));
        assertCounts(skipped, "CADRES", "SUCCEEDED", 6, 2, 2, 6);
        assertEquals(1, cadres(u.idA()));
        assertEquals(1, cadres(u.idB()));
        assertEquals("OTHER", row(ds, "select rank from cadre where id_number = ?", i2).get("rank"));
        assertEquals("COUNTY_DIVISION", row(ds, "select rank from cadre where id_number = ?", i3).get("rank"));
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        String tag = tag();
        Units u = units(tag);
        List<String[]> rows = List.of(HEADER, new String[] {"石磊", idNumber(), u.creditA(), "", "OTHER", ""});
        long outbox = outbox();
        JsonNode job = run(CADRES, utf8(csv(rows)), "c.csv", "text/csv", Map.of("dryRun", "true"));
        assertCounts(job, "CADRES", "DRY_RUN_OK", 1, 1, 0, 0);
        assertEquals("dry run, nothing written: 1 of 1 cadres are valid, 0 errors", job.get("message").asText());
        assertEquals(0, cadres(u.idA()));
        assertEquals(1, unitVersion(u.idA()));
        assertEquals(outbox, outbox());
    }

    @Test
    void aFileThatDoesNotNameUnitsIsRefusedAtOnce() throws Exception {
        long jobs = count(ds, "select count(*) from import_job");
        upload(CADRES, utf8("姓名,身份证号,级别\n张三,620102198001010011,其他\n"), "c.csv", "text/csv", Map.of())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("header.unit_credit_code"))
                .body("errors[0].rule", equalTo("header.missing-column"));
        upload(CADRES, utf8("name,id_number,unit_id,rank,left_on\n"), "c.csv", "text/csv", Map.of())
                .then().statusCode(400)
                .body("errors[0].field", equalTo("header.left_on"))
                .body("errors[0].rule", equalTo("header.unknown-column"));
        assertEquals(jobs, count(ds, "select count(*) from import_job"));
    }

    /** The README's cookbook files (units with Chinese headers, then their cadres) import as shown there. */
    @Test
    void theReadmeCookbookFilesImport() throws Exception {
        String units = """
                单位名称,层级,类别,所在地区代码,统一社会信用代码
                甘肃省农业农村厅,省直,党政机关,62,11620000013926513R
                通渭县人民医院,县区,事业单位,621121,126211214380123458
                """;
        String cadres = """
                姓名,身份证号,单位统一社会信用代码,级别,联系电话
                张建国,620102198003150013,11620000013926513R,地厅级,13909430001
                李秀兰,621121197506200022,126211214380123458,其他,
                """;
        assertCounts(run(UNITS, utf8(units), "units.csv", "text/csv", Map.of()), "UNITS", "SUCCEEDED", 2, 2, 2, 0);
        assertCounts(run(CADRES, utf8(cadres), "cadres.csv", "text/csv", Map.of()), "CADRES", "SUCCEEDED", 2, 2, 2, 0);
        assertEquals("PROVINCE", row(ds, "select level from unit where credit_code = ?", "11620000013926513R").get("level"));
        assertEquals(1, cadres(unitId("126211214380123458")));
    }
}
