package cn.gansu.lianhu.reporting.domain;

/**
 * Status of a cadre, as carried by {@code pairing.cadre.*} events; only ACTIVE cadres must pair with
 * households.
 */
public enum CadreStatus {
    /** 在职 */
    ACTIVE,
    /** 调离 */
    TRANSFERRED,
    /** 退休 */
    RETIRED,
    /** 去世 */
    DECEASED;

    /** The value named {@code name} exactly; null if none. */
    public static CadreStatus of(String name) {
        for (CadreStatus v : values()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }
}
