package cn.gansu.lianhu.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import cn.gansu.lianhu.api.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Tables {@code import_job} and {@code import_error} (registry's V3+V4+V6, or {@code db/lianhu-imports/V0_2+V0_5_1} in
 * the services that ship the shared DDL): every call is its own short auto-committed
 * transaction on a pooled connection, so the progress of a running import is visible to other requests
 * while the import's own transaction is still open.
 */
@ApplicationScoped
public class ImportJobStore {

    @Inject
    DataSource dataSource;

    /** Counters written while a job runs. */
    public record Progress(String phase, long bytesRead, long rowsRead, long recordsRead, long recordsValid,
            long recordsImported, long errorCount) {
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(Clock.systemUTC()).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** Records a QUEUED job of {@code kind} (e.g. HOUSEHOLDS, at most 20 characters) without an owner. */
    public void create(UUID id, String kind, String fileName, ImportFormat format, String charset, ImportMode mode,
            boolean dryRun, long size) {
        try (Connection c = dataSource.getConnection()) {
            insert(c, id, kind, fileName, format, charset, mode, dryRun, size, null);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update import_job", e);
        }
    }

    /**
     * Records a QUEUED job owned by {@code owner} (heartbeat now) if fewer than {@code maxLive} jobs are QUEUED or
     * RUNNING with a live owner (heartbeat younger than {@code timeout}) — over every replica sharing the database
     * (issue 9 point 4). Count and insert are serialised by a transaction advisory lock, so two replicas cannot both
     * take the last place.
     *
     * @return false (nothing written) when the limit is reached
     */
    public boolean admit(UUID id, String owner, int maxLive, Duration timeout, String kind, String fileName,
            ImportFormat format, String charset, ImportMode mode, boolean dryRun, long size) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                lock(c);
                if (countLive(c, null, timeout) >= maxLive) {
                    c.rollback();
                    return false;
                }
                insert(c, id, kind, fileName, format, charset, mode, dryRun, size, owner);
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update import_job", e);
        }
    }

    /**
     * Makes a QUEUED job RUNNING if fewer than {@code maxRunning} jobs with a live owner run (over every replica) and
     * fewer than the free places are older live QUEUED jobs (so the replicas start jobs in the order they were
     * accepted). Serialised with {@link #admit} by the same advisory lock.
     *
     * @return true if the job is RUNNING now; false to try again later (or if the job is no longer QUEUED: see
     *         {@link #status})
     */
    public boolean claim(UUID id, int maxRunning, Duration timeout) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                lock(c);
                long running = countLive(c, "RUNNING", timeout);
                long older;
                try (PreparedStatement ps = c.prepareStatement("""
                        select count(*) from import_job where status = 'QUEUED' and heartbeat_at >= now() - ?::interval
                        and created_at < (select created_at from import_job where id = ?)""")) {
                    ps.setString(1, timeout.toMillis() + " milliseconds");
                    ps.setObject(2, id);
                    older = single(ps);
                }
                int n = 0;
                if (running + older < maxRunning) {
                    try (PreparedStatement ps = c.prepareStatement("""
                            update import_job set status = 'RUNNING', phase = 'READING', started_at = ?,
                                heartbeat_at = now() where id = ? and status = 'QUEUED'""")) {
                        ps.setObject(1, now());
                        ps.setObject(2, id);
                        n = ps.executeUpdate();
                    }
                }
                c.commit();
                return n == 1;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update import_job", e);
        }
    }

    /** The status of a job, or empty if there is none. */
    public Optional<ImportJobStatus> status(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select status from import_job where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ImportJobStatus.valueOf(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read import job " + id, e);
        }
    }

    /**
     * Renews the heartbeat of {@code owner}'s QUEUED and RUNNING jobs (database time).
     *
     * @return how many jobs were renewed
     */
    public int heartbeat(String owner) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update import_job set heartbeat_at = now() where owner = ? and status in ('QUEUED', 'RUNNING')""")) {
            ps.setString(1, owner);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update import_job", e);
        }
    }

    /** Class of the advisory lock serialising {@link #admit} and {@link #claim} ("LHIJ"). */
    private static final int LIMIT_LOCK = 0x4c48494a;

    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from (select pg_advisory_xact_lock(?, 0)) l")) {
            ps.setInt(1, LIMIT_LOCK);
            single(ps);
        }
    }

    /** Jobs in {@code status} (null: QUEUED or RUNNING) whose owner is alive. */
    private static long countLive(Connection c, String status, Duration timeout) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select count(*) from import_job where status in ('QUEUED', 'RUNNING') and (cast(? as varchar) is null or status = ?)
                and heartbeat_at >= now() - ?::interval""")) {
            ps.setString(1, status);
            ps.setString(2, status);
            ps.setString(3, timeout.toMillis() + " milliseconds");
            return single(ps);
        }
    }

    private static long single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void insert(Connection c, UUID id, String kind, String fileName, ImportFormat format, String charset,
            ImportMode mode, boolean dryRun, long size, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into import_job (id, kind, status, file_name, format, charset, mode, dry_run, size_bytes,
                    created_at, owner, heartbeat_at) values (?, ?, 'QUEUED', ?, ?, ?, ?, ?, ?, ?, ?,
                    case when cast(? as varchar) is null then null else now() end)""")) {
            ps.setObject(1, id);
            ps.setString(2, kind);
            ps.setString(3, fileName == null ? null : fileName.length() > 255 ? fileName.substring(0, 255) : fileName);
            ps.setString(4, format.name());
            ps.setString(5, charset);
            ps.setString(6, mode.name());
            ps.setBoolean(7, dryRun);
            ps.setLong(8, size);
            ps.setObject(9, now());
            ps.setString(10, owner);
            ps.setString(11, owner);
            ps.executeUpdate();
        }
    }

    /** Makes a job RUNNING at once, without limits or owner (tests of the interrupted-job rule). */
    public void start(UUID id) {
        update("update import_job set status = 'RUNNING', phase = 'READING', started_at = ? where id = ?", ps -> {
            ps.setObject(1, now());
            ps.setObject(2, id);
        });
    }

    public void progress(UUID id, Progress p) {
        update("""
                update import_job set phase = ?, bytes_read = ?, rows_read = ?, records_read = ?,
                    records_valid = ?, records_imported = ?, error_count = ? where id = ?""", ps -> {
            bind(ps, p);
            ps.setObject(8, id);
        });
    }

    public void finish(UUID id, ImportJobStatus status, Progress p, String message) {
        try (Connection c = dataSource.getConnection()) {
            finish(c, id, status, p, message);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update import_job", e);
        }
    }

    /**
     * Records the end of a job on {@code c}, inside its transaction: the import runner writes SUCCEEDED in the same
     * transaction as the records (issue 8: a crash between the commit of the records and a separate status update
     * left a job RUNNING whose records were written).
     */
    public void finish(Connection c, UUID id, ImportJobStatus status, Progress p, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update import_job set phase = ?, bytes_read = ?, rows_read = ?, records_read = ?,
                    records_valid = ?, records_imported = ?, error_count = ?, status = ?, message = ?,
                    finished_at = ? where id = ?""")) {
            bind(ps, p);
            ps.setString(8, status.name());
            ps.setString(9, message == null ? null : message.length() > 1000 ? message.substring(0, 1000) : message);
            ps.setObject(10, now());
            ps.setObject(11, id);
            ps.executeUpdate();
        }
    }

    /**
     * Marks FAILED with {@code message} every QUEUED or RUNNING job whose process died (kill -9, crash, lost host) —
     * its records were not committed, since a job's records and its SUCCEEDED are committed together (issue 8): jobs
     * without an owner (made before owners existed), jobs whose owner's heartbeat is older than {@code timeout}
     * (issue 9 point 4: another replica's live jobs are left alone), and jobs of an earlier process of this same
     * instance ({@code previousOwners}, a LIKE pattern such as {@code registry-0/%}; null: none) except those of
     * {@code self}.
     *
     * @return how many jobs were marked
     */
    public int failInterrupted(String message, Duration timeout, String previousOwners, String self) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        update import_job set status = 'FAILED', phase = 'DONE', message = ?, finished_at = ?
                        where status in ('QUEUED', 'RUNNING') and (owner is null or heartbeat_at is null
                            or heartbeat_at < now() - ?::interval or (owner like ? and owner <> ?))""")) {
            ps.setString(1, message);
            ps.setObject(2, now());
            ps.setString(3, timeout.toMillis() + " milliseconds");
            ps.setString(4, previousOwners == null ? "" : previousOwners);
            ps.setString(5, self == null ? "" : self);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update import_job", e);
        }
    }

    private static void bind(PreparedStatement ps, Progress p) throws SQLException {
        ps.setString(1, p.phase());
        ps.setLong(2, p.bytesRead());
        ps.setLong(3, p.rowsRead());
        ps.setLong(4, p.recordsRead());
        ps.setLong(5, p.recordsValid());
        ps.setLong(6, p.recordsImported());
        ps.setLong(7, p.errorCount());
    }

    public void addErrors(UUID id, List<ImportError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        insert into import_error (job_id, row_no, column_name, rule, message, rejected_value)
                        values (?, ?, ?, ?, ?, ?)""")) {
            for (ImportError e : errors) {
                ps.setObject(1, id);
                ps.setLong(2, e.rowNo());
                ps.setString(3, e.column());
                ps.setString(4, e.rule());
                ps.setString(5, e.message());
                if (e.rejectedValue() == null) {
                    ps.setNull(6, Types.VARCHAR);
                } else {
                    ps.setString(6, e.rejectedValue());
                }
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store import errors of job " + id, e);
        }
    }

    /** The job, of any kind. */
    public Optional<ImportJob> find(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select * from import_job where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long size = rs.getLong("size_bytes");
                long read = rs.getLong("bytes_read");
                ImportJobStatus status = ImportJobStatus.valueOf(rs.getString("status"));
                int percent = size <= 0 ? 100 : (int) Math.min(100, read * 100 / size);
                OffsetDateTime started = rs.getObject("started_at", OffsetDateTime.class);
                OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
                Long duration = started == null ? null
                        : Duration.between(started, finished != null ? finished : now()).toMillis();
                return Optional.of(new ImportJob(id.toString(), rs.getString("kind"), status, rs.getString("phase"),
                        rs.getString("file_name"), ImportFormat.valueOf(rs.getString("format")),
                        rs.getString("charset"), ImportMode.valueOf(rs.getString("mode")), rs.getBoolean("dry_run"),
                        size, percent, rs.getLong("rows_read"), rs.getLong("records_read"),
                        rs.getLong("records_valid"), rs.getLong("records_imported"), rs.getLong("error_count"),
                        rs.getString("message"), utc(rs.getObject("created_at", OffsetDateTime.class)), utc(started),
                        utc(finished), duration));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read import job " + id, e);
        }
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** The error report, ordered by row then by the order found. */
    public Page<ImportErrorEntry> errors(UUID id, int page, int size) {
        List<ImportErrorEntry> items = new ArrayList<>();
        long total;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from import_error where job_id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    select row_no, column_name, rule, message, rejected_value from import_error where job_id = ?
                    order by row_no, id offset ? limit ?""")) {
                ps.setObject(1, id);
                ps.setLong(2, (long) page * size);
                ps.setInt(3, size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new ImportErrorEntry(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the errors of import job " + id, e);
        }
        return new Page<>(items, page, size, total);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update import_job", e);
        }
    }
}
