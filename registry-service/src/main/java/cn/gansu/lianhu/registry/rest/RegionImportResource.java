package cn.gansu.lianhu.registry.rest;

import java.io.InputStream;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.registry.service.RegionImportKind;
import cn.gansu.lianhu.registry.service.RegionImportResult;
import cn.gansu.lianhu.registry.service.RegionImportService;
import jakarta.inject.Inject;
import cn.gansu.lianhu.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * CSV import of region files (issue points 5 and 8): {@code POST /api/v1/regions/imports/{kind}} with the
 * file as a {@code text/csv} body, in the format of the bundled Gansu files (see
 * {@link RegionImportService} for the rules and effects). All-or-nothing per file. PROVINCE_ADMIN only (issue 6);
 * every import that is not a dry run is audited ({@code region-import}, IMPORTED).
 */
@Path("/api/v1/regions/imports")
@Tag(name = "Regions")
public class RegionImportResource {

    static final String CSV_400 = """
            {"type":"urn:lianhu:problem:validation","title":"CSV file is not valid","status":400,
             "detail":"villages file rejected, nothing written: 2 error(s) in 2 row(s)",
             "instance":"/api/v1/regions/imports/villages",
             "errors":[{"field":"row[3].code","rule":"region-code.format",
                        "message":"row 3, column code: must be a 12-digit NBS division code, not '62010200100'"},
                       {"field":"row[5].parent_code","rule":"region.unknown-parent",
                        "message":"row 5, column parent_code: township 620102999 is not registered; import the townships file first"}]}""";
    static final String COUNTIES_200 = """
            {"kind":"counties","rows":88,"created":103,"renamed":0,"reclassified":0,"designationChanged":0,
             "unchanged":0,"dryRun":false,"millis":180}""";
    static final String VILLAGES_DRY_RUN_200 = """
            {"kind":"villages","rows":17718,"created":0,"renamed":0,"reclassified":0,"designationChanged":0,
             "unchanged":17718,"dryRun":true,"millis":406}""";
    static final String POOR_VILLAGES_200 = """
            {"kind":"poor-villages","rows":8790,"created":0,"renamed":0,"reclassified":0,"designationChanged":8790,
             "unchanged":0,"dryRun":false,"millis":655}""";

    @Inject
    RegionImportService imports;

    /**
     * Imports one region file.
     *
     * @param kind   counties, townships, villages, poor-counties or poor-villages
     * @param dryRun validate and count without writing or publishing
     * @param body   the CSV file, UTF-8
     * @return the counts; 400 listing every broken rule by row and column (nothing written)
     */
    @POST
    @Path("/{kind}")
    @RolesAllowed(Roles.PROVINCE_ADMIN)
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importRegions", summary = "Import a region file (CSV)",
            description = """
                    Imports counties, townships, villages, poor-counties or poor-villages from a CSV body in the \
                    format of the bundled Gansu files (UTF-8, header row; counties: code,name,city_code,city_name,kind; \
                    townships and villages: code,name,parent_code; poor-counties: code,name,city_code,city_name,\
                    contiguous_area,national_key_county_2012,key_flag_status; poor-villages: \
                    code,name,township_code,county_code). Every row is validated; any broken rule rejects the whole \
                    file with a problem naming row, column and rule, and nothing is written. A new code is \
                    registered (event registry.region.registered.v1), a changed name renames the region \
                    (registry.region.renamed.v1), an unchanged row changes nothing and publishes nothing. \
                    Region files are additive. Designation files are the FULL list: a poor county or poor village \
                    absent from it loses the designation (registry.region.designation-changed.v1). \
                    Import parents first (counties, townships, villages, then the designation lists). \
                    dryRun=true validates and counts without writing. Who may call: PROVINCE_ADMIN only (others \
                    403); every import that is not a dry run is audited (GET /api/v1/audit?entity=region-import).""")
    @RequestBody(required = true, description = "The CSV file", content = @Content(mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "villages", value = """
                    code,name,parent_code
                    620102001001,畅家巷社区居委会,620102001
                    620102001002,张家园社区居委会,620102001
                    """)))
    @APIResponse(responseCode = "200", description = "Imported (or, with dryRun, validated); counts of regions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RegionImportResult.class),
                    examples = { @ExampleObject(name = "counties, first import",
                            summary = "88 rows: 88 counties + 甘肃省 + 14 prefectures registered", value = COUNTIES_200),
                            @ExampleObject(name = "villages, dry run of an unchanged file",
                                    summary = "the bundled 17,718 villages again: nothing to do", value = VILLAGES_DRY_RUN_200),
                            @ExampleObject(name = "poor villages, first designation list",
                                    summary = "8,790 villages designated 贫困村", value = POOR_VILLAGES_200) }))
    @APIResponse(responseCode = "400", description = "Unknown kind (import-kind.unknown) or the file breaks a rule:"
            + " csv.empty, csv.no-rows, csv.syntax, csv.column-count, csv.header.missing-column,"
            + " csv.header.unknown-column, csv.header.duplicate-column, region-code.format,"
            + " region-code.outside-province, region-code.duplicate, region-code.parent-mismatch,"
            + " region.unknown-parent, region.unknown, name.blank, name.too-long, kind.format,"
            + " city-name.inconsistent, contiguous-area.format, flag.format. Field = row[R].column, R the"
            + " spreadsheet row (header = 1). Nothing is written.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad rows", value = CSV_400)))
    public RegionImportResult importFile(
            @Parameter(description = "counties, townships, villages, poor-counties or poor-villages",
                    example = "villages") @PathParam("kind") String kind,
            @Parameter(description = "Validate and count only") @QueryParam("dryRun") @DefaultValue("false")
            boolean dryRun,
            InputStream body) {
        return imports.importCsv(RegionImportKind.ofPath(kind), body, dryRun, true);
    }
}
