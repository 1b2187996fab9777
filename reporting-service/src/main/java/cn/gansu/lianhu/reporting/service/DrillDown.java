package cn.gansu.lianhu.reporting.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Bodies of the drill-down (issue 5 point 3): a region's figures opened to its child regions (prefecture → counties
 * → townships → villages), to the units under it and to a unit's cadres. Each row carries exactly the figures the
 * single-scope endpoints give ({@link RegionCoverage}, {@link VisitFigures}), computed by the same services.
 *
 * <p>Children add up to the parent for every figure counted on something that sits below the parent's level:
 * households (by status), members, households to cover / covered / without a cadre, poor villages, village links,
 * pairings, and every visit, task, help, demand and continuity count; at province → prefecture and prefecture →
 * county also poor counties and leader links. Figures counted on something sitting at the parent itself do not: a
 * unit whose region is the prefecture (and its cadres) counts in the prefecture but in none of its counties; a poor
 * county counts in itself but in none of its townships.
 */
public final class DrillDown {

    private DrillDown() {
    }

    /** Example of {@link CoverageChildren}: 永昌县 with one of its townships. */
    public static final String COVERAGE_EXAMPLE = """
            {"region":{"code":"620321000000","name":"永昌县","level":"COUNTY","poorCounties":0,"poorVillages":1,
              "households":{"total":2,"inPoverty":1,"lifted":0,"relapsed":1},"members":8,
              "targets":{"poorCountiesWithoutLeader":0,"poorVillagesWithoutUnit":1,"householdsToCover":2,
                         "householdsCovered":1,"householdsWithoutCadre":1,"activeLeaderLinks":0,
                         "activeVillageLinks":0,"activePairings":1},
              "participants":{"units":1,"unitsBelowRequired":1,"cadres":1,"cadresBelowMinimum":0,
                              "cadresWithoutHouseholds":0},"asOf":"2026-11-29T03:12:45.120Z"},
             "childLevel":"TOWNSHIP",
             "children":[{"code":"620321100000","name":"城关镇","level":"TOWNSHIP","poorCounties":0,"poorVillages":1,
              "households":{"total":2,"inPoverty":1,"lifted":0,"relapsed":1},"members":8,
              "targets":{"poorCountiesWithoutLeader":0,"poorVillagesWithoutUnit":1,"householdsToCover":2,
                         "householdsCovered":1,"householdsWithoutCadre":1,"activeLeaderLinks":0,
                         "activeVillageLinks":0,"activePairings":1},
              "participants":{"units":0,"unitsBelowRequired":0,"cadres":0,"cadresBelowMinimum":0,
                              "cadresWithoutHouseholds":0},"asOf":"2026-11-29T03:12:45.120Z"}],
             "asOf":"2026-11-29T03:12:45.120Z"}""";

    /** Example of {@link VisitChildren} (figures abbreviated to one child). */
    public static final String VISITS_EXAMPLE = "{\"region\":" + VisitFigures.EXAMPLE + ",\"childLevel\":\"VILLAGE\","
            + "\"from\":\"2026-01-01\",\"to\":\"2026-11-29\",\"children\":[" + VisitFigures.EXAMPLE + "],"
            + "\"asOf\":\"2026-11-29T03:12:45.120Z\"}";

    /**
     * Coverage of a region and of each of its child regions.
     *
     * @param region     the parent's figures (its totals)
     * @param childLevel level of the children (PREFECTURE, COUNTY, TOWNSHIP, VILLAGE); null for a village
     * @param children   one row per child region reporting has received, by code; empty for a village (a leaf)
     * @param asOf       time of the latest registry or pairing event applied (UTC), read before the figures; null
     *                   before the first (as {@link RegionCoverage#asOf()})
     */
    @Schema(name = "CoverageChildren", description = "Coverage of a region and of each child region",
            example = COVERAGE_EXAMPLE)
    public record CoverageChildren(RegionCoverage region, String childLevel, List<RegionCoverage> children,
            OffsetDateTime asOf) {
    }

    /**
     * Visit figures of a region and of each of its child regions for one period.
     *
     * @param region     the parent's figures (its totals)
     * @param childLevel level of the children; null for a village
     * @param from       first day of the period
     * @param to         last day of the period
     * @param children   one row per child region reporting has received, by code; empty for a village (a leaf)
     * @param asOf       time of the latest event applied (UTC), read before the figures; null before the first
     */
    @Schema(name = "VisitChildren", description = "Visit figures of a region and of each child region",
            example = VISITS_EXAMPLE)
    public record VisitChildren(VisitFigures region, String childLevel, LocalDate from, LocalDate to,
            List<VisitFigures> children, OffsetDateTime asOf) {
    }

