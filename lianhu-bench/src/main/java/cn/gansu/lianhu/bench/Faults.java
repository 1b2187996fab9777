package cn.gansu.lianhu.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.databind.JsonNode;

import cn.gansu.lianhu.launcher.Launcher;
import cn.gansu.lianhu.launcher.Service;
import cn.gansu.lianhu.launcher.Settings;

/**
 * The fault suite of issue 8 point 1 ({@code ./lianhu faults [--households N] [--visit-rate R]}): real processes
 * (embedded PostgreSQL, a KRaft broker in a process of its own, the four packaged services), a household import
 * and a steady stream of visits running while, in turn, each service, the broker and PostgreSQL is killed with
 * SIGKILL and started again; then everything is reconciled against the clients' own records
 * ({@link Reconciliation}): every accepted request reflected exactly once in registry, pairing, visit and reporting.
 * <ol>
 * <li>A synthetic province ({@link ProvinceGenerator}) just big enough for the seed households plus N; a fresh
 * suite in {@code <out>/data}.</li>
 * <li>Seed: the first households imported, units, cadres, village and leader links, the province plan and its
 * confirmation — ACTIVE pairings for the visits; loaded as the benchmarks load theirs ({@link Bench#load}).</li>
 * <li>Six phases, one per kill (registry, pairing, visit, reporting, Kafka, PostgreSQL): each posts its share of
 * the N households as an import, kills its target (the registry and PostgreSQL kills wait until the import is
 * RUNNING), waits, restarts it, and settles the import (a FAILED import is uploaded again, same file). Visits go on
 * at the given rate throughout, retried with the same Idempotency-Key while the answer is unknown.</li>
 * <li>While Kafka is down: visits are still accepted and the visit outbox backlog in readiness grows. While
 * PostgreSQL is down: each service's readiness is 503 with its database check DOWN, liveness 200.</li>
 * <li>Stop the load; wait until every outbox is empty and every consumer group has no lag; reconcile; print the
 * table and write it to {@code <out>/results.md}.</li>
 * </ol>
 * Exit code 0 when nothing was lost or duplicated and every health expectation held; 1 otherwise.
 */
public final class Faults {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** Scale (percent) of the province whose households, units and cadres are imported before the faults. */
    static final double SEED_SCALE = 0.1;
    static final int FULL_HOUSEHOLDS = 404_000;

    /** The phases: what each one kills. */
    enum Kill {
        REGISTRY("registry-service"), PAIRING("pairing-service"), VISIT("visit-service"),
        REPORTING("reporting-service"), KAFKA("Kafka broker"), POSTGRES("PostgreSQL");

        final String label;

        Kill(String label) {
            this.label = label;
        }

        Service service() {
            return switch (this) {
                case REGISTRY -> Service.REGISTRY;
                case PAIRING -> Service.PAIRING;
                case VISIT -> Service.VISIT;
                case REPORTING -> Service.REPORTING;
                default -> null;
            };
        }
    }

    /** What to run. */
    public record Options(int households, int visitRate, int clients, Path out, long seed, int downSeconds,
            Duration convergeTimeout, boolean replicas) {
        public Options(int households, int visitRate, int clients, Path out, long seed, int downSeconds,
                Duration convergeTimeout) {
            this(households, visitRate, clients, out, seed, downSeconds, convergeTimeout, false);
        }

        /** The same run with a second replica of every service instead of the kills ({@link Faults} replicas). */
        public Options withReplicas() {
            return new Options(households, visitRate, clients, out, seed, downSeconds, convergeTimeout, true);
        }

        public static Options defaults() {
            return new Options(6000, 20, 8, Path.of("target/faults"), 42, 5, Duration.ofMinutes(5));
        }
    }

    /** One household import of a phase and how it was settled. */
    static final class ImportPart {
        final int phase;
        final Path file;
        final List<String> heads;
        final List<String> jobs = new ArrayList<>();
        final List<String> statuses = new ArrayList<>();
        volatile String jobId;
        volatile long imported = -1;
        volatile boolean accepted;
        volatile boolean byLookup;
        volatile String problem;

