package cn.gansu.lianhu.reporting.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Visit figures of a scope — a region (by village code prefix), a unit or a cadre — for a period of visit dates
 * (issue 4 point 7; DESIGN.md §1 the six tasks, 全年联系不断). Built only from visit-service's and pairing-service's
 * events. Every mode, task and help kind is always present (0 when none).
 *
 * @param scope      what the figures are of
 * @param from       first day of the period, inclusive (default 1 January of the year of {@code to})
 * @param to         last day of the period, inclusive (default today, Beijing time)
 * @param visits     visits dated in the period, by mode and by month
 * @param tasks      visits dated in the period with each of the six tasks
 * @param help       development help (促进发展) delivered on those visits, in yuan, by kind
 * @param demands    demands (民意诉求): opened and closed in the period, open now, overdue now, median resolution
 * @param continuity year-round contact (全年联系不断) on the day {@code min(to, today)}
 * @param asOf       time of the latest event reporting has applied, of any topic (UTC), read before the figures;
 *                   null before the first event
 */
@Schema(name = "VisitFigures", description = "Visit, task, help, demand and continuity figures of a region, unit or "
        + "cadre for a period, built from events", example = VisitFigures.EXAMPLE)
public record VisitFigures(Scope scope, LocalDate from, LocalDate to, Visits visits, Tasks tasks, Help help,
        Demands demands, Continuity continuity, OffsetDateTime asOf) {

    /** Example body: the village of VisitFiguresTest. */
    public static final String EXAMPLE = """
            {"scope":{"kind":"REGION","id":"621121100201","name":"青岚村委会"},"from":"2026-01-01","to":"2026-11-29",
             "visits":{"total":3,"inPerson":2,"byMode":{"IN_HOME":1,"BY_PHONE":1,"VILLAGE_MEETING":1,"OTHER":0},
                       "byMonth":[{"month":"2026-10","total":1,"byMode":{"IN_HOME":1,"BY_PHONE":0,"VILLAGE_MEETING":0,"OTHER":0}},
                                  {"month":"2026-11","total":2,"byMode":{"IN_HOME":0,"BY_PHONE":1,"VILLAGE_MEETING":1,"OTHER":0}}]},
             "tasks":{"POLICY_PUBLICITY":2,"PUBLIC_OPINION":1,"DEVELOPMENT":1,"EMOTION_EASING":1,"GRASSROOTS":1,
                      "MODEL_PROMOTION":1},
             "help":{"totalYuan":5000.00,"peopleBenefiting":4,
                     "byKind":{"INDUSTRY_PROJECT":3000.00,"FUNDS":2000.00,"EMPLOYMENT":0.00,"SKILLS_TRAINING":0.00,
                               "MARKET_ACCESS":0.00,"INFRASTRUCTURE":0.00}},
             "demands":{"opened":2,"resolved":1,"rejected":0,"open":1,"overdue":0,"medianResolutionDays":12.0},
             "continuity":{"day":"2026-11-29","overdueDays":90,"liftedOverdueDays":180,"activePairings":3,
                           "visitedWithinWindow":2,"share":0.6667,"overdue":1},
             "asOf":"2026-11-29T03:12:45.120Z"}""";

    /**
     * What figures are of.
     *
     * @param kind REGION, UNIT or CADRE
     * @param id   the region's 12-digit NBS code, or the unit's or cadre's id
     * @param name its name
     */
    @Schema(name = "VisitFiguresScope", example = """
            {"kind":"UNIT","id":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4","name":"定西市民政局"}""")
    public record Scope(
            @Schema(description = "REGION, UNIT or CADRE", example = "REGION")
            String kind,
            @Schema(description = "the region's 12-digit NBS code, or the unit's or cadre's id", example = "621121100201")
            String id,
            @Schema(description = "its name", example = "青岚村委会")
            String name) {
    }

    /**
     * Visits dated in the period. A region counts visits to households of its villages, a unit visits by its cadres
     * (the unit the event names), a cadre their own.
     *
     * @param total    visits
     * @param inPerson of those, IN_HOME and VILLAGE_MEETING (what continuity counts)
     * @param byMode   by mode
     * @param byMonth  by calendar month of the visit date, every month of the period in order (zeros included)
     */
    @Schema(name = "VisitCounts", example = """
            {"total":3,"inPerson":2,"byMode":{"IN_HOME":1,"BY_PHONE":1,"VILLAGE_MEETING":1,"OTHER":0},
             "byMonth":[{"month":"2026-11","total":3,"byMode":{"IN_HOME":1,"BY_PHONE":1,"VILLAGE_MEETING":1,"OTHER":0}}]}""")
    public record Visits(
            @Schema(description = "visits dated in the period", example = "3")
            long total,
            @Schema(description = "of those, in person: IN_HOME and VILLAGE_MEETING", example = "2")
            long inPerson,
            @Schema(description = "visits by mode")
            ByMode byMode,
            @Schema(description = "visits by calendar month of the visit date, every month of the period in order")
            List<Month> byMonth) {
    }

    /** Visits by mode: every mode present. */
    @Schema(name = "VisitsByMode", example = """
            {"IN_HOME":1,"BY_PHONE":1,"VILLAGE_MEETING":1,"OTHER":0}""")
    public record ByMode(
            @JsonProperty("IN_HOME") @Schema(description = "入户走访: in the household's home", example = "1")
            long inHome,
            @JsonProperty("BY_PHONE") @Schema(description = "by phone", example = "1")
            long byPhone,
            @JsonProperty("VILLAGE_MEETING") @Schema(description = "at a village meeting (in person)", example = "1")
            long villageMeeting,
            @JsonProperty("OTHER") @Schema(description = "any other way", example = "0")
            long other) {
    }

    /**
     * Visits of one calendar month of the period.
     *
     * @param month  {@code yyyy-MM}
     * @param total  visits dated in that month (and in the period)
     * @param byMode by mode
     */
    @Schema(name = "VisitsInMonth", example = """
            {"month":"2026-11","total":3,"byMode":{"IN_HOME":1,"BY_PHONE":1,"VILLAGE_MEETING":1,"OTHER":0}}""")
    public record Month(
            @Schema(description = "calendar month, yyyy-MM", example = "2026-11")
            String month,
            @Schema(description = "visits dated in that month (and in the period)", example = "3")
            long total,
            @Schema(description = "by mode")
            ByMode byMode) {
    }

    /** Visits dated in the period with each of the six tasks (a visit with three tasks counts once in each). */
    @Schema(name = "VisitTaskCounts", example = """
            {"POLICY_PUBLICITY":2,"PUBLIC_OPINION":1,"DEVELOPMENT":1,"EMOTION_EASING":1,"GRASSROOTS":1,"MODEL_PROMOTION":1}""")
    public record Tasks(
            @JsonProperty("POLICY_PUBLICITY") @Schema(description = "宣传政策: visits that explained policies", example = "2")
            long policyPublicity,
            @JsonProperty("PUBLIC_OPINION") @Schema(description = "反映民意: visits that took up demands", example = "1")
            long publicOpinion,
            @JsonProperty("DEVELOPMENT") @Schema(description = "促进发展: visits that delivered development help", example = "1")
            long development,
            @JsonProperty("EMOTION_EASING") @Schema(description = "疏导情绪: visits that mediated a grievance or dispute", example = "1")
            long emotionEasing,
            @JsonProperty("GRASSROOTS") @Schema(description = "强基固本: visits with village party branch / committee work", example = "1")
            long grassroots,
            @JsonProperty("MODEL_PROMOTION") @Schema(description = "推广典型: visits that recorded a model example", example = "1")
            long modelPromotion) {
    }

    /**
     * Development help (促进发展) on the visits dated in the period, from each visit's latest version.
     *
     * @param totalYuan        all help, yuan
     * @param peopleBenefiting sum of the people benefiting of every help item (a person helped twice counts twice)
     * @param byKind           yuan by kind
     */
    @Schema(name = "HelpFigures", example = """
            {"totalYuan":5000.00,"peopleBenefiting":4,"byKind":{"INDUSTRY_PROJECT":3000.00,"FUNDS":2000.00,
             "EMPLOYMENT":0.00,"SKILLS_TRAINING":0.00,"MARKET_ACCESS":0.00,"INFRASTRUCTURE":0.00}}""")
    public record Help(
            @Schema(description = "all development help, yuan (two decimals)", example = "5000.00")
            BigDecimal totalYuan,
            @Schema(description = "sum of the people benefiting of every help item", example = "4")
            long peopleBenefiting,
            @Schema(description = "yuan by kind of help")
            HelpByKind byKind) {
    }

    /** Help in yuan by kind: every kind present. */
    @Schema(name = "HelpByKind", example = """
            {"INDUSTRY_PROJECT":3000.00,"FUNDS":2000.00,"EMPLOYMENT":0.00,"SKILLS_TRAINING":0.00,"MARKET_ACCESS":0.00,
             "INFRASTRUCTURE":0.00}""")
    public record HelpByKind(
            @JsonProperty("INDUSTRY_PROJECT") @Schema(description = "产业项目, yuan", example = "3000.00")
            BigDecimal industryProject,
            @JsonProperty("FUNDS") @Schema(description = "资金, yuan", example = "2000.00")
            BigDecimal funds,
            @JsonProperty("EMPLOYMENT") @Schema(description = "就业, yuan", example = "0.00")
            BigDecimal employment,
            @JsonProperty("SKILLS_TRAINING") @Schema(description = "技能培训, yuan", example = "0.00")
            BigDecimal skillsTraining,
            @JsonProperty("MARKET_ACCESS") @Schema(description = "市场对接, yuan", example = "0.00")
            BigDecimal marketAccess,
            @JsonProperty("INFRASTRUCTURE") @Schema(description = "基础设施, yuan", example = "0.00")
            BigDecimal infrastructure) {
    }

    /**
     * Demands (民意诉求). A region counts demands of households of its villages, a unit those it handles, a cadre
     * those raised on their visits.
     *
     * @param opened               opened in the period
     * @param resolved             RESOLVED, closed in the period
     * @param rejected             REJECTED, closed in the period
     * @param open                 not closed now (OPEN, ACCEPTED, IN_PROGRESS) and opened on or before {@code to}
     * @param overdue              of those, past their deadline today (deadline before today)
     * @param medianResolutionDays median of closedOn − openedOn in days over the RESOLVED ones closed in the period;
     *                             null if none
     * @param satisfaction         the households' satisfaction (满意度) with the demands closed (RESOLVED or REJECTED)
     *                             in the period
     */
    @Schema(name = "DemandFigures", example = """
            {"opened":2,"resolved":1,"rejected":0,"open":1,"overdue":0,"medianResolutionDays":12.0,
             "satisfaction":{"satisfied":1,"basicallySatisfied":0,"dissatisfied":0,"notGiven":0}}""")
    public record Demands(
            @Schema(description = "demands opened in the period", example = "2")
            long opened,
            @Schema(description = "RESOLVED, closed in the period", example = "1")
            long resolved,
            @Schema(description = "REJECTED, closed in the period", example = "0")
            long rejected,
            @Schema(description = "not closed now (OPEN, ACCEPTED, IN_PROGRESS), opened on or before to", example = "1")
            long open,
            @Schema(description = "of the open ones, past their deadline today", example = "0")
            long overdue,
            @Schema(description = "median days from opened to closed of the RESOLVED ones closed in the period; null if "
                    + "none", example = "12.0", nullable = true)
            Double medianResolutionDays,
            Satisfaction satisfaction) {
    }

    /**
     * Satisfaction (满意度) of the households with the demands closed in the period, as each household gave it when
     * its demand was closed or afterwards (issue 4 point 4).
     *
     * @param satisfied          SATISFIED
     * @param basicallySatisfied BASICALLY_SATISFIED
     * @param dissatisfied       DISSATISFIED
     * @param notGiven           closed without a satisfaction (yet)
     */
    @Schema(name = "DemandSatisfaction", example = """
            {"satisfied":1,"basicallySatisfied":0,"dissatisfied":0,"notGiven":0}""")
    public record Satisfaction(
            @Schema(description = "closed in the period, household SATISFIED", example = "1")
            long satisfied,
            @Schema(description = "closed in the period, household BASICALLY_SATISFIED", example = "0")
            long basicallySatisfied,
            @Schema(description = "closed in the period, household DISSATISFIED", example = "0")
            long dissatisfied,
            @Schema(description = "closed in the period without a satisfaction", example = "0")
            long notGiven) {
    }

    /**
     * Year-round contact (全年联系不断) on {@code day}, by the one shared rule (lianhu-events ContinuityRule). A region
     * counts pairings with households of its villages, a unit the pairings it made, a cadre their own.
     *
     * @param day                 {@code min(to, today)}
     * @param overdueDays         the window N for households in (or back in) poverty (lianhu.continuity.overdue-days)
     * @param liftedOverdueDays   the window N for households lifted out of poverty
     * @param activePairings      pairings active on {@code day}: ACTIVE or ENDED, started on or before it and not ended
     *                            on or before it
     * @param visitedWithinWindow of those, with an in-person visit no more than N days before {@code day}
     * @param share               visitedWithinWindow / activePairings, 4 decimals (half up); null when no pairing
     * @param overdue             of those, more than N days since the latest in-person visit on or before {@code day}
     *                            (or since the pairing started, if none); the list
     *                            {@code /api/v1/regions/{code}/overdue-pairings} names them (for today)
     */
    @Schema(name = "ContinuityFigures", example = """
            {"day":"2026-11-29","overdueDays":90,"liftedOverdueDays":180,"activePairings":3,"visitedWithinWindow":2,
             "share":0.6667,"overdue":1}""")
    public record Continuity(
            @Schema(description = "day of the figure: min(to, today)", example = "2026-11-29")
            LocalDate day,
            @Schema(description = "window N in days for households in (or back in) poverty", example = "90")
            int overdueDays,
            @Schema(description = "window N in days for households lifted out of poverty", example = "180")
            int liftedOverdueDays,
            @Schema(description = "pairings active on the day", example = "3")
            long activePairings,
            @Schema(description = "of those, with an in-person visit no more than N days before the day", example = "2")
            long visitedWithinWindow,
            @Schema(description = "visitedWithinWindow / activePairings, 4 decimals; null when no pairing",
                    example = "0.6667", nullable = true)
            BigDecimal share,
            @Schema(description = "of those, more than N days since the latest in-person visit (or the start, if none)",
                    example = "1")
            long overdue) {
    }
}
