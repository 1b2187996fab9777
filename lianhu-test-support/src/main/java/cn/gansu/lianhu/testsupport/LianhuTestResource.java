package cn.gansu.lianhu.testsupport;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real infrastructure for a service's {@code @QuarkusTest}s: one embedded PostgreSQL and one in-JVM KRaft
 * Kafka broker per test JVM (or the external ones named by {@code LIANHU_POSTGRES_URL} /
 * {@code LIANHU_KAFKA_BOOTSTRAP_SERVERS}). Each module gets a fresh database named after its folder
 * ({@code lianhu_test_registry_service}). Apply it to every test class of a module with the same
 * annotation — {@code @WithTestResource(LianhuTestResource.class)} — so Quarkus boots once. The services
 * trust {@link TestTokens}' key and issuer, and REST Assured sends a province admin's token by default.
 */
public class LianhuTestResource implements QuarkusTestResourceLifecycleManager {
    private static LocalPostgres postgres;
    private static LocalKafka kafka;
    private static String database;
    /**
     * Partitions of the topics in module tests: 3 (one consumer per channel, fewer partitions to poll); the services'
     * TopicSetup creates the topics it misses (dead letters) with as many.
     */
    static final int TEST_PARTITIONS = 3;

    @Override
    public synchronized Map<String, String> start() {
        if (postgres == null) {
            postgres = LocalPostgres.startOrConnect(null, 0);
            database = "lianhu_test_" + Path.of("").toAbsolutePath().getFileName().toString()
                    .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
            postgres.recreateDatabase(database);
            kafka = LocalKafka.startOrConnect(null, 0, TEST_PARTITIONS);
            Runtime.getRuntime().addShutdownHook(new Thread(LianhuTestResource::stopAll, "lianhu-test-infra-stop"));
        }
        TestTokens.useByDefault(TestTokens.provinceAdmin());
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password(),
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "lianhu.kafka.topics.partitions", String.valueOf(TEST_PARTITIONS),
                "mp.jwt.verify.issuer", TestTokens.ISSUER,
                "mp.jwt.verify.publickey.location", TestTokens.publicKeyFile().toUri().toString());
    }

    /** Broker address, for tests that produce or consume records themselves. */
    public static String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** JDBC URL of this module's test database, for tests that check rows directly. */
    public static String jdbcUrl() {
        return postgres.jdbcUrl(database);
    }

    public static String dbUser() {
        return postgres.user();
    }

    public static String dbPassword() {
        return postgres.password();
    }

    @Override
    public void stop() {
        // Servers live for the whole JVM (several Quarkus boots may share them); stopped at JVM exit.
    }

    private static synchronized void stopAll() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (RuntimeException ignored) {
            // JVM is exiting
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
