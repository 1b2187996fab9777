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
 * The fault suite of issue 8 point 1 at a small size, in {@code mvn -B verify}: the four packaged services (built
 * before this module: they are dependencies of its pom), embedded PostgreSQL and a Kafka broker in a process of its
 * own; 300 households in six imports and 10 visits/s while each service, the broker and PostgreSQL is killed with
 * SIGKILL and restarted in turn. Nothing lost, nothing duplicated, the exact counts equal, the health
 * expectations held. A missing service jar fails the test with the path to build.
 */
class FaultSuiteTest {

    @Test
    void everyAcceptedRequestIsReflectedExactlyOnceAfterEveryKindOfKill() throws Exception {
        Path out = Path.of("target", "faults-test");
        Faults.Options o = new Faults.Options(300, 10, 4, out, 42, 3, Duration.ofMinutes(3));
        Reconciliation.Report r = new Faults(o, new PrintStream(System.out, true, StandardCharsets.UTF_8)).run();

        assertEquals(List.of(), r.failures(), "failures");
        assertEquals(0, r.lost(), "lost");
        assertEquals(0, r.duplicated(), "duplicated");
        for (Reconciliation.Check c : r.checks()) {
            assertEquals(c.expected(), c.actual(), c.name());
        }
        assertEquals(12, r.checks().size(), "every exact check ran");
        assertEquals(6, r.rows().size(), "one row per kind of kill");
        for (Reconciliation.Row row : r.rows()) {
            assertEquals(0, row.lost(), row.kill() + ": lost");
            assertEquals(0, row.duplicated(), row.kill() + ": duplicated");
            assertEquals(50, row.householdsAccepted(), row.kill() + ": its import of 50 households accepted");
            assertTrue(row.visitsAccepted() > 0, row.kill() + ": visits accepted");
        }
        assertEquals(300, r.householdsAccepted());
        assertTrue(r.visitsAccepted() >= 100, "visits accepted: " + r.visitsAccepted());
        // point 2 of the issue: PostgreSQL down → readiness 503 with the database check DOWN, liveness 200
        for (String s : List.of("registry-service", "pairing-service", "visit-service", "reporting-service")) {
            assertEquals(List.of(503, "DOWN", 200), r.figures().get("pgDown." + s), s);
        }
        // Kafka down → visits still accepted, the outbox backlog in readiness grows
        assertTrue((Long) r.figures().get("kafkaDownVisitsAccepted") > 0, "visits accepted while Kafka was down");
        @SuppressWarnings("unchecked")
        List<Long> backlog = (List<Long>) r.figures().get("kafkaDownBacklog");
        assertTrue(backlog.get(1) > backlog.get(0) && backlog.get(0) >= 0, "backlog grows: " + backlog);
        assertEquals(0L, r.figures().get("unresolvedUnknowns"), "every unknown resolved");
        assertTrue(r.passed());
    }
}
