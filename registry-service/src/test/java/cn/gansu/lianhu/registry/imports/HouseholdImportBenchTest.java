package cn.gansu.lianhu.registry.imports;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.File;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Issue point 7.5 and issue 7 (full-province scale): a household import of 400,000 generated rows, or of the file
 * named by {@code -Dlianhu.bench.households=…} (e.g. lianhu-bench's {@code households.csv} of the whole province:
 * ~405,000 households, ~1.5 million member rows; its villages are the real Gansu poor villages registry loads at
 * start), compared in the same run with {@code psql \copy} of the same CSV rows into a plain table typed like
 * household + household_member with a primary key ({@code -Dlianhu.bench.psql=…}, default /usr/bin/psql; the JDBC
 * CopyManager when psql is absent). Prints rows, households, seconds, rows/s, the phases of the job, the \copy time,
 * the ratio (goal ≤ 2), heap peaks and the database's row and transaction counters.
 *
 * <p>Off by default; run with
 * {@code mvn -B -o -pl registry-service verify -Dtest=HouseholdImportBenchTest -Dsurefire.failIfNoSpecifiedTests=false -Dlianhu.bench=true [-Dlianhu.bench.households=/tmp/province/households.csv]}.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
@EnabledIfSystemProperty(named = "lianhu.bench", matches = "true")
class HouseholdImportBenchTest {
    /** A plain table with the columns of the import file, typed like household + household_member. */
    private static final String COPY_TABLE = """
            create table bench_copy (
                household_no varchar(40) not null, village_code varchar(12), main_cause varchar(20),
                other_causes varchar(300), income_per_capita numeric(12, 2), address varchar(200), phone varchar(20),
                name varchar(50) not null, id_number varchar(18) primary key, sex varchar(6), birth_date date,
                relation varchar(20) not null, health varchar(20) not null, education varchar(20) not null,
                labour_ability varchar(20) not null)""";

    @Inject
    DataSource ds;

