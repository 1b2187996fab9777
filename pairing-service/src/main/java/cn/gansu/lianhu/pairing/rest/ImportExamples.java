package cn.gansu.lianhu.pairing.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** OpenAPI examples shared by the unit and cadre import operations and the import job operations. */
final class ImportExamples {
    private ImportExamples() {
    }

    /** Form of a multipart upload (for OpenAPI). */
    @Schema(name = "ImportUploadForm")
    public static class UploadForm {
        @Schema(type = SchemaType.STRING, format = "binary", description = "the CSV or XLSX file")
        public String file;
    }

    static final String UNITS_CSV = """
            单位名称,层级,类别,所在地区代码,统一社会信用代码
            甘肃省农业农村厅,省直,党政机关,62,11620000013926513R
            通渭县人民医院,COUNTY,PUBLIC_INSTITUTION,621121,
            """;
    static final String CADRES_CSV = """
            name,id_number,unit_credit_code,rank,phone
            张建国,620421197003150012,11620000013926513R,县处级,13909430001
            李秀兰,62042119720708002X,11620000013926513R,OTHER,
            """;
    static final String UNITS_QUEUED = """
            {"id":"5b0e6c1e-8a52-4a43-9f57-2f9d1c3b7a10","kind":"UNITS","status":"QUEUED","phase":null,
             "fileName":"units.csv","format":"CSV","charset":"UTF-8","mode":"ALL_OR_NOTHING","dryRun":false,
             "sizeBytes":8123,"percent":0,"rowsRead":0,"recordsRead":0,"recordsValid":0,"recordsImported":0,
             "errorCount":0,"message":null,"createdAt":"2026-11-29T08:00:00Z","startedAt":null,"finishedAt":null,
             "durationMs":null}""";
    static final String CADRES_QUEUED = """
            {"id":"0f3a2b7c-1d4e-4f5a-8b6c-7d8e9f0a1b2c","kind":"CADRES","status":"QUEUED","phase":null,
             "fileName":"cadres.xlsx","format":"XLSX","charset":null,"mode":"SKIP_INVALID","dryRun":false,
             "sizeBytes":412345,"percent":0,"rowsRead":0,"recordsRead":0,"recordsValid":0,"recordsImported":0,
             "errorCount":0,"message":null,"createdAt":"2026-11-29T08:00:00Z","startedAt":null,"finishedAt":null,
             "durationMs":null}""";
    static final String RUNNING = """
            {"id":"0f3a2b7c-1d4e-4f5a-8b6c-7d8e9f0a1b2c","kind":"CADRES","status":"RUNNING","phase":"READING",
             "fileName":"定西市干部.xlsx","format":"XLSX","charset":null,"mode":"SKIP_INVALID","dryRun":false,
             "sizeBytes":412345,"percent":37,"rowsRead":3702,"recordsRead":3702,"recordsValid":3699,
             "recordsImported":0,"errorCount":3,"message":null,"createdAt":"2026-11-29T08:00:00Z",
             "startedAt":"2026-11-29T08:00:00.05Z","finishedAt":null,"durationMs":1200}""";
    static final String SUCCEEDED = """
            {"id":"5b0e6c1e-8a52-4a43-9f57-2f9d1c3b7a10","kind":"UNITS","status":"SUCCEEDED","phase":"DONE",
             "fileName":"units.csv","format":"CSV","charset":"UTF-8","mode":"SKIP_INVALID","dryRun":false,
             "sizeBytes":8123,"percent":100,"rowsRead":120,"recordsRead":120,"recordsValid":118,
             "recordsImported":118,"errorCount":2,
             "message":"118 units imported; 2 invalid units skipped (2 errors)","createdAt":"2026-11-29T08:00:00Z",
             "startedAt":"2026-11-29T08:00:00.05Z","finishedAt":"2026-11-29T08:00:00.6Z","durationMs":550}""";
    static final String FAILED = """
            {"id":"0f3a2b7c-1d4e-4f5a-8b6c-7d8e9f0a1b2c","kind":"CADRES","status":"FAILED","phase":"DONE",
             "fileName":"cadres.csv","format":"CSV","charset":"GBK","mode":"ALL_OR_NOTHING","dryRun":false,
             "sizeBytes":2311,"percent":100,"rowsRead":40,"recordsRead":40,"recordsValid":38,"recordsImported":0,
             "errorCount":2,"message":"2 errors in 2 of 40 cadres; nothing was written (mode ALL_OR_NOTHING)",
             "createdAt":"2026-11-29T08:00:00Z","startedAt":"2026-11-29T08:00:00.05Z",
             "finishedAt":"2026-11-29T08:00:00.4Z","durationMs":350}""";
    static final String ERRORS = """
            {"items":[{"row":3,"column":"id_number","rule":"id-number.check-digit","message":"check character should be X, not 3","rejectedValue":"620421********0023"},
                      {"row":5,"column":"unit_credit_code","rule":"cadre.unknown-unit","message":"no unit has the credit code 126211214380123458","rejectedValue":"126211214380123458"},
                      {"row":9,"column":"id_number","rule":"cadre.duplicate-id-number","message":"ID number 620102********0013 is already registered for cadre 7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f (ACTIVE)","rejectedValue":"620102********0013"}],
             "page":0,"size":50,"total":3}""";

