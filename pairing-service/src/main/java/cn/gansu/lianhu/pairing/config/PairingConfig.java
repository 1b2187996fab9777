package cn.gansu.lianhu.pairing.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * pairing-service settings ({@code lianhu.pairing.*} in application.properties). The linking rules of
 * DESIGN.md §1 "How they are linked" are configuration, not literals.
 */
@ConfigMapping(prefix = "lianhu.pairing")
public interface PairingConfig {

    /**
     * Name under which this service marks events as applied in its inbox (table {@code processed_event});
     * also its Kafka consumer group.
     */
    @WithDefault("pairing-service")
    String consumer();

    /** Linking rules. */
    Rules rules();

    /** Limits of the planner. */
    Planner planner();

    /** The linking rules (DESIGN.md §1; issue 3 points 3–5). */
    interface Rules {
        /** Minimum households a PROVINCIAL_LEADER pairs with (联户: no fewer than 5). */
        @WithDefault("5")
        int minHouseholdsProvincialLeader();

        /** Minimum households a PREFECTURE_BUREAU (地厅级) cadre pairs with. */
        @WithDefault("3")
        int minHouseholdsPrefectureBureau();

        /** Minimum households a COUNTY_DIVISION (县处级) cadre pairs with. */
        @WithDefault("2")
        int minHouseholdsCountyDivision();

        /** Minimum households any OTHER cadre pairs with. */
        @WithDefault("1")
        int minHouseholdsOther();

        /** Most cadres one household may be paired with at the same time (one of them primary). */
        @WithDefault("3")
        int maxCadresPerHousehold();

        /** Fewest poor counties a provincial leader links (联县: 1–2). */
        @WithDefault("1")
        int leaderMinCounties();

        /** Most poor counties a provincial leader links. */
        @WithDefault("2")
        int leaderMaxCounties();

        /**
         * Cadre-count bands: how many poor villages a unit must link (部门联村), by its number of ACTIVE
         * cadres. A unit falls into the band with the highest {@code min-cadres} not above its count; below
         * the first band it must link none. Defaults: 1–29 cadres → 1 village, 30–99 → 2, 100–299 → 3,
         * 300 or more → 4.
         */
        List<VillageBand> villageBands();
    }

    /** One row of the cadre-count band table. */
    interface VillageBand {
        /** Lowest ACTIVE cadre count of the band (inclusive). */
        int minCadres();

        /** Poor villages a unit in this band must link. */
        int villages();
    }

    /** Planner limits (issue 3 point 7). */
    interface Planner {
        /** Proposals a plan page returns at most. */
        @WithDefault("500")
        int maxPageSize();
    }
}
