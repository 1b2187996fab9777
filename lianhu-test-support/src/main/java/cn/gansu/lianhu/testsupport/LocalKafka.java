package cn.gansu.lianhu.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import cn.gansu.lianhu.events.contract.Topics;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one, no ZooKeeper), running in
 * this JVM (RECIPES.md) — or, when {@code LIANHU_KAFKA_BOOTSTRAP_SERVERS} names one, an external broker.
 * The event topics of the contract ({@code Topics.ALL}) are created at start with {@code partitions} partitions, so
 * that consumer groups do not rebalance (and redeliver uncommitted batches) when a topic first appears; other
 * topics (dead letters) are auto-created. Topics are kept forever (reporting rebuilds from them, DESIGN.md §3).
 */
public final class LocalKafka implements AutoCloseable {
    /**
     * Partitions of the event topics of a suite run by the launcher or the bench (issue 9 point 4): 6, so that up to
     * six replicas of a consumer group each get partitions; {@code LIANHU_KAFKA_PARTITIONS} overrides it. The services
     * create missing topics with as many ({@code lianhu.kafka.topics.partitions}, lianhu-events' TopicSetup).
     */
    public static final int SUITE_PARTITIONS = partitionsFromEnv();

    private static int partitionsFromEnv() {
        String v = System.getenv("LIANHU_KAFKA_PARTITIONS");
        try {
            return v == null || v.isBlank() ? 6 : Math.max(1, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return 6;
        }
    }

    /** Environment variable naming an external broker, e.g. {@code kafka:9092}. */
    public static final String BOOTSTRAP_ENV = "LIANHU_KAFKA_BOOTSTRAP_SERVERS";

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private LocalKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a broker, or uses the external one named by {@value #BOOTSTRAP_ENV}.
     *
     * @param logDir          where the log lives; reused if formatted before; null = a fresh temp dir
     * @param port            client port; 0 = any free port (the controller takes another free port)
     * @param partitions      partitions of auto-created topics
     */
    public static LocalKafka startOrConnect(Path logDir, int port, int partitions) {
        String external = System.getenv(BOOTSTRAP_ENV);
        if (external != null && !external.isBlank()) {
            return new LocalKafka(null, external);
        }
        return start(logDir, port, partitions);
    }

    /** An external broker at {@code bootstrapServers} (e.g. one {@link KafkaMain} runs in a process of its own). */
    public static LocalKafka external(String bootstrapServers) {
        return new LocalKafka(null, bootstrapServers);
    }

    /**
     * Starts a broker in this JVM whatever the environment says (see {@link #startOrConnect}); {@link KafkaMain}
     * uses it for a broker process of its own.
     */
    public static LocalKafka start(Path logDir, int port, int partitions) {
        try {
            Path dir = logDir != null ? Files.createDirectories(logDir) : Files.createTempDirectory("lianhu-kafka");
            int brokerPort = port > 0 ? port : freePort();
            int controllerPort = port > 0 ? port + 1 : freePort();
            Properties props = new Properties();
            props.putAll(Map.ofEntries(
                    Map.entry("process.roles", "broker,controller"),
                    Map.entry("node.id", "1"),
                    Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                    Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                    Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                    Map.entry("controller.listener.names", "CONTROLLER"),
                    Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                    Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                    Map.entry("log.dirs", dir.toString()),
                    Map.entry("num.partitions", String.valueOf(partitions)),
                    Map.entry("auto.create.topics.enable", "true"),
                    Map.entry("offsets.topic.replication.factor", "1"),
                    Map.entry("offsets.topic.num.partitions", "5"),
                    Map.entry("transaction.state.log.replication.factor", "1"),
                    Map.entry("transaction.state.log.min.isr", "1"),
                    Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                    Map.entry("share.coordinator.state.topic.min.isr", "1"),
                    Map.entry("group.initial.rebalance.delay.ms", "0"),
                    Map.entry("log.retention.ms", "-1"),
                    Map.entry("log.retention.bytes", "-1")));
            Path config = dir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "Lianhu local KRaft broker");
            }
            ByteArrayOutputStream formatLog = new ByteArrayOutputStream();
            // a log dir kept from an earlier run must be started with the cluster id it was formatted with
            String clusterId = existingClusterId(dir);
            int rc = StorageTool.execute(new String[] {"format", "-t", clusterId != null ? clusterId : Uuid.randomUuid().toString(), "-c",
                    config.toString(), "--ignore-formatted"}, new PrintStream(formatLog, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("kafka storage format failed: " + formatLog.toString(StandardCharsets.UTF_8));
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + brokerPort;
            awaitReady(bootstrap);
            createTopics(bootstrap, partitions);
            return new LocalKafka(server, bootstrap);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Kafka: " + e.getMessage(), e);
        }
    }

    /** The {@code cluster.id} of an already formatted log dir; null if it was never formatted. */
    private static String existingClusterId(Path dir) throws IOException {
        Path meta = dir.resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            return null;
        }
        Properties p = new Properties();
        try (java.io.InputStream in = Files.newInputStream(meta)) {
            p.load(in);
        }
        String id = p.getProperty("cluster.id");
        return id == null || id.isBlank() ? null : id.trim();
    }

    private static void awaitReady(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not become ready in 60 s", e);
                    }
                    sleep(Duration.ofMillis(200));
                }
            }
        }
    }

    /** Creates the contract's event topics that do not exist yet. */
    private static void createTopics(String bootstrap, int partitions) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            java.util.Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the event topics: " + e.getMessage(), e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A free TCP port on the loopback interface. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean isEmbedded() {
        return server != null;
    }

    /** Stops an in-JVM broker; does nothing for an external one. */
    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }
}
