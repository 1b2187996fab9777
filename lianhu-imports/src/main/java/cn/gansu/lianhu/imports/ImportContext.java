package cn.gansu.lianhu.imports;

import java.sql.Connection;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the work of one job gets from {@link ImportRunner}: the job, its connection (auto-commit off: one
 * transaction for the whole job), today's date and the time of the job (from the service's {@code Clock}),
 * and the error report.
 */
public final class ImportContext {
    private final UUID jobId;
    private final Connection connection;
    private final LocalDate today;
    private final OffsetDateTime now;
    private final ImportMode mode;
    private final boolean dryRun;
    private final int stagingChunk;
    private final Consumer<ImportError> errors;

    ImportContext(UUID jobId, Connection connection, LocalDate today, OffsetDateTime now, ImportMode mode,
            boolean dryRun, int stagingChunk, Consumer<ImportError> errors) {
        this.jobId = jobId;
        this.connection = connection;
        this.today = today;
        this.now = now;
        this.mode = mode;
        this.dryRun = dryRun;
        this.stagingChunk = stagingChunk;
        this.errors = errors;
    }

    public UUID jobId() {
        return jobId;
    }

    /** The job's own connection; its transaction is committed or rolled back by the runner. */
    public Connection connection() {
        return connection;
    }

    /** Today, in the service's zone (pinned in tests). */
    public LocalDate today() {
        return today;
    }

    /** The job's timestamp for created_at/updated_at columns. */
    public OffsetDateTime now() {
        return now;
    }

    public ImportMode mode() {
        return mode;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** Records to stage per COPY round trip ({@code lianhu.imports.staging-chunk}). */
    public int stagingChunk() {
        return stagingChunk;
    }

    /** Adds an entry to the error report (all are counted; the first ones are stored). */
    public void error(ImportError e) {
        errors.accept(e);
    }

    /** The error sink, for helpers such as {@link ImportRow}. */
    public Consumer<ImportError> errors() {
        return errors;
    }
}
