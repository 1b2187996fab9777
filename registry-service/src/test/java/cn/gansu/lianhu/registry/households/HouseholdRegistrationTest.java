package cn.gansu.lianhu.registry.households;

import static cn.gansu.lianhu.registry.households.HouseholdFixtures.NON_POOR_VILLAGE;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.POOR_VILLAGE;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.counts;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.household;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.idNumber;
import static cn.gansu.lianhu.registry.households.HouseholdFixtures.member;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.registry.domain.Sex;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Registering extremely poor households (issue point 6): the happy path and every rejection, nothing half-written. */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class HouseholdRegistrationTest {

    @BeforeEach
    void regions() throws SQLException {
        HouseholdFixtures.ensureRegions();
    }

    @Test
    void registersWithMaskedIdNumbersAndPhone() {
        String head = idNumber(Sex.MALE);
        String wife = idNumber(Sex.FEMALE);
        Map<String, Object> body = household(POOR_VILLAGE, member("李秀英", wife, "SPOUSE"),
                member("张建国", head, "HEAD"));
        body.put("householdNo", "HN-" + head.substring(6, 17));
        String maskedHead = head.substring(0, 6) + "********" + head.substring(14);

        // a province admin without the pii claim (issue 6 point 3): numbers leave masked only
        String noPii = TestTokens.bearer(TestTokens.role("PROVINCE_ADMIN").name("clerk").pii(false).sign());
        Response created = given().header("Authorization", noPii).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/households")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/households/"))
                .header("ETag", equalTo("\"1\""))
                .body("villageCode", equalTo(POOR_VILLAGE))
                .body("status", equalTo("IN_POVERTY"))
                .body("statusSince", equalTo("2026-11-29"))
                .body("version", equalTo(1))
                .body("incomePerCapita", equalTo(2860.5f))
                .body("mainCause", equalTo("ILLNESS"))
                .body("otherCauses", equalTo(List.of("LACK_OF_SKILLS")))
                .body("phoneMasked", equalTo("138****5678"))
                .body("members", hasSize(2))
                .body("members[0].relation", equalTo("HEAD"))
                .body("members[0].name", equalTo("张建国"))
                .body("members[0].idNumberMasked", equalTo(maskedHead))
                .body("members[1].idNumberMasked", equalTo(wife.substring(0, 6) + "********" + wife.substring(14)))
                .body("members[1].sex", equalTo("FEMALE"))
                .extract().response();
        String json = created.asString();
        assertEquals(-1, json.indexOf(head), "full head ID number in the response");
        assertEquals(-1, json.indexOf(wife), "full spouse ID number in the response");
        assertEquals(-1, json.indexOf("13812345678"), "full phone in the response");

        String id = created.path("id");
        String read = given().header("Authorization", noPii).when().get("/api/v1/households/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("id", equalTo(id))
                .body("members[0].idNumberMasked", equalTo(maskedHead))
                .body("members[0].birthYear", equalTo(Integer.parseInt(head.substring(6, 10))))
                .body("members[0]", not(hasKey("birthDate")))
                .extract().asString();
        assertEquals(-1, read.indexOf(head));

        given().when().get("/api/v1/households/" + id + "/status-history")
                .then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].fromStatus", nullValue())
                .body("[0].toStatus", equalTo("IN_POVERTY"))
                .body("[0].effectiveDate", equalTo("2026-11-29"));
    }

    @Test
    void shortVillageCodeFormsAndSexBirthDateDerivedFromIdNumber() {
        String head = idNumber(Sex.FEMALE);
        Map<String, Object> m = member("王桂兰", head, "HEAD");
        m.remove("sex");
        m.remove("birthDate");
        Map<String, Object> body = household(" " + POOR_VILLAGE + " ", m);
        body.put("statusSince", "2026-03-01");
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/households")
                .then().statusCode(201)
                .body("statusSince", equalTo("2026-03-01"))
                .body("members[0].sex", equalTo("FEMALE"))
                .body("members[0].birthYear", equalTo(Integer.parseInt(head.substring(6, 10))));
    }

    @Test
    void unknownHouseholdIs404() {
        given().when().get("/api/v1/households/00000000-0000-0000-0000-000000000001")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lianhu:problem:not-found"))
                .body("detail", equalTo("household 00000000-0000-0000-0000-000000000001 does not exist"));
    }

    @Test
    void malformedJsonIs400() throws SQLException {
        rejectedRaw("{\"villageCode\": \"620121100201\",}", 400, "body", "json.syntax");
    }

    @Test
    void wrongTypeIs400NamingTheField() throws SQLException {
        Map<String, Object> body = household(POOR_VILLAGE);
        body.put("incomePerCapita", "abc");
        rejected(body, 400, "incomePerCapita", "json.type");
    }

    @Test
    void unknownEnumValueIs400NamingTheMemberField() throws SQLException {
        Map<String, Object> body = household(POOR_VILLAGE);
        member0(body).put("relation", "BOSS");
        rejected(body, 400, "members[0].relation", "json.type");
    }

    @Test
    void negativeIncomeIs400() throws SQLException {
        Map<String, Object> body = household(POOR_VILLAGE);
        body.put("incomePerCapita", -1);
        rejected(body, 400, "incomePerCapita", "decimal-min");
    }

    @Test
    void missingFieldsAre400() throws SQLException {
        Map<String, Object> body = household(POOR_VILLAGE);
        body.remove("mainCause");
        rejected(body, 400, "mainCause", "not-null");
        Map<String, Object> noMembers = household(POOR_VILLAGE);
        noMembers.put("members", List.of());
        rejected(noMembers, 400, "members", "not-empty");
        Map<String, Object> noName = household(POOR_VILLAGE);
        member0(noName).remove("name");
        rejected(noName, 400, "members[0].name", "not-blank");
    }

    @Test
    void missingHeadIs400() throws SQLException {
        Map<String, Object> body = household(POOR_VILLAGE, member("李秀英", idNumber(Sex.FEMALE), "SPOUSE"));
        rejected(body, 400, "members", "member.head-missing");
    }

    @Test
    void twoHeadsAre400() throws SQLException {
        Map<String, Object> body = household(POOR_VILLAGE, member("张建国", idNumber(Sex.MALE), "HEAD"),
                member("李秀英", idNumber(Sex.FEMALE), "HEAD"));
        rejected(body, 400, "members[1].relation", "member.head-duplicate");
    }

    @Test
    void unknownVillageIs422() throws SQLException {
        rejected(household("629999999999"), 422, "villageCode", "village.unknown");
    }

    @Test
    void nonPoorVillageIs422() throws SQLException {
        Response r = rejected(household(NON_POOR_VILLAGE), 422, "villageCode", "village.not-poor");
        assertEquals("village 620121101205 野泉村委会 is not a poor village (贫困村)", r.path("detail"));
    }

    @Test
    void codeOfACountyIs422AndGarbageCodeIs400() throws SQLException {
        rejected(household("620121"), 422, "villageCode", "village.level");
        rejected(household("62012110020"), 400, "villageCode", "region-code.format");
    }

    @Test
    void badCheckDigitIs400() throws SQLException {
        String good = idNumber(Sex.MALE);
        char wrong = good.charAt(17) == '0' ? '1' : '0';
        Map<String, Object> body = household(POOR_VILLAGE);
        member0(body).put("idNumber", good.substring(0, 17) + wrong);
        Response r = rejected(body, 400, "members[0].idNumber", "id-number.check-digit");
        assertEquals("check character should be " + good.charAt(17) + ", not " + wrong,
                r.path("errors[0].message"));
    }

    @Test
    void impossibleBirthDateIs400() throws SQLException {
        Map<String, Object> body = household(POOR_VILLAGE);
        Map<String, Object> m = member0(body);
        m.put("idNumber", idNumber("620121", "19900230", 11));
        m.remove("birthDate");
        rejected(body, 400, "members[0].idNumber", "id-number.birth-date");
        m.put("idNumber", idNumber("620121", "20261130", 11)); // tomorrow in the test clock
        rejected(body, 400, "members[0].idNumber", "id-number.birth-date");
    }

    @Test
    void controlCharactersAndLoneSurrogatesAre400NotStored() throws SQLException {
        Map<String, Object> body = household(POOR_VILLAGE);
        member0(body).put("name", "张\u0000三");
        Response r = rejected(body, 400, "members[0].name", "text.forbidden-character");
        assertEquals("members[0].name: character U+0000 at position 2 is a control character",
                r.path("errors[0].message"));
        member0(body).put("name", "\ud800x");
        rejected(body, 400, "members[0].name", "text.forbidden-character");
        member0(body).put("name", "abc\u202Eevil");
        rejected(body, 400, "members[0].name", "text.forbidden-character");
    }

    @Test
    void nonUuidHouseholdIdIs400NamingTheType() {
        given().when().get("/api/v1/households/abc")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].rule", equalTo("param.type"))
                .body("detail", equalTo("id must be a UUID, not 'abc'"));
    }

    @Test
    void implausibleRegionPrefixIs400() throws SQLException {
        Map<String, Object> body = household(POOR_VILLAGE);
        Map<String, Object> m = member0(body);
        m.put("idNumber", idNumber("990121", "19850315", 11));
        rejected(body, 400, "members[0].idNumber", "id-number.region");
    }

    @Test
    void sexAndBirthDateMustAgreeWithIdNumber() throws SQLException {
        String wife = idNumber(Sex.FEMALE);
        Map<String, Object> body = household(POOR_VILLAGE, member("张建国", idNumber(Sex.MALE), "HEAD"),
                member("李秀英", wife, "SPOUSE"));
        ((List<Map<String, Object>>) body.get("members")).get(1).put("sex", "MALE");
        rejected(body, 400, "members[1].sex", "id-number.sex-mismatch");

        Map<String, Object> other = household(POOR_VILLAGE);
        member0(other).put("birthDate", "1901-01-01");
        rejected(other, 400, "members[0].birthDate", "id-number.birth-date-mismatch");
    }

    @Test
    void samePersonTwiceInOneRequestIs400() throws SQLException {
        String head = idNumber(Sex.MALE);
        Map<String, Object> body = household(POOR_VILLAGE, member("张建国", head, "HEAD"),
                member("张建国", head.toLowerCase(), "CHILD"));
        rejected(body, 400, "members[1].idNumber", "member.duplicate-in-request");
    }

    @Test
    void futureStatusSinceIs422() throws SQLException {
        Map<String, Object> body = household(POOR_VILLAGE);
        body.put("statusSince", "2026-11-30");
        rejected(body, 422, "statusSince", "status.future-date");
    }

    @Test
    void duplicatePersonIs409NamingTheOtherHousehold() throws SQLException {
        String person = idNumber(Sex.FEMALE);
        String first = given().contentType(ContentType.JSON)
                .body(household(POOR_VILLAGE, member("王桂兰", person, "HEAD")))
                .when().post("/api/v1/households").then().statusCode(201).extract().path("id");

        Map<String, Object> second = household(POOR_VILLAGE, member("张建国", idNumber(Sex.MALE), "HEAD"),
                member("王桂兰", person, "SPOUSE"));
        Response r = rejected(second, 409, "members[1].idNumber", "member.duplicate-person");
        String masked = person.substring(0, 6) + "********" + person.substring(14);
        assertEquals("ID number " + masked + " is already an active member of household " + first, r.path("detail"));
        assertEquals((String) r.path("detail"), (String) r.path("errors[0].message"));
        assertEquals(-1, r.asString().indexOf(person));
    }

    @Test
    void duplicateHouseholdNoIs409() throws SQLException {
        Map<String, Object> a = household(POOR_VILLAGE);
        String no = "T" + System.nanoTime();
        a.put("householdNo", no);
        given().contentType(ContentType.JSON).body(a).when().post("/api/v1/households").then().statusCode(201);
        Map<String, Object> b = household(POOR_VILLAGE);
        b.put("householdNo", no);
        rejected(b, 409, "householdNo", "household-no.duplicate");
    }

    /** Several requests race to register the same person: exactly one wins, all others get the 409 naming it. */
    @Test
    void racingRegistrationsOfOnePersonLeaveOneHousehold() throws Exception {
        String person = idNumber(Sex.MALE);
        int n = 6;
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> body = household(POOR_VILLAGE, member("张建国", person, "HEAD"));
            calls.add(() -> given().contentType(ContentType.JSON).body(body).when().post("/api/v1/households")
                    .then().extract().response());
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Response> responses = new ArrayList<>();
        try {
            for (Future<Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        List<Response> created = responses.stream().filter(r -> r.statusCode() == 201).toList();
        assertEquals(1, created.size(), "exactly one registration wins");
        String winner = created.get(0).path("id");
        for (Response r : responses) {
            if (r.statusCode() != 201) {
                assertEquals(409, r.statusCode(), r.asString());
                assertEquals("member.duplicate-person", r.path("errors[0].rule"));
                assertEquals("members[0].idNumber", r.path("errors[0].field"));
                assertEquals(true, ((String) r.path("detail")).endsWith(winner));
            }
        }
        assertEquals(1, HouseholdFixtures.count(
                "select count(*) from household_member where id_number = ? and active", person));
    }

    /**
     * A writer that bypasses the service (e.g. a bulk load) holds an uncommitted active member row: the request
     * passes the checks, waits on the partial unique index, and once the writer commits gets the same 409 naming
     * the writer's household.
     */
    @Test
    void uniqueIndexViolationIsThe409NamingTheOtherHousehold() throws Exception {
        String person = idNumber(Sex.MALE);
        UUID other = UUID.randomUUID();
        List<Long> before = counts();
        try (Connection c = HouseholdFixtures.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement h = c.prepareStatement("insert into household (id, village_code, main_cause,"
                    + " income_per_capita, status, status_since, version, created_at, updated_at)"
                    + " values (?, ?, 'ILLNESS', 100, 'IN_POVERTY', date '2026-01-01', 1, now(), now())");
                    PreparedStatement m = c.prepareStatement("insert into household_member (id, household_id, name,"
                            + " id_number, sex, birth_date, relation, health, education, labour_ability, active,"
                            + " position) values (?, ?, '张建国', ?, 'MALE', ?, 'HEAD', 'HEALTHY', 'PRIMARY', 'GENERAL',"
                            + " true, 0)")) {
                h.setObject(1, other);
                h.setString(2, POOR_VILLAGE);
                h.executeUpdate();
                m.setObject(1, UUID.randomUUID());
                m.setObject(2, other);
                m.setString(3, person);
                m.setObject(4, IdNumbers.birthDate(person));
                m.executeUpdate();
            }
            Map<String, Object> body = household(POOR_VILLAGE, member("张建国", person, "HEAD"));
            CompletableFuture<Response> request = CompletableFuture.supplyAsync(() -> given()
                    .contentType(ContentType.JSON).body(body).when().post("/api/v1/households")
                    .then().extract().response());
            Thread.sleep(2000);
            assertFalse(request.isDone(), "the request should wait on the unique index");
            c.commit();
            Response r = request.get(30, TimeUnit.SECONDS);
            assertEquals(409, r.statusCode(), r.asString());
            assertEquals("members[0].idNumber", r.path("errors[0].field"));
            assertEquals("member.duplicate-person", r.path("errors[0].rule"));
            assertEquals("ID number " + person.substring(0, 6) + "********" + person.substring(14)
                    + " is already an active member of household " + other, r.path("detail"));
        }
        List<Long> after = counts();
        assertEquals(List.of(before.get(0) + 1, before.get(1) + 1, before.get(2), before.get(3)), after,
                "only the writer's rows are stored");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> member0(Map<String, Object> body) {
        return ((List<Map<String, Object>>) body.get("members")).get(0);
    }

    static Response rejected(Object body, int status, String field, String rule) throws SQLException {
        List<Long> before = counts();
        Response r = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/households")
                .then().log().ifValidationFails().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("instance", equalTo("/api/v1/households"))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].rule", equalTo(rule))
                .extract().response();
        assertEquals(before, counts(), "rows written by a rejected request");
        return r;
    }

    static Response rejectedRaw(String body, int status, String field, String rule) throws SQLException {
        List<Long> before = counts();
        Response r = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/households")
                .then().log().ifValidationFails().statusCode(status)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field))
                .body("errors[0].rule", equalTo(rule))
                .extract().response();
        assertEquals(before, counts(), "rows written by a rejected request");
        return r;
    }
}
