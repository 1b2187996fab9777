package cn.gansu.lianhu.imports;

import java.time.OffsetDateTime;

/**
 * State of a bulk import job (table {@code import_job}), as pairing-service shows it at
 * {@code GET /api/v1/imports/{id}}; registry-service shows the same state with household names
 * (householdsRead…).
 *
 * @param id              job id (UUID)
 * @param kind            what the file holds, e.g. HOUSEHOLDS, UNITS, CADRES
 * @param status          QUEUED, RUNNING, SUCCEEDED, FAILED, DRY_RUN_OK, DRY_RUN_FAILED
 * @param phase           READING (the file), CHECKING (set-based duplicate checks), WRITING, DONE
 * @param fileName        name of the uploaded file, if the client sent one
 * @param format          CSV or XLSX
 * @param charset         CSV only: UTF-8 or GBK
 * @param mode            ALL_OR_NOTHING or SKIP_INVALID
 * @param dryRun          validate only, write nothing
 * @param sizeBytes       size of the upload in bytes
 * @param percent         0–100, bytes of the file read so far (XLSX: of the sheet XML)
 * @param rowsRead        data rows read (header and blank rows excluded)
 * @param recordsRead     records read (a unit or cadre is one row; a household is a block of member rows)
 * @param recordsValid    records that pass every rule
 * @param recordsImported records written (0 for dry runs and failed jobs)
 * @param errorCount      rule violations found (the error report keeps the first lianhu.imports.max-stored-errors)
 * @param message         why the job failed as a whole, or a summary
 * @param createdAt       upload accepted
 * @param startedAt       worker started
 * @param finishedAt      job ended
 * @param durationMs      finishedAt − startedAt (or so far), in milliseconds
 *
 * <p>No {@code @Schema} annotation on purpose: an annotated class is put into the OpenAPI document of every
 * service that has this module, also where no operation returns it (registry shows {@code HouseholdImportJob});
 * the operations that return it give the examples.
 */
public record ImportJob(String id, String kind, ImportJobStatus status, String phase, String fileName,
        ImportFormat format, String charset, ImportMode mode, boolean dryRun, long sizeBytes, int percent,
        long rowsRead, long recordsRead, long recordsValid, long recordsImported, long errorCount, String message,
        OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt, Long durationMs) {
}
