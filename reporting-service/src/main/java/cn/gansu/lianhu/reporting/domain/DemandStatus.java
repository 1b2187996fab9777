package cn.gansu.lianhu.reporting.domain;

/**
 * Status of a demand (民意诉求, issue 4 point 4), as carried by {@code visit.demand.*} events: OPEN → ACCEPTED →
 * IN_PROGRESS → RESOLVED or REJECTED. RESOLVED and REJECTED are closed and carry a closing date.
 */
public enum DemandStatus {
    OPEN, ACCEPTED, IN_PROGRESS, RESOLVED, REJECTED;

    /** True for RESOLVED and REJECTED. */
    public boolean closed() {
        return this == RESOLVED || this == REJECTED;
    }

    /** The value named {@code name} exactly; null if none. */
    public static DemandStatus of(String name) {
        for (DemandStatus v : values()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }
}
