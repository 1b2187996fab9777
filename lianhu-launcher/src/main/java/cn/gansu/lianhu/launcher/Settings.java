package cn.gansu.lianhu.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the launcher runs the suite.
 *
 * @param home         project folder: holds {@code <service>/target/quarkus-app/quarkus-run.jar}
 * @param dataDir      folder for {@code postgres/}, {@code kafka/} and {@code logs/}; kept between runs
 * @param postgresPort PostgreSQL port; 0 = any free port
 * @param kafkaPort    Kafka client port (the controller takes the next one); 0 = any free port
 * @param ports        HTTP port of each service
 * @param waitForData  wait until registry has loaded the Gansu data and reporting shows it
 * @param startTimeout how long each service may take to become ready
 * @param dataTimeout  how long loading the Gansu data may take
 * @param jvmOptions   options for every service JVM, before its {@code -Xmx}
 * @param kafkaBootstrapServers an external broker to use instead of starting one in this JVM (like
 *                     {@code LIANHU_KAFKA_BOOTSTRAP_SERVERS}, settable in-process: the fault suite runs its broker in
 *                     a process of its own); null = start one (or the environment's)
 */
public record Settings(Path home, Path dataDir, int postgresPort, int kafkaPort, Map<Service, Integer> ports,
        boolean waitForData, Duration startTimeout, Duration dataTimeout, List<String> jvmOptions,
        String kafkaBootstrapServers) {

    /** These settings with the external broker {@code bootstrapServers} (host:port). */
    public Settings withKafka(String bootstrapServers) {
        return new Settings(home, dataDir, postgresPort, kafkaPort, ports, waitForData, startTimeout, dataTimeout,
                jvmOptions, bootstrapServers);
    }

    /**
     * JVM options of every service, to keep four services modest on a 2-core machine: the serial collector
     * (one GC thread instead of one per core); a small initial heap that grows only as needed (the default
     * initial heap is 1/64 of the machine's memory, i.e. the whole {@code -Xmx}); the C1 compiler only (less
     * compile CPU while all four start, smaller code cache); small thread stacks; capped metaspace; after a full
     * collection the heap is cut back to at most 50 % free at once (the default keeps up to 70 % free and shrinks
     * over several collections), so memory a bulk import needed goes back to the system (issue 7); 2 glibc
     * malloc arenas (see launch). Measured on the Gansu data: resident memory 200–250 MB per service at start
     * instead of 265–450 MB, and a faster start.
     * {@code LIANHU_JAVA_OPTS} comes after these, so e.g. {@code -XX:TieredStopAtLevel=4} brings C2 back.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms64m",
            "-XX:TieredStopAtLevel=1", "-Xss512k",
            "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=192m", "-XX:MaxHeapFreeRatio=50",
            "-XX:-ShrinkHeapInSteps", "-XX:+ExitOnOutOfMemoryError",
            "-Dfile.encoding=UTF-8");

    /**
     * A local run: data under {@code <home>/.lianhu}; PostgreSQL on 5432 and Kafka on 9092 unless taken (then
     * free ports); services on 8081–8084 unless taken. {@code LIANHU_JAVA_OPTS} adds JVM options,
     * {@code LIANHU_WAIT_FOR_DATA=false} skips waiting for the Gansu data.
     */
    public static Settings local(Path home) {
        Map<Service, Integer> ports = new LinkedHashMap<>();
        for (Service s : Service.ALL) {
            ports.put(s, isFree(s.defaultPort()) ? s.defaultPort() : freePort());
        }
        List<String> jvm = new ArrayList<>(DEFAULT_JVM_OPTIONS);
        String extra = System.getenv("LIANHU_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            jvm.addAll(List.of(extra.trim().split("\\s+")));
        }
        return new Settings(home, home.resolve(".lianhu"), isFree(5432) ? 5432 : 0,
                isFree(9092) && isFree(9093) ? 9092 : 0, ports,
                !"false".equalsIgnoreCase(System.getenv("LIANHU_WAIT_FOR_DATA")), Duration.ofMinutes(5),
                Duration.ofMinutes(15), List.copyOf(jvm), null);
    }

    /** A run beside others (tests): every port free, data in {@code dataDir}. */
    public static Settings isolated(Path home, Path dataDir) {
        Map<Service, Integer> ports = new LinkedHashMap<>();
        for (Service s : Service.ALL) {
            ports.put(s, freePort());
        }
        return new Settings(home, dataDir, 0, 0, ports, true, Duration.ofMinutes(5), Duration.ofMinutes(15),
                DEFAULT_JVM_OPTIONS, null);
    }

    /** True if nothing listens on {@code port} (loopback or any address). */
    static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            return false;
        }
        try (ServerSocket s = new ServerSocket(port)) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A free port for a service, from 20000–29999: below Linux's ephemeral range (32768–60999), so neither
     * the embedded servers' own free ports nor the local ports of outgoing connections can take it between
     * now and the moment the service binds it; never the same port twice in one JVM.
     */
    static int freePort() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = 20000 + random.nextInt(10000);
            if (isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in 20000-29999");
    }
}
