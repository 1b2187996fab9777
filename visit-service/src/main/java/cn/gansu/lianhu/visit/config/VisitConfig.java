package cn.gansu.lianhu.visit.config;

import java.math.BigDecimal;

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

    /**
     * Development help (促进发展) a supervisor can believe: limits per help item and per visit, checked when a visit is
     * logged and when it is corrected (422 {@code visit.help-amount-too-large}, {@code visit.help-people-too-many},
     * {@code visit.help-too-many-items}; fresh-clone review point 2).
     */
    Help help();

    interface Help {
        /** Largest amount of one help item, yuan (inclusive). */
        @WithDefault("10000000")
        BigDecimal maxAmountYuan();

        /** Most people benefiting from one help item (inclusive). */
        @WithDefault("10000")
        int maxPeople();

        /** Most help items on one visit (inclusive). */
        @WithDefault("20")
        int maxItems();
    }

    /** Corrections of a logged visit (issue 4 point 3). */
    Correction correction();

    interface Correction {
        /**
         * Days after the day a visit was logged (Beijing time) during which it may still be corrected: a visit
         * logged on D can be corrected up to and including D + this.
         */
        @WithDefault("7")
        int windowDays();
    }

    /** Visit plans and batches (分期分批, issue 4 point 1). */
    Plan plan();

    interface Plan {
        /** Most pairings one batch may plan (a large county's batch stays well below). */
        @WithDefault("20000")
        int maxItems();

        /** Longest period of one batch in days (end − start + 1). */
        @WithDefault("366")
        int maxDays();
    }
}
