package cn.gansu.lianhu.reporting.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Rows and pages of the lists of the uncovered (issue 3 point 9; DESIGN.md §1 全覆盖: "who is not yet covered
 * — on either side"), one list per figure of {@link RegionCoverage.TargetFigures} and
 * {@link RegionCoverage.ParticipantFigures}. Each page carries {@code total}, which equals the figure of the
 * same name under the same region, and {@code asOf}, the freshness of the data.
 */
public final class Uncovered {
    private Uncovered() {
    }

    /**
     * A designated poor county (贫困县) without an active provincial leader link (联县联村联户).
     *
     * @param code           12-digit NBS code of the county
     * @param name           its name
     * @param prefectureCode 12-digit code of its prefecture (市/州)
     * @param prefectureName the prefecture's name, or null if reporting has not received it
     * @param poorVillages   designated poor villages in the county
     */
    @Schema(name = "UncoveredCounty", example = """
            {"code":"622922000000","name":"康乐县","prefectureCode":"622900000000","prefectureName":"临夏回族自治州",
             "poorVillages":2}""")
    public record County(
            @Schema(description = "12-digit NBS code of the county", example = "622922000000")
            String code,
            @Schema(description = "its name", example = "康乐县")
            String name,
            @Schema(description = "12-digit code of its prefecture (市/州)", example = "622900000000")
            String prefectureCode,
            @Schema(description = "the prefecture's name, or null if reporting has not received it", example = "临夏回族自治州")
            String prefectureName,
            @Schema(description = "designated poor villages in the county", example = "2")
            long poorVillages) {
    }

    /**
     * A designated poor village (贫困村) that no unit links (no active unit ↔ village link, 部门联村).
     *
     * @param code              12-digit NBS code of the village
     * @param name              its name
     * @param townshipName      name of its township (乡/镇), or null if not received
     * @param countyCode        12-digit code of its county
     * @param countyName        name of its county, or null if not received
     * @param householdsToCover households in it with status IN_POVERTY or RELAPSED
     */
    @Schema(name = "UncoveredVillage", example = """
            {"code":"622921100203","name":"磨川村委会","townshipName":"韩集镇","countyCode":"622921000000",
             "countyName":"临夏县","householdsToCover":1}""")
    public record Village(
            @Schema(description = "12-digit NBS code of the village", example = "622921100203")
            String code,
            @Schema(description = "its name", example = "磨川村委会")
            String name,
            @Schema(description = "name of its township (乡/镇), or null if not received", example = "韩集镇")
            String townshipName,
            @Schema(description = "12-digit code of its county", example = "622921000000")
            String countyCode,
            @Schema(description = "name of its county, or null if not received", example = "临夏县")
            String countyName,
            @Schema(description = "households in it with status IN_POVERTY or RELAPSED", example = "1")
            long householdsToCover) {
    }

    /**
     * An extremely poor household (特困户) to cover — status IN_POVERTY or RELAPSED, in a designated poor
     * village — that has no ACTIVE pairing with a cadre (干部联户). A DRAFT pairing does not cover it.
     *
     * @param id            household id (registry)
     * @param headName      name of the head of household (户主) as registry events carry it; null if not yet known
     * @param status        IN_POVERTY or RELAPSED
     * @param memberCount   members, head included
     * @param draftPairings DRAFT pairings proposed for it, not yet confirmed by the cadre's unit
     * @param villageCode   12-digit code of its village
     * @param villageName   the village's name
     * @param townshipName  name of its township, or null if not received
     * @param countyName    name of its county, or null if not received
     */
    @Schema(name = "UncoveredHousehold", example = """
            {"id":"5b0c3c38-5f0e-4bb1-a6a2-1d3a4f6e7c21","headName":"马*","status":"IN_POVERTY","memberCount":5,
             "draftPairings":1,"villageCode":"622921100203","villageName":"磨川村委会","townshipName":"韩集镇",
             "countyName":"临夏县"}""")
    public record Household(
            @Schema(description = "household id (registry)", example = "5b0c3c38-5f0e-4bb1-a6a2-1d3a4f6e7c21")
            UUID id,
            @Schema(description = "name of the head of household (户主) as registry events carry it; null if not yet "
                    + "known", example = "何玉兰")
            String headName,
            @Schema(description = "IN_POVERTY or RELAPSED", example = "IN_POVERTY")
            String status,
            @Schema(description = "members, head included", example = "6")
            int memberCount,
            @Schema(description = "DRAFT pairings proposed for it, not yet confirmed by the cadre's unit", example = "1")
            long draftPairings,
            @Schema(description = "12-digit code of its village", example = "622921100203")
            String villageCode,
            @Schema(description = "the village's name", example = "磨川村委会")
            String villageName,
            @Schema(description = "name of its township, or null if not received", example = "韩集镇")
            String townshipName,
            @Schema(description = "name of its county, or null if not received", example = "临夏县")
            String countyName) {
    }

    /**
     * A unit (单位) that links fewer poor villages than its cadre count requires (部门联村).
     *
     * @param id               unit id (pairing)
     * @param name             its name
     * @param level            PROVINCE, PREFECTURE, COUNTY or TOWNSHIP
     * @param regionCode       12-digit code of the region it sits in
     * @param regionName       that region's name, or null if not received
     * @param activeCadres     its ACTIVE cadres, as pairing counted them
     * @param requiredVillages villages it must link (pairing's band rule)
     * @param linkedVillages   villages it links now (active links)
     */
    @Schema(name = "UncoveredUnit", example = """
            {"id":"0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9","name":"临夏县农业农村局","level":"COUNTY",
             "regionCode":"622921000000","regionName":"临夏县","activeCadres":1,"requiredVillages":1,"linkedVillages":0}""")
    public record Unit(
            @Schema(description = "unit id (pairing)", example = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9")
            UUID id,
            @Schema(description = "its name", example = "临夏县农业农村局")
            String name,
            @Schema(description = "PROVINCE, PREFECTURE, COUNTY or TOWNSHIP", example = "COUNTY")
            String level,
            @Schema(description = "12-digit code of the region it sits in", example = "622921000000")
            String regionCode,
            @Schema(description = "that region's name, or null if not received", example = "临夏县")
            String regionName,
            @Schema(description = "its ACTIVE cadres, as pairing counted them", example = "1")
            int activeCadres,
            @Schema(description = "villages it must link (pairing's band rule)", example = "1")
            int requiredVillages,
            @Schema(description = "villages it links now (active links)", example = "0")
            long linkedVillages) {
    }

    /**
     * An ACTIVE cadre (干部) with fewer ACTIVE pairings than the minimum of their rank, or with none.
     *
     * @param id                cadre id (pairing)
     * @param name              the cadre's name
     * @param rank              PROVINCIAL_LEADER, PREFECTURE_BUREAU, COUNTY_DIVISION or OTHER
     * @param unitId            the cadre's unit
     * @param unitName          the unit's name
     * @param unitRegionCode    12-digit code of the region the unit sits in
     * @param unitRegionName    that region's name, or null if not received
     * @param minimumHouseholds households the cadre must pair with (pairing's configuration for the rank)
     * @param pairedHouseholds  households the cadre pairs with now (ACTIVE pairings)
     */
    @Schema(name = "UncoveredCadre", example = """
            {"id":"9a8b7c6d-5e4f-4321-a0b9-c8d7e6f5a4b3","name":"马国强","rank":"COUNTY_DIVISION",
             "unitId":"1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f","unitName":"临夏回族自治州民政局",
             "unitRegionCode":"622900000000","unitRegionName":"临夏回族自治州","minimumHouseholds":2,"pairedHouseholds":1}""")
    public record Cadre(
            @Schema(description = "cadre id (pairing)", example = "9a8b7c6d-5e4f-4321-a0b9-c8d7e6f5a4b3")
            UUID id,
            @Schema(description = "the cadre's name", example = "马国强")
            String name,
            @Schema(description = "PROVINCIAL_LEADER, PREFECTURE_BUREAU, COUNTY_DIVISION or OTHER", example = "COUNTY_DIVISION")
            String rank,
            @Schema(description = "the cadre's unit", example = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f")
            UUID unitId,
            @Schema(description = "the unit's name", example = "临夏回族自治州民政局")
            String unitName,
            @Schema(description = "12-digit code of the region the unit sits in", example = "622900000000")
            String unitRegionCode,
            @Schema(description = "that region's name, or null if not received", example = "临夏回族自治州")
            String unitRegionName,
            @Schema(description = "households the cadre must pair with (pairing's configuration for the rank)", example = "2")
            int minimumHouseholds,
            @Schema(description = "households the cadre pairs with now (ACTIVE pairings)", example = "1")
            long pairedHouseholds) {
    }

    /**
     * One page of a list of the uncovered.
     *
     * @param <T>   row type
     * @param items rows of this page, in the list's order
     * @param page  zero-based page index
     * @param size  page size asked for (1–500)
     * @param total rows of the whole list; equals the figure of the same name in the region's coverage
     * @param asOf  time of the latest event reporting has applied (UTC), or null if none yet
     */
    public record Page<T>(List<T> items, int page, int size, long total, OffsetDateTime asOf) {
    }

    // The pages as returned: one record per row type, so that the OpenAPI document names the row schema.

    /** A page of poor counties without a provincial leader; fields as {@link Page}. */
    @Schema(name = "UncoveredCountyPage", description = "One page of poor counties without a provincial leader")
    public record CountyPage(
            @Schema(description = "rows of this page, in the list's order")
            List<County> items,
            @Schema(description = "zero-based page index", example = "0")
            int page,
            @Schema(description = "page size asked for (1–500)", example = "50")
            int size,
            @Schema(description = "rows of the whole list; equals the figure of the same name in the region's coverage", example = "1")
            long total,
            @Schema(description = "time of the latest event reporting has applied (UTC), read before the rows; null if none yet", example = "2026-11-29T03:12:45.120Z")
            OffsetDateTime asOf) {
        /** The page {@code p} under this schema. */
        public static CountyPage of(Page<County> p) {
            return new CountyPage(p.items(), p.page(), p.size(), p.total(), p.asOf());
        }
    }

    /** A page of poor villages without a unit; fields as {@link Page}. */
    @Schema(name = "UncoveredVillagePage", description = "One page of poor villages no unit links")
    public record VillagePage(
            @Schema(description = "rows of this page, in the list's order")
            List<Village> items,
            @Schema(description = "zero-based page index", example = "0")
            int page,
            @Schema(description = "page size asked for (1–500)", example = "50")
            int size,
            @Schema(description = "rows of the whole list; equals the figure of the same name in the region's coverage", example = "1")
            long total,
            @Schema(description = "time of the latest event reporting has applied (UTC), read before the rows; null if none yet", example = "2026-11-29T03:12:45.120Z")
            OffsetDateTime asOf) {
        /** The page {@code p} under this schema. */
        public static VillagePage of(Page<Village> p) {
            return new VillagePage(p.items(), p.page(), p.size(), p.total(), p.asOf());
        }
    }

    /** A page of households without a cadre; fields as {@link Page}. */
    @Schema(name = "UncoveredHouseholdPage", description = "One page of households to cover without an ACTIVE pairing")
    public record HouseholdPage(
            @Schema(description = "rows of this page, in the list's order")
            List<Household> items,
            @Schema(description = "zero-based page index", example = "0")
            int page,
            @Schema(description = "page size asked for (1–500)", example = "50")
            int size,
            @Schema(description = "rows of the whole list; equals the figure of the same name in the region's coverage", example = "1")
            long total,
            @Schema(description = "time of the latest event reporting has applied (UTC), read before the rows; null if none yet", example = "2026-11-29T03:12:45.120Z")
            OffsetDateTime asOf) {
        /** The page {@code p} under this schema. */
        public static HouseholdPage of(Page<Household> p) {
            return new HouseholdPage(p.items(), p.page(), p.size(), p.total(), p.asOf());
        }
    }

    /** A page of units below their required village count; fields as {@link Page}. */
    @Schema(name = "UncoveredUnitPage", description = "One page of units linking fewer villages than required")
    public record UnitPage(
            @Schema(description = "rows of this page, in the list's order")
            List<Unit> items,
            @Schema(description = "zero-based page index", example = "0")
            int page,
            @Schema(description = "page size asked for (1–500)", example = "50")
            int size,
            @Schema(description = "rows of the whole list; equals the figure of the same name in the region's coverage", example = "1")
            long total,
            @Schema(description = "time of the latest event reporting has applied (UTC), read before the rows; null if none yet", example = "2026-11-29T03:12:45.120Z")
            OffsetDateTime asOf) {
        /** The page {@code p} under this schema. */
        public static UnitPage of(Page<Unit> p) {
            return new UnitPage(p.items(), p.page(), p.size(), p.total(), p.asOf());
        }
    }

    /** A page of cadres below their minimum, or without households; fields as {@link Page}. */
    @Schema(name = "UncoveredCadrePage", description = "One page of ACTIVE cadres below their minimum or with none")
    public record CadrePage(
            @Schema(description = "rows of this page, in the list's order")
            List<Cadre> items,
            @Schema(description = "zero-based page index", example = "0")
            int page,
            @Schema(description = "page size asked for (1–500)", example = "50")
            int size,
            @Schema(description = "rows of the whole list; equals the figure of the same name in the region's coverage", example = "1")
            long total,
            @Schema(description = "time of the latest event reporting has applied (UTC), read before the rows; null if none yet", example = "2026-11-29T03:12:45.120Z")
            OffsetDateTime asOf) {
        /** The page {@code p} under this schema. */
        public static CadrePage of(Page<Cadre> p) {
            return new CadrePage(p.items(), p.page(), p.size(), p.total(), p.asOf());
        }
    }
}
