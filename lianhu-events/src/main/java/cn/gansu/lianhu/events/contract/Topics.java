package cn.gansu.lianhu.events.contract;

import java.util.List;

/**
 * Kafka topics, one per aggregate (DESIGN.md §3). Record key = aggregate id, so the events of one
 * aggregate stay in order. The full catalogue with types and fields is in {@code docs/events.md}.
 */
public final class Topics {
    /** Administrative regions and their poverty designations; key = 12-digit NBS code. */
    public static final String REGISTRY_REGIONS = "registry.regions";
    /** Extremely poor households (特困户); key = household id (UUID). */
    public static final String REGISTRY_HOUSEHOLDS = "registry.households";
    /** Units (单位); key = unit id. */
    public static final String PAIRING_UNITS = "pairing.units";
    /** Cadres (干部); key = cadre id. */
    public static final String PAIRING_CADRES = "pairing.cadres";
    /**
     * Unit ↔ poor village links (部门联村) and provincial leader ↔ poor county/village links (联县联村); key = link id.
     */
    public static final String PAIRING_LINKS = "pairing.links";
    /** Cadre ↔ household pairings (干部联户); key = pairing id. */
    public static final String PAIRING_PAIRINGS = "pairing.pairings";
    /** Visit logs; key = visit id. */
    public static final String VISIT_VISITS = "visit.visits";
    /** Demands (民意诉求); key = demand id. */
    public static final String VISIT_DEMANDS = "visit.demands";

    /**
     * Every event topic, in the order of the flow (registry → pairing → visit). The local broker creates them all
     * at start, so that no consumer group rebalances later when a subscribed topic first appears.
     */
    public static final List<String> ALL = List.of(REGISTRY_REGIONS, REGISTRY_HOUSEHOLDS, PAIRING_UNITS, PAIRING_CADRES,
            PAIRING_LINKS, PAIRING_PAIRINGS, VISIT_VISITS, VISIT_DEMANDS);

    private Topics() {
    }
}
