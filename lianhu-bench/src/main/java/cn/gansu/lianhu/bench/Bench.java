package cn.gansu.lianhu.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.databind.JsonNode;

import cn.gansu.lianhu.launcher.Launcher;
import cn.gansu.lianhu.launcher.Service;
import cn.gansu.lianhu.launcher.Settings;
import cn.gansu.lianhu.launcher.TokenSpec;

/**
 * The benchmarks of issue 7, in one run on one machine ({@code ./lianhu bench}; see BENCHMARKS.md):
 * <ol>
 * <li>generate a synthetic province ({@link ProvinceGenerator}; seed and scale from the command line);</li>
 * <li>start the whole suite as {@code ./lianhu run} does (embedded PostgreSQL, KRaft Kafka, the four packaged
 * services as processes, their default JVM options), in a fresh data folder {@code target/bench/data};</li>
 * <li>household import through registry's REST import beside {@code psql \copy} of the same file into a
 * comparable table (ratio, goal ≤ 2×);</li>
 * <li>unit and cadre imports, the village and leader links through pairing's REST operations, then the
 * province-wide pairing plan (goal ≤ 10 s) and its confirmation;</li>
 * <li>how long each consumer takes to catch up (pairing, visit, reporting);</li>
 * <li>the province coverage report under load ({@code hey}, 16 connections, 20 s), p50/p99, beside a static
 * file of the same service (goal p99 ≤ 20 ms);</li>
 * <li>visit logging as fast as it goes for 60 s (goal ≥ 1,500 visits/s), then event lag from a logged visit to
 * reporting's read model at 1,000 visits/s for 30 s (goal p99 ≤ 500 ms);</li>
 * <li>reporting rebuild from the topics (goal ≤ 60 s), checked to give the same coverage figures;</li>
 * <li>each service's resident memory after all that, and its start-to-ready time when restarted alone (goals
 * ≤ 250 MB, ≤ 3 s).</li>
 * </ol>
 * Prints a table of figures and goals, and writes it with the details to {@code target/bench/results.md}.
 * Options: {@code --scale 100} (percent), {@code --seed 42}, {@code --out target/bench},
 * {@code --visit-seconds 60}, {@code --lag-rate 1000}.
 */
public final class Bench {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Pattern HEY_PERCENTILE = Pattern.compile("(\\d+)%+ in ([0-9.]+) secs");
    private static final Pattern HEY_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private final PrintStream out;
    private final List<String[]> table = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private final long seed;
    private final double scale;
    private final Path dir;
    private final int visitSeconds;
    private final int lagRate;
    /** Who runs: "bench" (the benchmarks and the soak) or "faults"; marks the printed lines, confirms the plan. */
    private final String who;
    /** Whether {@link #load} times the psql \copy baseline beside the household import (the benchmarks do). */
    private final boolean baseline;
    private final long started = System.nanoTime();
    private Launcher suite;
    private Http http;
    private String token;
    private long households;
    private long activePairings;

    Bench(long seed, double scale, Path dir, int visitSeconds, int lagRate) {
        this(seed, scale, dir, visitSeconds, lagRate, "bench", true, System.out);
    }

    private Bench(long seed, double scale, Path dir, int visitSeconds, int lagRate, String who, boolean baseline,
            PrintStream out) {
        this.seed = seed;
        this.scale = scale;
        this.dir = dir;
        this.visitSeconds = visitSeconds;
        this.lagRate = lagRate;
        this.who = who;
        this.baseline = baseline;
        this.out = out;
    }

    /**
     * The loader of the fault suite ({@link Faults}): it starts the suite with its own settings
     * ({@link #start(Settings)}: an external Kafka broker) and loads its own province ({@link #load}); no psql
     * \copy baseline; lines marked {@code [faults …]}.
     */
    static Bench forFaults(long seed, PrintStream out) {
        return new Bench(seed, Faults.SEED_SCALE, null, 0, 0, "faults", false, out);
    }

    public static void main(String[] args) throws Exception {
        long seed = 42;
        double scale = 100;
        Path dir = Path.of("target/bench");
        int visitSeconds = 60;
        int lagRate = 1000;
        String usage = "usage: ./lianhu bench [--scale 100] [--seed 42] [--out target/bench] [--visit-seconds 60] "
                + "[--lag-rate 1000]";
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--scale" -> scale = Double.parseDouble(args[++i].replace("%", ""));
                    case "--out" -> dir = Path.of(args[++i]);
                    case "--visit-seconds" -> visitSeconds = Integer.parseInt(args[++i]);
                    case "--lag-rate" -> lagRate = Integer.parseInt(args[++i]);
                    case "--help", "-h" -> {
                        System.out.println(usage + "\n(scale: percent of the province; see BENCHMARKS.md)");
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (!(scale > 0 && scale <= 1000) || visitSeconds < 1 || lagRate < 1) {
                throw new IllegalArgumentException("--scale must be in (0, 1000] percent, --visit-seconds and "
                        + "--lag-rate at least 1");
            }
        } catch (RuntimeException e) {
            Usage.exit(e, args, usage);
            return;
        }
        new Bench(seed, scale, dir, visitSeconds, lagRate).run();
    }

