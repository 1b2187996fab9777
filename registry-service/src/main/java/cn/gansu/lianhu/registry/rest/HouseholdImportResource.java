package cn.gansu.lianhu.registry.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

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

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.imports.ImportErrorEntry;
import cn.gansu.lianhu.imports.ImportJob;
import cn.gansu.lianhu.imports.ImportJobStore;
import cn.gansu.lianhu.imports.ImportRunner;
import cn.gansu.lianhu.registry.service.HouseholdImportService;
import cn.gansu.lianhu.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Bulk import of extremely poor households (特困户) from CSV or XLSX (issue point 7; DESIGN.md §4).
 *
 * <h2>File format</h2>
 * One row per household member, a header row first (row 1). Columns, in any order (header names are
 * matched case-insensitively; an unknown, missing or repeated column refuses the whole file with 400,
 * field {@code header.<name>}, rule {@code header.unknown-column} / {@code header.missing-column} /
 * {@code header.duplicate-column}):
 * <pre>
 * household_no      grouping key: rows of one household share it and are consecutive
 * village_code      12-digit NBS code of a designated poor village (贫困村)            household level
 * main_cause        poverty cause, code or Chinese term (ILLNESS / 因病)               household level
 * other_causes      further causes separated by ; (may be empty)                       household level
 * income_per_capita per-capita annual net income in yuan, ≥ 0, at most 2 decimals      household level
 * address           optional, ≤ 200 characters                                         household level
 * phone             optional, 5–20 digits, + - ( ) or spaces                           household level
 * name              member's name, ≤ 50 characters
 * id_number         GB 11643 ID number (18 characters, check character); XLSX: a text cell
 * sex               MALE/FEMALE or 男/女; must agree with the ID number (blank: taken from it)
 * birth_date        yyyy-MM-dd (XLSX: text or date cell); must agree with the ID number (blank: taken from it)
 * relation          HEAD/户主, SPOUSE/配偶, CHILD/子女, …; exactly one HEAD per household
 * health            HEALTHY/健康, CHRONIC_ILLNESS/长期慢性病, SERIOUS_ILLNESS/患有大病, DISABLED/残疾
 * education         PRESCHOOL/学龄前儿童, ILLITERATE/文盲或半文盲, PRIMARY/小学, …
 * labour_ability    SKILLED/技能劳动力, GENERAL/普通劳动力, LIMITED/…, UNABLE/…, NONE/无劳动力
 * </pre>
 * Household-level columns are read from the HEAD row (other rows may leave them blank). CSV: comma
 * separated, RFC 4180 quotes, UTF-8 (a BOM is accepted) or GBK with {@code charset=GBK}. XLSX: the first
 * sheet. Imported households are IN_POVERTY since today, version 1, with one
 * {@code cn.gansu.lianhu.registry.household.registered.v1} event each on {@code registry.households}.
 */
