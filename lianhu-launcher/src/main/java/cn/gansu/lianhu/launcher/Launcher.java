package cn.gansu.lianhu.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.testsupport.LocalKafka;
import cn.gansu.lianhu.testsupport.LocalPostgres;

/**
 * Runs the whole Lianhu suite on one machine without Docker (DESIGN.md §6):
 * <ol>
 * <li>PostgreSQL — embedded, data in {@code .lianhu/postgres} (kept between runs), port 5432 or a free one,
 * with the databases {@code lianhu_registry}, {@code lianhu_pairing}, {@code lianhu_visit},
 * {@code lianhu_reporting}; or the external server of {@code LIANHU_POSTGRES_URL}
 * (+ {@code LIANHU_DB_USER}/{@code LIANHU_DB_PASSWORD});</li>
 * <li>Kafka — a KRaft broker in this JVM, log in {@code .lianhu/kafka}, port 9092 or a free one; or the
 * external broker of {@code LIANHU_KAFKA_BOOTSTRAP_SERVERS};</li>
 * <li>the four services as child processes ({@code java -XX:SharedArchiveFile=app-cds.jsa -jar quarkus-run.jar} in
 * {@code <service>/target/quarkus-app}),
 * logging to {@code .lianhu/logs/<service>.log}, each waited for on {@code /q/health/ready};</li>
 * <li>then waits until registry has loaded the Gansu data (8,790 poor villages under 62) and reporting
 * shows it, and prints the URLs and a province admin's token.</li>
 * </ol>
 * Security (issue 6): the services trust the local key pair of {@code .lianhu/keys} ({@link LocalKeys}, made
 * at the first start) and the issuer {@code https://sso.lianhu.local} (or {@code LIANHU_JWT_ISSUER}); the
 * launcher polls the APIs with a token of its own and prints {@code export TOKEN=...} at ready.
 * {@code ./lianhu token ...} ({@link #token(List, Path, PrintStream, PrintStream)}) mints more tokens.
 * SIGINT/SIGTERM stop the services (SIGTERM, then wait), then Kafka, then PostgreSQL.
 *
 * <p>Use {@code ./lianhu run}, or {@code java -jar lianhu-launcher/target/lianhu-launcher.jar} from the
 * project folder (or with {@code -Dlianhu.home=<folder>}).
 */
public final class Launcher implements AutoCloseable {
    /** Poor villages of Gansu in the shipped data (data/gansu/poor_villages.csv). */
    public static final int GANSU_POOR_VILLAGES = 8790;
    private static final Pattern COUNTS_PATH = Pattern.compile("/api/v1/regions/\\{[^}]+}/counts");
    private static final Pattern PAIRING_COUNTS_PATH = Pattern.compile("/api/v1/villages/counts");
    private static final Pattern COVERAGE_PATH = Pattern.compile("/api/v1/regions/\\{[^}]+}/coverage");

    private final Settings settings;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<Service, Process> processes = new LinkedHashMap<>();
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private LocalKeys keys;
    private final String issuer = LocalKeys.issuer();
    private boolean closed;

