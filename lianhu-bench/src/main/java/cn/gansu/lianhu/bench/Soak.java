package cn.gansu.lianhu.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.gansu.lianhu.launcher.Service;

/**
 * The soak of issue 8 point 5: the whole suite on one machine under a steady mix of reads and writes for
 * {@code --minutes} (default 10) at {@code --rate} requests per second (default 60), on a synthetic province of
 * {@code --scale} percent (default 2: about 8,000 households and their pairings) loaded as the benchmarks load it.
 *
 * <p>The mix, by running number i mod 20: 4 visit logs (POST, each with its own Idempotency-Key; one in ten
 * also records a demand), 6 coverage
 * reports (a county's, or the province's), 2 household reads, 1 household list, 1 region counts, 2 visit lists, 1
 * cadre's visits report, 1 overdue pairings, 1 village's pairings. Every 30 s it samples the resident memory (VmRSS)
 * of each service, the outbox backlog of each producer (rows not yet acknowledged by Kafka) and how many of the
 * accepted visits reporting has applied.
 *
 * <p>It passes when: no request failed (any non-2xx answer or exception), every outbox is empty and reporting has
 * applied every accepted visit within 2 min after the load, and no service's Java heap after a full collection
 * grew by more than 20 MB between the end of the first minute (warm: caches and pools filled) and the end. It
 * prints a table and writes {@code <out>/results.md}; exit 1 when it did not pass, 2 for bad arguments.
 */
public final class Soak {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Pattern HEAP_USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");
    private static final long HEAP_GROWTH_LIMIT_KB = 20 * 1024;
    private static final int SAMPLE_SECONDS = 30;
    /** Every other visit of the first kind also records a demand (民情: opens a demand in visit-service). */
    private static final String DEMAND = ",{\"task\":\"PUBLIC_OPINION\",\"demands\":[{\"category\":\"HOUSING\","
            + "\"description\":\"危房改造\"}]}";
    private static final List<Service> PRODUCERS = List.of(Service.REGISTRY, Service.PAIRING, Service.VISIT);

    private final long seed;
    private final double scale;
    private final Path dir;
    private final int minutes;
    private final int rate;
    private final Bench bench;
    private final List<String> rows = new ArrayList<>();
    private final List<String> verdicts = new ArrayList<>();
    private boolean passed = true;

    private Soak(long seed, double scale, Path dir, int minutes, int rate) {
        this.seed = seed;
        this.scale = scale;
        this.dir = dir;
        this.minutes = minutes;
        this.rate = rate;
        this.bench = new Bench(seed, scale, dir, 60, 1000);
    }

    public static void main(String[] args) throws Exception {
        long seed = 42;
        double scale = 2;
        Path dir = Path.of("target/soak");
        int minutes = 10;
        int rate = 60;
        String usage = "usage: ./lianhu soak [--minutes 10] [--rate 60] [--scale 2] [--seed 42] [--out target/soak]";
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--scale" -> scale = Double.parseDouble(args[++i].replace("%", ""));
                    case "--out" -> dir = Path.of(args[++i]);
                    case "--minutes" -> minutes = Integer.parseInt(args[++i]);
                    case "--rate" -> rate = Integer.parseInt(args[++i]);
                    case "--help", "-h" -> {
                        System.out.println(usage + "\n(rate: requests per second of the mix; scale: percent of the "
                                + "province; see README, Reliability)");
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (!(scale > 0 && scale <= 100) || minutes < 2 || rate < 1) {
                throw new IllegalArgumentException("--scale must be in (0, 100] percent, --minutes at least 2, "
                        + "--rate at least 1");
            }
            if (Files.isRegularFile(dir)) {
                throw new IllegalArgumentException("--out " + dir + " is a file, a folder is needed");
            }
        } catch (RuntimeException e) {
            Usage.exit(e, args, usage);
            return;
        }
        boolean ok = new Soak(seed, scale, dir, minutes, rate).run();
        System.exit(ok ? 0 : 1);
    }

    private boolean run() throws Exception {
        Path province = bench.start();
        boolean complete = false;
        try {
            bench.load(province);
            soak();
            complete = true;
        } finally {
            report(complete);
            bench.suite().close();
        }
        return complete && passed;
    }