    static final String ENCODING = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"the file is not valid UTF-8 and looks GBK-encoded (as Excel saves CSV on Chinese Windows): re-save it as CSV UTF-8, or upload it with charset=GBK",
             "instance":"/api/v1/units/imports",
             "errors":[{"field":"file","rule":"file.encoding","message":"the file is not valid UTF-8 and looks GBK-encoded (as Excel saves CSV on Chinese Windows): re-save it as CSV UTF-8, or upload it with charset=GBK"}]}""";
    static final String UNIT_HEADER = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"2 fields break a rule","instance":"/api/v1/units/imports",
             "errors":[{"field":"header.地区","rule":"header.unknown-column","message":"column '地区' (column 4) is not one of the import columns: name (unitName, unit_name, 单位名称, 名称), level (层级, 单位层级), …"},
                       {"field":"header.region_code","rule":"header.missing-column","message":"column 'region_code' is missing; every column not marked optional must be present (in any order): name (unitName, unit_name, 单位名称, 名称), …"}]}""";
    static final String CADRE_HEADER = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"column 'unit_credit_code' (单位统一社会信用代码) or 'unit_id' is missing: one of them names each cadre's unit",
             "instance":"/api/v1/cadres/imports",
             "errors":[{"field":"header.unit_credit_code","rule":"header.missing-column","message":"column 'unit_credit_code' (单位统一社会信用代码) or 'unit_id' is missing: one of them names each cadre's unit"}]}""";
    static final String EMPTY = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"the uploaded file is empty","instance":"/api/v1/cadres/imports",
             "errors":[{"field":"file","rule":"file.empty","message":"the uploaded file is empty"}]}""";
    static final String BAD_MODE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"mode 'SOMETIMES' is not known: use ALL_OR_NOTHING (default) or SKIP_INVALID",
             "instance":"/api/v1/units/imports",
             "errors":[{"field":"mode","rule":"mode.unknown","message":"mode 'SOMETIMES' is not known: use ALL_OR_NOTHING (default) or SKIP_INVALID"}]}""";
    static final String BUSY = """
            {"type":"urn:lianhu:problem:too-many-imports","title":"Too many imports","status":429,
             "detail":"2 imports are running and 4 are queued already; nothing was written, try again in 30 s",
             "instance":"/api/v1/units/imports",
             "errors":[{"field":"file","rule":"import.too-many-jobs","message":"at most 2 imports run at once and 4 wait"}]}""";
    static final String TOO_LARGE = """
            {"type":"urn:lianhu:problem:body-too-large","title":"Request body too large","status":413,
             "detail":"the request body of 67108865 bytes is over the limit of 67108864 bytes (64 MiB) of this operation",
             "instance":"/api/v1/cadres/imports","errors":[{"field":"body","rule":"body.too-large",
             "message":"the request body of 67108865 bytes is over the limit of 67108864 bytes (64 MiB) of this operation"}]}""";
    static final String MEDIA_TYPE = """
            {"type":"urn:lianhu:problem:http","title":"Unsupported Media Type","status":415,
             "detail":"HTTP 415 Unsupported Media Type","instance":"/api/v1/units/imports","errors":[]}""";
    static final String NOT_FOUND = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"import job 5b0e6c1e-8a52-4a43-9f57-2f9d1c3b7a10 does not exist",
             "instance":"/api/v1/imports/5b0e6c1e-8a52-4a43-9f57-2f9d1c3b7a10","errors":[]}""";
    static final String JOB_ID_TYPE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"id must be a UUID, not 'job-1'","instance":"/api/v1/imports/job-1",
             "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not 'job-1'"}]}""";
    static final String PAGE_SIZE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"must be less than or equal to 500",
             "instance":"/api/v1/imports/5b0e6c1e-8a52-4a43-9f57-2f9d1c3b7a10/errors",
             "errors":[{"field":"size","rule":"max","message":"must be less than or equal to 500"}]}""";
    static final String PAGE_TYPE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"page must be an integer, not 'first'",
             "instance":"/api/v1/imports/5b0e6c1e-8a52-4a43-9f57-2f9d1c3b7a10/errors",
             "errors":[{"field":"page","rule":"param.type","message":"page must be an integer, not 'first'"}]}""";
}
