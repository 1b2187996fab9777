package cn.gansu.lianhu.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import cn.gansu.lianhu.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Issue 7: visit logging throughput of one visit-service. Off by default; run alone with
 * {@code mvn -B -o -pl visit-service verify -Dtest=VisitLogBenchTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlianhu.bench=true} (optional: {@code -Dlianhu.bench.threads=16 -Dlianhu.bench.seconds=30
 * -Dlianhu.bench.pairings=5000 -Dlianhu.bench.warmup=30 -Dlianhu.bench.existing-visits=200000}; a flight recording
 * of the counted seconds with {@code -Dlianhu.bench.jfr=target/visit-bench.jfr}, the statements most run with
 * {@code -Dlianhu.bench.queries=true}).
 *
 * <p>{@code lianhu.bench.pairings} ACTIVE pairings (from 2026-03-01) are published to {@code pairing.pairings} as
 * pairing-service would and awaited in {@code known_pairing}; {@code lianhu.bench.existing-visits} earlier visits are
 * written directly (a statement that scans {@code visit} shows). Then {@code lianhu.bench.threads} client threads, each
 * with its own HTTP connection, post visits for {@code warmup} seconds (not counted) and {@code seconds} seconds
 * (counted): each visit by the pairing's cadre with a CADRE token, a fresh Idempotency-Key, a date between 2026-03-01
 * and today (2026-11-29), three tasks (policies; one demand; one help item: three outbox events). Prints visits/s,
 * latency p50/p90/p99/max, statements per visit (from {@code pg_stat_statements} when the server loads it — an
 * external one named by {@code LIANHU_POSTGRES_URL} — else the statements Hibernate prepared, which miss those sent as
 * plain JDBC), transactions per visit (Hibernate's), CPU per visit of this JVM and of PostgreSQL's backends, CPU and
 * allocation per visit by thread group, the outbox backlog at the end and how long it takes to drain. Asserts only
 * that every visit got its 201 and that the outbox drains (not a timing).
 *
 * <p>This JVM also runs the client threads and the Kafka broker, so the figures are for one service's share of a
 * 2-core machine, not for the deployed suite.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
@EnabledIfSystemProperty(named = "lianhu.bench", matches = "true")
class VisitLogBenchTest {
    static final int PAIRINGS = Integer.getInteger("lianhu.bench.pairings", 5_000);
    static final int THREADS = Integer.getInteger("lianhu.bench.threads", 16);
    static final int SECONDS = Integer.getInteger("lianhu.bench.seconds", 30);
    static final int WARMUP = Integer.getInteger("lianhu.bench.warmup", 30);
    static final int EXISTING = Integer.getInteger("lianhu.bench.existing-visits", 200_000);
    static final LocalDate FIRST = LocalDate.parse("2026-03-01");
    static final int DAYS = (int) (LocalDate.parse("2026-11-29").toEpochDay() - FIRST.toEpochDay()) + 1;

    /** Three tasks: two policies, one demand (DEMAND_OPENED), one help item (HELP_RECORDED). */
    static final String TASKS = """
            [{"task":"POLICY_PUBLICITY","policies":["农村低保","医疗救助"]},
             {"task":"PUBLIC_OPINION","demands":[{"category":"HOUSING","description":"危房改造"}]},
             {"task":"DEVELOPMENT","help":[{"kind":"FUNDS","amountYuan":3000.50,"peopleBenefiting":4}]}]""";

    record Pairing(String id, String cadre, String unit, String household, String token) {
    }

    @TestHTTPResource("/api/v1/visits")
    URL visits;

    @Inject
    SessionFactory sessions;

    private volatile boolean counting;
    private volatile boolean running = true;

    @Test
    void visitLoggingThroughput() throws Exception {
        List<Pairing> pairings = pairings();
        seedVisits();
        Statistics stats = sessions.getStatistics();
        stats.setStatisticsEnabled(true);

        AtomicLong errors = new AtomicLong();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        long[][] latencies = new long[THREADS][];
        int[] counted = new int[THREADS];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                SplittableRandom random = new SplittableRandom(thread);
                long[] mine = new long[1 << 16];
                int n = 0;
                for (int i = thread; running; i += THREADS) {
                    Pairing p = pairings.get(i % pairings.size());
                    String body = """
                            {"cadreId":"%s","householdId":"%s","visitedOn":"%s","mode":"IN_HOME","durationMinutes":90,
                             "location":{"lat":35.6012,"lon":104.6177},"notes":"看望户主","tasks":%s}"""
                            .formatted(p.cadre(), p.household(), FIRST.plusDays(random.nextInt(DAYS)), TASKS);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(visits.toString()))
                            .header("Content-Type", "application/json")
                            .header("Authorization", TestTokens.bearer(p.token()))
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    boolean count = counting;
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException | InterruptedException e) {
                        status = -1;
                    }
                    long took = System.nanoTime() - start;
                    if (status != 201) {
                        errors.incrementAndGet();
                        statuses.merge(status, 1L, Long::sum);
                    }
                    if (count && counting) {
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = took;
                    }
                }
                latencies[thread] = Arrays.copyOf(mine, n);
                counted[thread] = n;
            }, "bench-client-" + t));
        }
        threads.forEach(Thread::start);
        Thread.sleep(WARMUP * 1000L);

        long pgPid = postmaster();
        long pgCpu0 = childrenCpuMillis(pgPid);
        long jvmCpu0 = jvmCpuMillis();
        Map<Long, Object[]> threadCpu0 = threadCpu();
        stats.clear();
        boolean pgss = resetStatements();
        jdk.jfr.Recording jfr = null;
        if (System.getProperty("lianhu.bench.jfr") != null) {
            jfr = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            jfr.start();
        }
        long t0 = System.nanoTime();
        counting = true;
        Thread.sleep(SECONDS * 1000L);
        counting = false;
        long elapsed = System.nanoTime() - t0;
        long jvmCpu = jvmCpuMillis() - jvmCpu0;
        Map<Long, Object[]> threadCpu1 = threadCpu();
        Map<String, Long> groups = groupCpu(threadCpu0, threadCpu1);
        Map<String, Long> allocated = groupAllocated(threadCpu0, threadCpu1);
        long pgCpu = childrenCpuMillis(pgPid) - pgCpu0;
        long statements = pgss ? query("select sum(calls) from pg_stat_statements"
                + " where dbid = (select oid from pg_database where datname = current_database())"
                + " and query not like '%pg_stat_statements%'") : stats.getPrepareStatementCount();
        long transactions = stats.getTransactionCount();
        long backlogAtEnd = backlog();
        if (jfr != null) {
            jfr.stop();
            jfr.dump(Path.of(System.getProperty("lianhu.bench.jfr")));
        }
        running = false;
        for (Thread t : threads) {
            t.join();
        }
        long drainStart = System.nanoTime();
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> backlog() == 0);
        double drained = (System.nanoTime() - drainStart) / 1e9;

        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        int visitsCounted = Arrays.stream(counted).sum();
        double seconds = elapsed / 1e9;
        System.out.printf("%nvisit bench: %d pairings, %d earlier visits, %d threads, %d s warm-up, %.1f s counted,"
                + " %d cores%n", PAIRINGS, EXISTING, THREADS, WARMUP, seconds, Runtime.getRuntime().availableProcessors());
        System.out.printf("| visits/s | p50 ms | p90 ms | p99 ms | max ms | statements/visit | transactions/visit |"
                + " JVM CPU ms/visit | PG CPU ms/visit | backlog at end | drained in s | errors |%n");
        System.out.printf("| %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f | %.2f | %d | %.1f | %d %s |%n",
                visitsCounted / seconds, pct(all, 50), pct(all, 90), pct(all, 99), all[all.length - 1] / 1e6,
                (double) statements / visitsCounted, (double) transactions / visitsCounted,
                (double) jvmCpu / visitsCounted, (double) pgCpu / visitsCounted, backlogAtEnd, drained, errors.get(),
                statuses);
        System.out.printf("statements counted by %s%n", pgss ? "pg_stat_statements (every statement PostgreSQL ran,"
                + " the relay's and this bench's few included)" : "Hibernate (statements it prepared; not those sent"
                + " as plain JDBC — run on a server with pg_stat_statements via LIANHU_POSTGRES_URL for those)");
        System.out.printf("CPU ms/visit by thread group: %s%n", groups.entrySet().stream()
                .sorted(Map.Entry.<String, Long> comparingByValue(Comparator.reverseOrder()))
                .map(e -> "%s %.2f".formatted(e.getKey(), e.getValue() / 1e6 / visitsCounted)).toList());
        System.out.printf("KB allocated/visit by thread group: %s%n", allocated.entrySet().stream()
                .sorted(Map.Entry.<String, Long> comparingByValue(Comparator.reverseOrder()))
                .map(e -> "%s %.0f".formatted(e.getKey(), e.getValue() / 1024.0 / visitsCounted)).toList());
        if (Boolean.getBoolean("lianhu.bench.queries") && pgss) {
            try (Connection c = DriverManager.getConnection(LianhuTestResource.jdbcUrl(), LianhuTestResource.dbUser(),
                    LianhuTestResource.dbPassword()); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                            "select calls, round(total_exec_time::numeric, 0), query from pg_stat_statements"
                                    + " where dbid = (select oid from pg_database where datname = current_database())"
                                    + " order by calls desc limit 25")) {
                while (rs.next()) {
                    System.out.printf("%8.2f/visit %6d ms  %s%n", rs.getLong(1) / (double) visitsCounted, rs.getLong(2),
                            rs.getString(3).replaceAll("\\s+", " ").substring(0, Math.min(160, rs.getString(3)
                                    .replaceAll("\\s+", " ").length())));
                }
            }
        } else if (Boolean.getBoolean("lianhu.bench.queries")) {
            Stream.of(stats.getQueries()).map(q -> Map.entry(q, stats.getQueryStatistics(q).getExecutionCount()))
                    .sorted(Map.Entry.<String, Long> comparingByValue(Comparator.reverseOrder())).limit(30)
                    .forEach(e -> System.out.printf("%8.2f/visit  %s%n", (double) e.getValue() / visitsCounted,
                            e.getKey().replaceAll("\\s+", " ")));
        }
        assertEquals(0, errors.get(), "every visit answered 201: " + statuses);
        assertTrue(visitsCounted > 0);
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
    }

    /** Publishes the pairings as pairing-service would and waits until visit-service knows them all. */
    private static List<Pairing> pairings() throws Exception {
        long t0 = System.nanoTime();
        List<Pairing> pairings = new ArrayList<>();
        try (KafkaProducer<String, String> producer = TestKafka.producer()) {
            pairings.addAll(java.util.stream.IntStream.range(0, PAIRINGS).parallel().mapToObj(i -> {
                UUID cadre = UUID.randomUUID();
                return new Pairing(UUID.randomUUID().toString(), cadre.toString(), UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(), TestTokens.cadre(cadre));
            }).toList());
            for (Pairing p : pairings) {
                producer.send(new ProducerRecord<>("pairing.pairings", p.id(), KnownPairingsTest.pairingEvent(
                        UUID.randomUUID().toString(), "pairing.pairing.activated.v1", p.id(), p.cadre(), p.unit(),
                        p.household(), true, "ACTIVE", "2026-03-01", null, null, 1)));
            }
            producer.flush();
        }
        String ids = "'" + String.join("','", pairings.stream().map(Pairing::id).toList()) + "'";
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(
                () -> query("select count(*) from known_pairing where cast(id as varchar) in (" + ids + ")") == PAIRINGS);
        System.out.printf("%nvisit bench: %d pairings known in %.1f s%n", PAIRINGS, (System.nanoTime() - t0) / 1e9);
        return pairings;
    }

    /**
     * {@code lianhu.bench.existing-visits} visits logged earlier (other pairings, every mode, no tasks), so that the
     * tables are not empty: a query that scans {@code visit} shows here.
     */
    private static void seedVisits() throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(LianhuTestResource.jdbcUrl(), LianhuTestResource.dbUser(),
                LianhuTestResource.dbPassword()); Statement s = c.createStatement()) {
            s.execute("""
                    insert into visit (id, cadre_id, unit_id, household_id, village_code, pairing_id, visited_on, mode,
                      duration_minutes, version, created_at, updated_at)
                    select md5('v' || g)::uuid, md5('c' || g %% 50000)::uuid, md5('u' || g %% 5000)::uuid,
                      md5('h' || g %% 50000)::uuid, '621121100201', md5('p' || g %% 50000)::uuid,
                      date '2026-01-01' + g %% 330, (array['IN_HOME', 'BY_PHONE', 'VILLAGE_MEETING', 'OTHER'])[1 + g %% 4],
                      60, 1, now(), now()
                    from generate_series(1, %d) g""".formatted(EXISTING));
            s.execute("analyze visit");
        }
        System.out.printf("visit bench: %d earlier visits written in %.1f s%n", EXISTING, (System.nanoTime() - t0) / 1e9);
    }

    /** Resets pg_stat_statements; false when the server does not load it (the embedded one does not). */
    private static boolean resetStatements() {
        try (Connection c = DriverManager.getConnection(LianhuTestResource.jdbcUrl(), LianhuTestResource.dbUser(),
                LianhuTestResource.dbPassword()); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
            return true;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private static long backlog() throws Exception {
        return query("select count(*) from outbox_event where sent_at is null");
    }

    /** PostgreSQL's postmaster: the parent of a backend (read while the backend lives). */
    private static long postmaster() throws Exception {
        try (Connection c = DriverManager.getConnection(LianhuTestResource.jdbcUrl(), LianhuTestResource.dbUser(),
                LianhuTestResource.dbPassword()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            String stat = Files.readString(Path.of("/proc/" + rs.getLong(1) + "/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        }
    }

    /** CPU time (user + system) of the live children of {@code parent} (PostgreSQL's backends), ms. */
    private static long childrenCpuMillis(long parent) throws IOException {
        long ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[1]) == parent) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return ticks * 10; // USER_HZ = 100
    }

    /** CPU time of each live thread: id → {name, ns}. */
    private static Map<Long, Object[]> threadCpu() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Object[]> cpu = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                cpu.put(info.getThreadId(), new Object[] { info.getThreadName(), mx.getThreadCpuTime(info.getThreadId()),
                        ((com.sun.management.ThreadMXBean) mx).getThreadAllocatedBytes(info.getThreadId()) });
            }
        }
        return cpu;
    }

    /**
     * CPU ns per thread group between two snapshots: server (HTTP workers and event loops), relay (outbox relay and
     * its Kafka producer), consumer (Kafka consumers of visit-service), broker (the in-JVM Kafka broker), client (this
     * bench's threads and their HTTP clients), other. The JVM's own threads (GC, JIT) are not listed here.
     */
    private static Map<String, Long> groupCpu(Map<Long, Object[]> before, Map<Long, Object[]> after) {
        return group(before, after, 1);
    }

    /** Bytes allocated per thread group between two snapshots (groups as {@link #groupCpu}). */
    private static Map<String, Long> groupAllocated(Map<Long, Object[]> before, Map<Long, Object[]> after) {
        return group(before, after, 2);
    }

    private static Map<String, Long> group(Map<Long, Object[]> before, Map<Long, Object[]> after, int field) {
        Map<String, Long> groups = new java.util.TreeMap<>();
        after.forEach((id, a) -> {
            String name = (String) a[0];
            long delta = (long) a[field] - (before.containsKey(id) ? (long) before.get(id)[field] : 0L);
            String group = name.startsWith("executor-thread") || name.startsWith("vert.x-eventloop") ? "server"
                    : name.startsWith("outbox-relay") || name.startsWith("kafka-producer-network-thread") ? "relay"
                    : name.startsWith("smallrye-kafka-consumer") ? "consumer"
                    : name.startsWith("bench-client") || name.startsWith("HttpClient") ? "client"
                    : name.startsWith("data-plane") || name.startsWith("kafka") || name.startsWith("quorum")
                            || name.startsWith("broker") || name.startsWith("raft") || name.contains("Kafka") ? "broker"
                    : "other";
            groups.merge(group, Math.max(0, delta), Long::sum);
        });
        return groups;
    }

    private static long jvmCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    private static long query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(LianhuTestResource.jdbcUrl(), LianhuTestResource.dbUser(),
                LianhuTestResource.dbPassword()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
