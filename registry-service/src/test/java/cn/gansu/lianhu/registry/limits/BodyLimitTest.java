package cn.gansu.lianhu.registry.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.RawHttp;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/**
 * Request body limits of registry-service (issue 8 point 2): JSON operations take up to 2 MiB, the household and
 * region imports up to {@code quarkus.http.limits.max-body-size} (128 MiB); one byte more is 413 problem+json
 * naming field {@code body} and rule {@code body.too-large}, and nothing is written.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class BodyLimitTest {
    static final long JSON_LIMIT = 2L * 1024 * 1024;
    static final long UPLOAD_LIMIT = 128L * 1024 * 1024;

    @Inject
    DataSource ds;

    @Test
    void configuredLimitsAreTheDocumentedOnes() {
        var config = ConfigProvider.getConfig();
        assertEquals(UPLOAD_LIMIT, config.getValue("quarkus.http.limits.max-body-size", MemorySize.class).asLongValue());
        assertEquals(JSON_LIMIT, config.getValue("lianhu.http.limits.max-json-body-size", MemorySize.class).asLongValue());
    }

    @Test
    void jsonBodyOneByteOverTheLimitIs413ProblemAndNothingIsWritten() throws SQLException {
        long before = rows();
        given().contentType("application/json").body(jsonOfLength(JSON_LIMIT + 1))
                .when().post("/api/v1/households")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("type", equalTo("urn:lianhu:problem:body-too-large"))
                .body("instance", equalTo("/api/v1/households"))
                .body("errors.field", contains("body"))
                .body("errors.rule", contains("body.too-large"))
                .body("errors[0].message", equalTo("the request body of 2097153 bytes is over the limit of 2097152"
                        + " bytes (2 MiB) of this operation"));
        assertEquals(before, rows());
    }

    @Test
    void jsonBodyAtTheLimitIsReadAndAnsweredForItsContent() throws SQLException {
        long before = rows();
        // an empty object padded with spaces to exactly 2 MiB: read, then refused for its missing fields
        given().contentType("application/json").body(jsonOfLength(JSON_LIMIT))
                .when().post("/api/v1/households")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lianhu:problem:validation"));
        assertEquals(before, rows());
    }

    @Test
    void chunkedJsonBodyOverTheLimitIs413() throws IOException, SQLException {
        long before = rows();
        RawHttp.Response r = RawHttp.chunked(RestAssured.port, "POST", "/api/v1/households", "application/json",
                jsonOfLength(JSON_LIMIT + 65536));
        assertEquals(413, r.status(), r.toString());
        assertEquals("application/problem+json", r.headers().get("content-type"));
        JsonNode problem = new ObjectMapper().readTree(r.body());
        assertEquals("body.too-large", problem.at("/errors/0/rule").asText());
        assertEquals("the request body is over the limit of 2097152 bytes (2 MiB) of this operation",
                problem.at("/errors/0/message").asText());
        assertEquals(before, rows());
    }

    @Test
    void chunkedJsonBodyUnderTheLimitIsReadWhole() throws IOException {
        RawHttp.Response r = RawHttp.chunked(RestAssured.port, "POST", "/api/v1/households", "application/json",
                "{\"incomePerCapita\":\"abc\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status(), r.toString());
        JsonNode problem = new ObjectMapper().readTree(r.body());
        // the body was read: its one field is named, with its wrong type
        assertEquals("incomePerCapita", problem.at("/errors/0/field").asText(), r.body());
        assertEquals("json.type", problem.at("/errors/0/rule").asText(), r.body());
    }

    @Test
    void importDeclaringOneByteOverTheUploadLimitIs413ProblemWithoutReadingIt() throws IOException, SQLException {
        long before = rows();
        for (String type : new String[] {"text/csv", "multipart/form-data; boundary=x"}) {
            RawHttp.Response r = RawHttp.declareOnly(RestAssured.port, "POST", "/api/v1/households/imports", type,
                    UPLOAD_LIMIT + 1);
            assertEquals(413, r.status(), r.toString());
            assertEquals("application/problem+json", r.headers().get("content-type"));
            JsonNode problem = new ObjectMapper().readTree(r.body());
            assertEquals("body", problem.at("/errors/0/field").asText());
            assertEquals("body.too-large", problem.at("/errors/0/rule").asText());
            assertEquals("the request body of 134217729 bytes is over the limit of 134217728 bytes (128 MiB) of this"
                    + " operation", problem.at("/errors/0/message").asText());
        }
        assertEquals(before, rows());
    }

    @Test
    void importJustUnderTheUploadLimitIsReadAndAnsweredForItsContent() throws IOException, SQLException {
        long before = rows();
        // 128 MiB of a CSV header that is not the household header: read whole, spooled, refused for its header
        Path file = Files.createTempFile("lianhu-limit-", ".csv");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] line = "no,such,columns\n".getBytes(StandardCharsets.UTF_8);
                byte[] block = new byte[line.length * 4096];
                for (int i = 0; i < 4096; i++) {
                    System.arraycopy(line, 0, block, i * line.length, line.length);
                }
                long written = 0;
                while (written + block.length <= UPLOAD_LIMIT) {
                    out.write(block);
                    written += block.length;
                }
                out.write(block, 0, (int) (UPLOAD_LIMIT - written));
            }
            assertEquals(UPLOAD_LIMIT, Files.size(file));
            given().contentType("text/csv").body(file.toFile())
                    .when().post("/api/v1/households/imports")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:lianhu:problem:validation"))
                    .body("errors[0].field", equalTo("header.no"));
        } finally {
            Files.deleteIfExists(file);
        }
        assertEquals(before, rows());
    }

    @Test
    void jsonLimitAppliesToOperationsOutsideTheUploadPaths() {
        // a region import path takes a file; a path merely starting like it does not count as one
        given().contentType("application/json").body(jsonOfLength(JSON_LIMIT + 1))
                .when().post("/api/v1/households/importsX")
                .then().statusCode(413).body("errors[0].rule", equalTo("body.too-large"));
    }

    /** {@code {}} padded with spaces to {@code length} bytes. */
    static byte[] jsonOfLength(long length) {
        byte[] b = new byte[(int) length];
        Arrays.fill(b, (byte) ' ');
        b[0] = '{';
        b[b.length - 1] = '}';
        return b;
    }

    /** Households, import jobs and outbox events: what a request that was accepted would have written. */
    long rows() throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select (select count(*) from household) + (select count(*) from import_job)"
                        + " + (select count(*) from outbox_event)")) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }
}
