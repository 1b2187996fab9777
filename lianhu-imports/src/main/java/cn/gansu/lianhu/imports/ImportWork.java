package cn.gansu.lianhu.imports;

import java.sql.SQLException;

/**
 * The work of one import job, created by {@link ImportDefinition#start}. The runner calls, in this order and
 * all inside the job's one transaction: {@link #row} for every row of the file (header first, blank rows
 * included), {@link #endOfFile()}, {@link #check()}, then — unless the job is a dry run or fails as
 * ALL_OR_NOTHING — {@link #write()}, commits, and calls {@link #committed()}. Broken rules go to
 * {@link ImportContext#error}.
 *
 * <p>{@link #row} may not throw checked exceptions: wrap a staging {@link SQLException} in
 * {@link StagingFailed}, which the runner unwraps.
 */
public interface ImportWork extends ImportRowSource.Sink {

    /** After the last row: handle what is pending and send the staging buffers. */
    void endOfFile() throws SQLException;

    /** Data rows read so far (header and blank rows excluded). */
    long rowsRead();

    /** Records read so far. */
    long recordsRead();

    /**
     * Runs the set-based checks (duplicates in the file and against the database), reports every violation
     * and drops the records concerned from the staging tables.
     *
     * @return the number of records still valid
     */
    long check() throws SQLException;

    /** Writes the valid records with {@code insert … select}; the runner commits. Returns how many. */
    long write() throws SQLException;

    /** After the commit of {@link #write()}, e.g. to wake the outbox relay. */
    default void committed() {
    }

    /**
     * The job failed (an exception from any step): stop any work of this job that still uses the job's connection
     * (e.g. a writer thread) before the runner rolls it back. Must not throw.
     */
    default void abort() {
    }

    /** Carries a {@link SQLException} out of {@link #row}. */
    final class StagingFailed extends RuntimeException {
        private final SQLException sql;

        public StagingFailed(SQLException sql) {
            super(sql);
            this.sql = sql;
        }

        public SQLException sql() {
            return sql;
        }
    }
}