    @Test
    void fullImportAgainstCopy() throws Exception {
        HouseholdImportFixtures.insertVillages(ds);
        String given = System.getProperty("lianhu.bench.households", "");
        Path file;
        long households;
        String batch = null;
        if (given.isBlank()) {
            households = 400_000 / 3; // 1..5 members, 3 on average: 399,999 rows
            batch = "BENCH" + System.nanoTime() % 100000;
            file = Files.createTempFile("bench-", ".csv");
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                HouseholdImportFixtures.writeCsv(w, (int) households, batch);
            }
        } else {
            file = Path.of(given);
            households = -1;
        }
        try {
            long[] counted = countRowsAndHouseholds(file);
            long rows = counted[0];
            if (households < 0) {
                households = counted[1];
            }
            assertEquals(households, counted[1]);
            double[] copyCpu = new double[2];
            double copySeconds = copy(file, copyCpu);

            boolean logStatements = Boolean.getBoolean("lianhu.bench.log-statements");
            if (logStatements) { // every statement with its duration, in the server log (profiling)
                exec("alter system set log_min_duration_statement = 0", "select pg_reload_conf()");
            }
            Map<String, Long> before = dbCounters();
            HeapWatch heap = new HeapWatch();
            Map<Long, Long> threadCpu0 = threadCpu();
            long jvmCpu0 = jvmCpuNanos();
            long pgCpu0 = pgCpuNanos();
            long t0 = System.nanoTime();
            Response r = given().contentType("text/csv").body(file.toFile()).when().post(HouseholdImportTest.IMPORTS);
            r.then().statusCode(202);
            long accepted = System.nanoTime();
            Map<String, Double> phases = new LinkedHashMap<>();
            JsonNode job = await(r.jsonPath().getString("id"), t0, phases);
            double total = (System.nanoTime() - t0) / 1e9;
            double jvmCpu = (jvmCpuNanos() - jvmCpu0) / 1e9;
            double pgCpu = (pgCpuNanos() - pgCpu0) / 1e9;
            String busiest = busiestThreads(threadCpu0);
            heap.stop();
            Map<String, Long> after = dbCounters();
            if (logStatements) {
                exec("alter system reset log_min_duration_statement", "select pg_reload_conf()");
            }
            StringBuilder db = new StringBuilder();
            after.forEach((k, v) -> db.append(' ').append(k).append('=').append(v - before.getOrDefault(k, 0L)));
            System.out.printf("BENCH household import: %d rows, %d households, %.1f MB; upload+checks %.2f s; "
                    + "job durationMs %d; total %.2f s; %.0f rows/s; phases (s since upload) %s%n", rows, households,
                    Files.size(file) / 1e6, (accepted - t0) / 1e9, job.get("durationMs").asLong(), total,
                    rows / total, phases);
            System.out.printf("BENCH \\copy of the same rows: %.2f s (%.0f rows/s); import/copy ratio %.2f (goal <= 2)%n",
                    copySeconds, rows / copySeconds, total / copySeconds);
            System.out.printf("BENCH CPU seconds: import %.1f (JVM %.1f incl. the test's upload, PostgreSQL %.1f); "
                    + "\\copy %.1f (psql %.1f, PostgreSQL %.1f); CPU ratio %.2f; load average %.1f%n", jvmCpu + pgCpu,
                    jvmCpu, pgCpu, copyCpu[0] + copyCpu[1], copyCpu[0], copyCpu[1],
                    (jvmCpu + pgCpu) / (copyCpu[0] + copyCpu[1]),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf("BENCH busiest JVM threads during the import (CPU s):%s%n", busiest);
            System.out.printf("BENCH heap: peak used %d MB, peak live after GC %d MB (max %d MB)%n", heap.peakUsed() >> 20,
                    heap.peakAfterGc() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("BENCH database counters during the import:%s%n", db);
            assertEquals("SUCCEEDED", job.get("status").asText(), job.toString());
            assertEquals(0, job.get("errorCount").asLong(), job.toString());
            assertEquals(rows, job.get("rowsRead").asLong());
            assertEquals(households, job.get("householdsImported").asLong());
            if (batch != null) {
                assertEquals(households, count("select count(*) from household where household_no like '" + batch
                        + "-%'"));
            } else {
                assertEquals(households, count("select count(*) from household"));
                assertEquals(rows, count("select count(*) from household_member"));
            }
        } finally {
            if (batch != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Data rows and households (blocks of consecutive rows with one household_no) of an import file. */
    static long[] countRowsAndHouseholds(Path file) throws Exception {
        long rows = 0;
        Set<String> numbers = new HashSet<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord rec : p) {
                rows++;
                numbers.add(rec.get("household_no"));
            }
        }
        return new long[] {rows, numbers.size()};
    }

    /** {@code \copy} of the file into a fresh {@link #COPY_TABLE}, dropped afterwards; returns seconds. */
    double copy(Path file, double[] cpu) throws Exception {
        exec("drop table if exists bench_copy", COPY_TABLE, "checkpoint");
        String psql = System.getProperty("lianhu.bench.psql", "/usr/bin/psql");
        double seconds;
        long pgCpu0 = pgCpuNanos();
        if (new File(psql).canExecute()) {
            URI u = URI.create(LianhuTestResource.jdbcUrl().substring("jdbc:".length()));
            // /usr/bin/time -f: the CPU seconds of psql itself
            List<String> command = new ArrayList<>();
            if (new File("/usr/bin/time").canExecute()) {
                command.addAll(List.of("/usr/bin/time", "-f", "CPU %U %S"));
            }
            command.addAll(List.of(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", u.getHost(), "-p",
                    String.valueOf(u.getPort()), "-U", LianhuTestResource.dbUser(), "-d", u.getPath().substring(1),
                    "-c", "\\copy bench_copy from '" + file.toAbsolutePath() + "' with (format csv, header true)"));
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("PGPASSWORD", LianhuTestResource.dbPassword());
            pb.redirectErrorStream(true);
            long t0 = System.nanoTime();
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.MINUTES);
            seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(0, p.exitValue(), out);
            cpu[1] = (pgCpuNanos() - pgCpu0) / 1e9;
            Matcher m = Pattern.compile("CPU ([0-9.]+) ([0-9.]+)").matcher(out);
            if (m.find()) {
                cpu[0] = Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2));
            }
            System.out.printf("BENCH \\copy by %s%n", psql);
        } else {
            try (Connection c = ds.getConnection(); BufferedReader in = Files.newBufferedReader(file)) {
                long t0 = System.nanoTime();
                c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy bench_copy from stdin with (format csv, header true)", in);
                seconds = (System.nanoTime() - t0) / 1e9;
            }
            cpu[1] = (pgCpuNanos() - pgCpu0) / 1e9;
            System.out.println("BENCH \\copy by the JDBC CopyManager (no psql)");
        }
        assertEquals(countRowsAndHouseholds(file)[0], count("select count(*) from bench_copy"));
        exec("drop table bench_copy", "checkpoint");
        return seconds;
    }

    /** Polls the job until it ends, noting when each phase was first seen (seconds since {@code t0}). */
    static JsonNode await(String id, long t0, Map<String, Double> phases) throws Exception {
        ObjectMapper m = new ObjectMapper();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode job = m.readTree(given().when().get(HouseholdImportTest.IMPORTS + "/" + id).then().statusCode(200)
                    .extract().asString());
            String phase = job.get("phase").asText();
            phases.putIfAbsent(phase, Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
            String s = job.get("status").asText();
            if (!s.equals("QUEUED") && !s.equals("RUNNING")) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("import job " + id + " did not end within 60 minutes");
    }

    /** Row and transaction counters of the database (pg_stat_database), for deltas around the import. */
    Map<String, Long> dbCounters() throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = st.executeQuery("""
                    select xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_returned, tup_fetched,
                        temp_files, temp_bytes, blks_read, blks_hit from pg_stat_database where datname = current_database()""")) {
                rs.next();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    m.put(rs.getMetaData().getColumnName(i), rs.getLong(i));
                }
            }
        }
        return m;
    }

    /** CPU nanoseconds of every live thread of this JVM, by thread id. */
    static Map<Long, Long> threadCpu() {
        var mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> m = new java.util.HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            m.put(id, mx.getThreadCpuTime(id));
        }
        return m;
    }

    /** The ten threads that used the most CPU since {@code before}, with their seconds. */
    static String busiestThreads(Map<Long, Long> before) {
        var mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> byName = new java.util.HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            var info = mx.getThreadInfo(id);
            long now = mx.getThreadCpuTime(id);
            if (info == null || now < 0) {
                continue;
            }
            String name = info.getThreadName().replaceAll("[0-9]+", "#");
            byName.merge(name, now - before.getOrDefault(id, 0L), Long::sum);
        }
        StringBuilder sb = new StringBuilder();
        byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> sb.append(String.format(" %s=%.1f", e.getKey(), e.getValue() / 1e9)));
        return sb.toString();
    }

    /** CPU time of this JVM (the service, the test's client, the Kafka broker). */
    static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * CPU time of the PostgreSQL server (Linux only, else 0): the postmaster, its live children and the children it
     * has reaped (/proc/PID/stat utime, stime, cutime, cstime in clock ticks of 10 ms).
     */
    long pgCpuNanos() throws Exception {
        String dataDir;
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("show data_directory")) {
            rs.next();
            dataDir = rs.getString(1);
        }
        Path pidFile = Path.of(dataDir, "postmaster.pid");
        if (!Files.exists(pidFile) || !Files.isDirectory(Path.of("/proc"))) {
            return 0;
        }
        String postmaster = Files.readAllLines(pidFile).get(0).trim();
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (java.io.IOException e) {
                    continue; // ended meanwhile
                }
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // f[0] = state (field 3), f[1] = ppid, f[11..14] = utime, stime, cutime, cstime
                if (name.equals(postmaster)) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                            + Long.parseLong(f[14]);
                } else if (f[1].equals(postmaster)) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return ticks * 10_000_000L;
    }

    void exec(String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    long count(String sql) throws SQLException {
        try (var c = ds.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Samples the heap every 50 ms: the peak used, and the peak still live after a collection. */
    static final class HeapWatch {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong used = new AtomicLong();
        private final AtomicLong afterGc = new AtomicLong();
        private final Thread thread;

        HeapWatch() {
            System.gc();
            thread = new Thread(() -> {
                while (running.get()) {
                    long u = 0;
                    long g = 0;
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        if (pool.getType() == MemoryType.HEAP) {
                            u += pool.getUsage().getUsed();
                            if (pool.getCollectionUsage() != null) {
                                g += pool.getCollectionUsage().getUsed();
                            }
                        }
                    }
                    used.accumulateAndGet(u, Math::max);
                    afterGc.accumulateAndGet(g, Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-heap-watch");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        long peakUsed() {
            return used.get();
        }

        long peakAfterGc() {
            return afterGc.get();
        }
    }
}
