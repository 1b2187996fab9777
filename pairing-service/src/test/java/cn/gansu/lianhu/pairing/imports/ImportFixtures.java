package cn.gansu.lianhu.pairing.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.pairing.domain.CreditCodes;
import cn.gansu.lianhu.testsupport.TestKafka;
import io.restassured.response.Response;

/** Files, uploads, job polling, database counts and Kafka reads for the unit and cadre import tests. */
final class ImportFixtures {
    static final String UNITS = "/api/v1/units/imports";
    static final String CADRES = "/api/v1/cadres/imports";
    static final String JOBS = "/api/v1/imports";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final Random RANDOM = new Random(System.nanoTime());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ImportFixtures() {
    }

    /** A short tag that makes the names of one test unique. */
    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid GB 32100 credit code of a Gansu party/government organ, random. */
    static synchronized String creditCode() {
        StringBuilder sb = new StringBuilder("11620000");
        for (int i = 0; i < 9; i++) {
            sb.append(CREDIT_CHARS.charAt(RANDOM.nextInt(CREDIT_CHARS.length())));
        }
        return sb.append(CreditCodes.checkCharacter(sb.toString())).toString();
    }

    /** The same code with a wrong check character. */
    static String withWrongCheck(String code) {
        char right = code.charAt(17);
        char wrong = right == '0' ? '1' : '0';
        return code.substring(0, 17) + wrong;
    }

    /** A valid GB 11643 ID number registered in 兰州市城关区, born 1960–1999, random. */
    static synchronized String idNumber() {
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(RANDOM.nextInt(40 * 365));
        String body = "620102" + birth.toString().replace("-", "") + String.format("%03d", RANDOM.nextInt(1000));
        return body + IdNumbers.checkCharacter(body);
    }

    /** A valid ID number whose check character is X. */
    static String idNumberEndingInX() {
        while (true) {
            String id = idNumber();
            if (id.endsWith("X")) {
                return id;
            }
        }
    }

    /** The same ID number with a wrong check character. */
    static String idWithWrongCheck(String id) {
        char right = id.charAt(17);
        char wrong = right == '0' ? '1' : '0';
        return id.substring(0, 17) + wrong;
    }

    static String csv(List<String[]> rows) {
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                String v = r[i] == null ? "" : r[i];
                sb.append(v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A workbook with one sheet; cells given as Double are number cells, the rest text cells. */
    static byte[] xlsx(List<Object[]> rows) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("导入");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                Object[] cells = rows.get(r);
                for (int i = 0; i < cells.length; i++) {
                    if (cells[i] instanceof Double d) {
                        row.createCell(i).setCellValue(d);
                    } else if (cells[i] != null && !cells[i].toString().isEmpty()) {
                        row.createCell(i).setCellValue(cells[i].toString());
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    static Response upload(String path, byte[] file, String name, String type, Map<String, ?> query) {
        return given().multiPart("file", name, file, type).queryParams(query).when().post(path);
    }

    /** Uploads, expects 202 with the job's Location, waits for the end of the job and returns its body. */
    static JsonNode run(String path, byte[] file, String name, String type, Map<String, ?> query) throws IOException {
        Response r = upload(path, file, name, type, query);
        r.then().statusCode(202).body("status", equalTo("QUEUED")).body("id", notNullValue());
        String id = r.jsonPath().getString("id");
        assertEquals(JOBS + "/" + id, java.net.URI.create(r.header("Location")).getPath());
        return await(id);
    }

    static JsonNode await(String id) throws IOException {
        return await(id, Duration.ofSeconds(60));
    }

    static JsonNode await(String id, Duration atMost) throws IOException {
        JsonNode[] job = new JsonNode[1];
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
            String body = given().when().get(JOBS + "/" + id).then().statusCode(200).extract().asString();
            job[0] = MAPPER.readTree(body);
            String s = job[0].get("status").asText();
            return !s.equals("QUEUED") && !s.equals("RUNNING");
        });
        return job[0];
    }

    static void assertCounts(JsonNode job, String kind, String status, long rows, long valid, long imported,
            long errors) {
        assertEquals(kind, job.get("kind").asText(), job.toString());
        assertEquals(status, job.get("status").asText(), job.toString());
        assertEquals(rows, job.get("rowsRead").asLong(), job.toString());
        assertEquals(rows, job.get("recordsRead").asLong(), job.toString());
        assertEquals(valid, job.get("recordsValid").asLong(), job.toString());
        assertEquals(imported, job.get("recordsImported").asLong(), job.toString());
        assertEquals(errors, job.get("errorCount").asLong(), job.toString());
        assertEquals("DONE", job.get("phase").asText(), job.toString());
    }

    /** The error report as "row column rule" lines, and the raw body. */
    static List<String> errors(JsonNode job) {
        Response r = given().queryParam("size", 500).when().get(JOBS + "/" + job.get("id").asText() + "/errors");
        r.then().statusCode(200).body("total", equalTo((int) job.get("errorCount").asLong()));
        List<String> found = new ArrayList<>();
        for (Map<String, Object> e : r.jsonPath().<Map<String, Object>>getList("items")) {
            found.add(e.get("row") + " " + e.get("column") + " " + e.get("rule"));
        }
        return found;
    }

    /** The error report entries by "row column", with message and rejected value. */
    static Map<String, Map<String, Object>> errorEntries(JsonNode job) {
        Response r = given().queryParam("size", 500).when().get(JOBS + "/" + job.get("id").asText() + "/errors");
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (Map<String, Object> e : r.jsonPath().<Map<String, Object>>getList("items")) {
            out.put(e.get("row") + " " + e.get("column"), e);
        }
        return out;
    }

    static long count(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Column values of the first row of a query, by column label. */
    static Map<String, Object> row(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no row for " + sql);
                Map<String, Object> m = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    m.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                return m;
            }
        }
    }

    /**
     * Reads {@code topic} from the start until an event of {@code type} arrived for every key in {@code keys}
     * (30 s at most); returns those events (parsed CloudEvents) by key, in arrival order.
     */
    static Map<String, List<JsonNode>> consume(String topic, String type, Set<String> keys) throws IOException {
        Map<String, List<JsonNode>> found = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = TestKafka.consumerFromStart(topic)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!found.keySet().containsAll(keys) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (keys.contains(r.key())) {
                        JsonNode event = MAPPER.readTree(r.value());
                        if (type.equals(event.get("type").asText())) {
                            found.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(event);
                        }
                    }
                }
            }
            // a little longer, so a duplicate would be seen
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                if (keys.contains(r.key())) {
                    JsonNode event = MAPPER.readTree(r.value());
                    if (type.equals(event.get("type").asText())) {
                        found.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(event);
                    }
                }
            }
        }
        assertEquals(keys, found.keySet(), type + " events on " + topic);
        return found;
    }
}
