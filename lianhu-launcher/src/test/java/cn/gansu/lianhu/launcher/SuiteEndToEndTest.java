package cn.gansu.lianhu.launcher;

import static cn.gansu.lianhu.launcher.SuiteClients.failure;
import static cn.gansu.lianhu.launcher.SuiteClients.ok;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import cn.gansu.lianhu.client.pairing.model.CadreRequest;
import cn.gansu.lianhu.client.pairing.model.DepartureRequest;
import cn.gansu.lianhu.client.pairing.model.HandOver;
import cn.gansu.lianhu.client.pairing.model.KnownVillage;
import cn.gansu.lianhu.client.pairing.model.Pairing;
import cn.gansu.lianhu.client.pairing.model.PairingPage;
import cn.gansu.lianhu.client.pairing.model.Plan;
import cn.gansu.lianhu.client.pairing.model.PlanConfirmRequest;
import cn.gansu.lianhu.client.pairing.model.PlanRequest;
import cn.gansu.lianhu.client.pairing.model.PlanScope;
import cn.gansu.lianhu.client.pairing.model.Unit;
import cn.gansu.lianhu.client.pairing.model.UnitRequest;
import cn.gansu.lianhu.client.pairing.model.VillageLinkRequest;
import cn.gansu.lianhu.client.registry.model.Education;
import cn.gansu.lianhu.client.registry.model.Health;
import cn.gansu.lianhu.client.registry.model.Household;
import cn.gansu.lianhu.client.registry.model.HouseholdRequest;
import cn.gansu.lianhu.client.registry.model.ImportJob;
import cn.gansu.lianhu.client.registry.model.ImportJobStatus;
import cn.gansu.lianhu.client.registry.model.LabourAbility;
import cn.gansu.lianhu.client.registry.model.MemberRequest;
import cn.gansu.lianhu.client.registry.model.PovertyCause;
import cn.gansu.lianhu.client.registry.model.Relation;
import cn.gansu.lianhu.client.registry.model.Sex;
import cn.gansu.lianhu.client.reporting.model.RegionCoverage;
import cn.gansu.lianhu.client.reporting.model.VisitFigures;
import cn.gansu.lianhu.client.reporting.model.VisitTaskCounts;
import cn.gansu.lianhu.client.visit.model.Demand;
import cn.gansu.lianhu.client.visit.model.DemandCategory;
import cn.gansu.lianhu.client.visit.model.DemandStatus;
import cn.gansu.lianhu.client.visit.model.DemandTransition;
import cn.gansu.lianhu.client.visit.model.GrievanceOutcome;
import cn.gansu.lianhu.client.visit.model.HelpKind;
import cn.gansu.lianhu.client.visit.model.Satisfaction;
import cn.gansu.lianhu.client.visit.model.VisitBatch;
import cn.gansu.lianhu.client.visit.model.VisitBatchRequest;
import cn.gansu.lianhu.client.visit.model.VisitDemandRequest;
import cn.gansu.lianhu.client.visit.model.VisitGrassroots;
import cn.gansu.lianhu.client.visit.model.VisitGrievance;
import cn.gansu.lianhu.client.visit.model.VisitHelpRequest;
import cn.gansu.lianhu.client.visit.model.VisitLocation;
import cn.gansu.lianhu.client.visit.model.VisitMode;
import cn.gansu.lianhu.client.visit.model.VisitModel;
import cn.gansu.lianhu.client.visit.model.VisitPlanRequest;
import cn.gansu.lianhu.client.visit.model.VisitRequest;
import cn.gansu.lianhu.client.visit.model.VisitTaskRequest;
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
 *
 * <p>Issue 9 point 2: every call of the API goes through the Java clients generated from the services' OpenAPI
 * documents ({@link SuiteClients}, module lianhu-api-clients), the error answers too (the client's ApiException:
 * status, headers, and the problem body read into the client's {@code Problem}); a change of a service's contract
 * that this test relies on (an operationId, a tag, a schema or a property) fails its compile. REST Assured remains for
 * {@code /q/health} and {@code /q/openapi} only: Quarkus endpoints outside the documents.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.Order(1)
class SuiteEndToEndTest {
    /** Where the suite processes' logs are copied when the class ends (the data folder is a temp folder). */
    static final Path LOG_COPY = Path.of("target", "e2e-logs");
    /** A poor village of 永登县 (data/gansu/poor_villages.csv), in the poor county 620121. */
    private static final String VILLAGE = "620121100201";
    private static final String COUNTY = "620121";

    @TempDir
    static Path data;
    static Settings settings;
    static Launcher suite;
    static UUID householdId;
    /** The province admin's token (pii) printed by the launcher at ready; every request sends it. */
    static String token;
    /** The generated clients, each sending {@link #token}. */
    static SuiteClients api;

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
        api = new SuiteClients(suite, token);
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
        RegionCoverage coverage = coverage("62");
        assertEquals(58, coverage.getPoorCounties(), coverage.toString());
        assertEquals(8790, coverage.getPoorVillages(), coverage.toString());
    }

    @Test
    @Order(3)
    void pairingLearntThePoorVillagesFromRegistryEvents() {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            KnownVillage village = api.villages().getKnownVillage(VILLAGE);
            assertEquals(true, village.getPoor(), village.toString());
            assertEquals(COUNTY + "000000", village.getCountyCode(), village.toString());
        });
    }

    @Test
    @Order(4)
    void aHouseholdRegisteredInRegistryIsCountedByReporting() {
        long before = householdsOfCounty();

        var created = ok(() -> api.households().registerHouseholdWithHttpInfo(new HouseholdRequest()
                .villageCode(VILLAGE)
                .mainCause(PovertyCause.ILLNESS)
                .incomePerCapita(new BigDecimal("2300.50"))
                .members(List.of(
                        member("王建国", idNumber("620121", "19750304", true), Sex.MALE, "1975-03-04", Relation.HEAD,
                                Health.CHRONIC_ILLNESS, Education.JUNIOR_SECONDARY, LabourAbility.LIMITED),
                        member("李秀英", idNumber("620121", "19780911", false), Sex.FEMALE, "1978-09-11",
                                Relation.SPOUSE, Health.HEALTHY, Education.PRIMARY, LabourAbility.GENERAL))),
                Map.of("X-Correlation-Id", "e2e-household-1")));
        assertEquals(201, created.getStatusCode());
        Household household = created.getData();
        assertEquals(VILLAGE, household.getVillageCode(), household.toString());
        assertEquals(2, household.getMembers().size(), household.toString());
        householdId = household.getId();
        assertEquals(List.of("e2e-household-1"), created.getHeaders().get("X-Correlation-Id"));
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
    void registryImportToPairingPlanToCoverageInReporting() throws IOException {
        StringBuilder csv = new StringBuilder("household_no,village_code,main_cause,other_causes,income_per_capita,"
                + "address,phone,name,id_number,sex,birth_date,relation,health,education,labour_ability\n");
        for (int i = 1; i <= 3; i++) {
            csv.append("E2E-").append(i).append(',').append(VILLAGE).append(",因病,,2100.00,,,户主").append(i)
                    .append(',').append(idNumber("620121", "1968040" + i, true)).append(",男,1968-04-0").append(i)
                    .append(",户主,健康,小学,普通劳动力\n");
        }
        // the generated client uploads as multipart/form-data (part "file"), the document's first request type
        java.io.File upload = Files.writeString(data.resolve("e2e-households.csv"), csv.toString(),
                java.nio.charset.StandardCharsets.UTF_8).toFile();
        var submitted = ok(() -> api.householdImports().importHouseholdsWithHttpInfo(null, null, null, upload));
        assertEquals(202, submitted.getStatusCode(), String.valueOf(submitted.getData()));
        UUID job = UUID.fromString(submitted.getData().getId());
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
                .until(() -> !List.of(ImportJobStatus.QUEUED, ImportJobStatus.RUNNING)
                        .contains(api.householdImports().getHouseholdImport(job).getStatus()));
        ImportJob outcome = ok(() -> api.householdImports().getHouseholdImport(job));
        assertEquals(ImportJobStatus.SUCCEEDED, outcome.getStatus(), () -> outcome + "\n"
                + ok(() -> api.householdImports().listHouseholdImportErrors(job, null, null)));
        assertEquals(3, outcome.getHouseholdsImported(), outcome.toString());
        // the household of step 4 and the three imported ones, learnt by pairing from registry.households
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> assertEquals(4, api.villages().getKnownVillage(VILLAGE).getHouseholdsInPoverty()));

        var registered = ok(() -> api.units().registerUnitWithHttpInfo(new UnitRequest().name("永登县农业农村局")
                .level("COUNTY").kind("PARTY_GOVERNMENT").regionCode(COUNTY)));
        assertEquals(201, registered.getStatusCode());
        UUID unit = registered.getData().getId();
        UUID chief = cadre(unit, "马国强", "COUNTY_DIVISION");
        UUID clerk = cadre(unit, "杨丽", "OTHER");
        assertEquals(201, ok(() -> api.units().linkUnitVillageWithHttpInfo(unit,
                new VillageLinkRequest().villageCode(VILLAGE))).getStatusCode());

        var proposed = ok(() -> api.planner().createPlanWithHttpInfo(new PlanRequest().scope(PlanScope.COUNTY)
                .countyCode(COUNTY)));
        assertEquals(201, proposed.getStatusCode());
        Plan plan = proposed.getData();
        assertEquals(true, plan.getFeasible(), plan.toString());
        assertEquals(200, ok(() -> api.planner().confirmPlanWithHttpInfo(plan.getId(),
                new PlanConfirmRequest().confirmedBy("永登县联村联户办公室 王明"))).getStatusCode());
        Unit confirmed = ok(() -> api.units().getUnit(unit));
        assertEquals(true, confirmed.getPairingsConfirmed(), confirmed.toString());

        // the clerk leaves: every household of theirs goes to the chief in the same request
        List<UUID> clerkHouseholds = activePairings(clerk, null, null).getItems().stream()
                .map(Pairing::getHouseholdId).toList();
        assertTrue(!clerkHouseholds.isEmpty(), "the plan gave the clerk no household");
        List<HandOver> handovers = clerkHouseholds.stream()
                .map(h -> new HandOver().householdId(h).successorCadreId(chief)).toList();
        assertEquals(200, ok(() -> api.pairings().recordCadreDepartureWithHttpInfo(clerk, new DepartureRequest()
                .status(DepartureRequest.StatusEnum.TRANSFERRED).date(LocalDate.now(ZoneId.of("Asia/Shanghai")))
                .handovers(handovers))).getStatusCode());
        assertEquals(4, activePairings(chief, null, null).getTotal());

        // reporting, from the pairing topics only: the four households covered, the unit and its one remaining
        // cadre meet their rules, 永登县 still has no provincial leader
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            RegionCoverage county = coverage(COUNTY);
            var targets = county.getTargets();
            var participants = county.getParticipants();
            assertEquals(4, targets.getHouseholdsToCover(), county.toString());
            assertEquals(4, targets.getHouseholdsCovered(), county.toString());
            assertEquals(0, targets.getHouseholdsWithoutCadre(), county.toString());
            assertEquals(1, targets.getPoorCountiesWithoutLeader(), county.toString());
            assertEquals(county.getPoorVillages() - 1, targets.getPoorVillagesWithoutUnit(), county.toString());
            assertEquals(4, targets.getActivePairings(), county.toString());
            assertEquals(1, participants.getUnits(), county.toString());
            assertEquals(0, participants.getUnitsBelowRequired(), county.toString());
            assertEquals(1, participants.getCadres(), county.toString());
            assertEquals(0, participants.getCadresBelowMinimum(), county.toString());
        });
        RegionCoverage province = coverage("62");
        assertEquals(58, province.getTargets().getPoorCountiesWithoutLeader(), province.toString());
        assertEquals(8789, province.getTargets().getPoorVillagesWithoutUnit(), province.toString());
        assertEquals(0, province.getTargets().getHouseholdsWithoutCadre(), province.toString());
        assertEquals(58, ok(() -> api.coverage().listCountiesWithoutLeader("62", null, null, null, 100)).getTotal());
    }

    private static UUID cadre(UUID unit, String name, String rank) {
        var registered = ok(() -> api.cadres().registerCadreWithHttpInfo(new CadreRequest().name(name)
                .idNumber(idNumber("620121", "19800101", true)).unitId(unit).rank(rank)));
        assertEquals(201, registered.getStatusCode());
        return registered.getData().getId();
    }

    /** Active pairings of a cadre, or of a village (at most {@code size}). */
    private static PairingPage activePairings(UUID cadre, String village, Integer size) {
        return ok(() -> api.pairings().listPairings(cadre, null, null, null, size, "ACTIVE", null, village));
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
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        Pairing chiefPairing = activePairings(null, VILLAGE, 10).getItems().get(0);
        UUID chief = chiefPairing.getCadreId();
        UUID unit = chiefPairing.getUnitId();
        UUID household = chiefPairing.getHouseholdId();

        VisitRequest body = new VisitRequest().cadreId(chief).householdId(household).visitedOn(today)
                .mode(VisitMode.IN_HOME).durationMinutes(90)
                .location(new VisitLocation().lat(new BigDecimal("36.06")).lon(new BigDecimal("103.83")))
                .tasks(List.of(
                        new VisitTaskRequest().task("POLICY_PUBLICITY").policies(List.of("医疗保障", "危房改造")),
                        new VisitTaskRequest().task("PUBLIC_OPINION").demands(List.of(new VisitDemandRequest()
                                .category(DemandCategory.HOUSING).description("危房需要改造"))),
                        new VisitTaskRequest().task("DEVELOPMENT").help(List.of(
                                new VisitHelpRequest().kind(HelpKind.FUNDS).amountYuan(new BigDecimal("5000"))
                                        .peopleBenefiting(4),
                                new VisitHelpRequest().kind(HelpKind.SKILLS_TRAINING)
                                        .amountYuan(new BigDecimal("1200.5")).peopleBenefiting(2))),
                        new VisitTaskRequest().task("EMOTION_EASING").grievance(new VisitGrievance()
                                .topic("邻里宅基地纠纷").outcome(GrievanceOutcome.RESOLVED)),
                        new VisitTaskRequest().task("GRASSROOTS").grassroots(new VisitGrassroots()
                                .work("参加村党支部主题党日")),
                        new VisitTaskRequest().task("MODEL_PROMOTION").model(new VisitModel().title("养殖致富带头人")
                                .description("带动五户发展肉牛养殖"))));
        // visit-service accepts the visit once it has learnt the pairing from pairing.pairings
        // (422 visit.not-paired until then; any other answer ends the wait and must be 201)
        java.util.concurrent.atomic.AtomicInteger first = new java.util.concurrent.atomic.AtomicInteger();
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                first.set(api.visits().logVisitWithHttpInfo(body, "e2e-1").getStatusCode());
            } catch (cn.gansu.lianhu.client.visit.ApiException e) {
                if (e.getCode() != 422) {
                    throw e;
                }
                var problem = failure(() -> { throw e; }).problem(cn.gansu.lianhu.client.visit.model.Problem.class);
                assertEquals("visit.not-paired", problem.getErrors().get(0).getRule(), problem.toString());
                return false;
            }
            return true;
        });
        assertEquals(201, first.get());
        // the same Idempotency-Key again: the visit already logged, 200
        assertEquals(200, ok(() -> api.visits().logVisitWithHttpInfo(body, "e2e-1")).getStatusCode());
        assertEquals(201, ok(() -> api.visits().logVisitWithHttpInfo(new VisitRequest().cadreId(chief)
                .householdId(household).visitedOn(today).mode(VisitMode.BY_PHONE).durationMinutes(10)
                .tasks(List.of(new VisitTaskRequest().task("POLICY_PUBLICITY").policies(List.of("养老保险")))), null))
                .getStatusCode());

        var plan = ok(() -> api.visitPlans().createVisitPlanWithHttpInfo(new VisitPlanRequest().unitId(unit)
                .name("永登县2026年冬季走访")));
        assertEquals(201, plan.getStatusCode());
        var added = ok(() -> api.visitPlans().addVisitBatchWithHttpInfo(plan.getData().getId(), new VisitBatchRequest()
                .name("第一批").startsOn(today).endsOn(today.plusDays(30)).villageCodes(List.of(VILLAGE))));
        assertEquals(201, added.getStatusCode());
        VisitBatch batch = added.getData();
        assertEquals(4, batch.getProgress().getPlanned(), batch.toString());
        assertEquals(1, batch.getProgress().getVisited(), batch.toString());
        assertEquals(3, batch.getProgress().getPending(), batch.toString());

        // visit-service's list operations answer its generic Page (items untyped in the document): read the item
        // into the generated Demand
        var demands = ok(() -> api.demands().listDemands(household, null, null, null, null, null, null));
        assertEquals(1, demands.getTotal(), demands.toString());
        UUID demand = SuiteClients.MAPPER.convertValue(demands.getItems().get(0), Demand.class).getId();
        int version = 1;
        for (DemandStatus to : List.of(DemandStatus.ACCEPTED, DemandStatus.IN_PROGRESS)) {
            String ifMatch = "\"" + version++ + "\"";
            Demand moved = ok(() -> api.demands().transitionDemand(demand, new DemandTransition().to(to), ifMatch));
            assertEquals(to.getValue(), moved.getStatus(), moved.toString());
        }
        Demand resolved = ok(() -> api.demands().transitionDemand(demand, new DemandTransition().to(DemandStatus.RESOLVED)
                .answer("已纳入2026年危房改造计划").satisfaction(Satisfaction.SATISFIED), "\"3\""));
        assertEquals("RESOLVED", resolved.getStatus(), resolved.toString());
        SuiteClients.Failure reopen = failure(() -> api.demands().transitionDemand(demand,
                new DemandTransition().to(DemandStatus.OPEN), "\"4\""));
        assertEquals(409, reopen.status(), reopen.body());
        var conflict = reopen.problem(cn.gansu.lianhu.client.visit.model.Problem.class);
        assertEquals(409, conflict.getStatus(), reopen.body());
        assertEquals("demand.transition-not-allowed", conflict.getErrors().get(0).getRule(), reopen.body());

        // reporting, from visit.visits and visit.demands: the same figures at the village, the county and 62
        for (String region : List.of(VILLAGE, COUNTY, "62")) {
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                VisitFigures f = api.visitFigures().getRegionVisitFigures(region, null, null, null, null);
                assertEquals(2, f.getVisits().getTotal(), f.toString());
                assertEquals(1, f.getVisits().getInPerson(), f.toString());
                assertEquals(1, f.getVisits().getByMode().getINHOME(), f.toString());
                assertEquals(1, f.getVisits().getByMode().getBYPHONE(), f.toString());
                VisitTaskCounts tasks = f.getTasks();
                assertEquals(2, tasks.getPOLICYPUBLICITY(), f.toString());
                Map<String, Long> others = Map.of("PUBLIC_OPINION", tasks.getPUBLICOPINION(), "DEVELOPMENT",
                        tasks.getDEVELOPMENT(), "EMOTION_EASING", tasks.getEMOTIONEASING(), "GRASSROOTS",
                        tasks.getGRASSROOTS(), "MODEL_PROMOTION", tasks.getMODELPROMOTION());
                others.forEach((task, count) -> assertEquals(1, count, task + " in " + f));
                assertEquals(0, new BigDecimal("6200.50").compareTo(f.getHelp().getTotalYuan()), f.toString());
                assertEquals(0, new BigDecimal("5000").compareTo(f.getHelp().getByKind().getFUNDS()), f.toString());
                assertEquals(1, f.getDemands().getOpened(), f.toString());
                assertEquals(1, f.getDemands().getResolved(), f.toString());
                assertEquals(0, f.getDemands().getOpen(), f.toString());
                assertEquals(0, f.getDemands().getMedianResolutionDays().longValue(), f.toString());
                assertEquals(1, f.getDemands().getSatisfaction().getSatisfied(), f.toString());
                assertEquals(4, f.getContinuity().getActivePairings(), f.toString());
                assertEquals(1, f.getContinuity().getVisitedWithinWindow(), f.toString());
                assertEquals(0, f.getContinuity().getOverdue(), f.toString());
            });
        }
        VisitFigures cadreFigures = ok(() -> api.visitFigures().getCadreVisitFigures(chief, null, null, null, null));
        assertEquals(2, cadreFigures.getVisits().getTotal(), cadreFigures.toString());
        VisitFigures unitFigures = ok(() -> api.visitFigures().getUnitVisitFigures(unit, null, null, null, null));
        assertEquals(1, unitFigures.getDemands().getResolved(), unitFigures.toString());
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
        String reporting = suite.baseUrl(Service.REPORTING);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        PairingPage pairings = activePairings(null, VILLAGE, 10);
        assertEquals(4, pairings.getTotal(), pairings.toString());
        Pairing second = pairings.getItems().get(1);
        assertEquals(201, ok(() -> api.visits().logVisitWithHttpInfo(new VisitRequest().cadreId(second.getCadreId())
                .householdId(second.getHouseholdId()).visitedOn(today).mode(VisitMode.VILLAGE_MEETING)
                .durationMinutes(60)
                .location(new VisitLocation().lat(new BigDecimal("36.06")).lon(new BigDecimal("103.83")))
                .tasks(List.of(new VisitTaskRequest().task("PUBLIC_OPINION").demands(List.of(new VisitDemandRequest()
                        .category(DemandCategory.INFRASTRUCTURE).description("村道需要硬化"))))), null)).getStatusCode());
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            VisitFigures f = api.visitFigures().getRegionVisitFigures(VILLAGE, null, null, null, null);
            assertEquals(3, f.getVisits().getTotal(), f.toString());
            assertEquals(1, f.getDemands().getOpen(), f.toString());
            assertEquals(2, f.getContinuity().getVisitedWithinWindow(), f.toString());
        });
        java.time.Instant asOf = coverage("62").getAsOf().toInstant();
        DashboardCheck check = new DashboardCheck(api, asOf,
                new DashboardCheck.Seeded(4, 4, 4, 3, 2, "6,200.50", 6, 1, 0, 2, 0));

        String township = VILLAGE.substring(0, 9) + "000";
        List<String> path = List.of("620000000000", "620100000000", COUNTY + "000000", township, VILLAGE);
        List<String> names = new java.util.ArrayList<>();
        for (String code : path) {
            names.add(coverage(code).getName());
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
        // same ports (the launcher's Settings) and the same signing key in the data folder: the same clients
        assertEquals(VILLAGE, ok(() -> api.households().getHousehold(householdId)).getVillageCode());
        RegionCoverage coverage = coverage("62");
        assertEquals(8790, coverage.getPoorVillages(), coverage.toString());
    }

    /**
     * Issue 6 "done when": a region admin of another prefecture (酒泉市 6209) asking registry for the household of
     * step 4 (兰州市 永登县) gets exactly the answer for a household id that does not exist: same status, same body
     * once the id is replaced. Both differ from the province admin's 200.
     */
    @Test
    @Order(9)
    void aRegionAdminOfAnotherPrefectureGetsTheAnswerForAMissingHousehold() {
        String jiuquan = suite.token(new TokenSpec("REGION_ADMIN", java.util.Optional.of("6209"),
                java.util.Optional.empty(), java.util.Optional.empty(), false, "e2e-region-admin-6209",
                Duration.ofHours(1)));
        String lanzhou = suite.token(new TokenSpec("REGION_ADMIN", java.util.Optional.of("6201"),
                java.util.Optional.empty(), java.util.Optional.empty(), false, "e2e-region-admin-6201",
                Duration.ofHours(1)));
        UUID unknown = UUID.randomUUID();

        SuiteClients asJiuquan = new SuiteClients(suite, jiuquan);
        SuiteClients.Failure existing = failure(() -> asJiuquan.households().getHousehold(householdId));
        SuiteClients.Failure missing = failure(() -> asJiuquan.households().getHousehold(unknown));
        System.out.printf("region admin 6209, household of 620121: %d %s%n", existing.status(), existing.body());
        assertEquals(404, missing.status(), missing.body());
        assertEquals(missing.status(), existing.status(), existing.body());
        assertEquals(missing.headers().firstValue("Content-Type"), existing.headers().firstValue("Content-Type"));
        assertEquals(missing.body().replace(unknown.toString(), "{id}"),
                existing.body().replace(householdId.toString(), "{id}"));
        var notFound = missing.problem(cn.gansu.lianhu.client.registry.model.Problem.class);
        var outOfScope = existing.problem(cn.gansu.lianhu.client.registry.model.Problem.class);
        assertEquals(404, notFound.getStatus(), missing.body());
        assertEquals("urn:lianhu:problem:not-found", notFound.getType(), missing.body());
        assertEquals(List.of(notFound.getType(), notFound.getTitle(), notFound.getStatus(), notFound.getErrors()),
                List.of(outOfScope.getType(), outOfScope.getTitle(), outOfScope.getStatus(), outOfScope.getErrors()));
        assertEquals(notFound.getDetail().replace(unknown.toString(), "{id}"),
                outOfScope.getDetail().replace(householdId.toString(), "{id}"));

        // in scope for the region admin of 兰州市, and for the printed province admin's token
        assertEquals(VILLAGE, ok(() -> new SuiteClients(suite, lanzhou).households().getHousehold(householdId))
                .getVillageCode());
        assertEquals(VILLAGE, ok(() -> api.households().getHousehold(householdId)).getVillageCode());
    }

    /**
     * Issue 6 point 1 through the launcher's wiring: no token, or a token of a key the suite does not trust: 401 with
     * {@code WWW-Authenticate: Bearer} and a problem naming {@code Authorization} and the rule
     * ({@code token.missing} / {@code token.invalid}), read by each service's generated client.
     */
    @Test
    @Order(10)
    void withoutATokenOrWithAnotherKeysTokenTheApiAnswers401(@TempDir Path otherKeys) throws Exception {
        String foreign = LocalKeys.loadOrCreate(otherKeys).sign(TokenSpec.provinceAdmin(), LocalKeys.DEFAULT_ISSUER);
        Map<String, String> ruleByToken = new java.util.LinkedHashMap<>();
        ruleByToken.put("no token", "token.missing");
        ruleByToken.put("a token of another key", "token.invalid");
        for (Map.Entry<String, String> t : ruleByToken.entrySet()) {
            SuiteClients clients = new SuiteClients(suite, t.getKey().equals("no token") ? null : foreign);
            for (Service s : Service.ALL) {
                SuiteClients.Failure f;
                List<Object> problem;
                if (s.equals(Service.REGISTRY)) {
                    f = failure(() -> clients.households().getHousehold(householdId));
                    var p = f.problem(cn.gansu.lianhu.client.registry.model.Problem.class);
                    problem = List.of(p.getStatus(), p.getErrors().get(0).getField(), p.getErrors().get(0).getRule());
                } else if (s.equals(Service.PAIRING)) {
                    f = failure(() -> clients.units().listUnits(null, null, null, null, null, null, null));
                    var p = f.problem(cn.gansu.lianhu.client.pairing.model.Problem.class);
                    problem = List.of(p.getStatus(), p.getErrors().get(0).getField(), p.getErrors().get(0).getRule());
                } else if (s.equals(Service.VISIT)) {
                    f = failure(() -> clients.visits().listVisits(null, null, null, null, null, null, null, null));
                    var p = f.problem(cn.gansu.lianhu.client.visit.model.Problem.class);
                    problem = List.of(p.getStatus(), p.getErrors().get(0).getField(), p.getErrors().get(0).getRule());
                } else {
                    f = failure(() -> clients.coverage().getRegionCoverage("62", null, null));
                    var p = f.problem(cn.gansu.lianhu.client.reporting.model.Problem.class);
                    problem = List.of(p.getStatus(), p.getErrors().get(0).getField(), p.getErrors().get(0).getRule());
                }
                String where = s.name() + " with " + t.getKey() + ": " + f.body();
                assertEquals(401, f.status(), where);
                assertTrue(f.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), where);
                assertEquals(List.of(401, "Authorization", t.getValue()), problem, where);
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

    private static MemberRequest member(String name, String idNumber, Sex sex, String birthDate, Relation relation,
            Health health, Education education, LabourAbility labourAbility) {
        return new MemberRequest().name(name).idNumber(idNumber).sex(sex).birthDate(LocalDate.parse(birthDate))
                .relation(relation).health(health).education(education).labourAbility(labourAbility);
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

    /** Reporting's coverage of a region (code in any of its forms). */
    private static RegionCoverage coverage(String code) {
        return ok(() -> api.coverage().getRegionCoverage(code, null, null));
    }

    /** Households that reporting counts under the county, whatever their status. */
    private static long householdsOfCounty() {
        RegionCoverage coverage = coverage(COUNTY);
        Long total = coverage.getHouseholds() == null ? null : coverage.getHouseholds().getTotal();
        assertTrue(total != null, "no households.total in " + coverage);
        return total;
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