        ImportPart(int phase, Path file, List<String> heads) {
            this.phase = phase;
            this.file = file;
            this.heads = heads;
        }
    }

    private final Options o;
    private final PrintStream out;
    private final long started = System.nanoTime();
    final List<String> failures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final Map<String, Object> figures = new LinkedHashMap<>();
    private final HttpClient raw = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Starts the suite and loads the seed province (shared with the benchmarks and the soak). */
    private final Bench bench;
    Launcher suite;
    KafkaProcess kafka;
    /** The second replicas (replica mode only). */
    Replicas replicas;
    /** Where household imports are posted; null = registry's first replica. */
    volatile String importBase;
    Http http;
    volatile int phase;

    /** The province admin's token the suite printed (Bench's). */
    String token() {
        return bench.token();
    }
    final List<ImportPart> parts = new ArrayList<>();
    VisitStream stream;
    String run;
    long activePairings;
    long seedHouseholds;

    public Faults(Options options, PrintStream out) {
        this.o = options;
        this.out = out;
        this.bench = Bench.forFaults(options.seed(), out);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        Options d = Options.defaults();
        int households = d.households();
        int rate = d.visitRate();
        int clients = d.clients();
        Path outDir = d.out();
        String usage = "usage: ./lianhu faults [--households 6000] [--visit-rate 20] [--clients 8] [--out target/faults]";
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--households" -> households = Integer.parseInt(args[++i]);
                    case "--visit-rate" -> rate = Integer.parseInt(args[++i]);
                    case "--clients" -> clients = Integer.parseInt(args[++i]);
                    case "--out" -> outDir = Path.of(args[++i]);
                    case "--help", "-h" -> {
                        System.out.println(usage);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (households < 6 || households > 400_000 || rate < 1 || rate > 2000 || clients < 1 || clients > 256) {
                throw new IllegalArgumentException("--households in 6..400000, --visit-rate in 1..2000, --clients in 1..256");
            }
        } catch (RuntimeException e) {
            Usage.exit(e, args, usage);
            return;
        }
        Faults f = new Faults(new Options(households, rate, clients, outDir, d.seed(), d.downSeconds(),
                d.convergeTimeout()), System.out);
        Reconciliation.Report report = f.run();
        Runtime.getRuntime().halt(report.passed() ? 0 : 1);
    }