    private void soak() throws Exception {
        List<String[]> pairings = new ArrayList<>();
        try (Connection c = bench.db(Service.PAIRING); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select p.cadre_id, p.household_id, h.village_code from pairing p "
                        + "join known_household h on h.id = p.household_id where p.status = 'ACTIVE' order by p.id")) {
            while (rs.next()) {
                pairings.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        if (pairings.isEmpty()) {
            throw new IllegalStateException("no ACTIVE pairing to visit");
        }
        Http http = bench.http();
        String today = LocalDate.now(BEIJING).toString();
        String run = Long.toString(System.currentTimeMillis(), 36);
        AtomicLong visitsAccepted = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long visitsBefore = visitsInReporting();
        LongFunction<HttpRequest> mix = i -> {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            String[] p = pairings.get(r.nextInt(pairings.size()));
            String county = p[2].substring(0, 6);
            return switch ((int) (i % 20)) {
                case 0, 1, 2, 3 -> http.request(bench.url(Service.VISIT, "/api/v1/visits"))
                        .header("Content-Type", "application/json").header("Idempotency-Key", "soak-" + run + "-" + i)
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"cadreId":"%s","householdId":"%s","visitedOn":"%s","mode":"IN_HOME","durationMinutes":40,
                                 "notes":"浸泡测试走访","tasks":[{"task":"POLICY_PUBLICITY","policies":["医疗保障"]},
                                 {"task":"DEVELOPMENT","help":[{"kind":"FUNDS","amountYuan":200,"peopleBenefiting":2}]}%s]}"""
                                .formatted(p[0], p[1], today, i % 40 == 0 ? DEMAND : ""))).build();
                case 4, 5, 6, 7, 8 -> get(http, Service.REPORTING, "/api/v1/regions/" + county + "/coverage");
                case 9 -> get(http, Service.REPORTING, "/api/v1/regions/62/coverage");
                case 10, 11 -> get(http, Service.REGISTRY, "/api/v1/households/" + p[1]);
                case 12 -> get(http, Service.REGISTRY, "/api/v1/households?region=" + county + "&size=20");
                case 13 -> get(http, Service.REGISTRY, "/api/v1/regions/" + county + "/counts");
                case 14, 15 -> get(http, Service.VISIT, "/api/v1/visits?household=" + p[1] + "&size=20");
                case 16 -> get(http, Service.REPORTING, "/api/v1/cadres/" + p[0] + "/visits");
                case 17 -> get(http, Service.REPORTING, "/api/v1/regions/" + county + "/overdue-pairings?size=20");
                default -> get(http, Service.PAIRING, "/api/v1/villages/" + p[2]);
            };
        };

        bench.say("soak: %d requests/s of the mix for %d min over %,d ACTIVE pairings; a sample every %d s", rate,
                minutes, pairings.size(), SAMPLE_SECONDS);
        rows.add("| min | requests answered | failed | visits accepted | applied by reporting | outbox backlog "
                + "(registry/pairing/visit) | RSS MB (registry/pairing/visit/reporting) |");
        rows.add("|---|---|---|---|---|---|---|");
        Map<Service, Long> warmHeap = new LinkedHashMap<>();
        boolean[] stop = {false};
        long t0 = System.nanoTime();
        Thread sampler = new Thread(() -> {
            try {
                for (int k = 1; !stop[0]; k++) {
                    long due = t0 + TimeUnit.SECONDS.toNanos((long) k * SAMPLE_SECONDS);
                    while (!stop[0] && System.nanoTime() < due) {
                        Thread.sleep(200);
                    }
                    if (stop[0]) {
                        return;
                    }
                    sample(k * SAMPLE_SECONDS / 60.0, answered.get(), refused.get(), visitsAccepted.get(),
                            visitsInReporting() - visitsBefore);
                    if (k * SAMPLE_SECONDS == 60) {
                        warmHeap.putAll(heapAfterFullGc());
                        bench.say("  warm (1 min): Java heap after a full GC, MB: %s", mb(warmHeap));
                    }
                }
            } catch (Exception e) {
                bench.say("  sampler stopped: %s", e);
            }
        }, "soak-sampler");
        sampler.start();
        Load.Result load = Load.paced(http.client(), 32, rate, Duration.ofMinutes(minutes), mix, Load.ANY_2XX,
                (i, r, at) -> {
                    answered.incrementAndGet();
                    if (r.statusCode() / 100 != 2) {
                        refused.incrementAndGet();
                    } else if (i % 20 < 4) {
                        visitsAccepted.incrementAndGet();
                    }
                });
        stop[0] = true;
        sampler.join();
        bench.say("soak load done: %,d requests, %,d failed, %.1f/s, %s%s", load.requests(), load.failed(),
                load.perSecond(), load.latencies(), load.firstFailure() == null ? "" : "; first failure: "
                        + load.firstFailure());

        // drain: every outbox empty and every accepted visit applied by reporting, within 2 minutes
        long d0 = System.nanoTime();
        long applied;
        long[] backlog;
        do {
            Bench.sleep(500);
            applied = visitsInReporting() - visitsBefore;
            backlog = backlogs();
        } while ((applied < visitsAccepted.get() || sum(backlog) > 0) && Bench.secs(d0) < 120);
        double drainS = Bench.secs(d0);
        Map<Service, Long> endHeap = heapAfterFullGc();
        sample(Bench.secs(t0) / 60, answered.get(), refused.get(), visitsAccepted.get(), applied);

        check(load.failed() == 0, String.format(Locale.ROOT, "%,d requests at %.1f/s (asked %d/s), %,d failed%s; "
                + "latency %s", load.requests(), load.perSecond(), rate, load.failed(),
                load.firstFailure() == null ? "" : " (first: " + load.firstFailure() + ")", load.latencies()));
        check(sum(backlog) == 0 && applied == visitsAccepted.get(), String.format(Locale.ROOT, "after the load: "
                + "outbox backlog %d/%d/%d, reporting applied %,d of %,d accepted visits (none twice: %s), %.1f s "
                + "after the load stopped", backlog[0], backlog[1], backlog[2], applied, visitsAccepted.get(),
                applied <= visitsAccepted.get() ? "yes" : "NO", drainS));
        StringBuilder growth = new StringBuilder();
        boolean flat = !warmHeap.isEmpty();
        for (Service s : Service.ALL) {
            long warm = warmHeap.getOrDefault(s, -1L);
            long end = endHeap.getOrDefault(s, -1L);
            flat &= warm >= 0 && end >= 0 && end - warm <= HEAP_GROWTH_LIMIT_KB;
            growth.append(String.format(Locale.ROOT, "%s%s %.1f → %.1f MB", growth.length() == 0 ? "" : ", ",
                    s.name().replace("-service", ""), warm / 1024.0, end / 1024.0));
        }
        check(flat, "Java heap after a full GC, at 1 min → at the end (limit +20 MB): " + growth);
    }

    private HttpRequest get(Http http, Service s, String path) {
        return http.request(bench.url(s, path)).GET().build();
    }

    private void sample(double minute, long answered, long refused, long accepted, long applied) throws SQLException {
        long[] backlog = backlogs();
        StringBuilder rss = new StringBuilder();
        for (Service s : Service.ALL) {
            rss.append(rss.length() == 0 ? "" : "/").append(Bench.memory(bench.suite().process(s).pid())[0] >> 10);
        }
        String row = String.format(Locale.ROOT, "| %.1f | %,d | %,d | %,d | %,d | %d/%d/%d | %s |", minute, answered,
                refused, accepted, applied, backlog[0], backlog[1], backlog[2], rss);
        rows.add(row);
        bench.say("  %s", row);
    }

    private long[] backlogs() throws SQLException {
        long[] b = new long[PRODUCERS.size()];
        for (int k = 0; k < b.length; k++) {
            try (Connection c = bench.db(PRODUCERS.get(k)); Statement st = c.createStatement()) {
                b[k] = Bench.single(st, "select count(*) from outbox_event where sent_at is null");
            }
        }
        return b;
    }

    private long visitsInReporting() throws SQLException {
        try (Connection c = bench.db(Service.REPORTING); Statement st = c.createStatement()) {
            return Bench.single(st, "select count(*) from visit");
        }
    }

    /** Java heap in use (young + old generation, kB) of each service right after a full GC (jcmd); empty if no jcmd. */
    private Map<Service, Long> heapAfterFullGc() {
        Map<Service, Long> heap = new LinkedHashMap<>();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        for (Service s : Service.ALL) {
            long pid = bench.suite().process(s).pid();
            if (!Bench.fullGc(pid)) {
                continue;
            }
            try {
                Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                        .redirectErrorStream(true).start();
                String text = new String(p.getInputStream().readAllBytes());
                p.waitFor(30, TimeUnit.SECONDS);
                long used = 0;
                Matcher m = HEAP_USED.matcher(text);
                while (m.find()) {
                    used += Long.parseLong(m.group(1));
                }
                heap.put(s, used);
            } catch (IOException e) {
                // left out: the check then fails for want of a figure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return heap;
    }

    private static String mb(Map<Service, Long> kb) {
        StringBuilder sb = new StringBuilder();
        kb.forEach((s, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(s.name().replace("-service", ""))
                .append(' ').append(String.format(Locale.ROOT, "%.1f", v / 1024.0)));
        return sb.toString();
    }

    private static long sum(long[] xs) {
        long s = 0;
        for (long x : xs) {
            s += x;
        }
        return s;
    }

    private void check(boolean ok, String what) {
        passed &= ok;
        verdicts.add((ok ? "ok: " : "**FAILED**: ") + what);
    }

    private void report(boolean complete) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Lianhu soak, %s (Beijing time): %d cores, Java %s; %d min at %d "
                + "requests/s of the mix, province scale %s %% (seed %d)%n%n", LocalDateTime.now(BEIJING).withNano(0),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), minutes, rate,
                scale == Math.rint(scale) ? String.valueOf((long) scale) : String.valueOf(scale), seed));
        if (!complete) {
            sb.append("**INCOMPLETE: the soak stopped before its end (interrupted or failed, see its output).**\n\n");
        }
        sb.append(complete && passed ? "Result: **passed**\n\n" : "Result: **not passed**\n\n");
        for (String v : verdicts) {
            sb.append("- ").append(v).append('\n');
        }
        sb.append('\n');
        for (String r : rows) {
            sb.append(r).append('\n');
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), sb.toString());
        System.out.println();
        System.out.println(sb);
        System.out.println("(written to " + dir.resolve("results.md").toAbsolutePath() + ")");
    }
}
