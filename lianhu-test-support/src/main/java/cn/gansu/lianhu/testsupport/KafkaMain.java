package cn.gansu.lianhu.testsupport;

import java.nio.file.Path;

/**
 * A single-node KRaft broker ({@link LocalKafka}) in a process of its own, running until it is killed:
 * {@code java -cp <classpath> cn.gansu.lianhu.testsupport.KafkaMain <log dir> <port>}. The controller listens on
 * {@code port + 1}. Once the broker answers and the contract's topics exist it prints {@code KAFKA READY host:port}.
 * The fault suite (issue 8 point 1) kills it with SIGKILL and starts it again on the same port and log dir.
 */
public final class KafkaMain {
    /** The line printed when the broker is ready; followed by a space and the bootstrap address. */
    public static final String READY = "KAFKA READY";

    private KafkaMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: KafkaMain <log dir> <port>");
            System.exit(2);
        }
        LocalKafka kafka = LocalKafka.start(Path.of(args[0]), Integer.parseInt(args[1]), LocalKafka.SUITE_PARTITIONS);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-stop"));
        System.out.println(READY + " " + kafka.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}
