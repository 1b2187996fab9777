package cn.gansu.lianhu.events.contract;

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

    private EventTypes() {
    }
}
