package cn.gansu.lianhu.events.contract;

/**
 * Level in the administrative hierarchy (DESIGN.md §1): province 省 → prefecture 市/州 → county 县/市/区 →
 * township 乡/镇/街道 → village 村/社区. {@link #digits} is the length of the significant code prefix.
 * The {@code level} field of {@link RegionData} carries one of these names.
 */
public enum RegionLevel {
    PROVINCE(2), PREFECTURE(4), COUNTY(6), TOWNSHIP(9), VILLAGE(12);

    /** Significant digits of the 12-digit code at this level: 2, 4, 6, 9, 12. */
    public final int digits;

    RegionLevel(int digits) {
        this.digits = digits;
    }

    /** The level named {@code name} exactly; null if none. */
    public static RegionLevel of(String name) {
        for (RegionLevel l : values()) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    /** Level of a short code by its length (2, 4, 6, 9, 12 digits); null for any other length. */
    public static RegionLevel ofShortCode(String code) {
        for (RegionLevel l : values()) {
            if (l.digits == code.length()) {
                return l;
            }
        }
        return null;
    }
}
