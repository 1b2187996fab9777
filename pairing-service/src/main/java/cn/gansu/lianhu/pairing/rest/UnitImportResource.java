package cn.gansu.lianhu.pairing.rest;

import jakarta.annotation.security.RolesAllowed;
import cn.gansu.lianhu.api.security.Roles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Encoding;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.imports.ImportJob;
import cn.gansu.lianhu.imports.ImportRunner;
import cn.gansu.lianhu.pairing.service.UnitImportService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Bulk import of units (单位) from CSV or XLSX (issue 3 point 1), with the household import's behaviour: the
 * file is checked at once (400), then a job runs (202 + Location {@code /api/v1/imports/{id}}); poll it and read
 * its error report at {@link ImportJobResource}.
 *
 * <h2>File format</h2>
 * One row per unit, a header row first (row 1). Columns in any order, headers in English (snake_case or
 * camelCase, any case) or Chinese:
 * <pre>
 * name          单位名称           official name, ≤ 200 characters, unique within its region
 * level         层级              PROVINCE/省直, PREFECTURE/市州, COUNTY/县区, TOWNSHIP/乡镇
 * kind          类别              PARTY_GOVERNMENT/党政机关, PUBLIC_INSTITUTION/事业单位, PEOPLES_ORGANISATION/人民团体,
 *                                 MILITARY_DISTRICT/省军区, ARMED_POLICE/武警, CENTRAL_UNIT/中央在甘单位,
 *                                 STATE_OWNED_ENTERPRISE/国有企业
 * region_code   所在地区代码        NBS code (2/4/6/9/12 digits) in Gansu at the unit's level: 62, 6211, 621121, 621121100
 * credit_code   统一社会信用代码     optional column and cell; GB 32100 with its check character; unique
 * </pre>
 * Rules and rule ids: {@link UnitImportService}. Imported units have version 1 and one
 * {@code cn.gansu.lianhu.pairing.unit.registered.v1} event each on {@code pairing.units}.
 */
@jakarta.ws.rs.Path("/api/v1/units/imports")
@Tag(name = "Imports", description = "Bulk import of units and cadres from CSV or XLSX, with dry run, progress and error report")
public class UnitImportResource {

    @Inject
    cn.gansu.lianhu.pairing.service.ImportSubmitters submitters;

    @Inject
    UnitImportService imports;

    /** Multipart form with the file in part {@code file}. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN })
    @Operation(operationId = "importUnits", summary = "Import units from a CSV or XLSX file",
            description = "Callers: PROVINCE_ADMIN; REGION_ADMIN (a row in a region outside its own fails unit.region-outside-scope). One audit entry (unit-import, IMPORTED) per job that writes. " + """
                    Uploads a file of units (one row per unit, header row; columns name/单位名称, level/层级, \
                    kind/类别, region_code/所在地区代码 and optionally credit_code/统一社会信用代码, in any order, \
                    English or Chinese headers; level and kind take the English code or the Chinese term). Send it as \
                    multipart/form-data (part `file`) or as the raw body with Content-Type text/csv or the XLSX type. \
                    The file is checked at once (empty, encoding: UTF-8 or, with charset=GBK, GBK; header) and \
                    answered 400 if broken; otherwise a job is started and 202 returned with its Location \
                    (/api/v1/imports/{id}). The job's error report names row (header = row 1), column and rule: \
                    value.required, value.too-long, value.unknown, region-code.format, unit.region-outside-gansu, \
                    unit.region-level-mismatch (PROVINCE 2 digits, PREFECTURE 4, COUNTY 6, TOWNSHIP 9), \
                    credit-code.format, credit-code.check-character, unit.duplicate-credit-code-in-file, \
                    unit.duplicate-credit-code, unit.duplicate-name-in-file, unit.duplicate-name (same name in the \
                    same region); the rules of registerUnit. ALL_OR_NOTHING (default): any \
                    error and nothing is written. SKIP_INVALID: valid units are written, invalid ones reported. \
                    dryRun: validate only. Each imported unit: version 1, one unit.registered event on pairing.units. \
                    Issue 3 point 1.""")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
                    schema = @Schema(implementation = ImportExamples.UploadForm.class),
                    encoding = @Encoding(name = "file", contentType = "text/csv, " + ImportRunner.XLSX)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "two units, Chinese headers", value = ImportExamples.UNITS_CSV)),
            @Content(mediaType = ImportRunner.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "202", description = "File accepted, job queued",
            headers = @Header(name = "Location", description = "/api/v1/imports/{jobId}",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportJob.class),
                    examples = @ExampleObject(name = "queued", value = ImportExamples.UNITS_QUEUED)))
    @APIResponse(responseCode = "400", description = """
            Empty file (file.empty), wrong encoding (file.encoding), not a workbook (file.format), broken header \
            (header.unknown-column, header.missing-column, header.duplicate-column), missing part (file.required), \
            bad mode (mode.unknown), charset (charset.unsupported) or dryRun (param.type)""",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "GBK file", value = ImportExamples.ENCODING),
                            @ExampleObject(name = "wrong header", value = ImportExamples.UNIT_HEADER),
                            @ExampleObject(name = "bad mode", value = ImportExamples.BAD_MODE) }))
    @APIResponse(responseCode = "413", description = "Upload larger than quarkus.http.limits.max-body-size (64 MiB; rule body.too-large, issue 8)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "too large", value = ImportExamples.TOO_LARGE)))
    @APIResponse(responseCode = "415", description = "Content-Type other than multipart/form-data, text/csv or XLSX",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unsupported type", value = ImportExamples.MEDIA_TYPE)))
    @APIResponse(responseCode = "429", description = "lianhu.imports.max-concurrent-jobs imports (units and cadres "
            + "together) run and lianhu.imports.max-queued-jobs wait already (rule import.too-many-jobs); nothing is written",
            headers = @Header(name = "Retry-After", description = "seconds to wait (lianhu.imports.retry-after)",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "busy", value = ImportExamples.BUSY)))
    public Response importMultipart(@RestForm("file") FileUpload file,
            @Parameter(description = "validate only, write nothing") @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @Parameter(description = "ALL_OR_NOTHING (default) or SKIP_INVALID", schema = @Schema(enumeration = {
                    "ALL_OR_NOTHING", "SKIP_INVALID" })) @QueryParam("mode") String mode,
            @Parameter(description = "CSV text encoding: UTF-8 (default) or GBK", schema = @Schema(enumeration = {
                    "UTF-8", "GBK" })) @QueryParam("charset") String charset) throws IOException {
        return accepted(submitters.submitted(imports.submitUpload(file, dryRun, mode, charset)));
    }

    /** Raw body: the same operation as {@link #importMultipart}, documented there. */
    @POST
    @Consumes({ "text/csv", ImportRunner.XLSX, MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN })
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN })
    @Operation(hidden = true)
    public Response importRaw(InputStream body, @HeaderParam("Content-Type") String contentType,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun, @QueryParam("mode") String mode,
            @QueryParam("charset") String charset) throws IOException {
        return accepted(submitters.submitted(imports.submitBody(body, contentType, dryRun, mode, charset)));
    }

    /** 202 with the job and its Location. */
    static Response accepted(ImportJob job) {
        return Response.status(Response.Status.ACCEPTED).location(URI.create("/api/v1/imports/" + job.id()))
                .type(MediaType.APPLICATION_JSON).entity(job).build();
    }
}
