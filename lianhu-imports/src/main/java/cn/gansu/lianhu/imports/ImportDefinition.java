package cn.gansu.lianhu.imports;

import java.sql.SQLException;

/**
 * One kind of bulk import (households, units, cadres…): what a service adds to the shared machinery of
 * {@link ImportRunner}. An {@code @ApplicationScoped} bean of the service; it knows its columns, its row rules
 * and its set-based SQL, and nothing about jobs, permits, modes or progress.
 */
public interface ImportDefinition {

    /** Stored in {@code import_job.kind} (at most 20 characters), e.g. {@code HOUSEHOLDS}. */
    String kind();

    /** What a record is, plural, for the job's messages: {@code households}, {@code units}. */
    String noun();

    /**
     * Checks the header row synchronously, before a job is created (so a wrong file is a 400 at once).
     *
     * @param cells the first row of the file; null if the file has no row at all
     * @throws cn.gansu.lianhu.api.ApiException 400 naming every offending header
     */
    void checkHeader(String[] cells);

    /**
     * Starts the work of one job: create the staging tables on {@link ImportContext#connection()}, load what
     * the row rules look up. Called on the worker thread, inside the job's transaction.
     */
    ImportWork start(ImportContext context) throws SQLException;

    /**
     * The first part of the message of a job that hit a unique constraint while writing (someone else wrote
     * the same record meanwhile); the runner adds the database's message and "nothing was written".
     */
    default String conflictMessage() {
        return "a record of this file was written by someone else while the import ran";
    }
}
