package cn.gansu.lianhu.imports;

import cn.gansu.lianhu.events.correlation.CorrelationId;
import cn.gansu.lianhu.events.metrics.CommittedCounters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Problem;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Runs bulk imports of any {@link ImportDefinition} (DESIGN.md §4 "Bulk import"; registry issue point 7,
 * pairing issue 3 points 1–2).
 *
 * <p>{@link #submit} takes an upload already spooled to a temp file ({@link #spool}), runs the synchronous
 * checks ({@link ImportUploadCheck}: empty, encoding, format; then the definition's header check), records a
 * QUEUED job and hands it to a worker of a managed executor. At most {@code lianhu.imports.max-concurrent-jobs}
 * jobs (of all kinds) run at once and at most {@code lianhu.imports.max-queued-jobs} wait QUEUED for a worker; one
 * more is refused with 429 and a {@code Retry-After} header, before anything is written (issue 8 point 2).
 *
 * <p><b>Several replicas</b> (issue 9 point 4) share one database. Both limits count the jobs of the database, not
 * of this process: a job is admitted, and later started, under a transaction advisory lock that counts the live
 * QUEUED and RUNNING jobs ({@link ImportJobStore#admit}, {@link ImportJobStore#claim}; jobs start in the order they
 * were accepted, whichever replica holds them). A job is run only by the replica that accepted it (the upload is
 * spooled there), so no job runs twice. Every job names its {@link #owner() owner} (instance id + a random id of the
 * process), which renews the heartbeat of its jobs every {@code heartbeat-interval}; any replica marks FAILED the
 * jobs whose owner's heartbeat is older than {@code owner-timeout} (a replica killed with SIGKILL), at start and at
 * every heartbeat. At start, the jobs of an earlier process of the same instance id are failed at once.
 *
 * <p>The worker reads the file streaming ({@link ImportCsvSource}, {@link ImportXlsxSource}) into the
 * definition's {@link ImportWork} (row rules, COPY into staging tables), lets it check set-based, then
 * decides: a dry run rolls back; errors in ALL_OR_NOTHING mode roll back; otherwise the work writes with
 * insert-select and the runner commits — records and their outbox events in ONE transaction of the job's own
 * connection. Job state and the error report are written in short transactions of their own
 * ({@link ImportJobStore}) so progress is visible while the job runs.
 */
@ApplicationScoped
public class ImportRunner {
    private static final Logger LOG = Logger.getLogger(ImportRunner.class);
    /** Problem type of a refused upload when too many imports run. */
    public static final String BUSY = "urn:lianhu:problem:too-many-imports";
    /** Media type of an XLSX workbook. */
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Pattern DECLARED_CHARSET = Pattern.compile("(?i)charset=\"?([A-Za-z0-9_-]+)");

    @Inject
    ImportConfig config;
    @Inject
    ImportJobStore store;
    @Inject
    DataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    CommittedCounters counters;

    private ManagedExecutor executor;
    private ScheduledExecutorService heartbeats;
    private String instance;
    private String owner;

    @PostConstruct
    void init() {
        if (config.maxConcurrentJobs() < 1 || config.maxQueuedJobs() < 0) {
            throw new IllegalStateException("lianhu.imports.max-concurrent-jobs must be >= 1 and max-queued-jobs >= 0");
        }
        if (config.ownerTimeout().compareTo(config.heartbeatInterval().multipliedBy(2)) < 0) {
            throw new IllegalStateException("lianhu.imports.owner-timeout must be at least twice heartbeat-interval");
        }
        instance = config.instanceId().filter(i -> !i.isBlank())
                .or(() -> java.util.Optional.ofNullable(System.getenv("LIANHU_INSTANCE_ID")).filter(i -> !i.isBlank()))
                .or(() -> java.util.Optional.ofNullable(System.getenv("HOSTNAME")).filter(i -> !i.isBlank()))
                .orElse("local");
        if (instance.length() > 150) {
            instance = instance.substring(0, 150);
        }
        owner = instance + "/" + UUID.randomUUID().toString().substring(0, 8);
        // the global limits admit at most running + queued jobs: this process can never hold more
        executor = ManagedExecutor.builder().maxAsync(config.maxConcurrentJobs())
                .maxQueued(config.maxConcurrentJobs() + config.maxQueuedJobs())
                .propagated(ThreadContext.NONE).cleared(ThreadContext.ALL_REMAINING).build();
    }

    /** The owner name of this process's jobs: {@code <instance id>/<8 hex digits of this process>}. */
    public String owner() {
        return owner;
    }

    @PreDestroy
    void shutdown() {
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        executor.shutdownNow();
    }

    /** Renews this process's jobs and fails those of dead owners (every {@code heartbeat-interval}). */
    void beat() {
        try {
            store.heartbeat(owner);
            int n = store.failInterrupted(INTERRUPTED, config.ownerTimeout(), null, owner);
            if (n > 0) {
                LOG.warnf("%d import jobs of a replica that stopped beating (> %s) were marked FAILED", n,
                        config.ownerTimeout());
            }
        } catch (RuntimeException e) {
            LOG.warnf("import job heartbeat failed (retried in %s): %s", config.heartbeatInterval(), e.getMessage());
        }
    }

    /** Copies an upload to a temp file of its own (the caller's stream or upload is released afterwards). */
    public Path spool(InputStream in) throws IOException {
        Path file = Files.createTempFile("lianhu-import-", ".upload");
        try {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * A multipart upload (part {@code file}): spools it and {@link #submit submits} it; the part's media type
     * tells whether it was sent as XLSX.
     *
     * @throws ApiException 400 {@code file.required} when there is no part named {@code file}; else as {@link #submit}
     */
    public ImportJob submitUpload(ImportDefinition definition, FileUpload file, boolean dryRun, String mode,
            String charset) throws IOException {
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.invalid("file", "file.required",
                    "the multipart form needs the file in a part named 'file'");
        }
        Path spooled;
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            spooled = spool(in);
        }
        boolean xlsx = file.contentType() != null && file.contentType().startsWith(XLSX);
        return submit(definition, spooled, file.fileName(), xlsx, charset, mode, dryRun);
    }

    /**
     * A raw request body (text/csv, the XLSX type, octet-stream): spools it and {@link #submit submits} it. A
     * charset declared in the Content-Type (UTF-8 or GBK) counts when the {@code charset} parameter is absent;
     * others (a client's default ISO-8859-1) are ignored.
     */
    public ImportJob submitBody(ImportDefinition definition, InputStream body, String contentType, boolean dryRun,
            String mode, String charset) throws IOException {
        Path spooled = spool(body);
        boolean xlsx = contentType != null && contentType.startsWith(XLSX);
        String cs = charset;
        if (cs == null && contentType != null) {
            Matcher m = DECLARED_CHARSET.matcher(contentType);
            if (m.find() && m.group(1).toUpperCase(Locale.ROOT).matches("UTF-?8|GBK|GB18030|GB2312")) {
                cs = m.group(1);
            }
        }
        return submit(definition, spooled, null, xlsx, cs, mode, dryRun);
    }

    /**
     * Checks a spooled upload and starts its job. Takes ownership of {@code file} (deleted when the job ends
     * or the upload is refused).
     *
     * @throws ApiException 400 for an empty file, a wrong encoding or format, a bad header or parameter
     *                      ({@code mode.unknown}, {@code charset.unsupported}); 429 (rule
     *                      {@code import.too-many-jobs}, header Retry-After) when {@code max-concurrent-jobs}
     *                      imports run and {@code max-queued-jobs} wait already
     */
    public ImportJob submit(ImportDefinition definition, Path file, String fileName, boolean declaredXlsx,
            String charsetParam, String modeParam, boolean dryRun) {
        boolean handedOver = false;
        try {
            ImportMode mode = mode(modeParam);
            String charset = ImportUploadCheck.charsetParam(charsetParam);
            ImportUploadCheck.Verdict verdict = ImportUploadCheck.check(file, declaredXlsx, charset);
            ImportRowSource header = source(file, verdict);
            try {
                definition.checkHeader(header.header());
            } catch (ImportFileException e) {
                throw ApiException.invalid("file", e.rule(), e.getMessage());
            }
            UUID id = UUID.randomUUID();
            if (!store.admit(id, owner, config.maxConcurrentJobs() + config.maxQueuedJobs(), config.ownerTimeout(),
                    definition.kind(), fileName, verdict.format(), verdict.charsetName(), mode, dryRun,
                    Files.size(file))) {
                throw busy();
            }
            ImportJob queued = store.find(id).orElseThrow();
            try {
                // the upload's correlation id goes with the job: its log lines and its events carry it (issue 9)
                String correlationId = CorrelationId.current();
                executor.execute(() -> {
                    JOB_CORRELATION.set(correlationId);
                    try (CorrelationId.Scope scope = CorrelationId.open(correlationId)) {
                        if (awaitSlot(id)) {
                            run(definition, id, file, verdict, mode, dryRun);
                        }
                    } finally {
                        JOB_CORRELATION.remove();
                        delete(file);
                    }
                });
                handedOver = true;
            } catch (RejectedExecutionException e) {
                store.finish(id, ImportJobStatus.FAILED, new ImportJobStore.Progress("DONE", 0, 0, 0, 0, 0, 0),
                        "the service is stopping; nothing was written, upload the file again");
                throw e;
            }
            return queued;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the spooled upload", e);
        } finally {
            if (!handedOver) {
                delete(file);
            }
        }
    }

    /**
     * On a worker: waits until the job may run under the global limit and makes it RUNNING. False if the job is no
     * longer QUEUED (failed as interrupted meanwhile) or the service stops.
     */
    private boolean awaitSlot(UUID id) {
        try {
            while (true) {
                if (store.claim(id, config.maxConcurrentJobs(), config.ownerTimeout())) {
                    return true;
                }
                if (store.status(id).filter(st -> st != ImportJobStatus.QUEUED).isPresent()) {
                    LOG.warnf("import job %s is no longer QUEUED: not run", id);
                    return false;
                }
                Thread.sleep(SLOT_POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            LOG.errorf(e, "import job %s cannot start", id);
            try {
                store.finish(id, ImportJobStatus.FAILED, new ImportJobStore.Progress("DONE", 0, 0, 0, 0, 0, 0),
                        "database failure before the job started, nothing was written: " + e.getMessage());
            } catch (RuntimeException ignored) {
                // left QUEUED: failed as interrupted once its heartbeat is old
            }
            return false;
        }
    }

    /** How often a worker asks whether its job may start. */
    static final java.time.Duration SLOT_POLL = java.time.Duration.ofMillis(250);

    /** 429 with Retry-After: every worker is busy and the queue is full. */
    private ApiException busy() {
        int running = config.maxConcurrentJobs();
        int queued = config.maxQueuedJobs();
        long retry = Math.max(1, config.retryAfter().toSeconds());
        String limit = "at most " + running + " imports run at once and " + queued + " wait";
        return new ApiException(429, BUSY, "Too many imports", running + " imports are running and " + queued
                + " are queued already; nothing was written, try again in " + retry + " s", List.of(
                        new Problem.FieldError("file", "import.too-many-jobs", limit)))
                .withHeader("Retry-After", Long.toString(retry));
    }

    private static ImportMode mode(String mode) {
        if (mode == null || mode.isBlank()) {
            return ImportMode.ALL_OR_NOTHING;
        }
        try {
            return ImportMode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("mode", "mode.unknown",
                    "mode '" + mode + "' is not known: use ALL_OR_NOTHING (default) or SKIP_INVALID");
        }
    }

    private static ImportRowSource source(Path file, ImportUploadCheck.Verdict v) throws IOException {
        return v.format() == ImportFormat.XLSX ? new ImportXlsxSource(file) : new ImportCsvSource(file, v.charset());
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("cannot delete import upload %s: %s", file, e.getMessage());
        }
    }

    /** Collects errors: counts all, stores the first {@code maxStoredErrors} in batches. */
    private final class Errors {
        final UUID jobId;
        final List<ImportError> buffer = new ArrayList<>();
        long count;
        long stored;

        Errors(UUID jobId) {
            this.jobId = jobId;
        }

        void add(ImportError e) {
            count++;
            if (stored < config.maxStoredErrors()) {
                buffer.add(e);
                stored++;
                if (buffer.size() >= 1000) {
                    flush();
                }
            }
        }

        void flush() {
            store.addErrors(jobId, buffer);
            buffer.clear();
        }
    }

    /** Counters of a running job, for the progress updates. */
    private static final class State {
        String phase = "READING";
        long recordsValid;
        long recordsImported;
        ImportRowSource source;
        ImportWork work;
        long fileSize;
        boolean readDone;
    }

    private ImportJobStore.Progress progress(State s, Errors errors) {
        long bytes = 0;
        if (s.readDone) {
            bytes = s.fileSize;
        } else if (s.source != null && s.source.totalBytes() > 0) {
            // XLSX counts the uncompressed sheet XML: scale to the file size so percent = bytes_read / size
            bytes = Math.min(s.fileSize, (long) ((double) s.source.bytesRead() / s.source.totalBytes() * s.fileSize));
        }
        return new ImportJobStore.Progress(s.phase, bytes, s.work == null ? 0 : s.work.rowsRead(),
                s.work == null ? 0 : s.work.recordsRead(), s.recordsValid, s.recordsImported, errors.count);
    }

    void run(ImportDefinition definition, UUID id, Path file, ImportUploadCheck.Verdict verdict, ImportMode mode,
            boolean dryRun) {
        Errors errors = new Errors(id);
        State s = new State();
        String noun = definition.noun();
        ImportJobStatus status;
        String message;
        try {
            s.fileSize = Files.size(file);
            s.source = source(file, verdict);
            LocalDate today = LocalDate.now(clock);
            OffsetDateTime now = OffsetDateTime.now(clock);
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    correlate(c);
                    ImportContext context = new ImportContext(id, c, today, now, mode, dryRun, config.stagingChunk(),
                            errors::add);
                    s.work = definition.start(context);
                    long interval = config.progressInterval().toNanos();
                    long[] lastProgress = {System.nanoTime()};
                    try {
                        s.source.read((rowNo, cells) -> {
                            boolean more = s.work.row(rowNo, cells);
                            if (System.nanoTime() - lastProgress[0] > interval) {
                                lastProgress[0] = System.nanoTime();
                                errors.flush();
                                store.progress(id, progress(s, errors));
                            }
                            return more;
                        });
                        s.work.endOfFile();
                        s.readDone = true;
                    } catch (ImportWork.StagingFailed e) {
                        throw e.sql();
                    }
                    s.phase = "CHECKING";
                    errors.flush();
                    store.progress(id, progress(s, errors));
                    s.recordsValid = s.work.check();
                    errors.flush();
                    long read = s.work.recordsRead();
                    long invalid = read - s.recordsValid;
                    if (dryRun) {
                        c.rollback();
                        boolean ok = errors.count == 0 || mode == ImportMode.SKIP_INVALID;
                        status = ok ? ImportJobStatus.DRY_RUN_OK : ImportJobStatus.DRY_RUN_FAILED;
                        message = "dry run, nothing written: " + s.recordsValid + " of " + read + " " + noun
                                + " are valid, " + errors.count + " errors"
                                + (ok ? "" : "; the import (ALL_OR_NOTHING) would write nothing");
                    } else if (errors.count > 0 && mode == ImportMode.ALL_OR_NOTHING) {
                        c.rollback();
                        status = ImportJobStatus.FAILED;
                        message = errors.count + " errors in " + invalid + " of " + read + " " + noun
                                + "; nothing was written (mode ALL_OR_NOTHING)";
                    } else {
                        s.phase = "WRITING";
                        store.progress(id, progress(s, errors));
                        long written = s.work.write();
                        s.recordsImported = written;
                        message = written + " " + noun + " imported"
                                + (invalid > 0 ? "; " + invalid + " invalid " + noun + " skipped (" + errors.count
                                        + " errors)" : "");
                        // the job's SUCCEEDED in the records' transaction: a crash leaves both or neither (issue 8)
                        s.phase = "DONE";
                        errors.flush();
                        store.finish(c, id, ImportJobStatus.SUCCEEDED, progress(s, errors), message);
                        c.commit();
                        status = ImportJobStatus.SUCCEEDED;
                        try {
                            s.work.committed();
                        } catch (RuntimeException e) {
                            LOG.warnf(e, "import job %s: after-commit step failed", id);
                        }
                    }
                } catch (SQLException | RuntimeException | IOException e) {
                    if (s.work != null) {
                        s.work.abort();
                    }
                    c.rollback();
                    throw e;
                }
            }
        } catch (ImportFileException e) {
            errors.add(new ImportError(e.rowNo(), null, e.rule(), e.getMessage(), null));
            status = ImportJobStatus.FAILED;
            message = "the file cannot be read: " + e.getMessage() + "; nothing was written";
        } catch (ApiException e) {
            for (Problem.FieldError fe : e.errors()) {
                errors.add(new ImportError(1, fe.field(), fe.rule(), fe.message(), null));
            }
            status = ImportJobStatus.FAILED;
            message = e.getMessage() + "; nothing was written";
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                status = ImportJobStatus.FAILED;
                message = definition.conflictMessage() + " (" + e.getMessage()
                        + "); nothing was written, upload the file again";
            } else {
                LOG.errorf(e, "import job %s failed", id);
                status = ImportJobStatus.FAILED;
                message = "database failure, nothing was written: " + e.getMessage();
            }
        } catch (Throwable e) {
            LOG.errorf(e, "import job %s failed", id);
            status = ImportJobStatus.FAILED;
            message = "unexpected failure, nothing was written: " + e;
        }
        s.phase = "DONE";
        // the end is recorded even if the database is away for a while (a FAILED job must not stay RUNNING):
        // retried every 2 s for up to FINISH_RETRY; a job still RUNNING after that is failed at the next start
        long deadline = System.nanoTime() + FINISH_RETRY.toNanos();
        for (int attempt = 1;; attempt++) {
            try {
                errors.flush();
                store.finish(id, status, progress(s, errors), message);
                LOG.infof("import job %s (%s): %s, %s", id, definition.kind(), status, message);
                counters.increment(IMPORTS, 1, "kind", definition.kind(), "outcome", status.name());
                if (status == ImportJobStatus.SUCCEEDED) {
                    counters.increment(IMPORT_ROWS, s.recordsImported, "kind", definition.kind());
                }
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                    LOG.errorf(e, "cannot record the end of import job %s (%d attempts)", id, attempt);
                    return;
                }
                if (attempt == 1) {
                    LOG.warnf("cannot record the end of import job %s yet (%s); retrying", id, e.getMessage());
                }
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Outbox rows the job writes in bulk (COPY without the column) get the upload's correlation id through the
     * column default of {@code outbox_event.correlation_id} (setting {@code lianhu.correlation_id}, local to the
     * job's transaction; db/lianhu-common V0_5).
     */
    private static void correlate(Connection c) throws SQLException {
        String job = JOB_CORRELATION.get();
        CorrelationId.setLocal(c, job != null ? job : CorrelationId.current());
    }

    /**
     * The correlation id of the upload whose job runs on this worker thread. A plain thread-local, not the MDC: the
     * logging MDC of a worker of the managed executor is not reliably this job's (fresh-clone review: the events of
     * later jobs had no id).
     */
    private static final ThreadLocal<String> JOB_CORRELATION = new ThreadLocal<>();

    /**
     * Counter {@code lianhu.imports{kind,outcome}} (Prometheus {@code lianhu_imports_total}): import jobs ended, by
     * kind and final status (SUCCEEDED, FAILED, DRY_RUN_OK, DRY_RUN_FAILED), counted once the end is recorded.
     */
    public static final String IMPORTS = "lianhu.imports";
    /**
     * Counter {@code lianhu.imports.rows{kind}} (Prometheus {@code lianhu_imports_rows_total}): records written by
     * succeeded imports (committed).
     */
    public static final String IMPORT_ROWS = "lianhu.imports.rows";

    /** How long the end of a job is retried while the database does not answer. */
    static final java.time.Duration FINISH_RETRY = java.time.Duration.ofMinutes(10);

    static final String INTERRUPTED = "interrupted: the service stopped while the job ran; nothing was written, "
            + "upload the file again";

    /**
     * At start: jobs left QUEUED or RUNNING by a process that died are FAILED — nothing of theirs was committed,
     * since a job's records and its SUCCEEDED are committed together (issue 8 point 1: after a kill -9 the job
     * status said RUNNING forever). Upload the file again. With several replicas (issue 9 point 4) only jobs without
     * a live owner are failed: those of an earlier process of this instance id, and those whose owner's heartbeat is
     * older than {@code owner-timeout}; then the heartbeat starts.
     */
    public void failInterrupted(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ev) {
        try {
            int n = store.failInterrupted(INTERRUPTED, config.ownerTimeout(), likeEscape(instance) + "/%", owner);
            if (n > 0) {
                LOG.warnf("%d import jobs were left QUEUED or RUNNING by a stopped process: marked FAILED", n);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot mark the interrupted import jobs FAILED");
        }
        if (ev != null && heartbeats == null) {
            heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "import-job-heartbeat");
                t.setDaemon(true);
                return t;
            });
            long every = config.heartbeatInterval().toMillis();
            heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
