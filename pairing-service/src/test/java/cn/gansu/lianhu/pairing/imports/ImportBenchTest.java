package cn.gansu.lianhu.pairing.imports;

import static cn.gansu.lianhu.pairing.imports.ImportFixtures.CADRES;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.UNITS;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * A province's worth of units and cadres (issue 3 point 7 sizes: 400,000 cadres). Off by default; run with
 * {@code mvn -B -pl pairing-service -am verify -Dtest=ImportBenchTest -Dsurefire.failIfNoSpecifiedTests=false -Dlianhu.bench=true}.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
@EnabledIfSystemProperty(named = "lianhu.bench", matches = "true")
class ImportBenchTest {
    static final int UNIT_COUNT = 20_000;
    static final int CADRE_COUNT = 400_000;

    @Inject
    DataSource ds;

    @Test
    void twentyThousandUnitsThenFourHundredThousandCadres() throws Exception {
        String tag = ImportFixtures.tag();
        List<String> credits = new ArrayList<>();
        Path units = Files.createTempFile("bench-units-", ".csv");
        Path cadres = Files.createTempFile("bench-cadres-", ".csv");
        try {
            try (Writer w = Files.newBufferedWriter(units, StandardCharsets.UTF_8)) {
                w.write("name,level,kind,region_code,credit_code\n");
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < UNIT_COUNT; i++) {
                    String c;
                    do {
                        c = ImportFixtures.creditCode();
                    } while (!seen.add(c));
                    credits.add(c);
                    w.write("通渭县单位" + i + "-" + tag + ",COUNTY,PARTY_GOVERNMENT,621121," + c + "\n");
                }
            }
            try (Writer w = Files.newBufferedWriter(cadres, StandardCharsets.UTF_8)) {
                w.write("name,id_number,unit_credit_code,rank,phone\n");
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < CADRE_COUNT; i++) {
                    String id;
                    do {
                        id = ImportFixtures.idNumber();
                    } while (!seen.add(id));
                    w.write("干部" + i + "," + id + "," + credits.get(i % UNIT_COUNT) + ",其他,1390943" + (i % 10000) + "\n");
                }
            }
            JsonNode u = time("units", units, UNITS, UNIT_COUNT);
            assertEquals(UNIT_COUNT, u.get("recordsImported").asLong(), u.toString());
            JsonNode c = time("cadres", cadres, CADRES, CADRE_COUNT);
            assertEquals(CADRE_COUNT, c.get("recordsImported").asLong(), c.toString());
        } finally {
            Files.deleteIfExists(units);
            Files.deleteIfExists(cadres);
        }
    }

    static JsonNode time(String what, Path file, String path, int rows) throws Exception {
        long t0 = System.nanoTime();
        Response r = given().contentType("text/csv").body(file.toFile()).when().post(path);
        r.then().statusCode(202);
        JsonNode job = ImportFixtures.await(r.jsonPath().getString("id"), java.time.Duration.ofMinutes(10));
        double total = (System.nanoTime() - t0) / 1e9;
        System.out.printf("BENCH %s import: %d rows, %.1f MB; job durationMs %d; total %.2f s; %.0f rows/s; %s%n", what,
                rows, Files.size(file) / 1e6, job.get("durationMs").asLong(), total, rows / total,
                job.get("message").asText());
        return job;
    }
}
