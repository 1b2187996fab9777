package cn.gansu.lianhu.events.contract;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudEvents {@code type} values. Versioned: a change to a payload that breaks consumers gets a new
 * {@code .vN} type (DESIGN.md §3).
 */
public final class EventTypes {
    private static final String PREFIX = "cn.gansu.lianhu.";

    /** A region became known to the registry (first import). Data: {@link RegionData}. */
    public static final String REGION_REGISTERED = PREFIX + "registry.region.registered.v1";
    /** A region's name changed on re-import. Data: {@link RegionData} (new state). */
    public static final String REGION_RENAMED = PREFIX + "registry.region.renamed.v1";
    /** A poverty designation (poor county / poor village) was set or withdrawn. Data: {@link RegionData}. */
    public static final String REGION_DESIGNATION_CHANGED = PREFIX + "registry.region.designation-changed.v1";

    /** An extremely poor household was registered. Data: {@link HouseholdData}. */
    public static final String HOUSEHOLD_REGISTERED = PREFIX + "registry.household.registered.v1";
    /** A household's details or members changed (status unchanged). Data: {@link HouseholdData}. */
    public static final String HOUSEHOLD_UPDATED = PREFIX + "registry.household.updated.v1";
    /** A household's poverty status changed (lifted 脱贫, relapsed 返贫). Data: {@link HouseholdData}. */
    public static final String HOUSEHOLD_STATUS_CHANGED = PREFIX + "registry.household.status-changed.v1";

    /** A unit (单位) was registered. Data: {@link UnitData}. */
    public static final String UNIT_REGISTERED = PREFIX + "pairing.unit.registered.v1";
    /**
     * A unit's details changed, or its required number of villages changed because its cadre count crossed
     * a band. Data: {@link UnitData} (new state).
     */
    public static final String UNIT_UPDATED = PREFIX + "pairing.unit.updated.v1";
    /** A unit's pairings were confirmed (一次确定联系对象): from now on they end only with a reason. Data: {@link UnitData}. */
    public static final String UNIT_PAIRINGS_CONFIRMED = PREFIX + "pairing.unit.pairings-confirmed.v1";

    /** A cadre (干部) was registered. Data: {@link CadreData}. */
    public static final String CADRE_REGISTERED = PREFIX + "pairing.cadre.registered.v1";
    /** A cadre's details, unit or rank changed. Data: {@link CadreData} (new state). */
    public static final String CADRE_UPDATED = PREFIX + "pairing.cadre.updated.v1";
    /** A cadre left (transferred, retired, deceased); their households were handed over in the same step. Data: {@link CadreData}. */
    public static final String CADRE_LEFT = PREFIX + "pairing.cadre.left.v1";

    /** A unit linked a poor village (部门联村). Data: {@link VillageLinkData}. */
    public static final String VILLAGE_LINKED = PREFIX + "pairing.village-link.linked.v1";
    /** A unit ↔ village link ended, with a reason. Data: {@link VillageLinkData}. */
    public static final String VILLAGE_LINK_ENDED = PREFIX + "pairing.village-link.ended.v1";
    /** A provincial leader linked a poor county and one poor village in it (联县联村). Data: {@link LeaderLinkData}. */
    public static final String LEADER_LINKED = PREFIX + "pairing.leader-link.linked.v1";
    /** A leader ↔ county link ended, with a reason. Data: {@link LeaderLinkData}. */
    public static final String LEADER_LINK_ENDED = PREFIX + "pairing.leader-link.ended.v1";

    /** A cadre ↔ household pairing (干部联户) was proposed as a draft, before the unit confirmed. Data: {@link PairingData}. */
    public static final String PAIRING_DRAFTED = PREFIX + "pairing.pairing.drafted.v1";
    /** A draft pairing was withdrawn before confirmation (never active, so no reason needed). Data: {@link PairingData}. */
    public static final String PAIRING_WITHDRAWN = PREFIX + "pairing.pairing.withdrawn.v1";
    /** A pairing became active: confirmed with its unit, created after confirmation, or taken over from a leaving cadre. Data: {@link PairingData}. */
    public static final String PAIRING_ACTIVATED = PREFIX + "pairing.pairing.activated.v1";
    /** The primary responsible cadre (帮扶责任人) of a household moved to or from this pairing. Data: {@link PairingData}. */
    public static final String PAIRING_PRIMARY_CHANGED = PREFIX + "pairing.pairing.primary-changed.v1";
    /** An active pairing ended, with a reason code and a date (不脱钩: only with a reason). Data: {@link PairingData}. */
    public static final String PAIRING_ENDED = PREFIX + "pairing.pairing.ended.v1";