    private Launcher(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * Starts PostgreSQL, Kafka and the four services and waits until they are ready (and, if
     * {@link Settings#waitForData()}, until the Gansu data is loaded and reported). On failure, stops what
     * it started and throws.
     */
    public static Launcher start(Settings settings, PrintStream out) {
        Launcher launcher = new Launcher(settings, out);
        launcher.run();
        return launcher;
    }

    /** Starts everything; on failure (or a {@link #close()} meanwhile) stops what was started and throws. */
    private void run() {
        try {
            startAll();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Throws if {@link #close()} was called while starting. */
    private synchronized void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("stopped while starting");
        }
    }

    private void startAll() {
        for (Service s : Service.ALL) {
            if (!Files.isRegularFile(s.jar(settings.home()))) {
                throw new IllegalStateException(s.jar(settings.home()) + " is missing: build first with "
                        + "mvn -B -DskipTests package (./lianhu run does it)");
            }
        }
        try {
            Files.createDirectories(logDir());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + logDir(), e);
        }
        keys = LocalKeys.loadOrCreate(keysDir(settings.dataDir()));
        say("JWT: services trust %s, issuer %s", keys.publicKeyFile(), issuer);

        say("starting PostgreSQL (data in %s)", settings.dataDir().resolve("postgres"));
        LocalPostgres pg = LocalPostgres.startOrConnect(settings.dataDir().resolve("postgres"), settings.postgresPort());
        synchronized (this) {
            postgres = pg;
        }
        checkNotClosed();
        for (Service s : Service.ALL) {
            postgres.createDatabase(s.database());
        }
        say("PostgreSQL ready: %s", postgres.isEmbedded() ? "embedded on port " + postgres.port()
                : "external " + System.getenv(LocalPostgres.URL_ENV));

        say("starting Kafka (log in %s)", settings.dataDir().resolve("kafka"));
        LocalKafka broker = settings.kafkaBootstrapServers() != null
                ? LocalKafka.external(settings.kafkaBootstrapServers())
                : LocalKafka.startOrConnect(settings.dataDir().resolve("kafka"), settings.kafkaPort(), LocalKafka.SUITE_PARTITIONS);
        synchronized (this) {
            kafka = broker;
        }
        checkNotClosed();
        say("Kafka ready: %s%s", kafka.bootstrapServers(), kafka.isEmbedded() ? " (KRaft, in this JVM)" : " (external)");

        for (Service s : Service.ALL) {
            synchronized (this) {
                checkNotClosed();
                processes.put(s, launch(s));
            }
        }
        for (Service s : Service.ALL) {
            awaitReady(s);
        }
        if (settings.waitForData()) {
            awaitGansuData();
        }
    }

    private Process launch(Service s) {
        return launch(s, port(s), null, logFile(s));
    }

    /**
     * A second (third, …) replica of a service (issue 9 point 4): its own process on {@code port} with
     * {@code LIANHU_INSTANCE_ID=instanceId} (its consumers' static group membership, its import jobs' owner), the same
     * databases and broker as the first. Waits until it is ready; {@link #close()} stops it with the others.
     */
    public Replica startReplica(Service s, int port, String instanceId) {
        Path log = logDir().resolve(s.name() + "-" + instanceId + ".log");
        Process p;
        synchronized (this) {
            checkNotClosed();
            p = launch(s, port, instanceId, log);
            replicas.add(p);
        }
        Replica r = new Replica(s, instanceId, port, p, log);
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        while (true) {
            checkNotClosed();
            if (!p.isAlive()) {
                throw new IllegalStateException(s.name() + " replica " + instanceId + " exited with code "
                        + p.exitValue() + ":\n" + tail(log, 40));
            }
            Optional<HttpResponse<String>> ready = get(r.baseUrl(), "/q/health/ready");
            if (ready.isPresent() && ready.get().statusCode() == 200) {
                say("%s replica %s ready on %s", s.name(), instanceId, r.baseUrl());
                return r;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(s.name() + " replica " + instanceId + " not ready\n" + tail(log, 40));
            }
            pause(500);
        }
    }

    /** A replica started by {@link #startReplica}. */
    public record Replica(Service service, String instanceId, int port, Process process, Path logFile) {
        public String baseUrl() {
            return "http://localhost:" + port;
        }

        /** SIGKILL, as a crash would; waits until the process is gone. */
        public void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final List<Process> replicas = new ArrayList<>();

    private Process launch(Service s, int httpPort, String instanceId, Path log) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // own session: a Ctrl-C in the terminal reaches the launcher, which stops services in order
            command.add("/usr/bin/setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.jvmOptions());
        command.add("-Xmx" + s.maxHeap());
        // the class-data archive the build made (quarkus.package.jar.appcds.enabled): classes load from a mapped
        // file instead of being parsed and verified again, for a faster start (issue 7). It names the jar as
        // "quarkus-run.jar", so the service runs in its quarkus-app folder with that relative path.
        Path app = s.jar(settings.home()).getParent();
        if (Files.isRegularFile(app.resolve("app-cds.jsa"))) {
            command.add("-XX:SharedArchiveFile=app-cds.jsa");
        }
        // system properties outrank LIANHU_JWT_PUBLIC_KEY from the environment: a local run uses the local keys
        command.add("-Dmp.jwt.verify.publickey.location=" + keys.publicKeyLocation());
        command.add("-Dmp.jwt.verify.issuer=" + issuer);
        command.add("-jar");
        command.add(s.jar(settings.home()).getFileName().toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(app.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
        if (instanceId != null) {
            env.put("LIANHU_INSTANCE_ID", instanceId);
        }
        env.put(s.dbUrlEnv(), postgres.jdbcUrl(s.database()));
        env.put("LIANHU_DB_USER", postgres.user());
        env.put("LIANHU_DB_PASSWORD", postgres.password());
        env.put("LIANHU_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("LIANHU_HOME", settings.home().toString());
        // glibc keeps up to 8 malloc arenas per core; the JVM's own native allocations need few (resident memory,
        // issue 7). A value in the launcher's environment wins.
        env.putIfAbsent("MALLOC_ARENA_MAX", "2");
        try {
            Process p = pb.start();
            say("started %s (pid %d, port %d, -Xmx%s)", s.name(), p.pid(), httpPort, s.maxHeap());
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + s.name() + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady(Service s) {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        while (true) {
            checkNotClosed();
            checkAlive(s);
            Optional<HttpResponse<String>> r = get(s, "/q/health/ready");
            if (r.isPresent() && r.get().statusCode() == 200) {
                say("%s ready on %s", s.name(), baseUrl(s));
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(s.name() + " not ready after " + settings.startTimeout().toSeconds()
                        + " s" + r.map(x -> ": " + x.body()).orElse("") + "\n" + tail(logFile(s), 40));
            }
            pause(500);
        }
    }

    /**
     * Waits until registry counts 8,790 poor villages under 62, then until pairing (which may link only poor
     * villages it has learnt from events) and reporting's coverage of 62 show them. An operation that a
     * service does not offer (yet) is not waited for.
     */
    private void awaitGansuData() {
        if (offers(Service.REGISTRY, COUNTS_PATH)) {
            awaitPoorVillages(Service.REGISTRY, "/api/v1/regions/62/counts");
        } else {
            say("registry-service offers no GET /api/v1/regions/{code}/counts: not waiting for the Gansu data");
        }
        if (offers(Service.PAIRING, PAIRING_COUNTS_PATH)) {
            awaitPoorVillages(Service.PAIRING, "/api/v1/villages/counts?under=62");
        } else {
            say("pairing-service offers no GET /api/v1/villages/counts: not waiting for it");
        }
        if (offers(Service.REPORTING, COVERAGE_PATH)) {
            awaitPoorVillages(Service.REPORTING, "/api/v1/regions/62/coverage");
        } else {
            say("reporting-service offers no GET /api/v1/regions/{code}/coverage: not waiting for it");
        }
    }

    private void awaitPoorVillages(Service s, String path) {
        say("waiting for %s to show %,d poor villages under 62 (%s)", s.name(), GANSU_POOR_VILLAGES, path);
        long deadline = System.nanoTime() + settings.dataTimeout().toNanos();
        long lastSaid = 0;
        while (true) {
            checkNotClosed();
            checkAlive(s);
            long seen = get(s, path).filter(r -> r.statusCode() == 200)
                    .map(r -> poorVillages(r.body())).orElse(-1L);
            if (seen == GANSU_POOR_VILLAGES) {
                say("%s shows %,d poor villages under 62", s.name(), seen);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(s.name() + " did not show " + GANSU_POOR_VILLAGES
                        + " poor villages within " + settings.dataTimeout().toMinutes() + " min (last: " + seen + ")");
            }
            if (System.nanoTime() - lastSaid > TimeUnit.SECONDS.toNanos(15)) {
                say("  … %s: %s", s.name(), seen < 0 ? "not yet" : seen + " poor villages so far");
                lastSaid = System.nanoTime();
            }
            pause(1000);
        }
    }

    /** The first {@code poorVillages} number anywhere in the JSON body; -1 if none. */
    long poorVillages(String body) {
        try {
            JsonNode node = mapper.readTree(body).findValue("poorVillages");
            return node != null && node.isNumber() ? node.asLong() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private boolean offers(Service s, Pattern path) {
        Optional<HttpResponse<String>> r = get(s, "/q/openapi?format=json");
        if (r.isEmpty() || r.get().statusCode() != 200) {
            return false;
        }
        try {
            JsonNode paths = mapper.readTree(r.get().body()).path("paths");
            for (Iterator<String> it = paths.fieldNames(); it.hasNext();) {
                if (path.matcher(it.next()).matches()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<HttpResponse<String>> get(Service s, String path) {
        return get(baseUrl(s), path);
    }

    private Optional<HttpResponse<String>> get(String base, String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET();
            if (path.startsWith("/api/")) {
                // the launcher's own token (province admin without pii), fresh for each request
                request.header("Authorization", "Bearer " + token(TokenSpec.launcher()));
            }
            return Optional.of(http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void checkAlive(Service s) {
        Process p;
        synchronized (this) {
            p = processes.get(s);
        }
        if (p != null && !p.isAlive()) {
            throw new IllegalStateException(s.name() + " exited with code " + p.exitValue() + "; last lines of "
                    + logFile(s) + ":\n" + tail(logFile(s), 40));
        }
    }

    /** Prints where everything is, and a province admin's token ({@link #summary()}). */
    public void printSummary() {
        out.print(summary());
        out.flush();
    }

    /**
     * Where everything is: services, dashboard, PostgreSQL, Kafka, data; and a province admin's token (pii, 12 h)
     * as an {@code export TOKEN=...} line of its own, also in the dashboard link as {@code #token=}.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("\nLianhu is running (ready in ").append(elapsed()).append(").\n\n");
        sb.append(String.format("  %-18s %-29s %-35s %s%n", "service", "API", "Swagger UI", "log"));
        for (Service s : Service.ALL) {
            sb.append(String.format("  %-18s %-29s %-35s %s%n", s.name(), baseUrl(s) + "/api/v1",
                    baseUrl(s) + "/q/swagger-ui", logFile(s)));
        }
        sb.append("\n  dashboard: ").append(baseUrl(Service.REPORTING)).append("/dashboard/ (supervisors: figures, charts, "
                + "drill-down from 62 to a village)\n");
        sb.append("  health:   ").append(baseUrl(Service.REGISTRY)).append("/q/health (same on each port)\n");
        sb.append("  metrics:  ").append(baseUrl(Service.REGISTRY)).append("/q/metrics (Prometheus, same on each port)\n");
        sb.append("  OpenAPI:  ").append(baseUrl(Service.REGISTRY)).append("/q/openapi (same on each port)\n");
        sb.append("  PostgreSQL: ").append(postgres.jdbcUrl("lianhu_registry").replaceFirst("\\?.*", ""))
                .append(" (and lianhu_pairing, ")
                .append("lianhu_visit, lianhu_reporting), user ").append(postgres.user()).append('\n');
        sb.append("  Kafka:      ").append(kafka.bootstrapServers()).append('\n');
        sb.append("  data:       ").append(settings.dataDir()).append(" (kept between runs)\n");
        String token = token(TokenSpec.provinceAdmin());
        sb.append("\nA province admin's token (full ID and phone numbers, 12 h; ./lianhu token --role ... mints others):\n\n");
        sb.append("export TOKEN=").append(token).append("\n\n");
        sb.append("  then: curl -H \"Authorization: Bearer $TOKEN\" ").append(baseUrl(Service.REGISTRY))
                .append("/api/v1/regions/62/counts\n");
        sb.append("  dashboard with this token: ").append(baseUrl(Service.REPORTING)).append("/dashboard/?region=62#token=")
                .append(token).append('\n');
        sb.append("\nCtrl-C stops everything.\n");
        return sb.toString();
    }

    public String baseUrl(Service s) {
        return "http://localhost:" + port(s);
    }

    public int port(Service s) {
        return settings.ports().get(s);
    }

    public Path logFile(Service s) {
        return logDir().resolve(s.name() + ".log");
    }

    /** The child process of a service (for its pid and resident memory). */
    public Process process(Service s) {
        return processes.get(s);
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    /** User of the run's PostgreSQL (the embedded server's, or LIANHU_DB_USER). */
    public String dbUser() {
        return postgres.user();
    }

    public String dbPassword() {
        return postgres.password();
    }

    private Path logDir() {
        return settings.dataDir().resolve("logs");
    }

    /** Where a run keeps its JWT key pair: {@code <data folder>/keys} ({@code .lianhu/keys}). */
    public static Path keysDir(Path dataDir) {
        return dataDir.resolve("keys");
    }

    /** A token for {@code spec}, signed with this run's local key and issuer; the services accept it. */
    public String token(TokenSpec spec) {
        return keys.sign(spec, issuer);
    }

    /**
     * Stops one service (SIGTERM, up to 30 s) and starts it again with the same command, the others running.
     * The benchmarks use it for a service's start-to-ready time (issue 7).
     *
     * @return nanoseconds from the new process's start to its first 200 on {@code /q/health/ready} (polled
     *         every 20 ms)
     */
    public long restart(Service s) {
        Process old;
        synchronized (this) {
            checkNotClosed();
            old = processes.get(s);
        }
        if (old != null && old.isAlive()) {
            old.destroy();
            try {
                if (!old.waitFor(30, TimeUnit.SECONDS)) {
                    old.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        long t0;
        synchronized (this) {
            checkNotClosed();
            t0 = System.nanoTime();
            processes.put(s, launch(s));
        }
        long deadline = t0 + settings.startTimeout().toNanos();
        while (true) {
            checkAlive(s);
            Optional<HttpResponse<String>> r = get(s, "/q/health/ready");
            if (r.isPresent() && r.get().statusCode() == 200) {
                return System.nanoTime() - t0;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(s.name() + " not ready after restart\n" + tail(logFile(s), 40));
            }
            pause(20);
        }
    }

    /**
     * Kills one service as a crash would: SIGKILL, no shutdown of any kind (issue 8 point 1, the fault suite);
     * {@link #restart(Service)} starts it again.
     */
    public void kill(Service s) {
        Process p;
        synchronized (this) {
            checkNotClosed();
            p = processes.get(s);
        }
        if (p == null) {
            return;
        }
        say("kill -9 %s (pid %d)", s.name(), p.pid());
        p.destroyForcibly();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(s.name() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Kills the embedded PostgreSQL as a crash would (the postmaster and all its processes, SIGKILL; see
     * {@link LocalPostgres#kill9()}); the services stay up. {@link #restartPostgres()} starts it again.
     *
     * @return the pids killed
     */
    public synchronized List<Long> killPostgres() {
        checkNotClosed();
        List<Long> pids = postgres.kill9();
        say("kill -9 PostgreSQL (pids %s)", pids);
        return pids;
    }

    /** Starts the embedded PostgreSQL again on the same data folder and port, after {@link #killPostgres()}. */
    public synchronized void restartPostgres() {
        checkNotClosed();
        postgres = postgres.restart();
        say("PostgreSQL restarted on port %d", postgres.port());
    }

    /** Stops the services (SIGTERM, up to 30 s, then killed), then Kafka, then PostgreSQL. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : replicas) {
            if (p.isAlive()) {
                p.destroy();
            }
        }
        for (Process p : replicas) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        List<Service> reverse = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(reverse);
        for (Service s : reverse) {
            Process p = processes.get(s);
            if (p.isAlive()) {
                say("stopping %s (pid %d)", s.name(), p.pid());
                p.destroy();
            }
        }
        for (Service s : reverse) {
            Process p = processes.get(s);
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    say("%s did not stop in 30 s: killed", s.name());
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        if (kafka != null) {
            say("stopping Kafka");
            try {
                kafka.close();
            } catch (RuntimeException e) {
                say("Kafka stopped with an error: %s", e.getMessage());
            }
        }
        if (postgres != null) {
            say("stopping PostgreSQL");
            try {
                postgres.close();
            } catch (RuntimeException e) {
                say("PostgreSQL stopped with an error: %s", e.getMessage());
            }
        }
        say("stopped");
    }

    private String elapsed() {
        return String.format("%.1f s", (System.nanoTime() - started) / 1e9);
    }

    private void say(String format, Object... args) {
        out.printf("[%7.1fs] %s%n", (System.nanoTime() - started) / 1e9, String.format(format, args));
        out.flush();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static final ObjectMapper LOG_LINES = new ObjectMapper();

    /**
     * A log line as a person reads it: the services log one JSON object per line in prod (issue 9 point 5; the log
     * files keep it, for jq or a log shipper), shown here as {@code time LEVEL [logger] (correlation id) message}
     * and the exception's type and message; any other line as it is.
     */
    static String readable(String line) {
        if (!line.startsWith("{\"")) {
            return line;
        }
        try {
            JsonNode n = LOG_LINES.readTree(line);
            if (!n.hasNonNull("message") || !n.hasNonNull("level")) {
                return line;
            }
            String logger = n.path("loggerName").asText("");
            StringBuilder sb = new StringBuilder().append(n.path("timestamp").asText("")).append(' ')
                    .append(String.format("%-5s", n.get("level").asText())).append(" [")
                    .append(logger.substring(logger.lastIndexOf('.') + 1)).append("] ");
            JsonNode id = n.path("mdc").path("correlationId");
            if (id.isTextual()) {
                sb.append('(').append(id.asText()).append(") ");
            }
            sb.append(n.get("message").asText());
            JsonNode e = n.path("exception");
            if (e.isObject()) {
                sb.append("\n    ").append(e.path("exceptionType").asText("exception")).append(": ")
                        .append(e.path("message").asText(""));
            }
            return sb.toString();
        } catch (IOException | RuntimeException e) {
            return line;
        }
    }

    /** The last {@code lines} lines of a log file (at most its last 64 KiB), JSON lines made {@link #readable}. */
    static String tail(Path file, int lines) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, f.length() - 65536);
            f.seek(start);
            byte[] buf = new byte[(int) (f.length() - start)];
            f.readFully(buf);
            String[] all = new String(buf, StandardCharsets.UTF_8).split("\n");
            return String.join("\n", java.util.Arrays.stream(all, Math.max(0, all.length - lines), all.length)
                    .map(Launcher::readable).toList());
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * {@code java -jar lianhu-launcher.jar}: starts the suite from the project folder ({@code -Dlianhu.home},
     * else the current folder) and runs until SIGINT/SIGTERM.
     */
    public static void main(String[] args) throws InterruptedException {
        // zonky, Kafka and jose4j (token signing) log through SLF4J; without a provider it would warn every time
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        Path home = Path.of(System.getProperty("lianhu.home", ".")).toAbsolutePath().normalize();
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(token(List.of(args).subList(1, args.length), home, System.out, System.err));
        }
        if (args.length > 0 && !args[0].equals("run")) {
            System.err.println("usage: java -jar lianhu-launcher.jar [run | token --role ROLE ...]");
            System.exit(2);
        }
        Settings settings = Settings.local(home);
        CountDownLatch stopped = new CountDownLatch(1);
        Launcher[] running = new Launcher[1];
        // Our own handlers instead of the JVM's shutdown hooks, which would run beside zonky's hook and stop
        // PostgreSQL while services still use it. Order: services, Kafka, PostgreSQL; then exit.
        Runnable stop = () -> {
            synchronized (running) {
                if (running[0] != null) {
                    running[0].close();
                }
            }
            stopped.countDown();
            Runtime.getRuntime().halt(0);
        };
        for (String signal : List.of("INT", "TERM")) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), sig -> new Thread(stop, "lianhu-stop").start());
        }
        Launcher launcher = new Launcher(settings, System.out);
        synchronized (running) {
            running[0] = launcher;
        }
        try {
            launcher.run();
        } catch (RuntimeException e) {
            System.err.println("\nLianhu did not start: " + e.getMessage());
            Runtime.getRuntime().halt(1);
        }
        launcher.printSummary();
        stopped.await();
    }

    /**
     * {@code ./lianhu token ...}: prints a token signed with the local key of {@code <home>/.lianhu/keys} (made
     * if missing) for the issuer of a local run; {@code --init} only makes the keys. See {@link TokenSpec#USAGE}.
     *
     * @return the exit code: 0, or 2 for a wrong command line (the message on {@code err})
     */
    static int token(List<String> args, Path home, PrintStream out, PrintStream err) {
        Path dir = keysDir(home.resolve(".lianhu"));
        if (args.equals(List.of("--help")) || args.equals(List.of("-h"))) {
            out.print(TokenSpec.USAGE);
            return 0;
        }
        if (args.contains("--init")) {
            if (args.size() != 1) {
                err.println("lianhu token: --init takes no other option\n" + TokenSpec.USAGE);
                return 2;
            }
            LocalKeys keys = LocalKeys.loadOrCreate(dir);
            out.println("lianhu token: key pair in " + keys.dir().toAbsolutePath() + " (" + LocalKeys.PRIVATE_KEY_FILE
                    + " signs, " + LocalKeys.PUBLIC_KEY_FILE + " verifies)");
            return 0;
        }
        TokenSpec spec;
        try {
            spec = TokenSpec.parse(args);
        } catch (TokenSpec.UsageException e) {
            err.println("lianhu token: " + e.getMessage() + "\n" + TokenSpec.USAGE);
            return 2;
        }
        out.println(LocalKeys.loadOrCreate(dir).sign(spec, LocalKeys.issuer()));
        return 0;
    }
}
