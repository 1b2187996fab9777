package cn.gansu.lianhu.reporting.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Monthly series of a region (issue 5 point 2): coverage, visits, demands, help and poverty status changes, one
 * entry per calendar month of the period, zeros included. Built only from events.
 *
 * @param region the region
 * @param from   first month (yyyy-MM)
 * @param to     last month (yyyy-MM), not after the current month
 * @param months one entry per month from {@code from} to {@code to}, in order
 * @param asOf   time of the latest event reporting has applied, of any topic (UTC), read before the figures; null
 *               before the first event
 */
@Schema(name = "RegionTrends", description = "Monthly series of a region, built from events", example = Trends.EXAMPLE)
public record Trends(Region region, String from, String to, List<Month> months, OffsetDateTime asOf) {

    /** Example body: 金川区 in TrendsAndDrillDownTest, two months. */
    public static final String EXAMPLE = """
            {"region":{"code":"620302000000","name":"金川区"},"from":"2026-06","to":"2026-07",
             "months":[{"month":"2026-06","householdsToCover":3,"householdsCovered":2,"activePairings":2,"visits":1,
                        "inPersonVisits":1,"demandsOpened":1,"demandsResolved":0,"helpYuan":1200.00,"lifted":1,
                        "relapsed":0},
                       {"month":"2026-07","householdsToCover":3,"householdsCovered":1,"activePairings":1,"visits":0,
                        "inPersonVisits":0,"demandsOpened":0,"demandsResolved":1,"helpYuan":0.00,"lifted":0,
                        "relapsed":1}],
             "asOf":"2026-11-29T03:12:45.120Z"}""";

    /**
     * The region the series is of.
     *
     * @param code 12-digit NBS code
     * @param name its name
     */
    @Schema(name = "TrendsRegion", example = """
            {"code":"620302000000","name":"金川区"}""")
    public record Region(
            @Schema(description = "12-digit NBS code", example = "620302000000") String code,
            @Schema(description = "its name", example = "金川区") String name) {
    }

    /**
     * Figures of one month. "Day" is the month's last day, or today for the current month.
     *
     * @param month             yyyy-MM
     * @param householdsToCover households with status IN_POVERTY or RELAPSED on the day in designated poor villages
     *                          under the region (status on a past day from the status history; a household is counted
     *                          from the first month of the series on, as its registration date is not carried by
     *                          events); for the current month equals householdsToCover of the coverage figures
     * @param householdsCovered of those, households with a pairing active on the day (ACTIVE or ENDED, started on or
     *                          before the day, not ended on or before it)
     * @param activePairings    pairings active on the day whose village is under the region (all statuses of
     *                          household; a household with two cadres counts twice)
     * @param visits            visits dated in the month to households under the region
     * @param inPersonVisits    of those, IN_HOME and VILLAGE_MEETING
     * @param demandsOpened     demands opened in the month
     * @param demandsResolved   demands RESOLVED with a closing date in the month
     * @param helpYuan          development help in yuan on visits dated in the month (2 decimals)
     * @param lifted            households lifted out of poverty in the month (脱贫: IN_POVERTY or RELAPSED → LIFTED)
     * @param relapsed          households that relapsed in the month (返贫: LIFTED → RELAPSED)
     */
    @Schema(name = "TrendsMonth", example = """
            {"month":"2026-06","householdsToCover":3,"householdsCovered":2,"activePairings":2,"visits":1,
             "inPersonVisits":1,"demandsOpened":1,"demandsResolved":0,"helpYuan":1200.00,"lifted":1,"relapsed":0}""")
    public record Month(
            @Schema(description = "yyyy-MM", example = "2026-06") String month,
            @Schema(description = "households IN_POVERTY or RELAPSED at the month's end (today for the current "
                    + "month) in designated poor villages under the region", example = "3") long householdsToCover,
            @Schema(description = "of those, households with a pairing active at the month's end", example = "2")
            long householdsCovered,
            @Schema(description = "pairings active at the month's end under the region", example = "2")
            long activePairings,
            @Schema(description = "visits dated in the month", example = "1") long visits,
            @Schema(description = "of those, IN_HOME and VILLAGE_MEETING", example = "1") long inPersonVisits,
            @Schema(description = "demands opened in the month", example = "1") long demandsOpened,
            @Schema(description = "demands RESOLVED in the month", example = "0") long demandsResolved,
            @Schema(description = "development help in yuan on visits dated in the month", example = "1200.00")
            BigDecimal helpYuan,
            @Schema(description = "households lifted out of poverty in the month (IN_POVERTY/RELAPSED → LIFTED)",
                    example = "1") long lifted,
            @Schema(description = "households relapsed in the month (LIFTED → RELAPSED)", example = "0")
            long relapsed) {
    }
}