@jakarta.ws.rs.Path("/api/v1/households/imports")
@Tag(name = "Household imports", description = "Bulk import of households from CSV or XLSX, with dry run and error report")
public class HouseholdImportResource {
    static final String XLSX = ImportRunner.XLSX;
    private static final String CSV_EXAMPLE = """
            household_no,village_code,main_cause,other_causes,income_per_capita,address,phone,name,id_number,sex,birth_date,relation,health,education,labour_ability
            620421-0001,620421101201,因病,缺资金;缺技术,2860.50,靖远县东湾镇,13909430001,张建国,620421197003150012,男,1970-03-15,户主,长期慢性病,小学,普通劳动力
            620421-0001,,,,,,,李秀兰,62042119720708002X,女,1972-07-08,配偶,健康,文盲或半文盲,普通劳动力
            """;
    private static final String JOB_EXAMPLE = """
            {"id":"5b0e6c1e-8a52-4a43-9f57-2f9d1c3b7a10","status":"QUEUED","fileName":"households.csv",
             "format":"CSV","charset":"UTF-8","mode":"ALL_OR_NOTHING","dryRun":false,"sizeBytes":61234,"percent":0,
             "rowsRead":0,"householdsRead":0,"householdsValid":0,"householdsImported":0,"errorCount":0,
             "createdAt":"2026-11-29T08:00:00Z"}""";
    private static final String ENCODING_EXAMPLE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"the file is not valid UTF-8 and looks GBK-encoded (as Excel saves CSV on Chinese Windows): re-save it as CSV UTF-8, or upload it with charset=GBK",
             "instance":"/api/v1/households/imports",
             "errors":[{"field":"file","rule":"file.encoding","message":"the file is not valid UTF-8 and looks GBK-encoded (as Excel saves CSV on Chinese Windows): re-save it as CSV UTF-8, or upload it with charset=GBK"}]}""";
    private static final String HEADER_EXAMPLE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"2 fields break a rule","instance":"/api/v1/households/imports",
             "errors":[{"field":"header.idcard","rule":"header.unknown-column","message":"column 'idcard' (column 9) is not one of the import columns: household_no, village_code, …"},
                       {"field":"header.id_number","rule":"header.missing-column","message":"column 'id_number' is missing; every column must be present (in any order): household_no, village_code, …"}]}""";
    private static final String EMPTY_EXAMPLE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"the uploaded file is empty","instance":"/api/v1/households/imports",
             "errors":[{"field":"file","rule":"file.empty","message":"the uploaded file is empty"}]}""";
    private static final String BUSY_EXAMPLE = """
            {"type":"urn:lianhu:problem:too-many-imports","title":"Too many imports","status":429,
             "detail":"2 imports are running and 4 are queued already; nothing was written, try again in 30 s",
             "instance":"/api/v1/households/imports",
             "errors":[{"field":"file","rule":"import.too-many-jobs","message":"at most 2 imports run at once and 4 wait"}]}""";
    private static final String NOT_FOUND_EXAMPLE = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"import job 5b0e6c1e-8a52-4a43-9f57-2f9d1c3b7a10 does not exist",
             "instance":"/api/v1/households/imports/5b0e6c1e-8a52-4a43-9f57-2f9d1c3b7a10","errors":[]}""";
    private static final String ERRORS_EXAMPLE = """
            {"items":[{"row":3,"column":"id_number","rule":"id-number.check-digit","message":"check character should be X, not 3","rejectedValue":"620421********0023"},
                      {"row":7,"column":"village_code","rule":"village.not-poor","message":"village 620102001001 is not a designated poor village (贫困村); households are registered in poor villages only","rejectedValue":"620102001001"}],
             "page":0,"size":50,"total":2}""";
    private static final String RUNNING_EXAMPLE = """
            {"id":"5b0e6c1e-8a52-4a43-9f57-2f9d1c3b7a10","status":"RUNNING","phase":"READING",
             "fileName":"定西市特困户.csv","format":"CSV","charset":"UTF-8","mode":"SKIP_INVALID","dryRun":false,
             "sizeBytes":48234567,"percent":37,"rowsRead":112480,"householdsRead":31050,"householdsValid":31012,
             "householdsImported":0,"errorCount":41,"message":null,"createdAt":"2026-11-29T08:00:00Z",
             "startedAt":"2026-11-29T08:00:00.05Z","finishedAt":null,"durationMs":9200}""";
    private static final String SUCCEEDED_EXAMPLE = """
            {"id":"5b0e6c1e-8a52-4a43-9f57-2f9d1c3b7a10","status":"SUCCEEDED","phase":"DONE",
             "fileName":"households.csv","format":"CSV","charset":"UTF-8","mode":"ALL_OR_NOTHING","dryRun":false,
             "sizeBytes":61234,"percent":100,"rowsRead":400,"householdsRead":130,"householdsValid":130,
             "householdsImported":130,"errorCount":0,"message":"130 households with 400 members imported",
             "createdAt":"2026-11-29T08:00:00Z","startedAt":"2026-11-29T08:00:00.05Z",
             "finishedAt":"2026-11-29T08:00:01.2Z","durationMs":1150}""";
    private static final String TOO_LARGE_EXAMPLE = """
            {"type":"urn:lianhu:problem:body-too-large","title":"Request body too large","status":413,
             "detail":"the request body of 134217729 bytes is over the limit of 134217728 bytes (128 MiB) of this operation",
             "instance":"/api/v1/households/imports","errors":[{"field":"body","rule":"body.too-large",
             "message":"the request body of 134217729 bytes is over the limit of 134217728 bytes (128 MiB) of this operation"}]}""";
    private static final String MEDIA_TYPE_EXAMPLE = """
            {"type":"urn:lianhu:problem:http","title":"Unsupported Media Type","status":415,
             "detail":"HTTP 415 Unsupported Media Type","instance":"/api/v1/households/imports","errors":[]}""";
    private static final String JOB_ID_TYPE_EXAMPLE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"id must be a UUID, not 'job-1'","instance":"/api/v1/households/imports/job-1",
             "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not 'job-1'"}]}""";
    private static final String PAGE_SIZE_EXAMPLE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"must be less than or equal to 500",
             "instance":"/api/v1/households/imports/5b0e6c1e-8a52-4a43-9f57-2f9d1c3b7a10/errors",
             "errors":[{"field":"size","rule":"max","message":"must be less than or equal to 500"}]}""";
    private static final String PAGE_TYPE_EXAMPLE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"page must be an integer, not 'first'",
             "instance":"/api/v1/households/imports/5b0e6c1e-8a52-4a43-9f57-2f9d1c3b7a10/errors",
             "errors":[{"field":"page","rule":"param.type","message":"page must be an integer, not 'first'"}]}""";

    @Inject
    HouseholdImportService imports;

    @Inject
    ImportJobStore jobs;

    static final String JOB_READERS = " Who may call: PROVINCE_ADMIN, AUDITOR and INTEGRATION (every job), REGION_ADMIN"
            + " (only the jobs it submitted; another's job answers 404 exactly like an unknown one); others 403.";

    /** Multipart form with the file in part {@code file}. */
    @POST
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN })
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importHouseholds", summary = "Import households from a CSV or XLSX file",
            description = """
                    Uploads a file of households (one row per member, header row, columns household_no, village_code, \
                    main_cause, other_causes (;-separated), income_per_capita (yuan), address, phone, name, id_number, \
                    sex, birth_date (yyyy-MM-dd), relation, health, education, labour_ability, in any order; \
                    household-level columns are read from the HEAD row; code list cells take the English code or \
                    the Chinese term). Send it as multipart/form-data (part `file`) or as the raw body with \
                    Content-Type text/csv or the XLSX type. The file is checked at once (empty, encoding: UTF-8 \
                    or, with charset=GBK, GBK; header) and answered 400 if broken; otherwise a job is started and \
                    202 returned with its Location. Poll the job for progress; its error report names row \
                    (header = row 1), column and rule. ALL_OR_NOTHING (default): any error and nothing is \
                    written. SKIP_INVALID: valid households are written, invalid ones reported. dryRun: validate \
                    only. Issue point 7, DESIGN.md §4. \
                    Who may call: PROVINCE_ADMIN (any village) and REGION_ADMIN (rows for villages outside its \
                    region prefix fail with village.unknown exactly like unknown villages); others 403. A job that \
                    writes is audited (GET /api/v1/audit?entity=household-import&entityId={jobId}).""")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = UploadForm.class),
                    encoding = @Encoding(name = "file", contentType = "text/csv, " + XLSX)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "two members of one household", value = CSV_EXAMPLE)),
            @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "202", description = "File accepted, job queued",
            headers = @Header(name = "Location", description = "/api/v1/households/imports/{jobId}",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HouseholdImportJob.class),
                    examples = @ExampleObject(name = "queued", value = JOB_EXAMPLE)))
    @APIResponse(responseCode = "400", description = """
            Empty file (file.empty), wrong encoding (file.encoding), not a workbook (file.format), broken header \
            (header.unknown-column, header.missing-column, header.duplicate-column), missing part \
            (file.required), bad mode (mode.unknown) or charset (charset.unsupported)""",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "GBK file", value = ENCODING_EXAMPLE),
                            @ExampleObject(name = "wrong header", value = HEADER_EXAMPLE),
                            @ExampleObject(name = "empty file", value = EMPTY_EXAMPLE)}))
    @APIResponse(responseCode = "413", description = "Upload larger than quarkus.http.limits.max-body-size (128 MiB; rule body.too-large, issue 8)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "too large", value = TOO_LARGE_EXAMPLE)))
    @APIResponse(responseCode = "415", description = "Content-Type other than multipart/form-data, text/csv or XLSX",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unsupported type", value = MEDIA_TYPE_EXAMPLE)))
    @APIResponse(responseCode = "429", description = "lianhu.imports.max-concurrent-jobs imports run and "
            + "lianhu.imports.max-queued-jobs wait already (rule import.too-many-jobs); nothing is written",
            headers = @Header(name = "Retry-After", description = "seconds to wait (lianhu.imports.retry-after)",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "busy", value = BUSY_EXAMPLE)))
    public Response importMultipart(@RestForm("file") FileUpload file,
            @Parameter(description = "validate only, write nothing") @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @Parameter(description = "ALL_OR_NOTHING (default) or SKIP_INVALID", schema = @Schema(enumeration = {
                    "ALL_OR_NOTHING", "SKIP_INVALID"})) @QueryParam("mode") String mode,
            @Parameter(description = "CSV text encoding: UTF-8 (default) or GBK", schema = @Schema(enumeration = {
                    "UTF-8", "GBK"})) @QueryParam("charset") String charset) throws IOException {
        return accepted(imports.submitUpload(file, dryRun, mode, charset));
    }

    /** Raw body: the same operation as {@link #importMultipart}, documented there. */
    @POST
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN })
    @Consumes({"text/csv", XLSX, MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response importRaw(InputStream body, @HeaderParam("Content-Type") String contentType,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun, @QueryParam("mode") String mode,
            @QueryParam("charset") String charset) throws IOException {
        return accepted(imports.submitBody(body, contentType, dryRun, mode, charset));
    }

    private static Response accepted(ImportJob job) {
        return Response.status(Response.Status.ACCEPTED).location(URI.create("/api/v1/households/imports/" + job.id()))
                .type(MediaType.APPLICATION_JSON).entity(HouseholdImportJob.of(job)).build();
    }

    /** Form of a multipart upload (for OpenAPI). */
    @Schema(name = "HouseholdUploadForm")
    public static class UploadForm {
        @Schema(type = SchemaType.STRING, format = "binary", description = "the CSV or XLSX file")
        public String file;
    }

    /** Job state and progress. */
    @GET
    @jakarta.ws.rs.Path("{id}")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getHouseholdImport", summary = "Status and progress of an import job",
            description = "status (QUEUED, RUNNING, SUCCEEDED, FAILED, DRY_RUN_OK, DRY_RUN_FAILED), phase, percent "
                    + "of bytes read, rows and households read, valid and imported, error count, start, end and "
                    + "duration (ms). Updated while the job runs." + JOB_READERS)
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HouseholdImportJob.class),
                    examples = { @ExampleObject(name = "running", summary = "reading the file, 37 % done",
                            value = RUNNING_EXAMPLE),
                            @ExampleObject(name = "succeeded", summary = "130 households imported",
                                    value = SUCCEEDED_EXAMPLE) }))
    @APIResponse(responseCode = "400", description = "A path or query parameter has the wrong type (param.type):"
            + " the id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong parameter type", value = JOB_ID_TYPE_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown job", value = NOT_FOUND_EXAMPLE)))
    public HouseholdImportJob get(@Parameter(description = "job id (UUID)") @PathParam("id") UUID id) {
        return jobs.find(id).filter(j -> imports.kind().equals(j.kind())).filter(j -> imports.visible(j.id()))
                .map(HouseholdImportJob::of)
                .orElseThrow(() -> ApiException.notFound("import job", id.toString()));
    }

    /** The error report, by row. */
    @GET
    @jakarta.ws.rs.Path("{id}/errors")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listHouseholdImportErrors", summary = "Error report of an import job",
            description = "One entry per broken rule, ordered by row: row (1-based, header = row 1), column, rule, "
                    + "message and the rejected value (ID numbers masked). The first 10,000 errors are kept; "
                    + "errorCount of the job counts all." + JOB_READERS)
    @APIResponse(responseCode = "200", description = "A page of the report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class),
                    examples = @ExampleObject(name = "two errors", value = ERRORS_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "page < 0 or size outside 1–500 (min, max), or a path or query"
            + " parameter has the wrong type (param.type: id not a UUID, page or size not an integer)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "size too large", value = PAGE_SIZE_EXAMPLE),
                            @ExampleObject(name = "wrong parameter type", value = PAGE_TYPE_EXAMPLE) }))
    @APIResponse(responseCode = "404", description = "No such job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown job", value = NOT_FOUND_EXAMPLE)))
    public Page<ImportErrorEntry> errors(@Parameter(description = "job id (UUID)") @PathParam("id") UUID id,
            @Parameter(description = "zero-based page") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "page size, 1–500") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        if (jobs.find(id).filter(j -> imports.kind().equals(j.kind())).filter(j -> imports.visible(j.id()))
                .isEmpty()) {
            throw ApiException.notFound("import job", id.toString());
        }
        return jobs.errors(id, page, size);
    }
}
