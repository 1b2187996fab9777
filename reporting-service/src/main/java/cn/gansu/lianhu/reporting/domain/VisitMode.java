package cn.gansu.lianhu.reporting.domain;

/**
 * How a visit was made, as carried by {@code visit.visit.*} events (issue 4 point 2). IN_HOME and VILLAGE_MEETING
 * are in person: only they count for continuity (全年联系不断, lianhu-events {@code ContinuityRule}).
 */
public enum VisitMode {
    /** 入户走访 */
    IN_HOME,
    /** 电话联系 */
    BY_PHONE,
    /** 村民会议 */
    VILLAGE_MEETING,
    /** 其他 */
    OTHER;

    /** True for IN_HOME and VILLAGE_MEETING. */
    public boolean inPerson() {
        return this == IN_HOME || this == VILLAGE_MEETING;
    }

    /** The value named {@code name} exactly; null if none. */
    public static VisitMode of(String name) {
        for (VisitMode v : values()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }
}
