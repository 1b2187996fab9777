package cn.gansu.lianhu.registry.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.imports.ImportFormat;
import cn.gansu.lianhu.imports.ImportJobStore;
import cn.gansu.lianhu.imports.ImportMode;
import cn.gansu.lianhu.imports.ImportRunner;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Issue 8 point 1 (found by the fault suite): a job left QUEUED or RUNNING by a process killed with SIGKILL said
 * RUNNING forever. At start, the runner marks such jobs FAILED ("upload the file again"); finished jobs keep their
 * state. Its records cannot have been written: a job's SUCCEEDED is committed in the records' transaction.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class InterruptedImportJobTest {
    @Inject
    ImportJobStore store;
    @Inject
    ImportRunner runner;
    @Inject
    DataSource ds;

    @Test
    void jobsLeftQueuedOrRunningByADeadProcessAreFailedAtStart() throws SQLException {
        UUID running = UUID.randomUUID();
        UUID queued = UUID.randomUUID();
        UUID done = UUID.randomUUID();
        for (UUID id : new UUID[] {running, queued, done}) {
            store.create(id, "HOUSEHOLDS", "households.csv", ImportFormat.CSV, "UTF-8", ImportMode.ALL_OR_NOTHING,
                    false, 100);
        }
        store.start(running);
        store.start(done);
        store.finish(done, cn.gansu.lianhu.imports.ImportJobStatus.SUCCEEDED,
                new ImportJobStore.Progress("DONE", 100, 3, 1, 1, 1, 0), "1 households imported");

        runner.failInterrupted(null);

        for (UUID id : new UUID[] {running, queued}) {
            String[] job = job(id);
            assertEquals("FAILED", job[0], id.toString());
            assertEquals("DONE", job[1]);
            assertTrue(job[2].startsWith("interrupted: the service stopped while the job ran; nothing was written"),
                    job[2]);
            assertNotNull(job[3], "finished_at");
        }
        assertEquals("SUCCEEDED", job(done)[0]);
        assertEquals("1 households imported", job(done)[2]);
    }

    private String[] job(UUID id) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select status, phase, message, cast(finished_at as varchar) from import_job where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "job " + id);
                return new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
            }
        }
    }
}
