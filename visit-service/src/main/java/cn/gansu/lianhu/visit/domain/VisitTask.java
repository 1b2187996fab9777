package cn.gansu.lianhu.visit.domain;

import java.util.Arrays;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The six main tasks of a visit (DESIGN.md §1, issue 4 point 2). */
@Schema(description = "The six main tasks of a visit (DESIGN.md §1): POLICY_PUBLICITY = 宣传政策 (policies explained); "
        + "PUBLIC_OPINION = 反映民意 (demands raised, each becomes a demand); DEVELOPMENT = 促进发展 (development help "
        + "delivered); EMOTION_EASING = 疏导情绪 (a grievance or dispute mediated); GRASSROOTS = 强基固本 (village "
        + "party branch / committee work); MODEL_PROMOTION = 推广典型 (a model example recorded).")
public enum VisitTask {
    /** 宣传政策: policies explained. */
    POLICY_PUBLICITY,
    /** 反映民意: demands raised, each becomes a demand. */
    PUBLIC_OPINION,
    /** 促进发展: development help delivered. */
    DEVELOPMENT,
    /** 疏导情绪: a grievance or dispute mediated. */
    EMOTION_EASING,
    /** 强基固本: village party branch / committee work. */
    GRASSROOTS,
    /** 推广典型: a model example recorded. */
    MODEL_PROMOTION;

    /** The task of this exact name, or empty. */
    public static Optional<VisitTask> of(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
