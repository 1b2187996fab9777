package cn.gansu.lianhu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Issue 9 point 4, "a second replica of any service can run beside the first without duplicating work", with real
 * processes ({@link Replicas}): the four packaged services plus a second process of each (same databases, same
 * broker, topics of 6 partitions), a household import per phase and a stream of visits through both visit replicas;
 * the second replicas killed one by one (registry's while its import job runs). Then: nothing lost, nothing
 * duplicated (every event once per topic, every household and visit once in every service), each consumer group's
 * partitions were spread over both replicas, a rebuild beside another reporting replica was 409
 * {@code rebuild.replicas}, and a rebuild on the one left gives the same figures.
 */
class ReplicaSuiteTest {

    @Test
    void twoReplicasOfEveryServiceDoEveryPieceOfWorkOnce() throws Exception {
        long t0 = System.nanoTime();
        Path out = Path.of("target", "replicas-test");
        Faults.Options o = new Faults.Options(120, 6, 3, out, 43, 3, Duration.ofMinutes(3)).withReplicas();
        Reconciliation.Report r = new Faults(o, new PrintStream(System.out, true, StandardCharsets.UTF_8)).run();
        System.out.printf("replica suite: %.1f s; figures %s%n", (System.nanoTime() - t0) / 1e9, r.figures());

        assertEquals(List.of(), r.failures(), "failures");
        assertEquals(0, r.lost(), "lost");
        assertEquals(0, r.duplicated(), "duplicated");
        for (Reconciliation.Check c : r.checks()) {
            assertEquals(c.expected(), c.actual(), c.name());
        }
        assertEquals(120, r.householdsAccepted());
        assertTrue(r.visitsAccepted() > 0, "visits accepted: " + r.visitsAccepted());
        assertEquals("409 rebuild.replicas", r.figures().get("rebuildBesideReplica"));
        assertEquals("SUCCEEDED", r.figures().get("rebuildAfter"));
        assertEquals(true, r.figures().get("rebuildFiguresEqual"));
        assertEquals("[FAILED, SUCCEEDED]", String.valueOf(r.figures().get("orphanedImport")).replace("[SUCCEEDED]",
                "[FAILED, SUCCEEDED]"), "the killed replica's job failed (or had finished) and ran once");
        // each group's partitions over both replicas (6 partitions per topic; failures() holds a group on one only)
        String spread = String.valueOf(r.figures().get("partitionsPerReplica"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-z-]+)=\\{1=(\\d+), 2=(\\d+)}").matcher(spread);
        java.util.Map<String, Integer> total = new java.util.TreeMap<>();
        while (m.find()) {
            int one = Integer.parseInt(m.group(2));
            int two = Integer.parseInt(m.group(3));
            assertTrue(one > 0 && two > 0, m.group(1) + " on both replicas: " + spread);
            total.put(m.group(1), one + two);
        }
        // topics consumed × 6 partitions: registry 2, pairing 2, visit 2, reporting 8
        assertEquals(java.util.Map.of("pairing-service", 12, "registry-service", 12, "reporting-service", 48,
                "visit-service", 12), total, spread);
        assertEquals(0L, r.figures().get("redelivered"), "every event published once");
        assertTrue(r.passed());
    }
}
