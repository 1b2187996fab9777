package cn.gansu.lianhu.reporting.domain;

/** The six main tasks of a visit (DESIGN.md §1; issue 4 point 2), as carried by {@code visit.visit.*} events. */
public enum VisitTask {
    /** 宣传政策 */
    POLICY_PUBLICITY,
    /** 反映民意 */
    PUBLIC_OPINION,
    /** 促进发展 */
    DEVELOPMENT,
    /** 疏导情绪 */
    EMOTION_EASING,
    /** 强基固本 */
    GRASSROOTS,
    /** 推广典型 */
    MODEL_PROMOTION;

    /** The value named {@code name} exactly; null if none. */
    public static VisitTask of(String name) {
        for (VisitTask v : values()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }
}
