package cn.gansu.lianhu.bench;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

import com.fasterxml.jackson.databind.JsonNode;

import cn.gansu.lianhu.launcher.Launcher;
import cn.gansu.lianhu.launcher.Service;
import cn.gansu.lianhu.launcher.Settings;

/**
 * Two replicas of every service (issue 9 point 4: "a second replica of any service can run beside the first without
 * duplicating work"), run by {@link Faults} in replica mode instead of its kills; {@link Reconciliation} then checks
 * the same things: every accepted request reflected exactly once everywhere, every event published once.
 * <ol>
 * <li>After the suite is up, a second process of each service ({@code <service>-2}: its own port and instance id,
 * the same databases and broker). The import limits' heartbeat is 1 s and owner timeout 5 s, the consumers' session
 * timeout 10 s, so that the kills below are noticed quickly.</li>
 * <li>Seed as the fault suite does; then visits go to both visit replicas alternately (a retry to the other one) and
 * each consumer group's partitions per replica are recorded: both replicas must hold partitions.</li>
 * <li>Six phases, each with its household import: 1. posted to registry's second replica, which is killed with
 * SIGKILL while the job is RUNNING: the first replica fails the orphaned job (owner silent 5 s) and the import is
 * uploaded again to the first; 2. pairing's second replica killed; 3. visit's second replica killed (its requests
 * finish on the first); 4. a rebuild asked of reporting's second replica beside the first is 409
 * {@code rebuild.replicas}; then that replica is killed; 5–6. imports only.</li>
 * <li>After the reconciliation: the figures of the province (visits, coverage) are read, a rebuild runs on the one
 * reporting replica left, and the figures are read again: they must be equal.</li>
 * </ol>
 */
final class Replicas {
    private final Faults f;
    final Map<Service, Launcher.Replica> second = new java.util.LinkedHashMap<>();

    Replicas(Faults f) {
        this.f = f;
    }

    /** The suite's settings with quick failure detection (see the class comment). */
    static Settings settings(Settings s) {
        List<String> jvm = new ArrayList<>(s.jvmOptions());
        jvm.add("-Dlianhu.imports.heartbeat-interval=1s");
        jvm.add("-Dlianhu.imports.owner-timeout=5s");
        jvm.add("-Dkafka.session.timeout.ms=10000");
        return new Settings(s.home(), s.dataDir(), s.postgresPort(), s.kafkaPort(), s.ports(), s.waitForData(),
                s.startTimeout(), s.dataTimeout(), List.copyOf(jvm), s.kafkaBootstrapServers());
    }

