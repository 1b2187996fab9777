package cn.gansu.lianhu.registry.imports;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

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
 * Issue point 7.5: 400,000 rows import in minutes. Off by default; run with
 * {@code mvn -B -pl registry-service -am verify -Dtest=HouseholdImportBenchTest -Dsurefire.failIfNoSpecifiedTests=false -Dlianhu.bench=true}.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
@EnabledIfSystemProperty(named = "lianhu.bench", matches = "true")
class HouseholdImportBenchTest {
    @Inject
    DataSource ds;

    @Test
    void fourHundredThousandRows() throws Exception {
        HouseholdImportFixtures.insertVillages(ds);
        int households = 400_000 / 3; // 1..5 members, 3 on average: 399,999 rows
        String batch = "BENCH" + System.nanoTime() % 100000;
        Path file = Files.createTempFile("bench-", ".csv");
        try {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                HouseholdImportFixtures.writeCsv(w, households, batch);
            }
            long rows = Files.lines(file).count() - 1;
            long t0 = System.nanoTime();
            Response r = given().contentType("text/csv").body(file.toFile()).when().post(HouseholdImportTest.IMPORTS);
            r.then().statusCode(202);
            long accepted = System.nanoTime();
            JsonNode job = HouseholdImportTest.await(r.jsonPath().getString("id"));
            double total = (System.nanoTime() - t0) / 1e9;
            System.out.printf("BENCH household import: %d rows, %d households, %.1f MB; upload+checks %.2f s; "
                    + "job durationMs %d; total %.2f s; %.0f rows/s%n", rows, households, Files.size(file) / 1e6,
                    (accepted - t0) / 1e9, job.get("durationMs").asLong(), total, rows / total);
            assertEquals("SUCCEEDED", job.get("status").asText(), job.toString());
            assertEquals(rows, job.get("rowsRead").asLong());
            assertEquals(households, job.get("householdsImported").asLong());
            assertEquals(households, count("select count(*) from household where household_no like '" + batch + "-%'"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    long count(String sql) throws SQLException {
        try (var c = ds.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
