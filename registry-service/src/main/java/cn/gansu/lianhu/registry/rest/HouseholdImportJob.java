package cn.gansu.lianhu.registry.rest;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.imports.ImportFormat;
import cn.gansu.lianhu.imports.ImportJob;
import cn.gansu.lianhu.imports.ImportJobStatus;
import cn.gansu.lianhu.imports.ImportMode;

/**
 * State of a bulk household import job as shown by {@code GET /api/v1/households/imports/{id}}: the shared
 * {@link ImportJob} of lianhu-imports with its record counters named after households. Its OpenAPI schema keeps
 * the name {@code ImportJob} it had before the machinery moved to lianhu-imports.
 *
 * @param id                 job id (UUID)
 * @param status             QUEUED, RUNNING, SUCCEEDED, FAILED, DRY_RUN_OK, DRY_RUN_FAILED
 * @param phase              READING (the file), CHECKING (set-based duplicate checks), WRITING, DONE
 * @param fileName           name of the uploaded file, if the client sent one
 * @param format             CSV or XLSX
 * @param charset            CSV only: UTF-8 or GBK
 * @param mode               ALL_OR_NOTHING or SKIP_INVALID
 * @param dryRun             validate only, write nothing
 * @param sizeBytes          size of the upload in bytes
 * @param percent            0–100, bytes of the file read so far (XLSX: of the sheet XML)
 * @param rowsRead           data rows read (header and blank rows excluded)
 * @param householdsRead     household blocks read
 * @param householdsValid    households that pass every rule
 * @param householdsImported households written (0 for dry runs and failed jobs)
 * @param errorCount         rule violations found (the error report keeps the first 10,000)
 * @param message            why the job failed as a whole, or a summary
 * @param createdAt          upload accepted
 * @param startedAt          worker started
 * @param finishedAt         job ended
 * @param durationMs         finishedAt − startedAt (or so far), in milliseconds
 */
@Schema(name = "ImportJob", description = "A bulk household import job", example = """
        {"id":"5b0e6c1e-8a52-4a43-9f57-2f9d1c3b7a10","status":"SUCCEEDED","phase":"DONE",
         "fileName":"households.csv","format":"CSV","charset":"UTF-8","mode":"ALL_OR_NOTHING","dryRun":false,
         "sizeBytes":61234,"percent":100,"rowsRead":400,"householdsRead":130,"householdsValid":130,
         "householdsImported":130,"errorCount":0,"message":"130 households with 400 members imported",
         "createdAt":"2026-11-29T08:00:00Z","startedAt":"2026-11-29T08:00:00.05Z",
         "finishedAt":"2026-11-29T08:00:01.2Z","durationMs":1150}""")
public record HouseholdImportJob(String id, ImportJobStatus status, String phase, String fileName, ImportFormat format,
        String charset, ImportMode mode, boolean dryRun, long sizeBytes, int percent, long rowsRead,
        long householdsRead, long householdsValid, long householdsImported, long errorCount, String message,
        OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt, Long durationMs) {

    /** The household view of a job. */
    public static HouseholdImportJob of(ImportJob j) {
        return new HouseholdImportJob(j.id(), j.status(), j.phase(), j.fileName(), j.format(), j.charset(), j.mode(),
                j.dryRun(), j.sizeBytes(), j.percent(), j.rowsRead(), j.recordsRead(), j.recordsValid(),
                j.recordsImported(), j.errorCount(), j.message(), j.createdAt(), j.startedAt(), j.finishedAt(),
                j.durationMs());
    }
}
