package cn.gansu.lianhu.pairing.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A planner draft as the API shows it (issue 3 point 7): its scope, status, whether it meets every rule, the
 * figures, the rules it cannot meet (with where and by how much), the first units of its per-unit summary, and
 * how long loading, planning and storing took.
 *
 * @param id             plan id
 * @param scope          what it covers
 * @param status         DRAFT, CONFIRMED, DISCARDED or STALE
 * @param feasible       true when every rule is met; only a feasible DRAFT can be confirmed
 * @param figures        households, cadres and pairings in numbers
 * @param shortfalls     the rules it cannot meet (at most the first {@link PlanService#SHORTFALLS_SHOWN}); empty
 *                       when feasible
 * @param shortfallCount number of shortfalls, all of them
 * @param units          per-unit summary of the first {@link PlanService#UNITS_SHOWN} units by name; all of them
 *                       at {@code GET /api/v1/plans/{id}/units}
 * @param unitCount      units in scope
 * @param timings        milliseconds spent loading, planning and storing
 * @param confirmation   what confirming created (null until confirmed)
 * @param createdAt      when it was made
 * @param decidedAt      when it was confirmed, discarded or found stale
 * @param decidedBy      who confirmed it
 */
@Schema(name = "Plan")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PlanView(UUID id, Scope scope, String status, boolean feasible, Figures figures,
        List<Shortfall> shortfalls, int shortfallCount, List<UnitSummary> units, int unitCount, Timings timings,
        Confirmation confirmation, OffsetDateTime createdAt, OffsetDateTime decidedAt, String decidedBy) {

    /**
     * What a plan covers.
     *
     * @param kind       UNIT, COUNTY or PROVINCE
     * @param unitId     the unit (UNIT)
     * @param unitName   its name (UNIT)
     * @param countyCode 12-digit county code (COUNTY)
     * @param countyName its name, when registry has published it (COUNTY)
     */
    @Schema(name = "PlanScope")
    public record Scope(String kind, UUID unitId, String unitName, String countyCode, String countyName) {
    }

    /**
     * A plan in numbers.
     *
     * @param householdsInScope        households (IN_POVERTY or RELAPSED) the plan must cover
     * @param householdsAlreadyCovered of those, households with a live pairing before the plan
     * @param householdsCoveredAfter   of those, households with a live pairing once the plan is confirmed
     * @param villages                 villages whose households the plan must cover
     * @param units                    units in scope (confirmed with the plan)
     * @param cadres                   ACTIVE cadres planned (provincial leaders included)
     * @param leaders                  of those, provincial leaders
     * @param cadresBelowMinimum       cadres below their rank minimum before the plan
     * @param cadresBelowMinimumAfter  cadres still below it with the plan
     * @param existingPairings         live (DRAFT or ACTIVE) pairings counted: of the cadres or households in scope
     * @param pairingsProposed         new pairings proposed
     * @param primaryProposed          of those, primary (帮扶责任人) of their household
     * @param maxCadresPerHousehold    the per-household maximum applied
     */
    @Schema(name = "PlanFigures")
    public record Figures(int householdsInScope, int householdsAlreadyCovered, int householdsCoveredAfter,
            int villages, int units, int cadres, int leaders, int cadresBelowMinimum, int cadresBelowMinimumAfter,
            long existingPairings, int pairingsProposed, int primaryProposed, int maxCadresPerHousehold) {
    }

    /**
     * One rule a plan cannot meet.
     *
     * @param rule    {@code plan.household-maximum} (the minimums need more pairings than the per-household
     *                maximum allows), {@code plan.village-uncovered} (households no cadre in scope may pair),
     *                {@code plan.unit-no-village}, {@code plan.leader-no-village}, {@code plan.no-household-left}
     * @param where   the unit(s), provincial leader or village at fault
     * @param figures the numbers behind the message (households, cadres, pairingsNeeded, pairingsAllowed, short…)
     * @param message what fails, where and by how much
     */
    @Schema(name = "PlanShortfall")
    public record Shortfall(String rule, Where where, Map<String, Integer> figures, String message) {
        /** The field of a 422 problem naming this shortfall, e.g. {@code units[<id>]}. */
        public String field() {
            return switch (where.kind()) {
                case "UNIT", "UNITS" -> "units[" + where.id() + "]";
                case "LEADER" -> "cadres[" + where.id() + "]";
                default -> "villages[" + where.id() + "]";
            };
        }
    }

    /**
     * Where a shortfall is.
     *
     * @param kind UNIT, UNITS (units sharing villages), LEADER (a provincial leader) or VILLAGE
     * @param id   unit id, comma-separated unit/leader ids, cadre id, or 12-digit village code
     * @param name unit name(s), leader name, or village name with its county
     */
    @Schema(name = "PlanShortfallWhere")
    public record Where(String kind, String id, String name) {
    }

    /**
     * Time spent, milliseconds.
     *
     * @param loadMs  reading units, cadres, links, households and pairings
     * @param planMs  the algorithm
     * @param storeMs writing the plan and its proposals
     */
    @Schema(name = "PlanTimings")
    public record Timings(long loadMs, long planMs, long storeMs) {
    }

    /**
     * What confirming a plan did.
     *
     * @param pairingsCreated new ACTIVE pairings
     * @param draftsActivated DRAFT pairings of the confirmed units made ACTIVE
     * @param unitsConfirmed  units whose pairings were confirmed now (一次确定联系对象)
     * @param durationMs      time it took, milliseconds
     */
    @Schema(name = "PlanConfirmation")
    public record Confirmation(int pairingsCreated, int draftsActivated, int unitsConfirmed, long durationMs) {
    }

    /**
     * One unit of a plan.
     *
     * @param unitId                  unit id
     * @param name                    unit name
     * @param alreadyConfirmed        its pairings were confirmed before this plan
     * @param villages                villages it actively links
     * @param households              households (IN_POVERTY or RELAPSED) in those villages
     * @param cadres                  its ACTIVE cadres in the plan
     * @param cadresBelowMinimum      of those, below their minimum before the plan
     * @param cadresBelowMinimumAfter of those, still below it with the plan
     * @param existingPairings        live pairings its cadres already have
     * @param proposedPairings        new pairings the plan gives its cadres
     */
    @Schema(name = "PlanUnit", example = """
            {"unitId":"3f9a1c52-7b0e-4d21-9c8a-2e5f6a7b8c90","name":"甘肃省财政厅","alreadyConfirmed":false,
             "villages":2,"households":84,"cadres":60,"cadresBelowMinimum":60,"cadresBelowMinimumAfter":0,
             "existingPairings":0,"proposedPairings":97}""")
    public record UnitSummary(UUID unitId, String name, boolean alreadyConfirmed, int villages, int households,
            int cadres, int cadresBelowMinimum, int cadresBelowMinimumAfter, int existingPairings,
            int proposedPairings) {
    }

    /** What is stored in {@code pairing_plan.summary}. */
    public record Summary(Scope scope, Figures figures, List<Shortfall> shortfalls, Timings timings,
            Confirmation confirmation) {
    }
}
