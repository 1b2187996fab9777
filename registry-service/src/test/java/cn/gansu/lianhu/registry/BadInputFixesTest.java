package cn.gansu.lianhu.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The defects the bad-input corpus found (issue 8 point 4), each pinned with its exact problem: requests that were
 * accepted although malformed. (The corpus itself, {@link BadInputCorpusTest}, covers them among thousands.)
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class BadInputFixesTest {

    /** Integer.parseInt reads any Unicode digit: ?size=１０ listed 10 regions. */
    @Test
    void fullWidthDigitsInAnIntegerParameterAre400() {
        given().urlEncodingEnabled(false).when().get("/api/v1/regions?size=%EF%BC%91%EF%BC%90")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("size")).body("errors[0].rule", equalTo("param.type"));
    }

    /** An empty boolean (?dryRun=) was read as the default false: a real import instead of a dry run. */
    @Test
    void anEmptyBooleanParameterIs400() {
        given().urlEncodingEnabled(false).contentType("text/csv")
                .body("code,name,parent_code\n620102001001,畅家巷社区居委会,620102001\n")
                .when().post("/api/v1/regions/imports/villages?dryRun=")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("dryRun")).body("errors[0].rule", equalTo("param.type"));
    }

    /** Bytes that are not UTF-8 were decoded to U+FFFD and searched for. */
    @Test
    void aQueryThatIsNotUtf8Is400() {
        for (String bad : new String[] { "a%FF%FEb", "a%ED%A0%80b", "%C0%AF" }) {
            given().urlEncodingEnabled(false).when().get("/api/v1/regions?q=" + bad)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("q")).body("errors[0].rule", equalTo("text.forbidden-character"));
        }
    }

    /** Jackson read the first JSON value and ignored what followed: {...}}}] registered a household. */
    @Test
    void trailingContentAfterTheJsonBodyIs400() {
        given().contentType("application/json").body("{\"villageCode\":\"620121100201\"}}}]")
                .when().post("/api/v1/households")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body")).body("errors[0].rule", equalTo("json.syntax"))
                .body("detail", startsWith("body is not valid JSON"));
    }

    /** Quarkus' Jackson ignored unknown fields: a misspelt or foreign field was silently dropped and the household registered. */
    @Test
    void anUnknownFieldIs400NamingIt() {
        given().contentType("application/json").body("{\"villageCode\":\"620121100201\",\"incomePerCapta\":1}")
                .when().post("/api/v1/households")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("incomePerCapta")).body("errors[0].rule", equalTo("json.unknown-field"));
    }

    /** Jackson coerced a JSON number into a text field: "householdNo":12345 registered household number "12345". */
    @Test
    void aNumberWhereTextIsExpectedIs400() {
        given().contentType("application/json").body("{\"villageCode\":\"620121100201\",\"householdNo\":12345}")
                .when().post("/api/v1/households")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("householdNo")).body("errors[0].rule", equalTo("json.type"));
    }

    /**
     * A 1 MB header line "a,a,a,..." was answered with one error per cell (524,288 errors, each naming every column:
     * hundreds of MB, 7 s); now 50 are listed and the rest counted.
     */
    @Test
    void aHugeHeaderListsFiftyErrorsAndCountsTheRest() {
        String line = "a,".repeat(1 << 19);
        given().contentType("text/csv").body(line.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/households/imports")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.findAll { it.rule == 'header.unknown-column' }.size()", equalTo(50))
                .body("errors.find { it.rule == 'header.too-many-errors' }.message",
                        startsWith(((1 << 19) + 1 - 50) + " more header cells (of " + ((1 << 19) + 1) + ")"));
    }

    /** A household "in poverty since" year 0 or [2026,11,29] was registered: dates are "yyyy-MM-dd" in 1900-2099. */
    @Test
    void aDateOutsideTheCenturiesIs400() {
        for (String date : new String[] { "\"0000-01-01\"", "\"1899-12-31\"", "\"+99999-01-01\"", "[2026,11,29]" }) {
            given().contentType("application/json").body("{\"villageCode\":\"620121100201\",\"statusSince\":" + date + "}")
                    .when().post("/api/v1/households")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("statusSince")).body("errors[0].rule", equalTo("json.type"));
        }
    }

    /** Jackson read text as a number, with any Unicode digits: "version":"１２３" was version 123. */
    @Test
    void textWhereANumberIsExpectedIs400() {
        for (String income : new String[] { "\"2860.50\"", "\"２８６０\"" }) {
            given().contentType("application/json").body("{\"villageCode\":\"620121100201\",\"incomePerCapita\":" + income + "}")
                    .when().post("/api/v1/households")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("incomePerCapita")).body("errors[0].rule", equalTo("json.type"));
        }
    }

    /** Jackson read a number as the enum constant of that index: "mainCause":7 registered LACK_OF_LABOUR. */
    @Test
    void aNumberForAnEnumIs400() {
        given().contentType("application/json").body("{\"villageCode\":\"620121100201\",\"mainCause\":7}")
                .when().post("/api/v1/households")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("mainCause")).body("errors[0].rule", equalTo("json.type"));
    }

    /** Jackson truncated a fraction to an integer: "version":1.5 was version 1. */
    @Test
    void aFractionForAnIntegerIs400() {
        given().contentType("application/json").body("{\"villageCode\":\"620121100201\",\"version\":1.5}")
                .when().post("/api/v1/households")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("version")).body("errors[0].rule", equalTo("json.type"));
    }

    /** trim() removed a NUL from a header cell, so household_no\0 was taken for household_no and a job created. */
    @Test
    void aNulInAnImportHeaderIs400() {
        byte[] csv = ("household_no\u0000,village_code,main_cause,other_causes,income_per_capita,address,phone,name,"
                + "id_number,sex,birth_date,relation,health,education,labour_ability\n").getBytes(StandardCharsets.UTF_8);
        given().contentType("text/csv").body(csv).when().post("/api/v1/households/imports")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("header.household_no"))
                .body("errors[0].rule", equalTo("text.forbidden-character"));
    }
}
