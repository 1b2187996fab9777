package cn.gansu.lianhu.visit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * visit-service settings ({@code lianhu.visit.*} in application.properties).
 */
@ConfigMapping(prefix = "lianhu.visit")
public interface VisitConfig {

    /** Page size of visit lists when the caller gives none (at most {@code Page.MAX_SIZE}, 500). */
    @WithDefault("50")
    int defaultPageSize();

    /** Consumer name in the inbox ({@code processed_event.consumer}) and Kafka consumer group. */
    @WithDefault("visit-service")
    String consumer();

    /** Demands (民意诉求, issue 4 point 4). */
    Demand demand();

    interface Demand {
        /** Days from the visit date to a new demand's deadline (deadline = visitedOn + this). */
        @WithDefault("30")
        int deadlineDays();
    }
}
