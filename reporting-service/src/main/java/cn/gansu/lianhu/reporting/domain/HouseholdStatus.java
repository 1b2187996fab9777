package cn.gansu.lianhu.reporting.domain;

/** Poverty status of a household as carried by registry events (DESIGN.md §2). */
public enum HouseholdStatus {
    /** 贫困 */
    IN_POVERTY,
    /** 脱贫 */
    LIFTED,
    /** 返贫 */
    RELAPSED;

    /** The status named {@code name} exactly; null if none. */
    public static HouseholdStatus of(String name) {
        for (HouseholdStatus s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
