package cn.gansu.lianhu.reporting.service;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Coverage figures under one region (issue point 9), counted over every region and household whose code
 * starts with the region's significant prefix (2/4/6/9/12 digits by level).
 *
 * @param code         the region's 12-digit NBS code
 * @param name         its name
 * @param level        PROVINCE, PREFECTURE, COUNTY, TOWNSHIP or VILLAGE
 * @param poorCounties designated poor counties (贫困县) under it, itself included
 * @param poorVillages designated poor villages (贫困村) under it, itself included
 * @param households   extremely poor households (特困户) under it, by poverty status
 * @param members      members of those households (sum of their member counts, heads included)
 * @param asOf         time of the latest registry event reporting has applied (UTC): the figures include
 *                     every event up to it
 */
@Schema(name = "RegionCoverage", description = "Figures under a region, built from registry events", example = """
        {"code":"621100000000","name":"定西市","level":"PREFECTURE","poorCounties":7,"poorVillages":1326,
         "households":{"total":61875,"inPoverty":40210,"lifted":20931,"relapsed":734},"members":243117,
         "asOf":"2026-11-29T03:12:45.120Z"}""")
public record RegionCoverage(String code, String name, String level, long poorCounties, long poorVillages,
        HouseholdFigures households, long members, OffsetDateTime asOf) {

    /**
     * Households by poverty status (DESIGN.md §2).
     *
     * @param total     all households
     * @param inPoverty status IN_POVERTY (贫困)
     * @param lifted    status LIFTED (脱贫)
     * @param relapsed  status RELAPSED (返贫)
     */
    @Schema(name = "HouseholdFigures", example = """
            {"total":61875,"inPoverty":40210,"lifted":20931,"relapsed":734}""")
    public record HouseholdFigures(long total, long inPoverty, long lifted, long relapsed) {
    }
}
