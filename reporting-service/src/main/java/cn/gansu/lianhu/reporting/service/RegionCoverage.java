package cn.gansu.lianhu.reporting.service;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Coverage figures under one region (issue point 9; issue 3 point 9), counted over every region, household,
 * unit, cadre, link and pairing whose code starts with the region's significant prefix (2/4/6/9/12 digits by
 * level): a unit by the region it sits in, a cadre by its unit's region, a household and a pairing by the
 * household's village, a link by its village or county.
 *
 * @param code         the region's 12-digit NBS code
 * @param name         its name
 * @param level        PROVINCE, PREFECTURE, COUNTY, TOWNSHIP or VILLAGE
 * @param poorCounties designated poor counties (贫困县) under it, itself included
 * @param poorVillages designated poor villages (贫困村) under it, itself included
 * @param households   extremely poor households (特困户) under it, by poverty status
 * @param members      members of those households (sum of their member counts, heads included)
 * @param targets      two-way coverage, the side of those to be linked (联系对象): poor counties, poor villages
 *                     and households without a leader, unit or cadre, with the totals to compute percentages
 * @param participants two-way coverage, the side of those taking part (参与范围): units and cadres under it with
 *                     fewer targets than they must, with the totals to compute percentages
 * @param asOf         time of the latest registry or pairing event reporting has applied (the topics coverage is
 *                     built from; UTC), read before the figures: they include every event up to it; null before
 *                     the first event. A body served from the result cache (ReportCache, issue 7) carries the asOf
 *                     of the computation that produced it
 */
@Schema(name = "RegionCoverage", description = "Figures under a region, built from registry and pairing events",
        example = RegionCoverage.EXAMPLE)
