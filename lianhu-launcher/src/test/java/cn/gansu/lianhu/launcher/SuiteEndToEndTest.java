package cn.gansu.lianhu.launcher;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.testsupport.TestTokens;
import io.restassured.http.ContentType;

/**
 * The whole suite through real processes (DESIGN.md §6): the launcher starts an embedded PostgreSQL, an
 * in-JVM Kafka broker and the four packaged services ({@code quarkus-run.jar}) on free ports with a temp
 * data folder, waits until registry has loaded the Gansu data and reporting shows it; then a household
 * registered in registry must reach reporting through Kafka, the pairing and visit walk-throughs must show in
 * reporting, the dashboard must show the same figures in headless Chromium ({@link HeadlessChromium}, needs Debian's
 * chromium), and a second start must find the data again. One class, so the suite starts once (plus the restart).
 *
 * <p>Issue 6: every request sends the province admin's token the launcher prints at ready (REST Assured's default,
 * {@link TestTokens#useByDefault}; the dashboard gets it as {@code #token=}); a region admin of another prefecture
 * gets the same answer for an existing household as for one that does not exist; a request without a token or with
 * a token of another key answers 401. At the end the suite's logs are scanned for full ID numbers and copied to
 * {@link #LOG_COPY} for {@link LogScanTest}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.Order(1)
class SuiteEndToEndTest {
    /** Where the suite processes' logs are copied when the class ends (the data folder is a temp folder). */
    static final Path LOG_COPY = Path.of("target", "e2e-logs");
    /** A poor village of 永登县 (data/gansu/poor_villages.csv), in the poor county 620121. */
    private static final String VILLAGE = "620121100201";
    private static final String COUNTY = "620121";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path data;
    static Settings settings;
    static Launcher suite;
    static String householdId;
    /** The province admin's token (pii) printed by the launcher at ready; every request sends it. */
    static String token;

    @BeforeAll
    static void start() throws IOException {
        deleteTree(LOG_COPY);
        Path home = Path.of(System.getProperty("lianhu.home", "..")).toAbsolutePath().normalize();
        settings = Settings.isolated(home, data);
        long t0 = System.nanoTime();
        suite = Launcher.start(settings, System.out);
        System.out.printf("suite ready with the Gansu data in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        printResidentMemory();
        token = printedToken(suite.summary());
        TestTokens.useByDefault(token);
    }

    @AfterAll
    static void stop() throws IOException {
        if (suite != null) {
            suite.close();
        }
        // the suite's logs outlive the temp data folder, for LogScanTest
        Files.createDirectories(LOG_COPY);
        Path logs = data.resolve("logs");
        if (Files.isDirectory(logs)) {
            try (java.util.stream.Stream<Path> files = Files.list(logs)) {
                for (Path f : files.toList()) {
                    Files.copy(f, LOG_COPY.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * The token of the summary's {@code export TOKEN=...} line; the summary's dashboard link carries the same one.
     */
    static String printedToken(String summary) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^export TOKEN=(\\S+)$").matcher(summary);
        assertTrue(m.find(), "no export TOKEN= line in the summary:\n" + summary);
        String printed = m.group(1);
        assertTrue(summary.contains("/dashboard/?region=62#token=" + printed), summary);
        return printed;
    }

    @Test
    @Order(1)
    void everyServiceIsUpAndDocumentsItsApi() {
        for (Service s : Service.ALL) {
            given().baseUri(suite.baseUrl(s)).when().get("/q/health")
                    .then().statusCode(200).body("status", equalTo("UP"));
            given().baseUri(suite.baseUrl(s)).accept(ContentType.JSON).when().get("/q/openapi")
                    .then().statusCode(200)
                    .body("info.title", equalTo("Lianhu " + s.name()));
        }
    }

    @Test
    @Order(2)
    void reportingShowsTheGansuPoorCountiesAndVillages() {
        JsonNode coverage = json(Service.REPORTING, "/api/v1/regions/62/coverage");
        assertEquals(58, number(coverage, "poorCounties"), coverage.toString());
        assertEquals(8790, number(coverage, "poorVillages"), coverage.toString());
    }

    @Test
    @Order(3)
    void pairingLearntThePoorVillagesFromRegistryEvents() {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> given().baseUri(suite.baseUrl(Service.PAIRING))
                        .when().get("/api/v1/villages/" + VILLAGE)
                        .then().statusCode(200)
                        .body("poor", equalTo(true))
                        .body("countyCode", equalTo(COUNTY + "000000")));
    }

    @Test
    @Order(4)
    void aHouseholdRegisteredInRegistryIsCountedByReporting() {
        long before = householdsOfCounty();

        householdId = given().baseUri(suite.baseUrl(Service.REGISTRY))
                .header("X-Correlation-Id", "e2e-household-1")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "villageCode", VILLAGE,
                        "mainCause", "ILLNESS",
                        "incomePerCapita", 2300.50,
                        "members", List.of(
                                member("王建国", idNumber("620121", "19750304", true), "MALE", "1975-03-04", "HEAD",
                                        "CHRONIC_ILLNESS", "JUNIOR_SECONDARY", "LIMITED"),
                                member("李秀英", idNumber("620121", "19780911", false), "FEMALE", "1978-09-11", "SPOUSE",
                                        "HEALTHY", "PRIMARY", "GENERAL"))))
                .when().post("/api/v1/households")
                .then().statusCode(201)
                .header("X-Correlation-Id", "e2e-household-1")
                .body("villageCode", equalTo(VILLAGE))
                .extract().path("id");
        // issue 9 point 5: the packaged services log JSON lines (prod); the registration's carries the caller's id
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> java.nio.file.Files
                .readAllLines(suite.logFile(Service.REGISTRY)).stream()
                .anyMatch(l -> l.startsWith("{") && l.contains("\"correlationId\":\"e2e-household-1\"")
                        && l.contains("\"message\":\"household " + householdId + " registered")));

        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> householdsOfCounty() == before + 1);
        assertEquals(before + 1, householdsOfCounty());
    }

    /**
     * Issue 3 end to end, every step through Kafka: households imported into registry reach pairing; a county
     * unit with two cadres links the village; the county planner proposes pairings, they are confirmed; one
     * cadre leaves and hands their households over; reporting shows both sides of the coverage for the
     * county and the province.
     */
    @Test
    @Order(5)
    void registryImportToPairingPlanToCoverageInReporting() {
        String registry = suite.baseUrl(Service.REGISTRY);
        String pairing = suite.baseUrl(Service.PAIRING);
        StringBuilder csv = new StringBuilder("household_no,village_code,main_cause,other_causes,income_per_capita,"
                + "address,phone,name,id_number,sex,birth_date,relation,health,education,labour_ability\n");
        for (int i = 1; i <= 3; i++) {
            csv.append("E2E-").append(i).append(',').append(VILLAGE).append(",因病,,2100.00,,,户主").append(i)
                    .append(',').append(idNumber("620121", "1968040" + i, true)).append(",男,1968-04-0").append(i)
                    .append(",户主,健康,小学,普通劳动力\n");
        }
        String job = given().baseUri(registry).contentType("text/csv")
                .body(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/households/imports")
                .then().statusCode(202).extract().path("id");
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
                .until(() -> !List.of("QUEUED", "RUNNING").contains(given().baseUri(registry)
                        .when().get("/api/v1/households/imports/" + job).then().extract().path("status")));
        String outcome = given().baseUri(registry).when().get("/api/v1/households/imports/" + job)
                .then().statusCode(200).extract().asString();
        assertTrue(outcome.contains("\"status\":\"SUCCEEDED\""), () -> outcome + "\n" + given().baseUri(registry)
                .when().get("/api/v1/households/imports/" + job + "/errors").then().extract().asString());
        // the household of step 4 and the three imported ones, learnt by pairing from registry.households
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> given().baseUri(pairing).when().get("/api/v1/villages/" + VILLAGE)
                        .then().statusCode(200).body("householdsInPoverty", equalTo(4)));

        String unit = given().baseUri(pairing).contentType(ContentType.JSON)
                .body(Map.of("name", "永登县农业农村局", "level", "COUNTY", "kind", "PARTY_GOVERNMENT",
                        "regionCode", COUNTY))
                .when().post("/api/v1/units").then().statusCode(201).extract().path("id");
        String chief = cadre(unit, "马国强", "COUNTY_DIVISION");
        String clerk = cadre(unit, "杨丽", "OTHER");
        given().baseUri(pairing).contentType(ContentType.JSON).body(Map.of("villageCode", VILLAGE))
                .when().post("/api/v1/units/" + unit + "/villages").then().statusCode(201);

        String plan = given().baseUri(pairing).contentType(ContentType.JSON)
                .body(Map.of("scope", "COUNTY", "countyCode", COUNTY))
                .when().post("/api/v1/plans").then().statusCode(201)
                .body("feasible", equalTo(true)).extract().path("id");
        given().baseUri(pairing).contentType(ContentType.JSON).body(Map.of("confirmedBy", "永登县联村联户办公室 王明"))
                .when().post("/api/v1/plans/" + plan + "/confirm").then().statusCode(200);
        given().baseUri(pairing).when().get("/api/v1/units/" + unit)
                .then().statusCode(200).body("pairingsConfirmed", equalTo(true));

        // the clerk leaves: every household of theirs goes to the chief in the same request
        List<String> clerkHouseholds = given().baseUri(pairing)
                .when().get("/api/v1/pairings?cadre=" + clerk + "&status=ACTIVE")
                .then().statusCode(200).extract().path("items.householdId");
        assertTrue(!clerkHouseholds.isEmpty(), "the plan gave the clerk no household");
        List<Map<String, String>> handovers = clerkHouseholds.stream()
                .map(h -> Map.of("householdId", h, "successorCadreId", chief)).toList();
        given().baseUri(pairing).contentType(ContentType.JSON)
                .body(Map.of("status", "TRANSFERRED", "date", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(),
                        "handovers", handovers))
                .when().post("/api/v1/cadres/" + clerk + "/departure").then().statusCode(200);
        given().baseUri(pairing).when().get("/api/v1/pairings?cadre=" + chief + "&status=ACTIVE")
                .then().statusCode(200).body("total", equalTo(4));

        // reporting, from the pairing topics only: the four households covered, the unit and its one remaining
        // cadre meet their rules, 永登县 still has no provincial leader
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode county = json(Service.REPORTING, "/api/v1/regions/" + COUNTY + "/coverage");
            JsonNode targets = county.path("targets");
            JsonNode participants = county.path("participants");
            assertEquals(4, targets.path("householdsToCover").asLong(), county.toString());
            assertEquals(4, targets.path("householdsCovered").asLong(), county.toString());
            assertEquals(0, targets.path("householdsWithoutCadre").asLong(), county.toString());
            assertEquals(1, targets.path("poorCountiesWithoutLeader").asLong(), county.toString());
            assertEquals(number(county, "poorVillages") - 1, targets.path("poorVillagesWithoutUnit").asLong(),
                    county.toString());
            assertEquals(4, targets.path("activePairings").asLong(), county.toString());
            assertEquals(1, participants.path("units").asLong(), county.toString());
            assertEquals(0, participants.path("unitsBelowRequired").asLong(), county.toString());
            assertEquals(1, participants.path("cadres").asLong(), county.toString());
            assertEquals(0, participants.path("cadresBelowMinimum").asLong(), county.toString());
        });
        JsonNode province = json(Service.REPORTING, "/api/v1/regions/62/coverage");
        assertEquals(58, province.path("targets").path("poorCountiesWithoutLeader").asLong(), province.toString());
        assertEquals(8789, province.path("targets").path("poorVillagesWithoutUnit").asLong(), province.toString());
        assertEquals(0, province.path("targets").path("householdsWithoutCadre").asLong(), province.toString());
        given().baseUri(suite.baseUrl(Service.REPORTING))
                .when().get("/api/v1/regions/62/uncovered/counties-without-leader?size=100")
                .then().statusCode(200).body("total", equalTo(58));
    }

    private static String cadre(String unit, String name, String rank) {
        return given().baseUri(suite.baseUrl(Service.PAIRING)).contentType(ContentType.JSON)
                .body(Map.of("name", name, "idNumber", idNumber("620121", "19800101", true), "unitId", unit,
                        "rank", rank))
                .when().post("/api/v1/cadres").then().statusCode(201).extract().path("id");
    }

    /**
     * Issue 4 end to end, through Kafka both ways: visit-service learns the pairings of step 5 from
     * {@code pairing.pairings}; the chief logs a visit with all six tasks (help in two kinds, one demand) and a
     * phone call; a batch plans the unit's households; the demand is accepted, worked on and resolved; reporting
     * shows the visit, task, help, demand and continuity figures for the village, the county and {@code 62},
     * equal to what was logged.
     */
    @Test
    @Order(6)
    void aVisitWithTheSixTasksReachesReporting() {
        String visit = suite.baseUrl(Service.VISIT);
        String pairing = suite.baseUrl(Service.PAIRING);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        Map<String, Object> chiefPairing = given().baseUri(pairing)
                .when().get("/api/v1/pairings?status=ACTIVE&size=10&village=" + VILLAGE)
                .then().statusCode(200).extract().path("items[0]");
        String chief = (String) chiefPairing.get("cadreId");
        String unit = (String) chiefPairing.get("unitId");
        String household = (String) chiefPairing.get("householdId");

        Map<String, Object> body = Map.of("cadreId", chief, "householdId", household, "visitedOn", today,
                "mode", "IN_HOME", "durationMinutes", 90, "location", Map.of("lat", 36.06, "lon", 103.83),
                "tasks", List.of(
                        Map.of("task", "POLICY_PUBLICITY", "policies", List.of("医疗保障", "危房改造")),
                        Map.of("task", "PUBLIC_OPINION", "demands", List.of(
                                Map.of("category", "HOUSING", "description", "危房需要改造"))),
                        Map.of("task", "DEVELOPMENT", "help", List.of(
                                Map.of("kind", "FUNDS", "amountYuan", 5000, "peopleBenefiting", 4),
                                Map.of("kind", "SKILLS_TRAINING", "amountYuan", 1200.5, "peopleBenefiting", 2))),
                        Map.of("task", "EMOTION_EASING", "grievance", Map.of("topic", "邻里宅基地纠纷",
                                "outcome", "RESOLVED")),
                        Map.of("task", "GRASSROOTS", "grassroots", Map.of("work", "参加村党支部主题党日")),
                        Map.of("task", "MODEL_PROMOTION", "model", Map.of("title", "养殖致富带头人",
                                "description", "带动五户发展肉牛养殖"))));
        // visit-service accepts the visit once it has learnt the pairing from pairing.pairings
        // (422 visit.not-paired until then; any other answer ends the wait and must be 201)
        java.util.concurrent.atomic.AtomicReference<io.restassured.response.Response> first =
                new java.util.concurrent.atomic.AtomicReference<>();
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    first.set(given().baseUri(visit).contentType(ContentType.JSON).header("Idempotency-Key", "e2e-1")
                            .body(body).when().post("/api/v1/visits"));
                    return first.get().statusCode() != 422;
                });
        assertEquals(201, first.get().statusCode(), first.get().asString());
        given().baseUri(visit).contentType(ContentType.JSON).header("Idempotency-Key", "e2e-1").body(body)
                .when().post("/api/v1/visits").then().statusCode(200);
        given().baseUri(visit).contentType(ContentType.JSON)
                .body(Map.of("cadreId", chief, "householdId", household, "visitedOn", today, "mode", "BY_PHONE",
                        "durationMinutes", 10, "tasks", List.of(Map.of("task", "POLICY_PUBLICITY",
                                "policies", List.of("养老保险")))))
                .when().post("/api/v1/visits").then().statusCode(201);

        String batch = given().baseUri(visit).contentType(ContentType.JSON)
                .body(Map.of("unitId", unit, "name", "永登县2026年冬季走访"))
                .when().post("/api/v1/visit-plans").then().statusCode(201).extract().path("id");
        given().baseUri(visit).contentType(ContentType.JSON)
                .body(Map.of("name", "第一批", "startsOn", today,
                        "endsOn", LocalDate.parse(today).plusDays(30).toString(), "villageCodes", List.of(VILLAGE)))
                .when().post("/api/v1/visit-plans/" + batch + "/batches").then().statusCode(201)
                .body("progress.planned", equalTo(4)).body("progress.visited", equalTo(1))
                .body("progress.pending", equalTo(3));

        String demand = given().baseUri(visit).when().get("/api/v1/demands?household=" + household)
                .then().statusCode(200).body("total", equalTo(1)).extract().path("items[0].id");
        int version = 1;
        for (String to : List.of("ACCEPTED", "IN_PROGRESS")) {
            given().baseUri(visit).contentType(ContentType.JSON).header("If-Match", "\"" + version++ + "\"")
                    .body(Map.of("to", to))
                    .when().post("/api/v1/demands/" + demand + "/transitions").then().statusCode(200)
                    .body("status", equalTo(to));
        }
        given().baseUri(visit).contentType(ContentType.JSON).header("If-Match", "\"3\"")
                .body(Map.of("to", "RESOLVED", "answer", "已纳入2026年危房改造计划", "satisfaction", "SATISFIED"))
                .when().post("/api/v1/demands/" + demand + "/transitions").then().statusCode(200)
                .body("status", equalTo("RESOLVED"));
        given().baseUri(visit).contentType(ContentType.JSON).header("If-Match", "\"4\"").body(Map.of("to", "OPEN"))
                .when().post("/api/v1/demands/" + demand + "/transitions").then().statusCode(409)
                .body("errors[0].rule", equalTo("demand.transition-not-allowed"));

        // reporting, from visit.visits and visit.demands: the same figures at the village, the county and 62
        for (String region : List.of(VILLAGE, COUNTY, "62")) {
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonNode f = json(Service.REPORTING, "/api/v1/regions/" + region + "/visits");
                assertEquals(2, f.path("visits").path("total").asLong(), f.toString());
                assertEquals(1, f.path("visits").path("inPerson").asLong(), f.toString());
                assertEquals(1, f.path("visits").path("byMode").path("IN_HOME").asLong(), f.toString());
                assertEquals(1, f.path("visits").path("byMode").path("BY_PHONE").asLong(), f.toString());
                assertEquals(2, f.path("tasks").path("POLICY_PUBLICITY").asLong(), f.toString());
                for (String task : List.of("PUBLIC_OPINION", "DEVELOPMENT", "EMOTION_EASING", "GRASSROOTS",
                        "MODEL_PROMOTION")) {
                    assertEquals(1, f.path("tasks").path(task).asLong(), task + " in " + f);
                }
                assertEquals(0, new java.math.BigDecimal("6200.50")
                        .compareTo(f.path("help").path("totalYuan").decimalValue()), f.toString());
                assertEquals(0, new java.math.BigDecimal("5000")
                        .compareTo(f.path("help").path("byKind").path("FUNDS").decimalValue()), f.toString());
                assertEquals(1, f.path("demands").path("opened").asLong(), f.toString());
                assertEquals(1, f.path("demands").path("resolved").asLong(), f.toString());
                assertEquals(0, f.path("demands").path("open").asLong(), f.toString());
                assertEquals(0, f.path("demands").path("medianResolutionDays").asLong(), f.toString());
                assertEquals(1, f.path("demands").path("satisfaction").path("satisfied").asLong(), f.toString());
                assertEquals(4, f.path("continuity").path("activePairings").asLong(), f.toString());
                assertEquals(1, f.path("continuity").path("visitedWithinWindow").asLong(), f.toString());
                assertEquals(0, f.path("continuity").path("overdue").asLong(), f.toString());
            });
        }
        JsonNode cadreFigures = json(Service.REPORTING, "/api/v1/cadres/" + chief + "/visits");
        assertEquals(2, cadreFigures.path("visits").path("total").asLong(), cadreFigures.toString());
        JsonNode unitFigures = json(Service.REPORTING, "/api/v1/units/" + unit + "/visits");
        assertEquals(1, unitFigures.path("demands").path("resolved").asLong(), unitFigures.toString());
    }

    /**
     * Issue 5 point 5: the supervisors' dashboard in headless Chromium against the running suite. The chief first
     * holds a village meeting with a second household of his, which raises a demand that stays open. Then the page is
     * loaded for {@code 62} and, following the link of the child-region table each time, for 兰州市, 永登县, its
     * township and the village: each shows exactly the figures reporting's API gives (and those the data of steps 4–7
     * make them: 4 households to cover, all covered, 3 visits of which 2 in person, 6,200.50 yuan, 1 open demand, 2 of
     * 4 pairings visited in person within their window), its children with theirs, the months, the overdue pairings,
     * the assessment ranking (暂无 until reporting has one), the units, the breadcrumb back up to 62 and, for the
     * village, no child regions. Screenshots of 62 and 永登县 are written to target/dashboard/ (not in the repository).
     */
    @Test
    @Order(7)
    void theDashboardShowsTheFiguresFrom62DownToAVillage() throws IOException {
        HeadlessChromium chromium = HeadlessChromium.find(Files.createDirectories(data.resolve("chromium")));
        String visit = suite.baseUrl(Service.VISIT);
        String reporting = suite.baseUrl(Service.REPORTING);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        List<Map<String, Object>> pairings = given().baseUri(suite.baseUrl(Service.PAIRING))
                .when().get("/api/v1/pairings?status=ACTIVE&size=10&village=" + VILLAGE)
                .then().statusCode(200).body("total", equalTo(4)).extract().path("items");
        Map<String, Object> second = pairings.get(1);
        given().baseUri(visit).contentType(ContentType.JSON)
                .body(Map.of("cadreId", second.get("cadreId"), "householdId", second.get("householdId"),
                        "visitedOn", today, "mode", "VILLAGE_MEETING", "durationMinutes", 60,
                        "location", Map.of("lat", 36.06, "lon", 103.83),
                        "tasks", List.of(Map.of("task", "PUBLIC_OPINION", "demands", List.of(
                                Map.of("category", "INFRASTRUCTURE", "description", "村道需要硬化"))))))
                .when().post("/api/v1/visits").then().statusCode(201);
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode f = json(Service.REPORTING, "/api/v1/regions/" + VILLAGE + "/visits");
            assertEquals(3, f.path("visits").path("total").asLong(), f.toString());
            assertEquals(1, f.path("demands").path("open").asLong(), f.toString());
            assertEquals(2, f.path("continuity").path("visitedWithinWindow").asLong(), f.toString());
        });
        java.time.Instant asOf = java.time.Instant.parse(
                json(Service.REPORTING, "/api/v1/regions/62/coverage").path("asOf").asText());
        DashboardCheck check = new DashboardCheck(reporting, asOf,
                new DashboardCheck.Seeded(4, 4, 4, 3, 2, "6,200.50", 6, 1, 0, 2, 0));

        String township = VILLAGE.substring(0, 9) + "000";
        List<String> path = List.of("620000000000", "620100000000", COUNTY + "000000", township, VILLAGE);
        List<String> names = new java.util.ArrayList<>();
        for (String code : path) {
            names.add(json(Service.REPORTING, "/api/v1/regions/" + code + "/coverage").path("name").asText());
        }
        String link = "/dashboard/?region=62";
        for (int level = 0; level < path.size(); level++) {
            HeadlessChromium.Page page = chromium.dumpDom(reporting + link + "#token=" + token);
            System.out.printf("dashboard %-28s chromium %.1f s%n", link, page.took().toMillis() / 1e3);
            String code = DashboardCheck.shortCode(path.get(level), List.of("PROVINCE", "PREFECTURE", "COUNTY",
                    "TOWNSHIP", "VILLAGE").get(level));
            assertEquals("/dashboard/?region=" + code, link);
            String child = level + 1 < path.size() ? path.get(level + 1) : null;
            link = check.assertPage(page, code, names.subList(0, level + 1), child);
        }
        assertEquals(null, link);

        Path shots = Files.createDirectories(Path.of("target", "dashboard")).toAbsolutePath();
        for (String code : List.of("62", COUNTY)) {
            Path png = shots.resolve("dashboard-" + code + ".png");
            Files.deleteIfExists(png);
            Duration took = chromium.screenshot(reporting + "/dashboard/?region=" + code + "#token=" + token, png);
            assertTrue(Files.size(png) > 20_000, png + " is too small to show the page");
            System.out.printf("dashboard screenshot %s (chromium %.1f s)%n", png, took.toMillis() / 1e3);
        }
    }

    @Test
    @Order(8)
    void aSecondStartFindsTheDataAgain() {
        suite.close();
        suite = null;
        suite = Launcher.start(settings, System.out);
        printResidentMemory();
        given().baseUri(suite.baseUrl(Service.REGISTRY)).when().get("/api/v1/households/" + householdId)
                .then().statusCode(200).body("villageCode", equalTo(VILLAGE));
        JsonNode coverage = json(Service.REPORTING, "/api/v1/regions/62/coverage");
        assertEquals(8790, number(coverage, "poorVillages"), coverage.toString());
    }

    /**
     * Issue 6 "done when": a region admin of another prefecture (酒泉市 6209) asking registry for the household of
     * step 4 (兰州市 永登县) gets exactly the answer for a household id that does not exist: same status, same body
     * once the id is replaced. Both differ from the province admin's 200.
     */
    @Test
    @Order(9)
    void aRegionAdminOfAnotherPrefectureGetsTheAnswerForAMissingHousehold() {
        String registry = suite.baseUrl(Service.REGISTRY);
        String jiuquan = suite.token(new TokenSpec("REGION_ADMIN", java.util.Optional.of("6209"),
                java.util.Optional.empty(), java.util.Optional.empty(), false, "e2e-region-admin-6209",
                Duration.ofHours(1)));
        String lanzhou = suite.token(new TokenSpec("REGION_ADMIN", java.util.Optional.of("6201"),
                java.util.Optional.empty(), java.util.Optional.empty(), false, "e2e-region-admin-6201",
                Duration.ofHours(1)));
        String unknown = java.util.UUID.randomUUID().toString();

        io.restassured.response.Response existing = given().baseUri(registry).header("Authorization", "Bearer " + jiuquan)
                .accept(ContentType.JSON).when().get("/api/v1/households/" + householdId);
        io.restassured.response.Response missing = given().baseUri(registry).header("Authorization", "Bearer " + jiuquan)
                .accept(ContentType.JSON).when().get("/api/v1/households/" + unknown);
        System.out.printf("region admin 6209, household of 620121: %d %s%n", existing.statusCode(), existing.asString());
        assertEquals(404, missing.statusCode(), missing.asString());
        assertEquals(missing.statusCode(), existing.statusCode(), existing.asString());
        assertEquals(missing.contentType(), existing.contentType());
        assertEquals(missing.asString().replace(unknown, "{id}"), existing.asString().replace(householdId, "{id}"));

        // in scope for the region admin of 兰州市, and for the printed province admin's token
        given().baseUri(registry).header("Authorization", "Bearer " + lanzhou).when().get("/api/v1/households/" + householdId)
                .then().statusCode(200).body("villageCode", equalTo(VILLAGE));
        given().baseUri(registry).when().get("/api/v1/households/" + householdId)
                .then().statusCode(200).body("villageCode", equalTo(VILLAGE));
    }

    /** Issue 6 point 1 through the launcher's wiring: no token, or a token of a key the suite does not trust: 401. */
    @Test
    @Order(10)
    void withoutATokenOrWithAnotherKeysTokenTheApiAnswers401(@TempDir Path otherKeys) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String foreign = LocalKeys.loadOrCreate(otherKeys).sign(TokenSpec.provinceAdmin(), LocalKeys.DEFAULT_ISSUER);
        for (Service s : Service.ALL) {
            String path = s == Service.REPORTING ? "/api/v1/regions/62/coverage"
                    : s == Service.REGISTRY ? "/api/v1/households/" + householdId
                    : s == Service.PAIRING ? "/api/v1/units" : "/api/v1/visits";
            for (String authorization : new String[] {null, "Bearer " + foreign}) {
                java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create(suite.baseUrl(s) + path)).GET();
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                java.net.http.HttpResponse<String> r = http.send(request.build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(401, r.statusCode(), s.name() + " " + path + " with " + (authorization == null
                        ? "no token" : "a token of another key") + ": " + r.body());
            }
        }
    }

    /** Issue 6 point 3: no full ID number in the suite processes' logs (LogScanTest scans the copies too). */
    @Test
    @Order(11)
    void noFullIdNumberInTheSuiteLogs() throws IOException {
        List<Path> logs;
        try (java.util.stream.Stream<Path> files = Files.list(data.resolve("logs"))) {
            logs = files.sorted().toList();
        }
        LogScan.Result result = LogScan.scan(logs);
        System.out.printf("suite log scan: %d files, %,d lines, %d full ID numbers%n", result.files(), result.lines(),
                result.hits().size());
        assertEquals(Service.ALL.size(), result.files(), logs.toString());
        assertEquals(List.of(), result.hits().stream().map(LogScan.Hit::toString).toList());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Map<String, Object> member(String name, String idNumber, String sex, String birthDate,
            String relation, String health, String education, String labourAbility) {
        return Map.of("name", name, "idNumber", idNumber, "sex", sex, "birthDate", birthDate, "relation", relation,
                "health", health, "education", education, "labourAbility", labourAbility);
    }

    /** A valid GB 11643 ID number: region, birth date, a random sequence number (odd for men), check digit. */
    static String idNumber(String region, String birth, boolean male) {
        int sequence = ThreadLocalRandom.current().nextInt(500) * 2 + (male ? 1 : 0);
        String body = region + birth + String.format("%03d", sequence);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    private static JsonNode json(Service s, String path) {
        String body = given().baseUri(suite.baseUrl(s)).accept(ContentType.JSON).when().get(path)
                .then().statusCode(200).extract().asString();
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(path + " is not JSON: " + body, e);
        }
    }

    /** Households that reporting counts under the county, whatever their status. */
    private static long householdsOfCounty() {
        JsonNode coverage = json(Service.REPORTING, "/api/v1/regions/" + COUNTY + "/coverage");
        JsonNode total = coverage.path("households").path("total");
        assertTrue(total.isNumber(), "no households.total in " + coverage);
        return total.asLong();
    }

    /** The first number named {@code field} anywhere in the body. */
    private static long number(JsonNode body, String field) {
        JsonNode n = body.findValue(field);
        assertTrue(n != null && n.isNumber(), "no number '" + field + "' in " + body);
        return n.asLong();
    }

    /** Resident memory of each service process (VmRSS), for the report. */
    private static void printResidentMemory() {
        for (Service s : Service.ALL) {
            long pid = suite.process(s).pid();
            try {
                String rss = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                        .filter(l -> l.startsWith("VmRSS:")).findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
                System.out.printf("%-18s pid %d %s%n", s.name(), pid, rss);
            } catch (IOException e) {
                System.out.printf("%-18s pid %d (no /proc)%n", s.name(), pid);
            }
        }
    }
}
