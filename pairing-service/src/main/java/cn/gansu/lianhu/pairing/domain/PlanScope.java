package cn.gansu.lianhu.pairing.domain;

/** What a planner run covers (issue 3 point 7). */
public enum PlanScope {
    /** One unit: its ACTIVE cadres and the households of its linked villages. */
    UNIT,
    /** One county: every unit linking a village of it, and its households. */
    COUNTY,
    /** The whole province. */
    PROVINCE;

    /** Finds a value by its name (any case); null if none. */
    public static PlanScope parse(String s) {
        if (s == null) {
            return null;
        }
        for (PlanScope v : values()) {
            if (v.name().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        return null;
    }
}