public record RegionCoverage(String code, String name, String level, long poorCounties, long poorVillages,
        HouseholdFigures households, long members, TargetFigures targets, ParticipantFigures participants,
        OffsetDateTime asOf) {

    /** Example body: 临夏回族自治州 in the walk-through of the tests (PairingCoverageTest). */
    public static final String EXAMPLE = """
            {"code":"622900000000","name":"临夏回族自治州","level":"PREFECTURE","poorCounties":2,"poorVillages":4,
             "households":{"total":6,"inPoverty":4,"lifted":1,"relapsed":1},"members":24,
             "targets":{"poorCountiesWithoutLeader":1,"poorVillagesWithoutUnit":2,"householdsToCover":5,
                        "householdsCovered":4,"householdsWithoutCadre":1,"activeLeaderLinks":1,
                        "activeVillageLinks":3,"activePairings":7},
             "participants":{"units":3,"unitsBelowRequired":1,"cadres":6,"cadresBelowMinimum":4,
                             "cadresWithoutHouseholds":3},
             "asOf":"2026-11-29T03:12:45.120Z"}""";

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

    /**
     * The side of those to be linked (联系对象, DESIGN.md §1 全覆盖): who has no leader, unit or cadre yet. Each
     * {@code …Without…} figure has a list naming them ({@code GET /api/v1/regions/{code}/uncovered/…}) whose
     * total equals it. Percentages: {@code 1 - poorCountiesWithoutLeader / poorCounties},
     * {@code 1 - poorVillagesWithoutUnit / poorVillages}, {@code householdsCovered / householdsToCover}.
     *
     * @param poorCountiesWithoutLeader poor counties with no active provincial leader link (联县联村); list
     *                                  {@code counties-without-leader}
     * @param poorVillagesWithoutUnit   poor villages with no active unit link (部门联村); list
     *                                  {@code villages-without-unit}
     * @param householdsToCover         households with status IN_POVERTY or RELAPSED in designated poor villages:
     *                                  those every one of which must have a cadre (LIFTED households keep
     *                                  their cadres but are not counted here)
     * @param householdsCovered         of those, households with at least one ACTIVE pairing
     * @param householdsWithoutCadre    of those, households with no ACTIVE pairing (a DRAFT does not cover; an
     *                                  ENDED or WITHDRAWN pairing no longer does); equals
     *                                  {@code householdsToCover - householdsCovered}; list
     *                                  {@code households-without-cadre}
     * @param activeLeaderLinks         active leader ↔ county links whose county is under the region
     * @param activeVillageLinks        active unit ↔ village links whose village is under the region (a village
     *                                  linked by two units counts twice)
     * @param activePairings            ACTIVE pairings whose household's village is under the region (a household
     *                                  with two cadres counts twice; LIFTED households' pairings included)
     */
    @Schema(name = "TargetFigures", description = "Two-way coverage, the side of those to be linked (联系对象): who has "
            + "no leader, unit or cadre yet, with totals for percentages", example = """
            {"poorCountiesWithoutLeader":1,"poorVillagesWithoutUnit":2,"householdsToCover":5,"householdsCovered":4,
             "householdsWithoutCadre":1,"activeLeaderLinks":1,"activeVillageLinks":3,"activePairings":7}""")
    public record TargetFigures(
            @Schema(description = "poor counties with no active provincial leader link (联县联村); list "
                    + "counties-without-leader", example = "1")
            long poorCountiesWithoutLeader,
            @Schema(description = "poor villages with no active unit link (部门联村); list villages-without-unit", example = "2")
            long poorVillagesWithoutUnit,
            @Schema(description = "households with status IN_POVERTY or RELAPSED in designated poor villages: those "
                    + "every one of which must have a cadre (LIFTED households keep their cadres but "
                    + "are not counted here)", example = "5")
            long householdsToCover,
            @Schema(description = "of those, households with at least one ACTIVE pairing", example = "4")
            long householdsCovered,
            @Schema(description = "of those, households with no ACTIVE pairing (a DRAFT does not cover; an ENDED or "
                    + "WITHDRAWN pairing no longer does); equals householdsToCover - householdsCovered; "
                    + "list households-without-cadre", example = "1")
            long householdsWithoutCadre,
            @Schema(description = "active leader ↔ county links whose county is under the region", example = "1")
            long activeLeaderLinks,
            @Schema(description = "active unit ↔ village links whose village is under the region (a village linked "
                    + "by two units counts twice)", example = "3")
            long activeVillageLinks,
            @Schema(description = "ACTIVE pairings whose household's village is under the region (a household with "
                    + "two cadres counts twice; LIFTED households' pairings included)", example = "7")
            long activePairings) {
    }

    /**
     * The side of those taking part (参与范围, DESIGN.md §1 全覆盖): units and cadres with fewer targets than they
     * must. Required villages and minimum households are pairing-service's own figures, carried by its events
     * (the band table and rank minimums are its configuration). Each {@code …Below…}/{@code …Without…} figure
     * has a list whose total equals it. Percentages: {@code 1 - unitsBelowRequired / units},
     * {@code 1 - cadresBelowMinimum / cadres}.
     *
     * @param units                   units whose region (where the unit sits) is under the region
     * @param unitsBelowRequired      of those, units with fewer active village links than their required number;
     *                                list {@code units-below-required}
     * @param cadres                  ACTIVE cadres of those units (transferred, retired and deceased cadres
     *                                are not counted)
     * @param cadresBelowMinimum      of those, cadres with fewer ACTIVE pairings than the minimum of their rank
     *                                (those with none included); list {@code cadres-below-minimum}
     * @param cadresWithoutHouseholds of those, cadres with no ACTIVE pairing at all; list
     *                                {@code cadres-without-households}
     */
    @Schema(name = "ParticipantFigures", description = "Two-way coverage, the side of those taking part (参与范围): "
            + "units and cadres with fewer targets than they must, with totals for percentages", example = """
            {"units":3,"unitsBelowRequired":1,"cadres":6,"cadresBelowMinimum":4,"cadresWithoutHouseholds":3}""")
    public record ParticipantFigures(
            @Schema(description = "units whose region (where the unit sits) is under the region", example = "3")
            long units,
            @Schema(description = "of those, units with fewer active village links than their required number; list "
                    + "units-below-required", example = "1")
            long unitsBelowRequired,
            @Schema(description = "ACTIVE cadres of those units (transferred, retired and deceased cadres are not "
                    + "counted)", example = "6")
            long cadres,
            @Schema(description = "of those, cadres with fewer ACTIVE pairings than the minimum of their rank "
                    + "(those with none included); list cadres-below-minimum", example = "4")
            long cadresBelowMinimum,
            @Schema(description = "of those, cadres with no ACTIVE pairing at all; list cadres-without-households", example = "3")
            long cadresWithoutHouseholds) {
    }
}
