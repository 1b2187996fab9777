package cn.gansu.lianhu.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the four Lianhu services as the launcher runs it: a packaged Quarkus application
 * ({@code <name>/target/quarkus-app/quarkus-run.jar}) with its own database (DESIGN.md §2) and port
 * (DESIGN.md §4).
 *
 * @param name        module folder and log name, e.g. {@code registry-service}
 * @param defaultPort HTTP port of a normal local run
 * @param database    its PostgreSQL database
 * @param dbUrlEnv    environment variable its application.properties reads the JDBC URL from
 * @param maxHeap     {@code -Xmx} value: enough for its work at Gansu scale, small enough for a 2-core machine
 */
public record Service(String name, int defaultPort, String database, String dbUrlEnv, String maxHeap) {

    public static final Service REGISTRY = new Service("registry-service", 8081, "lianhu_registry",
            "LIANHU_REGISTRY_DB_URL", "384m");
    public static final Service PAIRING = new Service("pairing-service", 8082, "lianhu_pairing",
            "LIANHU_PAIRING_DB_URL", "256m");
    public static final Service VISIT = new Service("visit-service", 8083, "lianhu_visit",
            "LIANHU_VISIT_DB_URL", "192m");
    public static final Service REPORTING = new Service("reporting-service", 8084, "lianhu_reporting",
            "LIANHU_REPORTING_DB_URL", "256m");

    /** The suite, in start order. */
    public static final List<Service> ALL = List.of(REGISTRY, PAIRING, VISIT, REPORTING);

    /** The runnable jar under the project folder. */
    public Path jar(Path home) {
        return home.resolve(name).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }
}