    /** A visit (入户走访) was logged with its tasks. Data: {@link VisitData}. */
    public static final String VISIT_LOGGED = PREFIX + "visit.visit.logged.v1";
    /** A visit was corrected within the correction window (audited). Data: {@link VisitData} (new state). */
    public static final String VISIT_CORRECTED = PREFIX + "visit.visit.corrected.v1";
    /** Development help (促进发展) was delivered on a visit: one event per help item. Data: {@link HelpData}. */
    public static final String HELP_RECORDED = PREFIX + "visit.help.recorded.v1";

    /** A household raised a demand (民意诉求) on a visit. Data: {@link DemandData}. */
    public static final String DEMAND_OPENED = PREFIX + "visit.demand.opened.v1";
    /** A demand moved on: ACCEPTED, IN_PROGRESS, RESOLVED or REJECTED (with an answer). Data: {@link DemandData}. */
    public static final String DEMAND_CHANGED = PREFIX + "visit.demand.changed.v1";

    /** Every type above, in declaration order. */
    public static final List<String> ALL = List.of(REGION_REGISTERED, REGION_RENAMED, REGION_DESIGNATION_CHANGED,
            HOUSEHOLD_REGISTERED, HOUSEHOLD_UPDATED, HOUSEHOLD_STATUS_CHANGED, UNIT_REGISTERED, UNIT_UPDATED,
            UNIT_PAIRINGS_CONFIRMED, CADRE_REGISTERED, CADRE_UPDATED, CADRE_LEFT, VILLAGE_LINKED, VILLAGE_LINK_ENDED,
            LEADER_LINKED, LEADER_LINK_ENDED, PAIRING_DRAFTED, PAIRING_WITHDRAWN, PAIRING_ACTIVATED,
            PAIRING_PRIMARY_CHANGED, PAIRING_ENDED, VISIT_LOGGED, VISIT_CORRECTED, HELP_RECORDED, DEMAND_OPENED,
            DEMAND_CHANGED);

    private static final Pattern VERSIONED = Pattern.compile("(.+)\\.v(\\d+)");

    /**
     * The family of a type: the type without its {@code .vN} version suffix
     * ({@code cn.gansu.lianhu.registry.household.registered.v2} → {@code cn.gansu.lianhu.registry.household.registered});
     * a type without a version suffix is its own family.
     */
    public static String family(String type) {
        Matcher m = VERSIONED.matcher(type);
        return m.matches() ? m.group(1) : type;
    }

    /**
     * Why a type the consumer does not apply must still not be skipped (issue 8 point 3): it is of a family the
     * consumer applies, but in a version it does not know — a future {@code .v2}, or the family without a version.
     * Such an event would otherwise be lost silently; it goes to the dead-letter topic with this reason.
     *
     * @param type    the event's type
     * @param applies the types the consumer applies (on this topic)
     * @return the reason, e.g. {@code unknown event version cn.gansu.lianhu.registry.household.registered.v2; this
     *         consumer applies cn.gansu.lianhu.registry.household.registered.v1}, or null when the consumer applies the
     *         type or does not care about its family at all (then it is skipped silently)
     */
    public static String unknownVersion(String type, Predicate<String> applies) {
        if (type == null || applies.test(type)) {
            return null;
        }
        String family = family(type);
        List<String> known = ALL.stream().filter(t -> family(t).equals(family) && applies.test(t)).toList();
        return known.isEmpty() ? null
                : "unknown event version " + type + "; this consumer applies " + String.join(", ", known);
    }

    private EventTypes() {
    }
}
