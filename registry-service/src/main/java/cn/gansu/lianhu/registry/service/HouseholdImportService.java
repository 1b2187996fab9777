package cn.gansu.lianhu.registry.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

import javax.sql.DataSource;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.HouseholdData;
import cn.gansu.lianhu.events.outbox.Outbox;
import cn.gansu.lianhu.registry.config.ImportConfig;
import cn.gansu.lianhu.registry.domain.HouseholdStatus;
import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.registry.domain.PovertyCause;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Bulk import of households from CSV or XLSX (issue point 7; DESIGN.md §4 "Bulk import").
 *
 * <p>{@link #submit} spools nothing itself: it takes an upload already spooled to a temp file, runs the
 * synchronous checks ({@link ImportUploadCheck}: empty, encoding, format; then the header,
 * {@link ImportHeader}), records a QUEUED job and hands it to a worker of a managed executor. At most
 * {@code lianhu.registry.import.max-concurrent-jobs} jobs run at once; one more is refused with 429.
 *
 * <p>The worker reads the file streaming ({@link ImportCsvSource}, {@link ImportXlsxSource}), validates
 * row by row ({@link HouseholdImportParser}), stages with COPY, checks set-based and writes with
 * insert-select ({@link HouseholdImportStaging}) — households, members, their registration in the status
 * history (IN_POVERTY since today) and one {@code HOUSEHOLD_REGISTERED} outbox event per household, all in
 * ONE transaction of the job's own connection. Job state and the error report are written in short
 * transactions of their own ({@link ImportJobStore}) so progress is visible while the job runs.
 */
@ApplicationScoped
public class HouseholdImportService {
    private static final Logger LOG = Logger.getLogger(HouseholdImportService.class);
    /** Problem type of a refused upload when too many imports run. */
    public static final String BUSY = "urn:lianhu:problem:too-many-imports";

    @Inject
    ImportConfig config;
    @Inject
    ImportJobStore store;
    @Inject
    DataSource dataSource;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;

    private Semaphore permits;
    private ManagedExecutor executor;

    @PostConstruct
    void init() {
        permits = new Semaphore(config.maxConcurrentJobs());
        executor = ManagedExecutor.builder().maxAsync(config.maxConcurrentJobs()).maxQueued(-1)
                .propagated(ThreadContext.NONE).cleared(ThreadContext.ALL_REMAINING).build();
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
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
     * Checks a spooled upload and starts its job. Takes ownership of {@code file} (deleted when the job ends
     * or the upload is refused).
     *
     * @throws ApiException 400 for an empty file, a wrong encoding or format, a bad header or parameter; 429
     *                      when {@code max-concurrent-jobs} imports already run
     */
    public ImportJob submit(Path file, String fileName, boolean declaredXlsx, String charsetParam, String modeParam,
            boolean dryRun) {
        boolean handedOver = false;
        try {
            ImportMode mode = mode(modeParam);
            String charset = ImportUploadCheck.charsetParam(charsetParam);
            ImportUploadCheck.Verdict verdict = ImportUploadCheck.check(file, declaredXlsx, charset);
            ImportRowSource header = source(file, verdict);
            try {
                ImportHeader.of(header.header());
            } catch (ImportFileException e) {
                throw ApiException.invalid("file", e.rule(), e.getMessage());
            }
            if (!permits.tryAcquire()) {
                throw new ApiException(429, BUSY, "Too many imports", config.maxConcurrentJobs()
                        + " imports are running already; try again when one has finished", List.of(
                                new Problem.FieldError("file", "import.too-many-jobs", "at most "
                                        + config.maxConcurrentJobs() + " imports run at once")));
            }
            UUID id = UUID.randomUUID();
            ImportJob queued;
            try {
                store.create(id, fileName, verdict.format(), verdict.charsetName(), mode, dryRun, Files.size(file));
                queued = store.find(id).orElseThrow();
                executor.execute(() -> {
                    try {
                        run(id, file, verdict, mode, dryRun);
                    } finally {
                        permits.release();
                        delete(file);
                    }
                });
                handedOver = true;
            } catch (RejectedExecutionException | IllegalStateException e) {
                permits.release();
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

    private static ImportMode mode(String mode) {
        if (mode == null || mode.isBlank()) {
            return ImportMode.ALL_OR_NOTHING;
        }
        try {
            return ImportMode.valueOf(mode.trim().toUpperCase(java.util.Locale.ROOT));
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
        long householdsValid;
        long householdsImported;
        ImportRowSource source;
        HouseholdImportParser parser;
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
        return new ImportJobStore.Progress(s.phase, bytes, s.parser == null ? 0 : s.parser.rowsRead(),
                s.parser == null ? 0 : s.parser.householdsRead(), s.householdsValid, s.householdsImported,
                errors.count);
    }

    void run(UUID id, Path file, ImportUploadCheck.Verdict verdict, ImportMode mode, boolean dryRun) {
        Errors errors = new Errors(id);
        State s = new State();
        ImportJobStatus status;
        String message;
        try {
            store.start(id);
            s.fileSize = Files.size(file);
            s.source = source(file, verdict);
            LocalDate today = LocalDate.now(clock);
            OffsetDateTime now = OffsetDateTime.now(clock);
            Map<String, Boolean> villages = villages();
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    HouseholdImportStaging staging = new HouseholdImportStaging(c);
                    staging.createTables();
                    long[] lastProgress = {System.nanoTime()};
                    long interval = config.progressInterval().toNanos();
                    s.parser = new HouseholdImportParser(villages, today, new HouseholdImportParser.Output() {
                        @Override
                        public void household(HouseholdImportParser.Household h) {
                            try {
                                stage(staging, h, today);
                            } catch (SQLException e) {
                                throw new StagingFailed(e);
                            }
                            if (System.nanoTime() - lastProgress[0] > interval) {
                                lastProgress[0] = System.nanoTime();
                                errors.flush();
                                store.progress(id, progress(s, errors));
                            }
                        }

                        @Override
                        public void error(ImportError e) {
                            errors.add(e);
                        }
                    });
                    try {
                        s.source.read(s.parser);
                        s.parser.finish();
                        staging.flush();
                        s.readDone = true;
                    } catch (StagingFailed e) {
                        throw e.sql;
                    }
                    s.phase = "CHECKING";
                    errors.flush();
                    store.progress(id, progress(s, errors));
                    s.householdsValid = staging.check(s.parser.lateInvalid(), errors::add);
                    errors.flush();
                    long invalid = s.parser.householdsRead() - s.householdsValid;
                    if (dryRun) {
                        c.rollback();
                        boolean ok = errors.count == 0 || mode == ImportMode.SKIP_INVALID;
                        status = ok ? ImportJobStatus.DRY_RUN_OK : ImportJobStatus.DRY_RUN_FAILED;
                        message = "dry run, nothing written: " + s.householdsValid + " of " + s.parser.householdsRead()
                                + " households are valid, " + errors.count + " errors"
                                + (ok ? "" : "; the import (ALL_OR_NOTHING) would write nothing");
                    } else if (errors.count > 0 && mode == ImportMode.ALL_OR_NOTHING) {
                        c.rollback();
                        status = ImportJobStatus.FAILED;
                        message = errors.count + " errors in " + invalid + " of " + s.parser.householdsRead()
                                + " households; nothing was written (mode ALL_OR_NOTHING)";
                    } else {
                        s.phase = "WRITING";
                        store.progress(id, progress(s, errors));
                        long written = staging.write(id, today, now);
                        c.commit();
                        s.householdsImported = written;
                        status = ImportJobStatus.SUCCEEDED;
                        message = written + " households imported"
                                + (invalid > 0 ? "; " + invalid + " invalid households skipped (" + errors.count
                                        + " errors)" : "");
                    }
                } catch (SQLException | RuntimeException | IOException e) {
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
                message = "a household or person of this file was registered by someone else while the import ran ("
                        + e.getMessage() + "); nothing was written, upload the file again";
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
        try {
            errors.flush();
            store.finish(id, status, progress(s, errors), message);
            LOG.infof("import job %s: %s, %s", id, status, message);
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot record the end of import job %s", id);
        }
    }

    /** Carries a SQLException out of the parser's callback. */
    private static final class StagingFailed extends RuntimeException {
        final SQLException sql;

        StagingFailed(SQLException sql) {
            super(sql);
            this.sql = sql;
        }
    }

    private void stage(HouseholdImportStaging staging, HouseholdImportParser.Household h, LocalDate today)
            throws SQLException {
        if (!h.valid()) {
            staging.add(h, null, null, null);
            return;
        }
        UUID id = UUID.randomUUID();
        HouseholdImportParser.Member head = h.members().get(0);
        List<String> others = new ArrayList<>(h.otherCauses().size());
        for (PovertyCause c : h.otherCauses()) {
            others.add(c.name());
        }
        HouseholdData data = new HouseholdData(id.toString(), h.villageCode(), head.name(),
                IdNumbers.mask(head.idNumber()), h.members().size(), h.mainCause().name(), others,
                h.incomePerCapita(), HouseholdStatus.IN_POVERTY.name(), null, today, 1L);
        CloudEvent event = outbox.envelope(EventTypes.HOUSEHOLD_REGISTERED, id.toString(), data);
        staging.add(h, id, event, outbox.toJson(event));
    }

    /** Every village code → designated poor village or not; loaded once per job. */
    private Map<String, Boolean> villages() throws SQLException {
        Map<String, Boolean> villages = new HashMap<>(32_768);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select code, poor_village from region where level = 'VILLAGE'")) {
            while (rs.next()) {
                villages.put(rs.getString(1), rs.getBoolean(2));
            }
        }
        return villages;
    }
}
