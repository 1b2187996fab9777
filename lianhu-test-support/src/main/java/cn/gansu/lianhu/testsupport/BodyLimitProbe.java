package cn.gansu.lianhu.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

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
import java.util.Locale;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/**
 * The request body limits every service shares (issue 8 point 2, README "Limits"): a JSON body is read up to
 * {@link #JSON_LIMIT} (2 MiB), an import file up to the service's upload limit; one byte more — declared by
 * {@code Content-Length}, or sent chunked — is 413 {@code application/problem+json}, type
 * {@code urn:lianhu:problem:body-too-large}, one error {@code {field: body, rule: body.too-large}} whose message names
 * the limit, and nothing is written. Each check takes the service's count of what an accepted request would have
 * written ({@link #count}) and asserts it did not move.
 */
public final class BodyLimitProbe {
    /** The JSON body limit of every service, {@code lianhu.http.limits.max-json-body-size}: 2 MiB. */
    public static final long JSON_LIMIT = 2L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private BodyLimitProbe() {
    }

    /** A count of rows that an accepted request would have added. */
    @FunctionalInterface
    public interface Rows {
        long count() throws SQLException;
    }

    /**
     * The service's configured limits are the documented ones: Quarkus' body limit is {@code bodyLimit} (the upload
     * limit, or {@link #JSON_LIMIT} where there are no uploads) and the JSON limit is {@link #JSON_LIMIT}.
     */
    public static void assertConfiguredLimits(long bodyLimit) {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        org.junit.jupiter.api.Assertions.assertEquals(bodyLimit, config.getValue("quarkus.http.limits.max-body-size",
                io.quarkus.runtime.configuration.MemorySize.class).asLongValue());
        org.junit.jupiter.api.Assertions.assertEquals(JSON_LIMIT, config.getValue(
                "lianhu.http.limits.max-json-body-size", io.quarkus.runtime.configuration.MemorySize.class).asLongValue());
    }

    /** The single figure of {@code sql} (e.g. the sum of the counts of the tables a write would touch). */
    public static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** A JSON body of {@link #JSON_LIMIT} + 1 bytes to {@code path}: the exact 413 problem, nothing written. */
    public static void jsonOverLimit(String path, Rows rows) throws SQLException {
        long before = rows.count();
        given().contentType("application/json").body(jsonOfLength(JSON_LIMIT + 1))
                .when().post(path)
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("type", equalTo("urn:lianhu:problem:body-too-large"))
                .body("instance", equalTo(path))
                .body("errors.field", contains("body"))
                .body("errors.rule", contains("body.too-large"))
                .body("errors[0].message", equalTo(declaredOver(JSON_LIMIT)));
        unchanged(before, rows);
    }

    /**
     * A JSON body of exactly {@link #JSON_LIMIT} bytes (an empty object padded with spaces) to {@code path}: read, and
     * answered for its content with {@code status} as a problem; nothing written.
     */
    public static ValidatableResponse jsonAtLimit(String path, int status, Rows rows) throws SQLException {
        long before = rows.count();
        ValidatableResponse r = given().contentType("application/json").body(jsonOfLength(JSON_LIMIT))
                .when().post(path)
                .then().statusCode(status)
                .contentType("application/problem+json");
        unchanged(before, rows);
        return r;
    }

    /** A chunked JSON body (no length) 64 KiB over the limit: read up to the limit, then the 413 problem. */
    public static void chunkedJsonOverLimit(String path, Rows rows) throws IOException, SQLException {
        long before = rows.count();
        RawHttp.Response r = RawHttp.chunked(RestAssured.port, "POST", path, "application/json",
                jsonOfLength(JSON_LIMIT + 65536));
        assertThat(r.toString(), r.status(), equalTo(413));
        assertThat(r.toString(), r.headers().get("content-type"), equalTo("application/problem+json"));
        JsonNode problem = JSON.readTree(r.body());
        assertThat(r.body(), problem.at("/errors/0/rule").asText(), equalTo("body.too-large"));
        assertThat(r.body(), problem.at("/errors/0/message").asText(), equalTo(
                "the request body is over the limit of " + JSON_LIMIT + " bytes (" + mib(JSON_LIMIT) + ") of this operation"));
        unchanged(before, rows);
    }

    /**
     * An upload to {@code path} declaring {@code limit} + 1 bytes of {@code contentType}: answered 413 with the
     * problem at once, before any byte of the body is sent; nothing written.
     */
    public static void uploadOverLimit(String path, String contentType, long limit, Rows rows)
            throws IOException, SQLException {
        long before = rows.count();
        RawHttp.Response r = RawHttp.declareOnly(RestAssured.port, "POST", path, contentType, limit + 1);
        assertThat(r.toString(), r.status(), equalTo(413));
        assertThat(r.toString(), r.headers().get("content-type"), equalTo("application/problem+json"));
        JsonNode problem = JSON.readTree(r.body());
        assertThat(r.body(), problem.at("/errors/0/field").asText(), equalTo("body"));
        assertThat(r.body(), problem.at("/errors/0/rule").asText(), equalTo("body.too-large"));
        assertThat(r.body(), problem.at("/errors/0/message").asText(), equalTo(declaredOver(limit)));
        unchanged(before, rows);
    }

    /**
     * A CSV file of exactly {@code limit} bytes with a header no import knows ({@code no,such,columns}) to
     * {@code path}: read whole, then refused 400 for its header (a validation problem); nothing written.
     */
    public static ValidatableResponse uploadAtLimit(String path, long limit, Rows rows) throws IOException, SQLException {
        long before = rows.count();
        Path file = Files.createTempFile("lianhu-limit-", ".csv");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] line = "no,such,columns\n".getBytes(StandardCharsets.UTF_8);
                byte[] block = new byte[line.length * 4096];
                for (int i = 0; i < 4096; i++) {
                    System.arraycopy(line, 0, block, i * line.length, line.length);
                }
                long written = 0;
                while (written + block.length <= limit) {
                    out.write(block);
                    written += block.length;
                }
                out.write(block, 0, (int) (limit - written));
            }
            assertThat(Files.size(file), equalTo(limit));
            ValidatableResponse r = given().contentType("text/csv").body(file.toFile())
                    .when().post(path)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:lianhu:problem:validation"));
            unchanged(before, rows);
            return r;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** {@code {}} padded with spaces to {@code length} bytes. */
    public static byte[] jsonOfLength(long length) {
        byte[] b = new byte[(int) length];
        Arrays.fill(b, (byte) ' ');
        b[0] = '{';
        b[b.length - 1] = '}';
        return b;
    }

    private static String declaredOver(long limit) {
        return "the request body of " + (limit + 1) + " bytes is over the limit of " + limit + " bytes (" + mib(limit)
                + ") of this operation";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%d MiB", bytes / (1024 * 1024));
    }

    private static void unchanged(long before, Rows rows) throws SQLException {
        assertThat("rows an accepted request would have written", rows.count(), equalTo(before));
    }
}
