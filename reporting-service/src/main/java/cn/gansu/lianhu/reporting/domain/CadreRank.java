package cn.gansu.lianhu.reporting.domain;

/** Rank of a cadre (DESIGN.md §1), as carried by {@code pairing.cadre.*} events. */
public enum CadreRank {
    /** 省级领导 */
    PROVINCIAL_LEADER,
    /** 地厅级 */
    PREFECTURE_BUREAU,
    /** 县处级 */
    COUNTY_DIVISION,
    /** 其他干部 */
    OTHER;

    /** The value named {@code name} exactly; null if none. */
    public static CadreRank of(String name) {
        for (CadreRank v : values()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }
}
