package cn.gansu.lianhu.pairing.planner;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * Issue 3 point 7: the whole province plans in seconds. Off by default; run alone with
 * {@code mvn -B -o -pl pairing-service -am verify -Dtest=PlanBenchTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlianhu.bench=true} (add {@code -DargLine=-Xmx320m} to cap the heap: the test JVM also runs the Kafka broker).
 *
 * <p>A synthetic province, the same every run (seeded): the 8,790 real poor villages of
 * {@code registry-service/src/main/resources/gansu/poor_villages.csv}, 400,000 households IN_POVERTY spread over
 * them, 15,000 units linking 1–3 neighbouring villages each (every village linked), 400,000 cadres
 * (2 % 地厅级, 10 % 县处级, the rest other) spread over the units, 40 provincial leaders linking one village each.
 * All written with COPY. Then: plan the province, confirm it, plan it again (everything covered). Prints load /
 * plan / store / confirm times and the heap.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
@EnabledIfSystemProperty(named = "lianhu.bench", matches = "true")
class PlanBenchTest {
    static final int HOUSEHOLDS = 400_000;
    static final int CADRES = 400_000;
    static final int UNITS = 15_000;
    static final int LEADERS = 40;

    @Inject
    DataSource ds;

    /** Confirming 450,000 pairings takes longer than the 30 s Quarkus gives a test request by default. */
    static io.restassured.specification.RequestSpecification patient() {
        return given().config(io.restassured.RestAssured.config().httpClient(
                io.restassured.config.HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 900_000).setParam("http.connection.timeout", 10_000)));
    }

    @Test
    void theWholeProvincePlansInSeconds() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long t0 = System.nanoTime();
        int villages = fill();
        double fillS = (System.nanoTime() - t0) / 1e9;
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();

        Peak peak = Peak.start(memory);
        long t1 = System.nanoTime();
        JsonPath plan = patient().contentType("application/json").body(Map.of("scope", "PROVINCE")).when()
                .post("/api/v1/plans").then().statusCode(201).extract().jsonPath();
        double planS = (System.nanoTime() - t1) / 1e9;
        long planPeak = peak.stop();
        String id = plan.getString("id");
        System.out.printf("BENCH province: %d villages, %d households, %d units, %d cadres (+%d leaders); fill by COPY "
                + "%.1f s%n", villages, HOUSEHOLDS, UNITS, CADRES, LEADERS, fillS);
        System.out.printf("BENCH plan: feasible %s, %d proposals (%d primary), %d cadres below minimum before; "
                + "load %d ms, plan %d ms, store %d ms; request %.2f s%n", plan.getBoolean("feasible"),
                plan.getInt("figures.pairingsProposed"), plan.getInt("figures.primaryProposed"),
                plan.getInt("figures.cadresBelowMinimum"), plan.getLong("timings.loadMs"),
                plan.getLong("timings.planMs"), plan.getLong("timings.storeMs"), planS);
        System.out.printf("BENCH heap: max %d MB, used after GC before planning %d MB, peak while planning %d MB "
                + "(+%d MB, garbage included), highest after a GC while planning %d MB (+%d MB)%n",
                memory.getHeapMemoryUsage().getMax() >> 20, baseline >> 20, planPeak >> 20,
                (planPeak - baseline) >> 20, peak.afterGc() >> 20, (peak.afterGc() - baseline) >> 20);
        assertTrue(plan.getBoolean("feasible"), plan.getList("shortfalls").toString());
        assertEquals(HOUSEHOLDS, plan.getInt("figures.householdsInScope"));
        assertEquals(HOUSEHOLDS, plan.getInt("figures.householdsCoveredAfter"));
        assertEquals(0, plan.getInt("figures.cadresBelowMinimumAfter"));

        peak = Peak.start(memory);
        long t2 = System.nanoTime();
        JsonPath confirmed = patient().contentType("application/json").body(Map.of("confirmedBy", "bench")).when()
                .post("/api/v1/plans/" + id + "/confirm").then().statusCode(200).extract().jsonPath();
        double confirmS = (System.nanoTime() - t2) / 1e9;
        long confirmPeak = peak.stop();
        System.out.printf("BENCH confirm: %d pairings created, %d units confirmed; %d ms in the service, request "
                + "%.2f s; heap peak %d MB, highest after a GC %d MB%n", confirmed.getInt("confirmation.pairingsCreated"),
                confirmed.getInt("confirmation.unitsConfirmed"), confirmed.getLong("confirmation.durationMs"), confirmS,
                confirmPeak >> 20, peak.afterGc() >> 20);
        assertEquals(plan.getInt("figures.pairingsProposed"), confirmed.getInt("confirmation.pairingsCreated"));

        peak = Peak.start(memory);
        long t3 = System.nanoTime();
        JsonPath again = patient().contentType("application/json").body(Map.of("scope", "PROVINCE")).when()
                .post("/api/v1/plans").then().statusCode(201).extract().jsonPath();
        double againS = (System.nanoTime() - t3) / 1e9;
        long againPeak = peak.stop();
        System.out.printf("BENCH plan again (%d live pairings): %d proposals; load %d ms, plan %d ms, store %d ms; "
                + "request %.2f s; heap peak %d MB, highest after a GC %d MB (outbox relay publishing meanwhile)%n",
                again.getLong("figures.existingPairings"), again.getInt("figures.pairingsProposed"),
                again.getLong("timings.loadMs"), again.getLong("timings.planMs"), again.getLong("timings.storeMs"),
                againS, againPeak >> 20, peak.afterGc() >> 20);
        assertTrue(again.getBoolean("feasible"));
        assertEquals(0, again.getInt("figures.pairingsProposed"));
    }

    /**
     * Watches the heap during one operation: the highest heap used sampled every 5 ms (garbage included), and the
     * highest heap used right after a collection (≈ what is live, the better measure of what the operation needs).
     */
    static final class Peak implements Runnable {
        static final java.util.Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .map(java.lang.management.MemoryPoolMXBean::getName).collect(java.util.stream.Collectors.toSet());
        final MemoryMXBean memory;
        final AtomicLong max = new AtomicLong();
        final AtomicLong maxAfterGc = new AtomicLong();
        final List<Runnable> unregister = new ArrayList<>();
        volatile boolean running = true;
        Thread thread;

        Peak(MemoryMXBean memory) {
            this.memory = memory;
        }

        static Peak start(MemoryMXBean memory) {
            Peak p = new Peak(memory);
            for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                javax.management.NotificationEmitter emitter = (javax.management.NotificationEmitter) gc;
                javax.management.NotificationListener listener = (n, h) -> {
                    if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                            .equals(n.getType())) {
                        com.sun.management.GarbageCollectionNotificationInfo info = com.sun.management
                                .GarbageCollectionNotificationInfo.from((javax.management.openmbean.CompositeData) n
                                        .getUserData());
                        long used = 0;
                        for (Map.Entry<String, java.lang.management.MemoryUsage> u : info.getGcInfo()
                                .getMemoryUsageAfterGc().entrySet()) {
                            if (HEAP_POOLS.contains(u.getKey())) {
                                used += u.getValue().getUsed();
                            }
                        }
                        long heapUsed = used;
                        p.maxAfterGc.accumulateAndGet(heapUsed, Math::max);
                    }
                };
                emitter.addNotificationListener(listener, null, null);
                p.unregister.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException e) {
                        // gone already
                    }
                });
            }
            p.thread = new Thread(p, "heap-peak");
            p.thread.setDaemon(true);
            p.thread.start();
            return p;
        }

        @Override
        public void run() {
            while (running) {
                max.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            unregister.forEach(Runnable::run);
            return max.get();
        }

        /** Highest heap in use right after a collection. */
        long afterGc() {
            return maxAfterGc.get();
        }
    }

    /** Writes the synthetic province; returns the number of villages. */
    int fill() throws SQLException, IOException {
        Random rnd = new Random(20261129L);
        List<String[]> villages = villages();
        int nv = villages.size();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            copy(c, "copy known_county (code, name, prefecture_code, poor, last_event_id, updated_at) from stdin "
                    + "(format csv)", sb -> {
                        java.util.Set<String> seen = new java.util.HashSet<>();
                        for (String[] v : villages) {
                            if (seen.add(v[3])) {
                                sb.append(v[3]).append("000000,county ").append(v[3]).append(',')
                                        .append(v[3], 0, 4).append("00000000,true,").append(uuid(rnd))
                                        .append(",2026-11-01T08:00:00Z\n").send(false);
                            }
                        }
                    });
            copy(c, "copy known_village (code, name, township_code, county_code, poor, last_event_id, updated_at) from "
                    + "stdin (format csv)", sb -> {
                        for (String[] v : villages) {
                            sb.append(v[0]).append(",\"").append(v[1]).append("\",").append(v[2]).append("000,")
                                    .append(v[3]).append("000000,true,").append(uuid(rnd))
                                    .append(",2026-11-01T08:00:00Z\n").send(false);
                        }
                    });
            copy(c, "copy known_household (id, village_code, status, version, updated_at) from stdin (format csv)",
                    sb -> {
                        for (int h = 0; h < HOUSEHOLDS; h++) {
                            sb.append(uuid(rnd)).append(',').append(villages.get(rnd.nextInt(nv))[0])
                                    .append(",IN_POVERTY,1,2026-11-01T08:00:00Z\n").send(false);
                        }
                    });
            UUID[] units = new UUID[UNITS + 1];
            copy(c, "copy unit (id, name, level, kind, region_code, version, created_at, updated_at) from stdin "
                    + "(format csv)", sb -> {
                        for (int u = 0; u <= UNITS; u++) {
                            units[u] = uuid(rnd);
                            sb.append(units[u]).append(",bench unit ").append(u)
                                    .append(",PROVINCE,PARTY_GOVERNMENT,620000000000,1,2026-11-01T08:00:00Z,"
                                            + "2026-11-01T08:00:00Z\n").send(false);
                        }
                    });
            // unit u (1..UNITS) links 1–3 neighbouring villages from start ⌊(u-1)·villages/UNITS⌋: every village linked
            copy(c, "copy village_link (id, unit_id, village_code, county_code, linked_on, created_at) from stdin "
                    + "(format csv)", sb -> {
                        for (int u = 1; u <= UNITS; u++) {
                            int start = (int) ((long) (u - 1) * nv / UNITS);
                            int k = 1 + (u % 3);
                            for (int i = 0; i < k; i++) {
                                String[] v = villages.get((start + i) % nv);
                                sb.append(uuid(rnd)).append(',').append(units[u]).append(',').append(v[0]).append(',')
                                        .append(v[3]).append("000000,2026-11-01,2026-11-01T08:00:00Z\n").send(false);
                            }
                        }
                    });
            UUID[] leaders = new UUID[LEADERS];
            copy(c, "copy cadre (id, name, id_number, unit_id, rank, status, version, created_at, updated_at) from "
                    + "stdin (format csv)", sb -> {
                        for (int k = 0; k < CADRES + LEADERS; k++) {
                            UUID id = uuid(rnd);
                            String rank;
                            UUID unit;
                            if (k < LEADERS) {
                                leaders[k] = id;
                                rank = "PROVINCIAL_LEADER";
                                unit = units[0];
                            } else {
                                int r = rnd.nextInt(100);
                                rank = r < 2 ? "PREFECTURE_BUREAU" : r < 12 ? "COUNTY_DIVISION" : "OTHER";
                                unit = units[1 + rnd.nextInt(UNITS)];
                            }
                            sb.append(id).append(",cadre ").append(k).append(',')
                                    .append(String.format("62%016d", k)).append(',').append(unit).append(',')
                                    .append(rank).append(",ACTIVE,1,2026-11-01T08:00:00Z,2026-11-01T08:00:00Z\n").send(false);
                        }
                    });
            copy(c, "copy leader_link (id, cadre_id, county_code, village_code, linked_on, created_at) from stdin "
                    + "(format csv)", sb -> {
                        for (int l = 0; l < LEADERS; l++) {
                            String[] v = villages.get((int) ((long) l * nv / LEADERS));
                            sb.append(uuid(rnd)).append(',').append(leaders[l]).append(',').append(v[3])
                                    .append("000000,").append(v[0]).append(",2026-11-01,2026-11-01T08:00:00Z\n").send(false);
                        }
                    });
            c.commit();
            try (Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                st.execute("analyze");
            }
        }
        return nv;
    }

    static UUID uuid(Random rnd) {
        return new UUID(rnd.nextLong(), rnd.nextLong());
    }

    interface Rows {
        void write(Out out);
    }

    /** Rows for one COPY, sent in 1 MB pieces. */
    static final class Out {
        final StringBuilder sb = new StringBuilder(1 << 20);
        final CopyIn in;

        Out(CopyIn in) {
            this.in = in;
        }

        Out append(Object o) {
            sb.append(o);
            return this;
        }

        Out append(CharSequence s, int from, int to) {
            sb.append(s, from, to);
            return this;
        }

        void send(boolean always) {
            if (always || sb.length() > (1 << 20)) {
                byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
                try {
                    in.writeToCopy(bytes, 0, bytes.length);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                sb.setLength(0);
            }
        }
    }

    static void copy(Connection c, String sql, Rows rows) throws SQLException {
        Out out = new Out(c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql));
        rows.write(out);
        out.send(true);
        out.in.endCopy();
    }

    /** code, name, township (9 digits), county (6 digits) of the real poor villages. */
    static List<String[]> villages() throws IOException {
        Path csv = Path.of("../registry-service/src/main/resources/gansu/poor_villages.csv");
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            String[] f = line.split(",");
            if (f.length == 4 && f[0].matches("\\d{12}")) {
                out.add(f);
            }
        }
        return out;
    }
}
