package cn.gansu.lianhu.pairing.rest;

import jakarta.annotation.security.RolesAllowed;
import cn.gansu.lianhu.api.security.Roles;
import java.io.IOException;
import java.io.InputStream;

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
import cn.gansu.lianhu.pairing.service.CadreImportService;
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
 * Bulk import of cadres (干部) from CSV or XLSX (issue 3 point 2), with the household import's behaviour: the
 * file is checked at once (400), then a job runs (202 + Location {@code /api/v1/imports/{id}}); poll it and read
 * its error report at {@link ImportJobResource}. ID numbers never leave in full: the error report masks them.
 *
 * <h2>File format</h2>
 * One row per cadre, a header row first (row 1). Columns in any order, headers in English (snake_case or
 * camelCase, any case) or Chinese:
 * <pre>
 * name              姓名               ≤ 50 characters
 * id_number         身份证号            GB 11643 (18 characters, check character); XLSX: a text cell; unique
 * unit_credit_code  单位统一社会信用代码   the unit's credit code  } at least one of the two columns; per row one
 * unit_id           单位ID             the unit's id (UUID)    } of them (both: the same unit)
 * rank              级别               PROVINCIAL_LEADER/省级领导, PREFECTURE_BUREAU/地厅级, COUNTY_DIVISION/县处级, OTHER/其他
 * phone             联系电话            optional column and cell; ≤ 20 characters: an optional +, digits, spaces, -
 * status            状态               optional column and cell; ACTIVE/在岗 only (cadres are registered ACTIVE)
 * </pre>
 * Imported cadres are ACTIVE. Rules and rule ids: {@link CadreImportService}. Each cadre:
 * version 1 and one {@code cn.gansu.lianhu.pairing.cadre.registered.v1} event on {@code pairing.cadres}; each unit
 * that gained cadres: version + 1 and one {@code cn.gansu.lianhu.pairing.unit.updated.v1} event on
 * {@code pairing.units} with its new ACTIVE cadre count and required villages.
 */
@jakarta.ws.rs.Path("/api/v1/cadres/imports")
@Tag(name = "Imports")
public class CadreImportResource {

    @Inject
    cn.gansu.lianhu.pairing.service.ImportSubmitters submitters;

    @Inject
    CadreImportService imports;

    /** Multipart form with the file in part {@code file}. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "importCadres", summary = "Import cadres from a CSV or XLSX file",
            description = "Callers: PROVINCE_ADMIN; REGION_ADMIN and UNIT_ADMIN for units in their scope (a row naming another unit fails cadre.unknown-unit, as for an unknown unit). One audit entry (cadre-import, IMPORTED) per job that writes. " + """
                    Uploads a file of cadres (one row per cadre, header row; columns name/姓名, id_number/身份证号, \
                    unit_credit_code/单位统一社会信用代码 or unit_id (at least one), rank/级别 and optionally phone/联系电话 \
                    and status/状态 (ACTIVE/在岗 only), \
                    in any order, English or Chinese headers; rank takes the English code or the Chinese term). Send \
                    it as multipart/form-data (part `file`) or as the raw body with Content-Type text/csv or the XLSX \
                    type. The file is checked at once (empty, encoding: UTF-8 or, with charset=GBK, GBK; header) and \
                    answered 400 if broken; otherwise a job is started and 202 returned with its Location \
                    (/api/v1/imports/{id}). The job's error report names row (header = row 1), column and rule, ID \
                    numbers masked: value.required, value.too-long, value.unknown, id-number.format, id-number.region, \
                    id-number.birth-date, id-number.check-digit, cadre.duplicate-id-number-in-file, \
                    cadre.duplicate-id-number (the other cadre's id and status named only when the submitter may \
                    see that cadre, else "another cadre"), credit-code.format, credit-code.check-character, unit-id.format, \
                    cadre.unknown-unit, unit.mismatch, phone.format, cadre.status-on-create; the rules of \
                    registerCadre. ALL_OR_NOTHING (default): any error and nothing is \
                    written. SKIP_INVALID: valid cadres are written, invalid ones reported. dryRun: validate only. \
                    Imported cadres are ACTIVE, version 1, one cadre.registered event each on pairing.cadres; every \
                    unit that gained cadres gets version + 1 and one unit.updated event (new activeCadres, \
                    requiredVillages) on pairing.units. Issue 3 point 2.""")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
                    schema = @Schema(implementation = ImportExamples.UploadForm.class),
                    encoding = @Encoding(name = "file", contentType = "text/csv, " + ImportRunner.XLSX)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "two cadres of one unit", value = ImportExamples.CADRES_CSV)),
            @Content(mediaType = ImportRunner.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "202", description = "File accepted, job queued",
            headers = @Header(name = "Location", description = "/api/v1/imports/{jobId}",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportJob.class),
                    examples = @ExampleObject(name = "queued", value = ImportExamples.CADRES_QUEUED)))
    @APIResponse(responseCode = "400", description = """
            Empty file (file.empty), wrong encoding (file.encoding), not a workbook (file.format), broken header \
            (header.unknown-column, header.missing-column, header.duplicate-column), missing part (file.required), \
            bad mode (mode.unknown), charset (charset.unsupported) or dryRun (param.type)""",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "GBK file", value = ImportExamples.ENCODING),
                            @ExampleObject(name = "no unit column", value = ImportExamples.CADRE_HEADER),
                            @ExampleObject(name = "empty file", value = ImportExamples.EMPTY) }))
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
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(hidden = true)
    public Response importRaw(InputStream body, @HeaderParam("Content-Type") String contentType,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun, @QueryParam("mode") String mode,
            @QueryParam("charset") String charset) throws IOException {
        return accepted(submitters.submitted(imports.submitBody(body, contentType, dryRun, mode, charset)));
    }

    private static Response accepted(ImportJob job) {
        return UnitImportResource.accepted(job);
    }
}
