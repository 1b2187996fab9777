package cn.gansu.lianhu.reporting.config;

import java.math.BigDecimal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The assessment of cadres, units and regions (督查考核, DESIGN.md §1 长效化; issue 5 point 1),
 * {@code lianhu.reporting.assessment.*}: how many of the 100 points each part of a score carries, and the share of
 * households lifted out of poverty in a period that earns the whole lifted part. Checked at startup by
 * {@link AssessmentConfigCheck}: every weight ≥ 0, the six summing to exactly 100, the target share in (0, 1].
 * What each part measures: {@code cn.gansu.lianhu.reporting.service.AssessmentService}.
 */
@ConfigMapping(prefix = "lianhu.reporting.assessment")
public interface AssessmentConfig {

    /** Points of each part; they sum to 100. */
    Weights weights();

    /**
     * Share of the subject's households lifted out of poverty (脱贫) in the period that earns the whole lifted part
     * (the part is {@code min(1, share / target)}); a number in (0, 1].
     */
    @WithDefault("0.2")
    BigDecimal liftedTargetShare();

    /** Points (integers ≥ 0, summing to 100) of the six parts of a score. */
    interface Weights {
        /** Coverage met (全覆盖): minimums of households, village links, households and poor villages covered. */
        @WithDefault("25")
        int coverage();

        /** Visit continuity (全年联系不断): active pairings visited in person within the window. */
        @WithDefault("25")
        int continuity();

        /** Tasks recorded (六项任务): how many of the six tasks each active pairing's visits recorded. */
        @WithDefault("15")
        int tasks();

        /** Demands (民意诉求) due or closed in the period that were closed by their deadline. */
        @WithDefault("15")
        int demandsOnTime();

        /** Households lifted out of poverty (脱贫) in the period, against the target share. */
        @WithDefault("10")
        int lifted();

        /** Households lifted that did not relapse (返贫) in the period. */
        @WithDefault("10")
        int noRelapse();
    }
}