    /** Starts the second replica of every service, four at once. */
    void start() throws Exception {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Service.ALL.size());
        try {
            Map<Service, Future<Launcher.Replica>> started = new java.util.LinkedHashMap<>();
            for (Service s : Service.ALL) {
                int port = freePort();
                started.put(s, pool.submit(() -> f.suite.startReplica(s, port, s.name() + "-2")));
            }
            for (Map.Entry<Service, Future<Launcher.Replica>> e : started.entrySet()) {
                second.put(e.getKey(), e.getValue().get(5, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdown();
        }
        f.say("second replicas ready in %.1f s: %s", Faults.secs(t0), second.values().stream()
                .map(r -> r.service().name() + "-2 " + r.baseUrl()).toList());
        f.figures.put("replicasStartSeconds", Math.round(Faults.secs(t0) * 10) / 10.0);
    }

    /** The visit stream over both visit replicas, the partition spread, then the six phases. */
    void phases() throws Exception {
        List<String[]> pairings = new ArrayList<>();
        try (Connection c = f.db(Service.PAIRING); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select cadre_id, household_id from pairing where status = 'ACTIVE' "
                        + "order by id")) {
            while (rs.next()) {
                pairings.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        f.run = Long.toString(System.currentTimeMillis(), 36);
        f.stream = new VisitStream(List.of(f.url(Service.VISIT, "/api/v1/visits"),
                second.get(Service.VISIT).baseUrl() + "/api/v1/visits"), () -> f.token(), pairings,
                LocalDate.now(Faults.BEIJING).toString(), f.options().visitRate(), f.options().clients(), f.run,
                () -> f.phase);
        f.stream.start();
        try {
            Faults.pause(3000);
            partitionSpread();
            for (Faults.Kill k : Faults.Kill.values()) {
                f.phase = k.ordinal();
                phase(k, f.parts.get(k.ordinal()));
            }
            Faults.pause(3000);
        } finally {
            f.say("stopping the visit stream");
            f.stream.stop(Duration.ofSeconds(60));
        }
        for (Faults.ImportPart p : f.parts) {
            f.settleImport(p, Duration.ofMinutes(3));
        }
        long toSecond = f.stream.requests().stream().filter(r -> r.number % 2 == 1).count();
        f.say("visits sent: %,d (%,d first to the second replica)", f.stream.requests().size(), toSecond);
        f.figures.put("visitsSent", (long) f.stream.requests().size());
    }

    private void phase(Faults.Kill k, Faults.ImportPart part) {
        long t0 = System.nanoTime();
        switch (k) {
            case REGISTRY -> {
                f.say("— phase 1: import on registry-service-2, killed with SIGKILL while the job runs");
                f.importBase = second.get(Service.REGISTRY).baseUrl();
                f.postImport(part);
                f.awaitRunning(part);
                second.get(Service.REGISTRY).kill();
                f.importBase = null;
                f.settleImport(part, Duration.ofMinutes(3));
                f.figures.put("orphanedImport", part.statuses.toString());
            }
            case PAIRING, VISIT -> {
                f.say("— phase %d: import; kill -9 %s-2", k.ordinal() + 1, k.service().name());
                f.postImport(part);
                Faults.pause(1000);
                second.get(k.service()).kill();
                f.settleImport(part, Duration.ofMinutes(3));
            }
            case REPORTING -> {
                f.say("— phase 4: a rebuild beside another reporting replica; kill -9 reporting-service-2");
                f.postImport(part);
                Http.Answer a = f.http.post(second.get(Service.REPORTING).baseUrl() + "/api/v1/admin/rebuilds",
                        Map.of());
                String rule = a.status() == 409 ? a.json().path("errors").path(0).path("rule").asText() : "";
                f.figures.put("rebuildBesideReplica", a.status() + " " + rule);
                f.say("  POST /api/v1/admin/rebuilds on the second replica: %d %s", a.status(), rule);
                if (a.status() != 409 || !"rebuild.replicas".equals(rule)) {
                    f.failures.add("a rebuild beside another reporting replica was not 409 rebuild.replicas: "
                            + a.status() + " " + a.body());
                }
                second.get(Service.REPORTING).kill();
                f.settleImport(part, Duration.ofMinutes(3));
            }
            default -> {
                f.say("— phase %d: import on registry-service", k.ordinal() + 1);
                f.postImport(part);
                f.settleImport(part, Duration.ofMinutes(3));
            }
        }
        Faults.pause(2000);
        f.say("  phase %d done in %.1f s: %d visits accepted in it; import %s", k.ordinal() + 1, Faults.secs(t0),
                f.stream.acceptedIn(k.ordinal()), part.statuses);
    }

    /** Partitions of each service's consumer group per replica; both replicas must hold some. */
    private void partitionSpread() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, f.kafka.bootstrapServers());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, Map<String, Integer>> spread;
        try (Admin admin = Admin.create(p)) {
            while (true) {
                spread = new TreeMap<>();
                Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(
                        Service.ALL.stream().map(Service::name).toList()).all().get(30, TimeUnit.SECONDS);
                for (Service s : Service.ALL) {
                    Map<String, Integer> perReplica = new TreeMap<>(Map.of("1", 0, "2", 0));
                    for (MemberDescription m : groups.get(s.name()).members()) {
                        String replica = m.groupInstanceId().orElse("").startsWith(s.name() + "-2-") ? "2" : "1";
                        perReplica.merge(replica, m.assignment().topicPartitions().size(), Integer::sum);
                    }
                    spread.put(s.name(), perReplica);
                }
                boolean both = spread.values().stream().allMatch(m -> m.get("1") > 0 && m.get("2") > 0);
                if (both || System.nanoTime() > deadline) {
                    break;
                }
                Faults.pause(1000);
            }
        }
        f.say("partitions per replica (consumer group: replica 1 / replica 2): %s", spread);
        f.figures.put("partitionsPerReplica", spread.toString());
        spread.forEach((group, m) -> {
            if (m.get("1") == 0 || m.get("2") == 0) {
                f.failures.add("consumer group " + group + " does not spread over both replicas: " + m);
            }
        });
    }

    /** Figures of the province, a rebuild on the one reporting replica left, the same figures again. */
    void afterReconciliation() {
        String reporting = f.suite.baseUrl(Service.REPORTING);
        List<String> paths = List.of("/api/v1/regions/62/visits", "/api/v1/regions/62/coverage");
        Map<String, String> before = new TreeMap<>();
        for (String path : paths) {
            before.put(path, f.http.get(reporting + path).expect(200).json().toString());
        }
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
        Http.Answer a;
        // the killed replica's static members stay in the group until their session timeout (10 s here)
        while ((a = f.http.post(reporting + "/api/v1/admin/rebuilds", Map.of())).status() == 409
                && System.nanoTime() < deadline) {
            Faults.pause(1000);
        }
        if (a.status() != 202) {
            f.failures.add("the rebuild with one reporting replica left was not started: " + a.status() + " "
                    + a.body());
            return;
        }
        String id = a.json().path("id").asText();
        JsonNode rebuild;
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        do {
            Faults.pause(500);
            rebuild = f.http.get(reporting + "/api/v1/admin/rebuilds/" + id).expect(200).json();
        } while ("RUNNING".equals(rebuild.path("status").asText()) && System.nanoTime() < end);
        f.say("rebuild on the one reporting replica left: %s in %.1f s", rebuild.path("status").asText(),
                Faults.secs(t0));
        f.figures.put("rebuildAfter", rebuild.path("status").asText());
        if (!"SUCCEEDED".equals(rebuild.path("status").asText())) {
            f.failures.add("the rebuild did not succeed: " + rebuild);
            return;
        }
        boolean equal = true;
        for (String path : paths) {
            String after = f.http.get(reporting + path).expect(200).json().toString();
            if (!after.equals(before.get(path))) {
                equal = false;
                f.failures.add("figures of " + path + " differ after the rebuild: " + before.get(path) + " vs "
                        + after);
            }
        }
        f.figures.put("rebuildFiguresEqual", equal);
        f.figures.put("rebuildSeconds", Math.round(Faults.secs(t0) * 10) / 10.0);
        f.say("figures of the province before and after the rebuild equal: %s", equal);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