    private void run() throws Exception {
        Path province = start();
        try {
            load(province);
            coverageUnderLoad();
            visits();
            rebuild();
            memoryAndStart();
            complete = true;
        } finally {
            report();
            suite.close();
        }
    }

    /**
     * Generates the province files and starts a fresh suite on them (data in {@code <dir>/data}, deleted first);
     * the suite is stopped at JVM exit too. Shared by the benchmarks and the soak ({@link Soak}).
     *
     * @return the folder of the province files
     */
    Path start() throws IOException {
        Path home = Path.of(System.getProperty("lianhu.home", ".")).toAbsolutePath().normalize();
        Path province = dir.resolve("province-" + seed + "-" + fmtScale());
        generate(province);
        Path data = dir.resolve("data").toAbsolutePath();
        deleteTree(data);
        start(Settings.isolated(home, data));
        return province;
    }

    /**
     * Starts the suite with these settings (data folder, ports, Kafka: the fault suite's broker runs in a process
     * of its own) and takes a province administrator's token for {@link #http()}; the suite is stopped at JVM exit
     * too.
     */
    Launcher start(Settings settings) {
        say("starting the suite (data in %s)", settings.dataDir());
        long t0 = System.nanoTime();
        suite = Launcher.start(settings, out);
        // Ctrl-C (or a kill) stops the services, Kafka and PostgreSQL too; close() is idempotent
        Launcher started = suite;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, who + "-shutdown"));
        say("suite ready with the Gansu data in %.1f s", secs(t0));
        token = suite.token(TokenSpec.provinceAdmin());
        http = new Http(() -> token);
        return suite;
    }

    /**
     * Loads a province (the generator's files in {@code province}) into the started suite: households (and waits
     * until pairing, visit and reporting know them), units, cadres, village and leader links, the province plan
     * and its confirmation (and waits until visit, reporting and registry know the ACTIVE pairings).
     */
    void load(Path province) throws Exception {
        households(province);
        pairing(province);
    }

    Launcher suite() {
        return suite;
    }

    Http http() {
        return http;
    }

    String token() {
        return token;
    }

    /** Households registered by {@link #load}. */
    long households() {
        return households;
    }

    /** ACTIVE pairings after {@link #load} confirmed the plan. */
    long activePairings() {
        return activePairings;
    }

    /** The ACTIVE pairings as {cadre id, household id}, in pairing id order: whom the visits are for. */
    List<String[]> activePairingRows() throws SQLException {
        List<String[]> pairings = new ArrayList<>();
        try (Connection c = db(Service.PAIRING); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select cadre_id, household_id from pairing where status = 'ACTIVE' "
                        + "order by id")) {
            while (rs.next()) {
                pairings.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return pairings;
    }

    // ------------------------------------------------------------------ 1. data

    /** Generates the province files (deterministic: the same seed and scale give the same files). */
    private void generate(Path province) throws IOException {
        long t0 = System.nanoTime();
        ProvinceGenerator.Counts c = new ProvinceGenerator(Province.load(),
                new ProvinceGenerator.Options(seed, scale, province, false, ProvinceGenerator.DEFAULT_AS_OF)).generate();
        double s = secs(t0);
        say("generated %,d households (%,d members), %,d units, %,d cadres, %,d village links in %.1f s",
                c.households(), c.members(), c.units(), c.cadres(), c.villageLinks(), s);
        details.add(String.format(Locale.ROOT, "Generator: %,d households, %,d members, %,d units, %,d cadres, "
                + "%,d village links, %d leader links in %.1f s.", c.households(), c.members(), c.units(), c.cadres(),
                c.villageLinks(), c.leaderLinks(), s));
    }

    // ------------------------------------------------------------------ 2. household import vs \copy

    private void households(Path province) throws Exception {
        Path file = province.resolve("households.csv").toAbsolutePath();
        long rows = lines(file) - 1;
        say("household import: %,d rows (%.0f MB)", rows, Files.size(file) / 1e6);
        // the baseline first, on the idle suite: after the import, the consumers are busy with its events
        double copyS = baseline ? copy(file) : 0;
        long t0 = System.nanoTime();
        JsonNode accepted = http.postFile(url(Service.REGISTRY, "/api/v1/households/imports"), file, "text/csv")
                .expect(202).json();
        JsonNode job = awaitJob(url(Service.REGISTRY, "/api/v1/households/imports/" + accepted.get("id").asText()));
        double importS = secs(t0);
        if (!"SUCCEEDED".equals(job.get("status").asText())) {
            throw new IllegalStateException("household import did not succeed: " + job);
        }
        households = job.get("householdsImported").asLong();
        say("  imported %,d households in %.1f s (job %,d ms)", households, importS, job.get("durationMs").asLong());

        if (baseline) {
            double ratio = importS / copyS;
            row("Household import, " + String.format(Locale.ROOT, "%,d rows / %,d households", rows, households),
                    String.format(Locale.ROOT, "%.1f s (%,.0f rows/s) vs psql \\copy %.1f s: %.1f×", importS,
                            rows / importS, copyS, ratio), "≤ 2×", ratio <= 2);
        }

        long t1 = System.nanoTime();
        double pairingS = awaitCount(Service.PAIRING, "select count(*) from known_household", households,
                "pairing learns the households");
        double visitS = awaitCount(Service.VISIT, "select count(*) from known_household", households,
                "visit learns the households");
        double reportingS = awaitCount(Service.REPORTING, "select count(*) from household", households,
                "reporting learns the households");
        details.add(String.format(Locale.ROOT, "Household events after the import (%,d events): pairing caught up "
                + "%.1f s, visit %.1f s, reporting %.1f s after the import finished (each counted from when the "
                + "previous one had).", households, pairingS, visitS, reportingS));
        say("  consumers caught up %.1f s after the import", secs(t1));
    }

    /** {@code psql \copy} of the file into a table typed like household + household_member, with a key. */
    private double copy(Path file) throws Exception {
        String jdbc = suite.jdbcUrl(Service.REGISTRY.database());
        try (Connection c = db(Service.REGISTRY); Statement st = c.createStatement()) {
            st.execute("drop table if exists bench_copy_household");
            st.execute("""
                    create table bench_copy_household (
                        household_no      varchar(30)   not null,
                        village_code      varchar(12),
                        main_cause        varchar(20),
                        other_causes      varchar(200),
                        income_per_capita numeric(12, 2),
                        address           varchar(200),
                        phone             varchar(20),
                        name              varchar(50)   not null,
                        id_number         varchar(18)   primary key,
                        sex               varchar(4)    not null,
                        birth_date        date          not null,
                        relation          varchar(10)   not null,
                        health            varchar(20),
                        education         varchar(20),
                        labour_ability    varchar(20)
                    )""");
        }
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+)").matcher(jdbc);
        if (!m.find()) {
            throw new IllegalStateException("cannot read " + jdbc);
        }
        long t0 = System.nanoTime();
        String how;
        if (onPath("psql")) {
            ProcessBuilder pb = new ProcessBuilder("psql", "-v", "ON_ERROR_STOP=1", "-q", "-h", m.group(1), "-p",
                    m.group(2) == null ? "5432" : m.group(2), "-U", suite.dbUser(), "-d", m.group(3), "-c",
                    "\\copy bench_copy_household from '" + file + "' with (format csv, header true)")
                    .redirectErrorStream(true);
            pb.environment().put("PGPASSWORD", suite.dbPassword());
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("psql \\copy failed: " + output);
            }
            how = "psql \\copy";
        } else {
            try (Connection c = db(Service.REGISTRY); var in = Files.newBufferedReader(file)) {
                new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class))
                        .copyIn("copy bench_copy_household from stdin with (format csv, header true)", in);
            }
            how = "COPY through JDBC (no psql on the PATH)";
        }
        double s = secs(t0);
        long copied;
        try (Connection c = db(Service.REGISTRY); Statement st = c.createStatement()) {
            copied = single(st, "select count(*) from bench_copy_household");
            st.execute("drop table bench_copy_household");
        }
        say("  %s: %,d rows in %.1f s", how, copied, s);
        details.add(String.format(Locale.ROOT, "Baseline: %s of the same %,d rows into a table typed like household "
                + "+ household_member with a primary key on id_number: %.1f s.", how, copied, s));
        return s;
    }

    // ------------------------------------------------------------------ 3. units, cadres, links, plan

    private void pairing(Path province) throws Exception {
        long t0 = System.nanoTime();
        JsonNode units = importJob(province.resolve("units.csv"), "/api/v1/units/imports");
        double unitsS = secs(t0);
        long t1 = System.nanoTime();
        JsonNode cadres = importJob(province.resolve("cadres.csv"), "/api/v1/cadres/imports");
        double cadresS = secs(t1);
        say("  units %,d in %.1f s, cadres %,d in %.1f s", units.get("recordsImported").asLong(), unitsS,
                cadres.get("recordsImported").asLong(), cadresS);
        details.add(String.format(Locale.ROOT, "Unit import: %,d units in %.1f s. Cadre import: %,d cadres in %.1f s.",
                units.get("recordsImported").asLong(), unitsS, cadres.get("recordsImported").asLong(), cadresS));

        Map<String, String> unitIds = new HashMap<>();
        Map<String, String> cadreIds = new HashMap<>();
        try (Connection c = db(Service.PAIRING); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select credit_code, id from unit where credit_code is not null")) {
                while (rs.next()) {
                    unitIds.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("select id_number, id from cadre where rank = 'PROVINCIAL_LEADER'")) {
                while (rs.next()) {
                    cadreIds.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        long t2 = System.nanoTime();
        List<CSVRecord> villageLinks = new ArrayList<>(csv(province.resolve("village_links.csv")));
        // in random order: the file lists a unit's links together, and one unit's links wait on its row lock
        java.util.Collections.shuffle(villageLinks, new java.util.Random(seed));
        List<CSVRecord> leaderLinks = csv(province.resolve("leader_links.csv"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> posts = new ArrayList<>();
            for (CSVRecord r : villageLinks) {
                posts.add(pool.submit(() -> http.post(url(Service.PAIRING, "/api/v1/units/"
                        + unitIds.get(r.get("unit_credit_code")) + "/villages"),
                        Map.of("villageCode", r.get("village_code"))).expect(201)));
            }
            for (CSVRecord r : leaderLinks) {
                posts.add(pool.submit(() -> http.post(url(Service.PAIRING, "/api/v1/cadres/"
                        + cadreIds.get(r.get("leader_id_number")) + "/counties"),
                        Map.of("countyCode", r.get("county_code"), "villageCode", r.get("village_code"))).expect(201)));
            }
            for (Future<?> f : posts) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double linksS = secs(t2);
        say("  %,d village links and %,d leader links posted in %.1f s (%.0f/s, 8 clients)", villageLinks.size(),
                leaderLinks.size(), linksS, (villageLinks.size() + leaderLinks.size()) / linksS);
        details.add(String.format(Locale.ROOT, "Links: %,d village links and %,d leader links, one POST each from 8 "
                + "clients, in %.1f s (%.0f/s).", villageLinks.size(), leaderLinks.size(), linksS,
                (villageLinks.size() + leaderLinks.size()) / linksS));

        long t3 = System.nanoTime();
        JsonNode plan = http.post(url(Service.PAIRING, "/api/v1/plans"), Map.of("scope", "PROVINCE")).expect(201).json();
        double planS = secs(t3);
        JsonNode figures = plan.get("figures");
        say("  province plan in %.1f s: %s", planS, figures);
        row("Province-wide pairing plan", String.format(Locale.ROOT, "%.1f s (%,d pairings proposed, feasible %s)",
                planS, figures.path("pairingsProposed").asLong(), plan.path("feasible").asText()), "≤ 10 s",
                planS <= 10);
        details.add("Plan figures: " + figures + (plan.has("timings") ? "; timings " + plan.get("timings") : ""));

        long t4 = System.nanoTime();
        JsonNode confirmed = http.post(url(Service.PAIRING, "/api/v1/plans/" + plan.get("id").asText() + "/confirm"),
                Map.of("confirmedBy", who)).expect(200).json();
        double confirmS = secs(t4);
        long pairings = confirmed.path("confirmation").path("pairingsCreated").asLong();
        say("  confirmed %,d pairings in %.1f s", pairings, confirmS);
        details.add(String.format(Locale.ROOT, "Plan confirmation: %,d pairings ACTIVE in %.1f s.", pairings, confirmS));

        long active;
        try (Connection c = db(Service.PAIRING); Statement st = c.createStatement()) {
            active = single(st, "select count(*) from pairing where status = 'ACTIVE'");
        }
        activePairings = active;
        double visitS = awaitCount(Service.VISIT, "select count(*) from known_pairing where status = 'ACTIVE'", active,
                "visit learns the pairings");
        double reportingS = awaitCount(Service.REPORTING, "select count(*) from pairing where status = 'ACTIVE'",
                active, "reporting learns the pairings");
        double registryS = awaitCount(Service.REGISTRY, "select count(*) from household_access where status = 'ACTIVE'", active,
                "registry learns who may see each household");
        details.add(String.format(Locale.ROOT, "Pairing events after the confirmation (%,d ACTIVE pairings): visit "
                + "caught up %.1f s, reporting %.1f s, registry %.1f s later.", active, visitS, reportingS, registryS));
    }

    private JsonNode importJob(Path file, String path) {
        JsonNode accepted = http.postFile(url(Service.PAIRING, path), file.toAbsolutePath(), "text/csv").expect(202)
                .json();
        JsonNode job = awaitJob(url(Service.PAIRING, "/api/v1/imports/" + accepted.get("id").asText()));
        if (!"SUCCEEDED".equals(job.get("status").asText()) || job.get("errorCount").asLong() != 0) {
            throw new IllegalStateException(path + " did not succeed: " + job);
        }
        return job;
    }

    // ------------------------------------------------------------------ 4. coverage under load

    private void coverageUnderLoad() throws Exception {
        String coverage = url(Service.REPORTING, "/api/v1/regions/62/coverage");
        String statics = url(Service.REPORTING, "/dashboard/index.html");
        long t0 = System.nanoTime();
        JsonNode cold = http.get(coverage).expect(200).json();
        double coldMs = secs(t0) * 1000;
        say("coverage of 62 (first call %.0f ms): %s", coldMs, cold.path("targets"));
        details.add(String.format(Locale.ROOT, "Coverage of 62, first call after the data: %.0f ms; figures %s %s.",
                coldMs, cold.path("targets"), cold.path("participants")));
        String[] c = load("coverage", coverage, true);
        String[] s = load("static", statics, false);
        double p99 = Double.parseDouble(c[1]);
        row("Coverage report of 62 under load (16 connections, 20 s)", String.format(Locale.ROOT,
                "p50 %s ms, p99 %s ms, %s req/s; static file p50 %s ms, p99 %s ms, %s req/s (%s)", c[0], c[1], c[2],
                s[0], s[1], s[2], c[3]), "p99 ≤ 20 ms", p99 <= 20);
    }

    /** p50 ms, p99 ms, requests/s, tool. */
    private String[] load(String what, String url, boolean auth) throws Exception {
        if (onPath("hey")) {
            List<String> cmd = new ArrayList<>(List.of("hey", "-z", "20s", "-c", "16"));
            if (auth) {
                cmd.addAll(List.of("-H", "Authorization: Bearer " + token));
            }
            cmd.add(url);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Map<String, Double> pct = new HashMap<>();
            Matcher m = HEY_PERCENTILE.matcher(output);
            while (m.find()) {
                pct.put(m.group(1), Double.parseDouble(m.group(2)) * 1000);
            }
            Matcher r = HEY_RATE.matcher(output);
            if (!r.find() || !pct.containsKey("50") || !pct.containsKey("99")) {
                throw new IllegalStateException("cannot read hey's output:\n" + output);
            }
            String statuses = output.contains("Status code distribution:")
                    ? output.substring(output.indexOf("Status code distribution:")).lines().skip(1)
                            .takeWhile(l -> !l.isBlank()).map(String::trim).reduce((a, b) -> a + ", " + b).orElse("")
                    : "";
            say("  %s: p50 %.1f ms, p99 %.1f ms, %s req/s, %s", what, pct.get("50"), pct.get("99"), r.group(1), statuses);
            details.add(String.format(Locale.ROOT, "hey -z 20s -c 16 %s: p50 %.1f ms, p99 %.1f ms, %s requests/s, "
                    + "status codes %s.", what, pct.get("50"), pct.get("99"), r.group(1), statuses));
            return new String[] {String.format(Locale.ROOT, "%.1f", pct.get("50")),
                    String.format(Locale.ROOT, "%.1f", pct.get("99")), String.format(Locale.ROOT, "%.0f",
                            Double.parseDouble(r.group(1))), "hey"};
        }
        Load.Result r = Load.closed(http.client(), 16, Duration.ofSeconds(20),
                i -> (auth ? http.request(url) : HttpRequest.newBuilder(URI.create(url))).GET().build(), 200, null);
        say("  %s: %s, %.0f req/s, failed %d", what, r.latencies(), r.perSecond(), r.failed());
        details.add(String.format(Locale.ROOT, "Java load (hey not installed) %s: %s, %.0f requests/s, %d failed.",
                what, r.latencies(), r.perSecond(), r.failed()));
        return new String[] {String.format(Locale.ROOT, "%.1f", r.p50()), String.format(Locale.ROOT, "%.1f", r.p99()),
                String.format(Locale.ROOT, "%.0f", r.perSecond()), "Java client, hey not installed"};
    }

    // ------------------------------------------------------------------ 5. visits: throughput, then lag

    private void visits() throws Exception {
        List<String[]> pairings = activePairingRows();
        java.util.Collections.shuffle(pairings, new java.util.Random(seed));
        String today = LocalDate.now(BEIJING).toString();
        String visitsUrl = url(Service.VISIT, "/api/v1/visits");
        String run = Long.toString(System.currentTimeMillis(), 36);
        java.util.function.LongFunction<HttpRequest> visit = i -> {
            String[] p = pairings.get((int) (i % pairings.size()));
            String body = """
                    {"cadreId":"%s","householdId":"%s","visitedOn":"%s","mode":"IN_HOME","durationMinutes":45,
                     "location":{"lat":35.69,"lon":105.08},"notes":"入户走访","tasks":[
                     {"task":"POLICY_PUBLICITY","policies":["医疗保障","危房改造"]},
                     {"task":"DEVELOPMENT","help":[{"kind":"FUNDS","amountYuan":500,"peopleBenefiting":3}]}]}"""
                    .formatted(p[0], p[1], today);
            return http.request(visitsUrl).header("Content-Type", "application/json")
                    .header("Idempotency-Key", "bench-" + run + "-" + i)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        };
        long before = visitsInReporting();
        say("visit logging: as fast as it goes for %d s (32 clients)", visitSeconds);
        Load.Result t = Load.closed(http.client(), 32, Duration.ofSeconds(visitSeconds), visit, 201, null);
        say("  %,d visits logged, %.0f/s (slowest second %d), %s, failed %d%s", t.ok(), t.perSecond(),
                t.minPerSecond(), t.latencies(), t.failed(), t.firstFailure() == null ? "" : ": " + t.firstFailure());
        row("Visit logging, all services on one machine, " + visitSeconds + " s", String.format(Locale.ROOT,
                "%.0f visits/s (slowest second %d), %s, %d failed", t.perSecond(), t.minPerSecond(), t.latencies(),
                t.failed()), "≥ 1,500/s", t.perSecond() >= 1500 && t.failed() == 0);
        long t0 = System.nanoTime();
        double caughtUp = awaitCount(Service.REPORTING, "select count(*) from visit", before + t.ok(),
                "reporting applies the visits");
        details.add(String.format(Locale.ROOT, "Visit throughput run: %,d logged in %.1f s, %d failed%s; reporting had "
                + "applied every one %.1f s after the run.", t.ok(), t.seconds(), t.failed(),
                t.firstFailure() == null ? "" : " (first: " + t.firstFailure() + ")", caughtUp));
        say("  reporting caught up %.1f s after the run", secs(t0));

        // lag at the goal's rate; then, if the suite could not take that rate, at half what it sustained, so the
        // lag is also measured without requests queueing
        lag(visit, lagRate, 10_000_000L, true);
        int sustainable = (int) (t.perSecond() / 2);
        if (sustainable < lagRate && sustainable > 0) {
            lag(visit, sustainable, 20_000_000L, false);
        }
    }

    /**
     * Paced visits at {@code rate} for 30 s; a poller sees each one arrive in reporting's read model. The goal row
     * when {@code goal}, a detail otherwise.
     */
    private void lag(java.util.function.LongFunction<HttpRequest> visit, int rate, long firstVisit, boolean goal)
            throws Exception {
        Map<UUID, Long> answered = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<UUID> pending = new ConcurrentLinkedQueue<>();
        Histogram lag = new Histogram(3);
        boolean[] stop = {false};
        Thread poller = new Thread(() -> poll(pending, answered, lag, stop), "lag-poller");
        poller.start();
        say("event lag: %d visits/s for 30 s, each looked for in reporting's read model every 10 ms", rate);
        Load.Result l = Load.paced(http.client(), 64, rate, Duration.ofSeconds(30),
                i -> visit.apply(i + firstVisit), 201, (i, r, at) -> {
                    if (r.statusCode() == 201) {
                        UUID id = UUID.fromString(r.body().replaceAll(".*?\"id\":\"([^\"]+)\".*", "$1"));
                        answered.put(id, at);
                        pending.add(id);
                    }
                });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        stop[0] = true;
        poller.join();
        double p50;
        double p99;
        double max;
        synchronized (lag) {
            p50 = lag.getValueAtPercentile(50) / 1000.0;
            p99 = lag.getValueAtPercentile(99) / 1000.0;
            max = lag.getMaxValue() / 1000.0;
        }
        say("  %,d visits at %.0f/s (%s); lag p50 %.0f ms, p99 %.0f ms, max %.0f ms; %d never seen", l.ok(),
                l.perSecond(), l.latencies(), p50, p99, max, pending.size());
        String figures = String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms (%,d visits at %.0f/s, "
                + "request %s)", p50, p99, max, l.ok(), l.perSecond(), l.latencies());
        if (goal) {
            row(String.format(Locale.ROOT, "Event lag, visit logged → reporting's read model, at %,d visits/s", rate),
                    figures, "p99 ≤ 500 ms", p99 <= 500 && pending.isEmpty() && l.perSecond() >= rate * 0.95);
        } else {
            details.add(String.format(Locale.ROOT, "Event lag at %,d visits/s (half the sustained throughput, so "
                    + "requests do not queue): %s; %d never seen.", rate, figures, pending.size()));
        }
    }

    private long visitsInReporting() throws SQLException {
        try (Connection c = db(Service.REPORTING); Statement st = c.createStatement()) {
            return single(st, "select count(*) from visit");
        }
    }

    /** Every 10 ms, looks for the pending visits in reporting's table and records the lag of those found. */
    private void poll(ConcurrentLinkedQueue<UUID> pending, Map<UUID, Long> answered, Histogram lag, boolean[] stop) {
        try (Connection c = db(Service.REPORTING);
                PreparedStatement ps = c.prepareStatement("select id from visit where id = any (?)")) {
            while (!stop[0]) {
                List<UUID> look = new ArrayList<>(pending);
                if (!look.isEmpty()) {
                    ps.setArray(1, c.createArrayOf("uuid", look.toArray()));
                    long now = System.nanoTime();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            UUID id = (UUID) rs.getObject(1);
                            Long at = answered.get(id);
                            pending.remove(id);
                            synchronized (lag) {
                                lag.recordValue(Math.max(1, (now - at) / 1000));
                            }
                        }
                    }
                }
                Thread.sleep(10);
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ 6. rebuild

    private void rebuild() throws Exception {
        String coverage = url(Service.REPORTING, "/api/v1/regions/62/coverage");
        JsonNode before = http.get(coverage).expect(200).json();
        long t0 = System.nanoTime();
        JsonNode started = http.post(url(Service.REPORTING, "/api/v1/admin/rebuilds"), Map.of()).expect(202).json();
        JsonNode r = started;
        String status = url(Service.REPORTING, "/api/v1/admin/rebuilds/" + started.get("id").asText());
        while ("RUNNING".equals(r.get("status").asText())) {
            Thread.sleep(200);
            r = http.get(status).expect(200).json();
        }
        double s = secs(t0);
        long events = 0;
        for (JsonNode topic : r.path("topics")) {
            events += topic.path("eventsToReplay").asLong();
        }
        JsonNode after = http.get(coverage).expect(200).json();
        boolean same = strip(before).equals(strip(after));
        say("rebuild: %s in %.1f s, %,d events replayed; coverage of 62 %s", r.get("status").asText(), s, events,
                same ? "the same as before" : "DIFFERENT: " + before + " vs " + after);
        row(String.format(Locale.ROOT, "Reporting rebuild from the topics (%,d events)", events),
                String.format(Locale.ROOT, "%.1f s (%,.0f events/s), %s, coverage of 62 %s", s, events / s,
                        r.get("status").asText(), same ? "unchanged" : "CHANGED"), "≤ 60 s",
                s <= 60 && same && "SUCCEEDED".equals(r.get("status").asText()));
    }

    private static String strip(JsonNode coverage) {
        return coverage.toString().replaceAll("\"asOf\":\"[^\"]*\"", "");
    }

    // ------------------------------------------------------------------ 7. memory, start

    private void memoryAndStart() {
        StringBuilder rss = new StringBuilder();
        long worst = 0;
        for (Service s : Service.ALL) {
            long[] m = memory(suite.process(s).pid());
            worst = Math.max(worst, m[0]);
            rss.append(String.format(Locale.ROOT, "%s%s %d MB (peak %d)", rss.length() == 0 ? "" : ", ",
                    s.name().replace("-service", ""), m[0] >> 10, m[1] >> 10));
        }
        say("resident memory after the benchmarks: %s", rss);
        row("Resident memory of each service after the benchmarks", rss.toString(), "≤ 250 MB", (worst >> 10) <= 250);

        // what stays once the garbage is gone: a full collection in each service (jcmd GC.run), then VmRSS again
        StringBuilder afterGc = new StringBuilder();
        for (Service s : Service.ALL) {
            long pid = suite.process(s).pid();
            if (fullGc(pid)) {
                afterGc.append(String.format(Locale.ROOT, "%s%s %d MB", afterGc.length() == 0 ? "" : ", ",
                        s.name().replace("-service", ""), memory(pid)[0] >> 10));
            }
        }
        if (afterGc.length() > 0) {
            say("  after a full GC in each (jcmd GC.run): %s", afterGc);
            details.add("Resident memory after a full GC in each service (jcmd <pid> GC.run; with the launcher's "
                    + "-XX:MaxHeapFreeRatio=50 -XX:-ShrinkHeapInSteps the serial collector then gives back heap "
                    + "above 50 % free): " + afterGc + ".");
        }

        StringBuilder starts = new StringBuilder();
        double slowest = 0;
        for (Service s : Service.ALL) {
            double st = suite.restart(s) / 1e9;
            slowest = Math.max(slowest, st);
            long[] m = memory(suite.process(s).pid());
            starts.append(String.format(Locale.ROOT, "%s%s %.1f s (%d MB)", starts.length() == 0 ? "" : ", ",
                    s.name().replace("-service", ""), st, m[0] >> 10));
            say("  %s restarted: ready in %.2f s, %d MB resident", s.name(), st, m[0] >> 10);
        }
        row("Start to ready, each service restarted alone (resident memory at ready)", starts.toString(), "≤ 3 s",
                slowest <= 3);
    }

    /** Runs a full garbage collection in a JVM with the JDK's jcmd; false if that is not possible. */
    static boolean fullGc(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** VmRSS and VmHWM of a process in kB (Linux /proc), zeros elsewhere. */
    static long[] memory(long pid) {
        try {
            long rss = 0;
            long hwm = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return new long[] {rss, hwm};
        } catch (IOException e) {
            return new long[] {0, 0};
        }
    }

    // ------------------------------------------------------------------ report

    private void row(String benchmark, String figure, String goal, boolean met) {
        table.add(new String[] {benchmark, figure, goal, met ? "met" : "**missed**"});
    }

    /** Set when every benchmark ran: otherwise the results say the run is incomplete. */
    private volatile boolean complete;

    private void report() throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        long memKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Lianhu benchmarks, %s (Beijing time): %d cores, %.1f GB memory, Java %s; "
                + "seed %d, scale %s %%; whole run %.1f min%n%n", LocalDateTime.now(BEIJING).withNano(0), cores,
                memKb / 1048576.0, System.getProperty("java.version"), seed, fmtScale(), secs(started) / 60));
        if (!complete) {
            sb.append("**INCOMPLETE: the run stopped before its last benchmark (interrupted or failed, see its output); "
                    + "the rows below are the benchmarks it finished.**\n\n");
        }
        if (scale != 100) {
            sb.append(String.format(Locale.ROOT, "The goals are for the full province (scale 100 %%); at %s %% a "
                    + "\"met\" only says the figure of this smaller province is within the goal.%n%n", fmtScale()));
        }
        sb.append("| benchmark | figure | goal | |\n|---|---|---|---|\n");
        for (String[] r : table) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        sb.append('\n');
        for (String d : details) {
            sb.append("- ").append(d).append('\n');
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), sb.toString());
        out.println();
        out.println(sb);
        out.println("(written to " + dir.resolve("results.md").toAbsolutePath() + ")");
    }

    // ------------------------------------------------------------------ helpers

    String url(Service s, String path) {
        return suite.baseUrl(s) + path;
    }

    Connection db(Service s) throws SQLException {
        return DriverManager.getConnection(suite.jdbcUrl(s.database()), suite.dbUser(), suite.dbPassword());
    }

    private JsonNode awaitJob(String url) {
        while (true) {
            JsonNode job = http.get(url).expect(200).json();
            String status = job.get("status").asText();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return job;
            }
            sleep(250);
        }
    }

    /** Waits (up to 20 min) until {@code sql} on the service's database gives at least {@code expected}; seconds. */
    private double awaitCount(Service s, String sql, long expected, String what) throws SQLException {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.MINUTES.toNanos(20);
        long last = -1;
        long said = t0;
        try (Connection c = db(s); Statement st = c.createStatement()) {
            while (true) {
                last = single(st, sql);
                if (last >= expected) {
                    double secs = secs(t0);
                    say("  %s: %,d after %.1f s", what, last, secs);
                    return secs;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(what + ": " + last + " of " + expected + " after 20 min");
                }
                if (System.nanoTime() - said > TimeUnit.SECONDS.toNanos(15)) {
                    say("  … %s: %,d of %,d", what, last, expected);
                    said = System.nanoTime();
                }
                sleep(100);
            }
        }
    }

    static long single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    private static long lines(Path file) throws IOException {
        try (var s = Files.lines(file, StandardCharsets.UTF_8)) {
            return s.count();
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    private String fmtScale() {
        return scale == Math.rint(scale) ? String.valueOf((long) scale) : String.valueOf(scale);
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void say(String format, Object... args) {
        out.printf(Locale.ROOT, "[%s %6.1fs] %s%n", who, secs(started), String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