    /** Example of {@link UnitRow}. */
    public static final String UNIT_EXAMPLE = "{\"id\":\"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4\",\"name\":\"永昌县民政局\","
            + "\"level\":\"COUNTY\",\"regionCode\":\"620321000000\",\"regionName\":\"永昌县\",\"requiredVillages\":1,"
            + "\"linkedVillages\":0,\"cadres\":1,\"cadresBelowMinimum\":0,\"cadresWithoutHouseholds\":0,"
            + "\"activePairings\":1,\"visits\":" + VisitFigures.EXAMPLE + "}";

    /**
     * A unit under a region with its coverage figures (参与范围) and its visit figures.
     *
     * @param id                      unit id
     * @param name                    its name
     * @param level                   PROVINCE, PREFECTURE, COUNTY or TOWNSHIP
     * @param regionCode              the region the unit sits in
     * @param regionName              its name (null if not received)
     * @param requiredVillages        poor villages the unit must link (pairing-service's figure)
     * @param linkedVillages          its active unit ↔ village links (below required: listed by
     *                                units-below-required)
     * @param cadres                  its ACTIVE cadres
     * @param cadresBelowMinimum      of those, cadres with fewer ACTIVE pairings than their minimum
     * @param cadresWithoutHouseholds of those, cadres with no ACTIVE pairing
     * @param activePairings          ACTIVE pairings the unit made
     * @param visits                  the unit's visit figures for the period (as getUnitVisitFigures)
     */
    @Schema(name = "UnitFigures", description = "A unit with its coverage and visit figures", example = UNIT_EXAMPLE)
    public record UnitRow(UUID id, String name, String level, String regionCode, String regionName,
            int requiredVillages, long linkedVillages, long cadres, long cadresBelowMinimum,
            long cadresWithoutHouseholds, long activePairings, VisitFigures visits) {
    }

    /**
     * One page of the units under a region.
     *
     * @param items units ordered by region code, name, id
     * @param page  zero-based page index
     * @param size  page size asked for
     * @param total units matching, all pages together
     * @param asOf  time of the latest event applied (UTC)
     */
    @Schema(name = "UnitFiguresPage", example = "{\"items\":[" + UNIT_EXAMPLE + "],\"page\":0,\"size\":50,\"total\":1,"
            + "\"asOf\":\"2026-11-29T03:12:45.120Z\"}")
    public record UnitPage(List<UnitRow> items, int page, int size, long total, OffsetDateTime asOf) {
    }

    /** Example of {@link CadreRow}. */
    public static final String CADRE_EXAMPLE = "{\"id\":\"0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e\",\"name\":\"王立新\","
            + "\"rank\":\"OTHER\",\"status\":\"ACTIVE\",\"minimumHouseholds\":1,\"activePairings\":2,"
            + "\"belowMinimum\":false,\"visits\":" + VisitFigures.EXAMPLE + "}";

    /**
     * A cadre of a unit with their figures.
     *
     * @param id                cadre id
     * @param name              their name
     * @param rank              PROVINCIAL_LEADER, PREFECTURE_BUREAU, COUNTY_DIVISION or OTHER
     * @param status            ACTIVE, TRANSFERRED, RETIRED or DECEASED
     * @param minimumHouseholds households the cadre must pair with (pairing-service's figure; 0 unless ACTIVE)
     * @param activePairings    their ACTIVE pairings
     * @param belowMinimum      ACTIVE and fewer ACTIVE pairings than the minimum (as cadres-below-minimum)
     * @param visits            their visit figures for the period (as getCadreVisitFigures)
     */
    @Schema(name = "CadreFigures", description = "A cadre with coverage and visit figures", example = CADRE_EXAMPLE)
    public record CadreRow(UUID id, String name, String rank, String status, int minimumHouseholds,
            long activePairings, boolean belowMinimum, VisitFigures visits) {
    }

    /**
     * One page of a unit's cadres.
     *
     * @param unitId   the unit
     * @param unitName its name
     * @param items    cadres, ACTIVE first, then by name and id
     * @param page     zero-based page index
     * @param size     page size asked for
     * @param total    cadres of the unit, all pages together
     * @param asOf     time of the latest event applied (UTC)
     */
    @Schema(name = "CadreFiguresPage", example = "{\"unitId\":\"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4\","
            + "\"unitName\":\"永昌县民政局\",\"items\":[" + CADRE_EXAMPLE + "],\"page\":0,\"size\":50,\"total\":1,"
            + "\"asOf\":\"2026-11-29T03:12:45.120Z\"}")
    public record CadrePage(UUID unitId, String unitName, List<CadreRow> items, int page, int size, long total,
            OffsetDateTime asOf) {
    }
}
