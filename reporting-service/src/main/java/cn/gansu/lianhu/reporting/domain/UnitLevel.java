package cn.gansu.lianhu.reporting.domain;

/** Level of a unit (DESIGN.md §1 参与范围), as carried by {@code pairing.unit.*} events. */
public enum UnitLevel {
    /** 省级 */
    PROVINCE,
    /** 市（州）级 */
    PREFECTURE,
    /** 县级 */
    COUNTY,
    /** 乡镇级 */
    TOWNSHIP;

    /** The value named {@code name} exactly; null if none. */
    public static UnitLevel of(String name) {
        for (UnitLevel v : values()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }
}
