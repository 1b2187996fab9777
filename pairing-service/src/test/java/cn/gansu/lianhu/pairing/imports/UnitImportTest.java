package cn.gansu.lianhu.pairing.imports;

import static cn.gansu.lianhu.pairing.imports.ImportFixtures.JOBS;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.UNITS;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.XLSX;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.assertCounts;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.count;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.creditCode;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.csv;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.errorEntries;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.errors;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.row;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.run;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.tag;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.upload;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.utf8;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Issue 3 point 1: units imported from CSV and XLSX with the household import's row-level behaviour, against
 * real PostgreSQL and Kafka.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class UnitImportTest {
    static final String[] HEADER = {"name", "level", "kind", "region_code", "credit_code"};

    @Inject
    DataSource ds;

    long units(String tag) throws Exception {
        return count(ds, "select count(*) from unit where name like ?", "%" + tag);
    }

    long outbox() throws Exception {
        return count(ds, "select count(*) from outbox_event");
    }

    /**
     * Rows 2–13 of a CSV: rows 12 and 13 are valid; 2–11 each break a rule (2 and 8 share a credit code, 3 and 9
     * a name in 通渭县).
     */
    static List<String[]> mixed(String tag, String c1, String c2, String c3, String badCheck) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        rows.add(new String[] {"甘肃省农业农村厅" + tag, "PROVINCE", "PARTY_GOVERNMENT", "62", c1});              // 2 dup credit
        rows.add(new String[] {"通渭县人民医院" + tag, "县区", "事业单位", "621121", ""});                            // 3 dup name
        rows.add(new String[] {"通渭县水务局" + tag, "DISTRICT", "PARTY_GOVERNMENT", "621121", ""});              // 4 level
        rows.add(new String[] {"北京市某局" + tag, "COUNTY", "PUBLIC_INSTITUTION", "110101", ""});               // 5 not Gansu
        rows.add(new String[] {"定西市某县直单位" + tag, "COUNTY", "PARTY_GOVERNMENT", "6211", ""});              // 6 level mismatch
        rows.add(new String[] {"平襄镇人民政府" + tag, "TOWNSHIP", "PARTY_GOVERNMENT", "621121100", badCheck});   // 7 check char
        rows.add(new String[] {"甘肃省电力公司定西分公司" + tag, "PREFECTURE", "STATE_OWNED_ENTERPRISE", "6211", c1}); // 8 dup credit
        rows.add(new String[] {"通渭县人民医院" + tag, "COUNTY", "PUBLIC_INSTITUTION", "621121000000", ""});      // 9 dup name
        rows.add(new String[] {"", "COUNTY", "PARTY_GOVERNMENT", "621121", ""});                               // 10 no name
        rows.add(new String[] {"通渭县财政局" + tag, "COUNTY", "PARTY_GOVERNMENT", "62112", ""});                 // 11 format
        rows.add(new String[] {"马营镇妇联" + tag, "乡镇", "人民团体", "621121101000", c2});                         // 12 good
        rows.add(new String[] {"定西市国有资产投资公司" + tag, "PREFECTURE", "国有企业", "6211", c3});               // 13 good
        return rows;
    }

    static final List<String> MIXED_ERRORS = List.of(
            "2 credit_code unit.duplicate-credit-code-in-file",
            "3 name unit.duplicate-name-in-file",
            "4 level value.unknown",
            "5 region_code unit.region-outside-gansu",
            "6 region_code unit.region-level-mismatch",
            "7 credit_code credit-code.check-character",
            "8 credit_code unit.duplicate-credit-code-in-file",
            "9 name unit.duplicate-name-in-file",
            "10 name value.required",
            "11 region_code region-code.format");

    @Test
    void csvMixingGoodAndBadRowsWritesNothingAllOrNothingAndTheGoodRowsWithSkipInvalid() throws Exception {
        String tag = tag();
        String c1 = creditCode(), c2 = creditCode(), c3 = creditCode();
        String badCheck = ImportFixtures.withWrongCheck(creditCode());
        byte[] file = utf8(csv(mixed(tag, c1, c2, c3, badCheck)));
        long outbox = outbox();

        JsonNode failed = run(UNITS, file, "units.csv", "text/csv", Map.of());
        assertCounts(failed, "UNITS", "FAILED", 12, 2, 0, 10);
        assertEquals("10 errors in 10 of 12 units; nothing was written (mode ALL_OR_NOTHING)",
                failed.get("message").asText());
        assertEquals(MIXED_ERRORS, errors(failed));
        Map<String, Map<String, Object>> e = errorEntries(failed);
        assertEquals("a COUNTY (县区) unit sits in a region of 6 significant digits, but 6211 is a PREFECTURE code",
                e.get("6 region_code").get("message"));
        assertEquals("6211", e.get("6 region_code").get("rejectedValue"));
        assertEquals("credit_code: check character should be "
                + cn.gansu.lianhu.pairing.domain.CreditCodes.checkCharacter(badCheck) + ", not " + badCheck.charAt(17)
                + " (GB 32100)", e.get("7 credit_code").get("message"));
        assertEquals("credit code " + c1 + " appears 2 times in this file (also on row 8): a credit code names one unit",
                e.get("2 credit_code").get("message"));
        assertEquals("'DISTRICT' is not a level; allowed: PROVINCE/省直, PREFECTURE/市州, COUNTY/县区, TOWNSHIP/乡镇",
                e.get("4 level").get("message"));
        assertEquals("region_code 110101 is not in Gansu: units sit in a region whose code starts with 62",
                e.get("5 region_code").get("message"));
        assertEquals(0, units(tag));
        assertEquals(outbox, outbox());

        JsonNode skipped = run(UNITS, file, "units.csv", "text/csv", Map.of("mode", "SKIP_INVALID"));
        assertCounts(skipped, "UNITS", "SUCCEEDED", 12, 2, 2, 10);
        assertEquals("2 units imported; 10 invalid units skipped (10 errors)", skipped.get("message").asText());
        assertEquals(MIXED_ERRORS, errors(skipped));
        assertEquals(2, units(tag));
        Map<String, Object> township = row(ds, "select * from unit where name = ?", "马营镇妇联" + tag);
        assertEquals("TOWNSHIP", township.get("level"));
        assertEquals("PEOPLES_ORGANISATION", township.get("kind"));
        assertEquals("621121101000", township.get("region_code"));
        assertEquals(c2, township.get("credit_code"));
        assertEquals(1L, township.get("version"));
        assertNull(township.get("pairings_confirmed_at"));
        Map<String, Object> soe = row(ds, "select * from unit where name = ?", "定西市国有资产投资公司" + tag);
        assertEquals("PREFECTURE", soe.get("level"));
        assertEquals("STATE_OWNED_ENTERPRISE", soe.get("kind"));
        assertEquals("621100000000", soe.get("region_code"));
        assertEquals(2, count(ds, "select count(*) from outbox_event e join unit u on u.id::text = e.event_key "
                + "where u.name like ? and e.topic = 'pairing.units' "
                + "and e.event_type = 'cn.gansu.lianhu.pairing.unit.registered.v1'", "%" + tag));
        assertEquals(outbox + 2, outbox());
    }

    @Test
    void xlsxWithChineseHeadersMixingGoodAndBadRows() throws Exception {
        String tag = tag();
        // a unit already stored: its credit code and its name in its region are taken
        String stored = creditCode();
        List<String[]> first = List.of(HEADER,
                new String[] {"通渭县教育局" + tag, "COUNTY", "PARTY_GOVERNMENT", "621121", stored});
        assertCounts(run(UNITS, utf8(csv(first)), "first.csv", "text/csv", Map.of()), "UNITS", "SUCCEEDED", 1, 1, 1, 0);

        String c1 = creditCode(), c2 = creditCode();
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"统一社会信用代码", "单位名称", "所在地区代码", "类别", "层级"});
        rows.add(new Object[] {c1, "甘肃省扶贫开发办公室" + tag, "62", "党政机关", "省直"});          // 2 good
        rows.add(new Object[] {"", "定西市人民医院" + tag, 6211.0, "事业单位", "市州"});            // 3 good, number cell
        rows.add(new Object[] {"", "通渭县某单位" + tag, "621121", "政府", "县区"});               // 4 kind unknown
        rows.add(new Object[] {"ABC", "通渭县审计局" + tag, "621121", "党政机关", "县区"});          // 5 credit format
        rows.add(new Object[] {stored, "通渭县统计局" + tag, "621121", "党政机关", "县区"});         // 6 credit exists
        rows.add(new Object[] {c2, "通渭县教育局" + tag, "621121000000", "党政机关", "县区"});      // 7 name exists
        byte[] file = ImportFixtures.xlsx(rows);

        JsonNode failed = run(UNITS, file, "units.xlsx", XLSX, Map.of());
        assertCounts(failed, "UNITS", "FAILED", 6, 2, 0, 4);
        assertEquals("XLSX", failed.get("format").asText());
        assertEquals(List.of(
                "4 kind value.unknown",
                "5 credit_code credit-code.format",
                "6 credit_code unit.duplicate-credit-code",
                "7 name unit.duplicate-name"), errors(failed));
        Map<String, Map<String, Object>> e = errorEntries(failed);
        assertEquals("ABC", e.get("5 credit_code").get("rejectedValue"));
        assertEquals(stored, e.get("6 credit_code").get("rejectedValue"));
        assertEquals("a unit named 通渭县教育局" + tag + " is already registered in region 621121000000: "
                + row(ds, "select id::text as id from unit where credit_code = ?", stored).get("id"),
                e.get("7 name").get("message"));
        assertEquals(1, units(tag));

        JsonNode skipped = run(UNITS, file, "units.xlsx", XLSX, Map.of("mode", "skip_invalid"));
        assertCounts(skipped, "UNITS", "SUCCEEDED", 6, 2, 2, 4);
        assertEquals(3, units(tag));
        assertEquals("621100000000", row(ds, "select region_code from unit where name = ?", "定西市人民医院" + tag)
                .get("region_code"));
        assertEquals(c1, row(ds, "select credit_code from unit where name = ?", "甘肃省扶贫开发办公室" + tag)
                .get("credit_code"));
    }

    @Test
    void dryRunValidatesAndWritesNothing() throws Exception {
        String tag = tag();
        List<String[]> good = List.of(HEADER,
                new String[] {"陇西县农业农村局" + tag, "COUNTY", "PARTY_GOVERNMENT", "621122", creditCode()},
                new String[] {"陇西县人民医院" + tag, "COUNTY", "PUBLIC_INSTITUTION", "621122", ""});
        long outbox = outbox();
        JsonNode ok = run(UNITS, utf8(csv(good)), "u.csv", "text/csv", Map.of("dryRun", "true"));
        assertCounts(ok, "UNITS", "DRY_RUN_OK", 2, 2, 0, 0);
        assertEquals(true, ok.get("dryRun").asBoolean());
        assertEquals("dry run, nothing written: 2 of 2 units are valid, 0 errors", ok.get("message").asText());

        String c1 = creditCode();
        JsonNode bad = run(UNITS, utf8(csv(mixed(tag, c1, creditCode(), creditCode(), creditCode()))), "u.csv",
                "text/csv", Map.of("dryRun", "true"));
        assertEquals("DRY_RUN_FAILED", bad.get("status").asText());
        assertEquals(0, bad.get("recordsImported").asLong());
        assertEquals(0, units(tag));
        assertEquals(outbox, outbox());
    }

    @Test
    void gbkCsvWithChineseHeadersIsImportedWithCharsetGbk() throws Exception {
        String tag = tag();
        List<String[]> rows = List.of(new String[] {"单位名称", "层级", "类别", "所在地区代码", "统一社会信用代码"},
                new String[] {"甘肃省军区某部" + tag, "省直", "省军区", "62", ""},
                new String[] {"武警甘肃总队定西支队" + tag, "市州", "武警", "6211", ""});
        byte[] gbk = csv(rows).getBytes(Charset.forName("GBK"));
        upload(UNITS, gbk, "u.csv", "text/csv", Map.of()).then().statusCode(400)
                .body("errors[0].field", equalTo("file")).body("errors[0].rule", equalTo("file.encoding"));
        JsonNode job = run(UNITS, gbk, "u.csv", "text/csv", Map.of("charset", "GBK"));
        assertCounts(job, "UNITS", "SUCCEEDED", 2, 2, 2, 0);
        assertEquals("GBK", job.get("charset").asText());
        assertEquals("MILITARY_DISTRICT", row(ds, "select kind from unit where name = ?", "甘肃省军区某部" + tag).get("kind"));
        assertEquals("ARMED_POLICE", row(ds, "select kind from unit where name = ?", "武警甘肃总队定西支队" + tag).get("kind"));
    }

    @Test
    void wrongHeaderIsRefusedAtOnceWithoutAJob() throws Exception {
        long jobs = count(ds, "select count(*) from import_job");
        String file = "单位名称,层级,类别,地区\n某单位,省直,党政机关,62\n";
        upload(UNITS, utf8(file), "u.csv", "text/csv", Map.of())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.size()", equalTo(2))
                .body("errors.find { it.field == 'header.地区' }.rule", equalTo("header.unknown-column"))
                .body("errors.find { it.field == 'header.region_code' }.rule", equalTo("header.missing-column"));
        upload(UNITS, utf8("name,level,kind,region_code,credit_code,creditCode\n"), "u.csv", "text/csv", Map.of())
                .then().statusCode(400)
                .body("errors[0].field", equalTo("header.credit_code"))
                .body("errors[0].rule", equalTo("header.duplicate-column"));
        upload(UNITS, new byte[0], "u.csv", "text/csv", Map.of()).then().statusCode(400)
                .body("errors[0].rule", equalTo("file.empty"));
        upload(UNITS, utf8(csv(List.<String[]>of(HEADER))), "u.csv", "text/csv", Map.of("mode", "SOMETIMES"))
                .then().statusCode(400).body("errors[0].field", equalTo("mode"))
                .body("errors[0].rule", equalTo("mode.unknown"));
        assertEquals(jobs, count(ds, "select count(*) from import_job"));
    }

    @Test
    void rawCsvBodyIsAcceptedToo() throws Exception {
        String tag = tag();
        byte[] body = utf8(csv(List.of(HEADER, new String[] {"安定区民政局" + tag, "COUNTY", "PARTY_GOVERNMENT", "621102", ""})));
        io.restassured.response.Response r = given().contentType("text/csv; charset=UTF-8").body(body).when().post(UNITS);
        r.then().statusCode(202).body("kind", equalTo("UNITS"));
        assertCounts(ImportFixtures.await(r.jsonPath().getString("id")), "UNITS", "SUCCEEDED", 1, 1, 1, 0);
        assertEquals(1, units(tag));
    }

    @Test
    void importedUnitsArePublishedOnPairingUnits() throws Exception {
        String tag = tag();
        String credit = creditCode();
        List<String[]> rows = List.of(HEADER,
                new String[] {"通渭县委组织部" + tag, "县区", "党政机关", "621121", credit},
                new String[] {"鸡川镇人民政府" + tag, "TOWNSHIP", "PARTY_GOVERNMENT", "621121102", ""});
        assertCounts(run(UNITS, utf8(csv(rows)), "u.csv", "text/csv", Map.of()), "UNITS", "SUCCEEDED", 2, 2, 2, 0);
        String county = row(ds, "select id::text as id from unit where name = ?", "通渭县委组织部" + tag).get("id").toString();
        String township = row(ds, "select id::text as id from unit where name = ?", "鸡川镇人民政府" + tag).get("id").toString();

        Map<String, List<JsonNode>> events = ImportFixtures.consume("pairing.units",
                "cn.gansu.lianhu.pairing.unit.registered.v1", Set.of(county, township));
        assertEquals(1, events.get(county).size());
        JsonNode e = events.get(county).get(0);
        assertEquals(county, e.get("subject").asText());
        assertEquals("/lianhu/pairing-service", e.get("source").asText());
        JsonNode d = e.get("data");
        assertEquals(county, d.get("id").asText());
        assertEquals("通渭县委组织部" + tag, d.get("name").asText());
        assertEquals("COUNTY", d.get("level").asText());
        assertEquals("PARTY_GOVERNMENT", d.get("kind").asText());
        assertEquals("621121000000", d.get("regionCode").asText());
        assertEquals(credit, d.get("creditCode").asText());
        assertEquals(0, d.get("activeCadres").asInt());
        assertEquals(0, d.get("requiredVillages").asInt());
        assertEquals(false, d.get("pairingsConfirmed").asBoolean());
        assertEquals(1, d.get("version").asLong());
        JsonNode t = events.get(township).get(0).get("data");
        assertEquals("621121102000", t.get("regionCode").asText());
        assertEquals(true, t.get("creditCode").isNull());
    }

    @Test
    void jobEndpointsAnswerProblemsForUnknownAndMalformedIds() {
        given().when().get(JOBS + "/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:lianhu:problem:not-found"));
        given().when().get(JOBS + "/" + UUID.randomUUID() + "/errors").then().statusCode(404);
        given().when().get(JOBS + "/job-1").then().statusCode(400)
                .body("errors[0].field", equalTo("id")).body("errors[0].rule", equalTo("param.type"));
        given().queryParam("size", 501).when().get(JOBS + "/" + UUID.randomUUID() + "/errors").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void openApiDocumentsTheImports() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/units/imports'.post.operationId", equalTo("importUnits"))
                .body("paths.'/api/v1/cadres/imports'.post.operationId", equalTo("importCadres"))
                .body("paths.'/api/v1/units/imports'.post.requestBody.content.keySet()", hasItem("text/csv"))
                .body("paths.'/api/v1/units/imports'.post.responses.'202'.headers.Location", notNullValue())
                .body("paths.'/api/v1/cadres/imports'.post.responses.'429'.content.'application/problem+json'",
                        notNullValue())
                .body("paths.'/api/v1/imports/{id}'.get.operationId", equalTo("getImport"))
                .body("paths.'/api/v1/imports/{id}/errors'.get.operationId", equalTo("listImportErrors"));
    }
}
