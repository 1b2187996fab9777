package cn.gansu.lianhu.registry.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.testsupport.BodyLimitProbe;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.RawHttp;
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
    static final long UPLOAD_LIMIT = 128L * 1024 * 1024;

    @Inject
    DataSource ds;

    @Test
    void configuredLimitsAreTheDocumentedOnes() {
        BodyLimitProbe.assertConfiguredLimits(UPLOAD_LIMIT);
    }

    @Test
    void jsonBodyOneByteOverTheLimitIs413ProblemAndNothingIsWritten() throws SQLException {
        BodyLimitProbe.jsonOverLimit("/api/v1/households", this::rows);
    }

    @Test
    void jsonBodyAtTheLimitIsReadAndAnsweredForItsContent() throws SQLException {
        BodyLimitProbe.jsonAtLimit("/api/v1/households", 400, this::rows)
                .body("type", equalTo("urn:lianhu:problem:validation"));
    }

    @Test
    void chunkedJsonBodyOverTheLimitIs413() throws IOException, SQLException {
        BodyLimitProbe.chunkedJsonOverLimit("/api/v1/households", this::rows);
    }

    @Test
    void importDeclaringOneByteOverTheUploadLimitIs413ProblemWithoutReadingIt() throws IOException, SQLException {
        for (String path : List.of("/api/v1/households/imports")) {
            for (String type : List.of("text/csv", "multipart/form-data; boundary=x")) {
                BodyLimitProbe.uploadOverLimit(path, type, UPLOAD_LIMIT, this::rows);
            }
        }
    }

    @Test
    void importJustUnderTheUploadLimitIsReadAndAnsweredForItsContent() throws IOException, SQLException {
        BodyLimitProbe.uploadAtLimit("/api/v1/households/imports", UPLOAD_LIMIT, this::rows)
                .body("errors[0].field", equalTo("header.no"));
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
    void jsonLimitAppliesToOperationsOutsideTheUploadPaths() {
        // a region import path takes a file; a path merely starting like it does not count as one
        given().contentType("application/json").body(BodyLimitProbe.jsonOfLength(BodyLimitProbe.JSON_LIMIT + 1))
                .when().post("/api/v1/households/importsX")
                .then().statusCode(413).body("errors[0].rule", equalTo("body.too-large"));
    }

    /** What an accepted request would have written. */
    long rows() throws SQLException {
        return BodyLimitProbe.count(ds, "select (select count(*) from household) + (select count(*) from import_job) + (select count(*) from outbox_event)");
    }
}
