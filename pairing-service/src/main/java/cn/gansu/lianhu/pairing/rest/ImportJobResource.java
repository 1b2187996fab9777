package cn.gansu.lianhu.pairing.rest;

import jakarta.annotation.security.RolesAllowed;
import cn.gansu.lianhu.api.security.Roles;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.imports.ImportErrorEntry;
import cn.gansu.lianhu.imports.ImportJob;
import cn.gansu.lianhu.imports.ImportJobStore;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Import jobs of pairing-service (unit and cadre imports, issue 3 points 1–2): state and progress while they
 * run, and their error reports. Shapes are lianhu-imports' {@link ImportJob} and {@link ImportErrorEntry}.
 */
@Path("/api/v1/imports")
@Tag(name = "Imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportJobResource {

    @Inject
    ImportJobStore jobs;

    @Inject
    cn.gansu.lianhu.pairing.service.ImportSubmitters submitters;

    /**
     * Job state and progress.
     *
     * @param id job id (UUID), from the Location of the upload
     * @return the job
     * @throws ApiException 404 if there is no such job
     */
    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "getImport", summary = "Status and progress of a unit or cadre import job",
            description = "Callers: PROVINCE_ADMIN, AUDITOR, INTEGRATION (every job); REGION_ADMIN and UNIT_ADMIN (the jobs they submitted; others answer 404 like an unknown job). " + "kind (UNITS, CADRES), status (QUEUED, RUNNING, SUCCEEDED, FAILED, DRY_RUN_OK, "
                    + "DRY_RUN_FAILED), phase (READING, CHECKING, WRITING, DONE), percent of bytes read, rows and "
                    + "records read, valid and imported, error count, message, start, end and duration (ms). "
                    + "Updated while the job runs.")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportJob.class),
                    examples = { @ExampleObject(name = "running", summary = "reading a cadre workbook, 37 % done",
                            value = ImportExamples.RUNNING),
                            @ExampleObject(name = "succeeded", summary = "118 of 120 units imported (SKIP_INVALID)",
                                    value = ImportExamples.SUCCEEDED),
                            @ExampleObject(name = "failed", summary = "2 bad rows, nothing written (ALL_OR_NOTHING)",
                                    value = ImportExamples.FAILED) }))
    @APIResponse(responseCode = "400", description = "A path parameter has the wrong type (param.type): the id is "
            + "not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong parameter type", value = ImportExamples.JOB_ID_TYPE)))
    @APIResponse(responseCode = "404", description = "No such job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown job", value = ImportExamples.NOT_FOUND)))
    public ImportJob get(@Parameter(description = "job id (UUID)") @PathParam("id") UUID id) {
        return jobs.find(id).filter(j -> submitters.visible(id)).orElseThrow(() -> ApiException.notFound("import job", id.toString()));
    }

    /**
     * The error report, by row.
     *
     * @param id   job id (UUID)
     * @param page zero-based page
     * @param size page size, 1–500
     * @return a page of entries: row, column, rule, message, rejected value (ID numbers masked)
     * @throws ApiException 404 if there is no such job
     */
    @GET
    @Path("{id}/errors")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "listImportErrors", summary = "Error report of a unit or cadre import job",
            description = "Callers: as for getImport; a job the caller may not see answers 404 like an unknown job. " + "One entry per broken rule, ordered by row: row (1-based, header = row 1), column "
                    + "(canonical header, e.g. region_code, also when the file used the Chinese heading), rule, message "
                    + "and the rejected value (ID numbers masked, phone numbers left out). The first 10,000 errors "
                    + "are kept (lianhu.imports.max-stored-errors); errorCount of the job counts all.")
    @APIResponse(responseCode = "200", description = "A page of the report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class),
                    examples = @ExampleObject(name = "three errors", value = ImportExamples.ERRORS)))
    @APIResponse(responseCode = "400", description = "page < 0 or size outside 1–500 (min, max), or a path or query"
            + " parameter has the wrong type (param.type: id not a UUID, page or size not an integer)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "size too large", value = ImportExamples.PAGE_SIZE),
                            @ExampleObject(name = "wrong parameter type", value = ImportExamples.PAGE_TYPE) }))
    @APIResponse(responseCode = "404", description = "No such job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown job", value = ImportExamples.NOT_FOUND)))
    public Page<ImportErrorEntry> errors(@Parameter(description = "job id (UUID)") @PathParam("id") UUID id,
            @Parameter(description = "zero-based page") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "page size, 1–500") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        if (jobs.find(id).isEmpty() || !submitters.visible(id)) {
            throw ApiException.notFound("import job", id.toString());
        }
        return jobs.errors(id, page, size);
    }
}
