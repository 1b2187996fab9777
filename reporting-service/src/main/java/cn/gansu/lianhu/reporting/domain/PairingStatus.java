package cn.gansu.lianhu.reporting.domain;

/**
 * Status of a cadre ↔ household pairing (干部联户, issue 3 point 6), as carried by {@code pairing.pairing.*}
 * events; only ACTIVE pairings cover a household and count for a cadre's minimum.
 */
public enum PairingStatus {
    /** proposed, before the unit confirms; covers nothing yet */
    DRAFT,
    /** confirmed; covers the household and counts for the cadre's minimum */
    ACTIVE,
    /** a draft withdrawn before confirmation */
    WITHDRAWN,
    /** ended with a reason and a date */
    ENDED;

    /** The value named {@code name} exactly; null if none. */
    public static PairingStatus of(String name) {
        for (PairingStatus v : values()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }
}
