package cn.gansu.lianhu.registry.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Outcome of one region file import. Counts are of regions, not rows: a counties file of 88 rows also
 * yields the province and the 14 prefectures (103 regions); a full designation list also counts the
 * regions that lost the designation because they are absent from it.
 *
 * @param kind               counties, townships, villages, poor-counties or poor-villages
 * @param rows               data rows read (header excluded)
 * @param created            regions registered (event REGION_REGISTERED each)
 * @param renamed            regions whose name changed (event REGION_RENAMED each)
 * @param reclassified       counties whose {@code kind} column changed (written, no event: kind is not part
 *                           of the RegionData contract)
 * @param designationChanged regions whose poverty designation was set, changed or withdrawn (event
 *                           REGION_DESIGNATION_CHANGED each)
 * @param unchanged          regions of the file that were already exactly as given
 * @param dryRun             true when validated and counted only; nothing was written or published
 * @param millis             time taken, milliseconds
 */
@Schema(name = "RegionImportResult", example = """
        {"kind":"villages","rows":17718,"created":0,"renamed":1,"reclassified":0,"designationChanged":0,
         "unchanged":17717,"dryRun":false,"millis":412}""")
public record RegionImportResult(String kind, int rows, int created, int renamed, int reclassified,
        int designationChanged, int unchanged, boolean dryRun, long millis) {

    /** Number of events this import published (0 for a dry run). */
    public int events() {
        return dryRun ? 0 : created + renamed + designationChanged;
    }
}