    /** Runs the whole suite; everything it started is stopped at the end, also on failure. */
    public Reconciliation.Report run() throws Exception {
        Path home = Path.of(System.getProperty("lianhu.home", ".")).toAbsolutePath().normalize();
        for (Service s : Service.ALL) {
            if (!Files.isRegularFile(s.jar(home))) {
                throw new IllegalStateException(s.jar(home) + " is missing: package the services first "
                        + "(mvn -B -DskipTests package, or ./lianhu build)");
            }
        }
        Path dir = o.out().toAbsolutePath();
        Path data = dir.resolve("data");
        Bench.deleteTree(data);
        Files.createDirectories(data);
        Path province = dir.resolve("province");
        Bench.deleteTree(province);
        List<List<CSVRecord>> households = generate(province);
        Thread hook = new Thread(this::stopAll, "faults-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Reconciliation.Report report = null;
        try {
            kafka = new KafkaProcess(data.resolve("kafka"), KafkaProcess.freePortPair(), data.resolve("logs/kafka.log"));
            say("starting the Kafka broker process on %s", kafka.bootstrapServers());
            kafka.start();
            Settings settings = Settings.isolated(home, data).withKafka(kafka.bootstrapServers());
            if (o.replicas()) {
                settings = Replicas.settings(settings);
            }
            suite = bench.start(settings);
            http = bench.http();
            if (o.replicas()) {
                replicas = new Replicas(this);
                replicas.start();
            }
            seed(province);
            List<List<List<CSVRecord>>> shares = split(households, Kill.values().length);
            for (int k = 0; k < shares.size(); k++) {
                parts.add(new ImportPart(k, writeHouseholds(province.resolve("faults-" + k + ".csv"), shares.get(k)),
                        shares.get(k).stream().map(h -> h.get(0).get("id_number")).toList()));
            }
            if (replicas != null) {
                replicas.phases();
            } else {
                faults();
            }
            report = new Reconciliation(this).reconcile();
            if (replicas != null) {
                replicas.afterReconciliation();
                report = report.amended(this, "Two replicas of every service (issue 9 point 4)", List.of(
                        "the rows above are phases: 1 registry-service-2 killed while its import ran, 2 pairing-service-2"
                                + " killed, 3 visit-service-2 killed, 4 a rebuild asked beside a second reporting replica,"
                                + " then reporting-service-2 killed, 5-6 imports only; visits alternate between both"
                                + " visit replicas",
                        "partitions per replica (consumer group: replica 1 / replica 2): "
                                + figures.get("partitionsPerReplica"),
                        "the import on the killed registry replica: " + figures.get("orphanedImport"),
                        "rebuild beside another reporting replica: " + figures.get("rebuildBesideReplica"),
                        "rebuild on the one replica left: " + figures.get("rebuildAfter")
                                + "; province visit and coverage figures equal before and after: "
                                + figures.get("rebuildFiguresEqual")));
            }
        } catch (RuntimeException | Error e) {
            failures.add("the run stopped: " + e);
            throw e;
        } finally {
            if (report == null) {
                report = Reconciliation.Report.incomplete(this);
            }
            write(dir, report);
            stopAll();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
        return report;
    }

    private synchronized void stopAll() {
        if (suite != null) {
            suite.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    // ------------------------------------------------------------------ data

    /**
     * Generates the seed province in {@code province} (a whole province at {@value #SEED_SCALE} %, so that its plan
     * is feasible: households, units, cadres and links, loaded by {@link #seed}) and returns the N households for the
     * faults, one list each: from a second province generated with another seed (household numbers suffixed
     * {@code -F} when written), any household with an ID number of the seed left out.
     */
    private List<List<CSVRecord>> generate(Path province) throws IOException {
        new ProvinceGenerator(Province.load(), new ProvinceGenerator.Options(o.seed(), SEED_SCALE, province, false,
                ProvinceGenerator.DEFAULT_AS_OF)).generate();
        List<List<CSVRecord>> seedHouseholds = households(province.resolve("households.csv"));
        Set<String> seedIds = new HashSet<>();
        seedHouseholds.forEach(h -> h.forEach(r -> seedIds.add(r.get("id_number"))));
        Path more = province.resolve("more");
        double scale = Math.min(100, Math.max(0.05, o.households() * 100.0 / FULL_HOUSEHOLDS * 1.15));
        List<List<CSVRecord>> fresh = new ArrayList<>();
        while (true) {
            new ProvinceGenerator(Province.load(), new ProvinceGenerator.Options(o.seed() + 1, scale, more, false,
                    ProvinceGenerator.DEFAULT_AS_OF)).generate();
            fresh.clear();
            for (List<CSVRecord> h : households(more.resolve("households.csv"))) {
                if (h.stream().noneMatch(r -> seedIds.contains(r.get("id_number")))) {
                    fresh.add(h);
                }
            }
            if (fresh.size() >= o.households() || scale >= 100) {
                break;
            }
            scale = Math.min(100, scale * 1.3);
        }
        if (fresh.size() < o.households()) {
            throw new IllegalStateException("the generator gave " + fresh.size() + " households, " + o.households()
                    + " needed");
        }
        say("generated the seed province at %s %% (%,d households) and %,d more households for the faults",
                SEED_SCALE, seedHouseholds.size(), o.households());
        return new ArrayList<>(fresh.subList(0, o.households()));
    }

    /** The households of an import file: consecutive rows with one household_no. */
    static List<List<CSVRecord>> households(Path file) throws IOException {
        List<List<CSVRecord>> result = new ArrayList<>();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String last = null;
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                String no = r.get("household_no");
                if (!no.equals(last)) {
                    result.add(new ArrayList<>());
                    last = no;
                }
                result.get(result.size() - 1).add(r);
            }
        }
        return result;
    }

    /** The households in n shares of (nearly) equal size, in order. */
    private static List<List<List<CSVRecord>>> split(List<List<CSVRecord>> households, int n) {
        List<List<List<CSVRecord>>> shares = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shares.add(new ArrayList<>());
        }
        int per = (households.size() + n - 1) / n;
        for (int i = 0; i < households.size(); i++) {
            shares.get(Math.min(n - 1, i / per)).add(households.get(i));
        }
        return shares;
    }

    /** Writes the households' rows with their header, each household number suffixed {@code -F}. */
    private static Path writeHouseholds(Path file, List<List<CSVRecord>> households) throws IOException {
        List<CSVRecord> rows = new ArrayList<>();
        households.forEach(rows::addAll);
        if (rows.isEmpty()) {
            throw new IllegalStateException("no rows for " + file);
        }
        String[] header = rows.get(0).getParser().getHeaderNames().toArray(String[]::new);
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').setHeader(header)
                        .get())) {
            for (CSVRecord r : rows) {
                String[] values = r.values();
                values[0] = values[0] + "-F";
                p.printRecord((Object[]) values);
            }
        }
        return file;
    }

    // ------------------------------------------------------------------ seed

    /** Seed households, units, cadres, links, the province plan and its confirmation ({@link Bench#load}). */
    private void seed(Path province) throws Exception {
        long t0 = System.nanoTime();
        bench.load(province);
        seedHouseholds = bench.households();
        activePairings = bench.activePairings();
        if (activePairings == 0) {
            throw new IllegalStateException("the seed plan made no ACTIVE pairing");
        }
        say("seeded in %.1f s: %d households, %d ACTIVE pairings known to visit-service", secs(t0), seedHouseholds,
                activePairings);
    }

    // ------------------------------------------------------------------ the faults

    private void faults() throws Exception {
        List<String[]> pairings = bench.activePairingRows();
        run = Long.toString(System.currentTimeMillis(), 36);
        stream = new VisitStream(url(Service.VISIT, "/api/v1/visits"), bench::token, pairings,
                LocalDate.now(BEIJING).toString(), o.visitRate(), o.clients(), run, () -> phase);
        say("visits: %d/s from %d clients over %d ACTIVE pairings; households: %d imports of ~%d", o.visitRate(),
                o.clients(), pairings.size(), parts.size(), parts.get(0).heads.size());
        stream.start();
        try {
            pause(3000);
            for (Kill k : Kill.values()) {
                phase = k.ordinal();
                phase(k, parts.get(k.ordinal()));
            }
            pause(3000);
        } finally {
            say("stopping the visit stream (requests still without an answer get 60 s)");
            stream.stop(Duration.ofSeconds(60));
        }
        for (ImportPart p : parts) {
            settleImport(p, Duration.ofMinutes(3));
        }
        say("visits sent: %,d", stream.requests().size());
    }

    private void phase(Kill k, ImportPart part) throws Exception {
        long t0 = System.nanoTime();
        say("— phase %d: kill -9 %s", k.ordinal() + 1, k.label);
        postImport(part);
        if (k == Kill.REGISTRY || k == Kill.POSTGRES) {
            awaitRunning(part);
        } else {
            pause(1000);
        }
        long acceptedBefore = stream.acceptedIn(k.ordinal());
        switch (k) {
            case KAFKA -> {
                kafka.kill9();
                say("kill -9 Kafka broker (pid %d)", kafka.pid());
                kafkaDown(acceptedBefore);
                kafka.start();
                say("Kafka broker restarted on %s", kafka.bootstrapServers());
            }
            case POSTGRES -> {
                suite.killPostgres();
                postgresDown();
                suite.restartPostgres();
                awaitAllReady(Duration.ofMinutes(3));
            }
            default -> {
                suite.kill(k.service());
                pause(o.downSeconds() * 1000L);
                long ns = suite.restart(k.service());
                say("%s ready %.1f s after its restart", k.service().name(), ns / 1e9);
            }
        }
        settleImport(part, Duration.ofMinutes(3));
        pause(3000);
        say("  phase %d done in %.1f s: %d visits accepted so far in it; import %s", k.ordinal() + 1, secs(t0),
                stream.acceptedIn(k.ordinal()), part.statuses);
    }

    /** While the broker is down: visits still accepted, the visit outbox backlog in readiness grows. */
    private void kafkaDown(long acceptedBefore) {
        pause(2000);
        long b1 = backlog(Service.VISIT);
        long a1 = stream.acceptedIn(Kill.KAFKA.ordinal());
        pause(Math.max(3, o.downSeconds()) * 1000L);
        long b2 = backlog(Service.VISIT);
        long a2 = stream.acceptedIn(Kill.KAFKA.ordinal());
        String what = String.format(Locale.ROOT, "Kafka down: %d visits accepted (2xx) in %d s of the outage; "
                + "visit-service readiness outbox backlog %d → %d", a2 - a1, Math.max(3, o.downSeconds()), b1, b2);
        say("  %s", what);
        notes.add(what);
        figures.put("kafkaDownVisitsAccepted", a2 - a1);
        figures.put("kafkaDownBacklog", List.of(b1, b2));
        if (a2 - a1 <= 0) {
            failures.add("no visit was accepted while Kafka was down");
        }
        if (!(b2 > b1 && b1 >= 0)) {
            failures.add("the outbox backlog in visit-service's readiness did not grow while Kafka was down: " + b1
                    + " → " + b2);
        }
    }

    /** The {@code backlog} of the readiness check {@code outbox}; -1 if it cannot be read. */
    private long backlog(Service s) {
        HttpResponse<String> r = rawGet(s, "/q/health/ready");
        if (r == null) {
            return -1;
        }
        try {
            for (JsonNode check : Http.JSON.readTree(r.body()).path("checks")) {
                if ("outbox".equals(check.path("name").asText())) {
                    return check.path("data").path("backlog").asLong(-1);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** While PostgreSQL is down: readiness 503 with the database check DOWN, liveness 200, for every service. */
    private void postgresDown() {
        pause(1000);
        for (Service s : Service.ALL) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int ready = -1;
            String dbState = "?";
            while (System.nanoTime() < deadline) {
                HttpResponse<String> r = rawGet(s, "/q/health/ready");
                ready = r == null ? -1 : r.statusCode();
                dbState = r == null ? "?" : databaseCheck(r.body());
                if (ready == 503 && "DOWN".equals(dbState)) {
                    break;
                }
                pause(250);
            }
            HttpResponse<String> live = rawGet(s, "/q/health/live");
            int liveStatus = live == null ? -1 : live.statusCode();
            String what = String.format(Locale.ROOT, "PostgreSQL down: %s readiness %d (database check %s), liveness %d",
                    s.name(), ready, dbState, liveStatus);
            say("  %s", what);
            notes.add(what);
            figures.put("pgDown." + s.name(), List.of(ready, dbState, liveStatus));
            if (ready != 503 || !"DOWN".equals(dbState)) {
                failures.add(what + " (expected readiness 503 with the database check DOWN)");
            }
            if (liveStatus != 200) {
                failures.add(what + " (expected liveness 200)");
            }
        }
        pause(Math.max(0, o.downSeconds() - 2) * 1000L);
    }

    /** State of the datasource check in a health body ("Database connections health check"); "?" if none. */
    static String databaseCheck(String body) {
        try {
            for (JsonNode check : Http.JSON.readTree(body).path("checks")) {
                if (check.path("name").asText().toLowerCase(Locale.ROOT).contains("database")) {
                    return check.path("status").asText();
                }
            }
        } catch (IOException e) {
            return "?";
        }
        return "?";
    }

    private void awaitAllReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Service s : Service.ALL) {
            while (true) {
                HttpResponse<String> r = rawGet(s, "/q/health/ready");
                if (r != null && r.statusCode() == 200) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(s.name() + " not ready " + timeout.toSeconds()
                            + " s after PostgreSQL restarted: " + (r == null ? "no answer" : r.body()));
                }
                pause(250);
            }
        }
        say("every service ready again after PostgreSQL's restart");
    }

    private HttpResponse<String> rawGet(Service s, String path) {
        try {
            return raw.send(HttpRequest.newBuilder(URI.create(url(s, path))).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ household imports

    /** Uploads the part's file (again), retrying while registry does not answer. */
    void postImport(ImportPart part) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            try {
                String base = importBase != null ? importBase : suite.baseUrl(Service.REGISTRY);
                Http.Answer a = http.postFile(base + "/api/v1/households/imports", part.file, "text/csv");
                if (a.status() == 202) {
                    part.jobId = a.json().get("id").asText();
                    part.jobs.add(part.jobId);
                    return;
                }
                if (a.status() / 100 == 4 && a.status() != 429) {
                    throw new IllegalStateException("household import refused: " + a.status() + " " + a.body());
                }
            } catch (IllegalStateException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("household import refused")) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("registry did not take the household import within 3 min");
            }
            pause(500);
        }
    }

    void awaitRunning(ImportPart part) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode job = job(part.jobId);
            String status = job == null ? "?" : job.path("status").asText();
            if (job != null && "RUNNING".equals(status)) {
                say("  import %s RUNNING (%d rows read): kill now", part.jobId, job.path("rowsRead").asLong());
                return;
            }
            if (job != null && !"QUEUED".equals(status) && !"RUNNING".equals(status)) {
                notes.add("phase " + (part.phase + 1) + ": the import finished (" + status + ") before the kill");
                say("  import already %s before the kill", status);
                return;
            }
            pause(20);
        }
    }

    private JsonNode job(String id) {
        try {
            Http.Answer a = http.get(url(Service.REGISTRY, "/api/v1/households/imports/" + id));
            return a.status() == 200 ? a.json() : null;
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /**
     * Follows the part's job until it is final; a FAILED job is uploaded again (same file) until one SUCCEEDS. A
     * re-run refused because every household is already registered means the interrupted one was written after all:
     * accepted, found by lookup.
     */
    void settleImport(ImportPart part, Duration timeout) {
        if (part.accepted || part.problem != null) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = job(part.jobId);
            if (job == null) {
                pause(500);
                continue;
            }
            String status = job.path("status").asText();
            if ("QUEUED".equals(status) || "RUNNING".equals(status)) {
                pause(500);
                continue;
            }
            part.statuses.add(status);
            if ("SUCCEEDED".equals(status)) {
                part.imported = job.path("householdsImported").asLong();
                part.accepted = true;
                if (part.imported != part.heads.size()) {
                    part.problem = "import " + part.jobId + " SUCCEEDED with " + part.imported + " of "
                            + part.heads.size() + " households";
                }
                return;
            }
            long present = registered(part.heads);
            if (present == part.heads.size()) {
                part.accepted = true;
                part.byLookup = true;
                part.imported = present;
                notes.add("phase " + (part.phase + 1) + ": import " + part.jobs + " said " + status + " ("
                        + job.path("message").asText() + ") but all " + present + " households are registered");
                return;
            }
            if (present != 0) {
                part.problem = "import " + part.jobId + " " + status + " and " + present + " of " + part.heads.size()
                        + " households registered (half-written)";
                return;
            }
            say("  import %s %s (%s): uploading the same file again", part.jobId, status, job.path("message").asText());
            postImport(part);
        }
        part.problem = "import " + part.jobId + " not final within " + timeout.toSeconds() + " s (statuses "
                + part.statuses + ")";
    }

    /** How many of these heads (ID numbers) are active members in registry. */
    private long registered(List<String> heads) {
        try (Connection c = db(Service.REGISTRY);
                PreparedStatement ps = c.prepareStatement("select count(*) from household_member where active and "
                        + "id_number = any (?)")) {
            ps.setArray(1, c.createArrayOf("varchar", heads.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    // ------------------------------------------------------------------ helpers

    String url(Service s, String path) {
        return bench.url(s, path);
    }

    Connection db(Service s) throws SQLException {
        return bench.db(s);
    }

    long count(Service s, String sql) throws SQLException {
        try (Connection c = db(s); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void write(Path dir, Reconciliation.Report report) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), report.markdown());
        out.println();
        out.println(report.markdown());
        out.println("(written to " + dir.resolve("results.md") + ")");
    }

    Options options() {
        return o;
    }

    double elapsedSeconds() {
        return secs(started);
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    void say(String format, Object... args) {
        out.printf(Locale.ROOT, "[faults %6.1fs] %s%n", secs(started), String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
