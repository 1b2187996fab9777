package cn.gansu.lianhu.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import cn.gansu.lianhu.testsupport.KafkaMain;

/**
 * The fault suite's Kafka broker in a process of its own ({@link KafkaMain}: a KRaft single node, client port
 * {@code port}, controller {@code port + 1}, log in {@code logDir}), so that it can be killed with SIGKILL and
 * started again on the same port and log dir (issue 8 point 1). Output goes to {@code logFile}.
 */
final class KafkaProcess implements AutoCloseable {
    private final Path logDir;
    private final int port;
    private final Path logFile;
    private Process process;

    KafkaProcess(Path logDir, int port, Path logFile) {
        this.logDir = logDir;
        this.port = port;
        this.logFile = logFile;
    }

    /** A port p in 20000–29999 with p and p + 1 free (broker and controller). */
    static int freePortPair() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int p = 20000 + random.nextInt(9999);
            if (free(p) && free(p + 1)) {
                return p;
            }
        }
        throw new IllegalStateException("no two free ports in 20000-29999");
    }

    private static boolean free(int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** Starts the broker and waits (up to 90 s) until it printed {@link KafkaMain#READY}. */
    synchronized void start() {
        try {
            Files.createDirectories(logDir);
            Files.createDirectories(logFile.getParent());
            long readyBefore = readyLines();
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                cmd.add("/usr/bin/setsid");
            }
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-Xms64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dslf4j.internal.verbosity=ERROR",
                    "-cp", System.getProperty("java.class.path"), KafkaMain.class.getName(), logDir.toString(),
                    String.valueOf(port)));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.environment().remove(cn.gansu.lianhu.testsupport.LocalKafka.BOOTSTRAP_ENV);
            process = pb.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (readyLines() <= readyBefore) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka process exited with " + process.exitValue() + "; see "
                            + logFile);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka not ready within 90 s; see " + logFile);
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Kafka: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long readyLines() throws IOException {
        if (!Files.exists(logFile)) {
            return 0;
        }
        try (var lines = Files.lines(logFile, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.startsWith(KafkaMain.READY)).count();
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    synchronized void kill9() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Kafka survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM (the broker shuts down cleanly), up to 30 s, then SIGKILL. */
    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
