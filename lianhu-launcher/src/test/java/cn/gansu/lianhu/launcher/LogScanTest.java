package cn.gansu.lianhu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 point 3 and 6: no full ID number in the logs of a test run. Runs after {@link SuiteEndToEndTest}
 * (class order, junit-platform.properties) and after the four services in the reactor, and scans
 * <ul>
 * <li>the logs of the suite processes of the end-to-end run, which it copies to {@code target/e2e-logs};</li>
 * <li>every {@code <service>/target/quarkus-test.log} (and rotated {@code .log.N}): each service's tests log
 * there ({@code %test.quarkus.log.file.*} in its application.properties). A service whose tests ran
 * ({@code target/surefire-reports} exists) but left no such file fails the test: the scan would be
 * blind.</li>
 * </ul>
 * Prints how many files and lines it read; fails on any full ID number (reported masked, with file and line).
 */
@Order(2)
class LogScanTest {
    private static final List<String> SERVICES = List.of("registry-service", "pairing-service", "visit-service",
            "reporting-service");

    @Test
    void noFullIdNumberInTheLogsOfTheTestRun() throws IOException {
        Path home = Path.of(System.getProperty("lianhu.home", "..")).toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        List<String> blind = new ArrayList<>();
        for (String service : SERVICES) {
            Path target = home.resolve(service).resolve("target");
            List<Path> logs = logs(target, "quarkus-test.log");
            if (logs.isEmpty() && Files.isDirectory(target.resolve("surefire-reports"))) {
                blind.add(service + " ran its tests but wrote no " + target.resolve("quarkus-test.log"));
            }
            files.addAll(logs);
        }
        List<Path> suiteLogs = logs(SuiteEndToEndTest.LOG_COPY.toAbsolutePath(), ".log");
        files.addAll(suiteLogs);

        LogScan.Result result = LogScan.scan(files);
        System.out.printf("log scan: %d files, %,d lines (%d of the end-to-end suite processes), %d full ID numbers%n",
                result.files(), result.lines(), suiteLogs.size(), result.hits().size());
        files.forEach(f -> System.out.println("  scanned " + f));
        assertTrue(blind.isEmpty(), String.join("\n", blind));
        assertTrue(result.files() > 0, "no log files to scan under " + home + " (run the services' tests first)");
        assertEquals(List.of(), result.hits().stream().map(LogScan.Hit::toString).toList(),
                "full ID numbers in the logs (shown masked)");
    }

    /** The scan itself: what counts as a full ID number, and that a hit is found with file and line. */
    @Test
    void theScanFindsFullIdNumbersOnlyAndSaysWhere(@TempDir Path dir) throws IOException {
        LocalDate today = LocalDate.of(2026, 11, 29);
        String full = SuiteEndToEndTest.idNumber("620121", "19750304", true);
        assertEquals(List.of(full), LogScan.idNumbers("registered member " + full + " in 620121100201", today));
        assertEquals(List.of(full), LogScan.idNumbers("{\"idNumber\":\"" + full + "\"}", today));
        // JSON log lines (prod): a number after an escaped line break or tab in a message or stack trace
        assertEquals(List.of(full), LogScan.idNumbers("{\"message\":\"bad row:\\n" + full + "\\tx\"}", today));
        assertEquals(List.of(full), LogScan.idNumbers("{\"message\":\"\\u4e2d" + full + "\"}", today));
        String lowerX = "11010519491231002X".toLowerCase();
        assertEquals(List.of("11010519491231002X"), LogScan.idNumbers("id=" + lowerX, today));
        char wrong = full.charAt(17) == '1' ? '2' : '1';
        assertEquals(List.of(), LogScan.idNumbers(full.substring(0, 17) + wrong, today), "wrong check character");
        assertEquals(List.of(), LogScan.idNumbers(full.substring(0, 6) + "********" + full.substring(14), today),
                "masked");
        assertEquals(List.of(), LogScan.idNumbers("offset 9" + full, today), "part of a longer number");
        assertEquals(List.of(), LogScan.idNumbers(withCheck("99012119750304123"), today), "no such province");
        assertEquals(List.of(), LogScan.idNumbers(withCheck("62012119750231123"), today), "31 February");
        assertEquals(List.of(), LogScan.idNumbers(withCheck("62012120300101123"), today), "born after today");

        Path log = Files.writeString(dir.resolve("x.log"), "line one\nline two " + full + "\nline three\n");
        LogScan.Result result = LogScan.scan(List.of(log));
        assertEquals(1, result.files());
        assertEquals(3, result.lines());
        assertEquals(List.of(new LogScan.Hit(log, 2, full.substring(0, 6) + "********" + full.substring(14))),
                result.hits());
    }

    private static String withCheck(String body17) {
        return body17 + cn.gansu.lianhu.api.IdNumbers.checkCharacter(body17);
    }

    /** Regular files directly in {@code dir} whose name contains {@code marker}, sorted; none if no dir. */
    private static List<Path> logs(Path dir, String marker) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().contains(marker))
                    .sorted().toList();
        }
    }
}
