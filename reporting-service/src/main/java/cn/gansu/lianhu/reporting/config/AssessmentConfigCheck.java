package cn.gansu.lianhu.reporting.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Refuses to start reporting-service with assessment weights that do not make a score out of 100
 * ({@link AssessmentConfig}; issue 5 point 1): a negative weight, weights not summing to exactly 100, or a lifted
 * target share outside (0, 1] stop the startup with a message naming the keys and the values found.
 */
@ApplicationScoped
public class AssessmentConfigCheck {

    @Inject
    AssessmentConfig config;

    void onStart(@Observes StartupEvent event) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("lianhu.reporting.assessment is not valid: " + String.join("; ", problems));
        }
    }

    /** What is wrong with {@code config}, one message per problem; empty when it is valid. */
    public static List<String> problems(AssessmentConfig config) {
        AssessmentConfig.Weights w = config.weights();
        String[] keys = { "coverage", "continuity", "tasks", "demands-on-time", "lifted", "no-relapse" };
        int[] values = { w.coverage(), w.continuity(), w.tasks(), w.demandsOnTime(), w.lifted(), w.noRelapse() };
        List<String> problems = new ArrayList<>();
        int sum = 0;
        StringBuilder found = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            if (values[i] < 0) {
                problems.add("weights." + keys[i] + " must be 0 or more, not " + values[i]);
            }
            sum += values[i];
            found.append(i == 0 ? "" : " + ").append(keys[i]).append(' ').append(values[i]);
        }
        if (sum != 100) {
            problems.add("the weights must sum to 100 points, not " + sum + " (" + found + ")");
        }
        BigDecimal target = config.liftedTargetShare();
        if (target == null || target.signum() <= 0 || target.compareTo(BigDecimal.ONE) > 0) {
            problems.add("lifted-target-share must be a share in (0, 1], not " + target);
        }
        return problems;
    }
}
