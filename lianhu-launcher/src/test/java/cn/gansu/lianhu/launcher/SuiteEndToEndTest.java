package cn.gansu.lianhu.launcher;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

import io.restassured.http.ContentType;

/**
 * The whole suite through real processes (DESIGN.md §6): the launcher starts an embedded PostgreSQL, an
 * in-JVM Kafka broker and the four packaged services ({@code quarkus-run.jar}) on free ports with a temp
 * data folder, waits until registry has loaded the Gansu data and reporting shows it; then a household
 * registered in registry must reach reporting through Kafka, and a second start must find it again.
 * One class, so the suite starts once (plus the restart).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteEndToEndTest {
    /** A poor village of 永登县 (data/gansu/poor_villages.csv), in the poor county 620121. */
    private static final String VILLAGE = "620121100201";
    private static final String COUNTY = "620121";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path data;
    static Settings settings;
    static Launcher suite;
    static String householdId;

    @BeforeAll
    static void start() {
        Path home = Path.of(System.getProperty("lianhu.home", "..")).toAbsolutePath().normalize();
        settings = Settings.isolated(home, data);
        long t0 = System.nanoTime();
        suite = Launcher.start(settings, System.out);
        System.out.printf("suite ready with the Gansu data in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        printResidentMemory();
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
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
                .body("villageCode", equalTo(VILLAGE))
                .extract().path("id");

        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> householdsOfCounty() == before + 1);
        assertEquals(before + 1, householdsOfCounty());
    }

    @Test
    @Order(5)
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
