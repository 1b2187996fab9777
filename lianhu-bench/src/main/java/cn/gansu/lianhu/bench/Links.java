package cn.gansu.lianhu.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.pairing.domain.UnitLevel;

/**
 * Village links (部门联村) and leader links (联县联村) for the synthetic province, chosen so that the province-wide
 * pairing plan is feasible (DESIGN.md §1; pairing's planner, issue 3 point 7):
 * <ul>
 * <li>every unit links at least the villages its cadre count requires (pairing's default village bands:
 * 1–29 cadres 1 village, 30–99 2, 100–299 3, 300+ 4; {@code lianhu.pairing.rules.village-bands});</li>
 * <li>a unit links villages of its own county (county and township units), of its prefecture (prefecture units,
 * and county units of counties without poor villages) or of the whole province (province units); among those it
 * takes the villages with the most room left, room being households × 3 (the default
 * {@code max-cadres-per-household}) minus the pairings the units already linking it need, and it links more
 * villages than required while its cadres' minimums (5/3/2/1 households by rank,
 * {@code lianhu.pairing.rules.min-households-*}) do not fit;</li>
 * <li>every village with households is linked by at least one unit (the planner covers a household only from the
 * units linking its village);</li>
 * <li>each provincial leader links a distinct poor county where possible, and in it the village with the most
 * households.</li>
 * </ul>
 * Deterministic: every choice is by index order and the same inputs give the same links.
 */
final class Links {
    /** Pairing's default village bands: {minimum cadres, villages}. */
    private static final int[][] BANDS = {{1, 1}, {30, 2}, {100, 3}, {300, 4}};
    private static final int MAX_CADRES_PER_HOUSEHOLD = 3;

    /** A unit as the links need it. */
    record Unit(String creditCode, UnitLevel level, String region, String county) {
    }

    /** One unit → village link. */
    record VillageLink(String unitCreditCode, String villageCode) {
    }

    /** One leader → county (and village) link. */
    record LeaderLink(String leaderIdNumber, String countyCode, String villageCode) {
    }

    private final List<Province.PoorVillage> villages;
    private final int[] households;
    private final long[] room;
    private final int[] linkedBy;
    private final Map<String, int[]> poolCache = new HashMap<>();

    /**
     * @param villages   the poor villages
     * @param households households generated in each village (same order)
     */
    Links(List<Province.PoorVillage> villages, int[] households) {
        this.villages = villages;
        this.households = households;
        this.room = new long[villages.size()];
        this.linkedBy = new int[villages.size()];
        for (int i = 0; i < room.length; i++) {
            room[i] = (long) households[i] * MAX_CADRES_PER_HOUSEHOLD;
        }
    }

    /** Minimum households of a cadre of that rank (pairing's defaults). */
    static int minimum(CadreRank rank) {
        return switch (rank) {
            case PROVINCIAL_LEADER -> 5;
            case PREFECTURE_BUREAU -> 3;
            case COUNTY_DIVISION -> 2;
            case OTHER -> 1;
        };
    }

    static int requiredVillages(int cadres) {
        int v = 0;
        for (int[] band : BANDS) {
            if (cadres >= band[0]) {
                v = band[1];
            }
        }
        return v;
    }

    /**
     * @param units  every unit
     * @param cadres cadres per unit (same order)
     * @param need   sum of the minimums of each unit's cadres (same order)
     */
    List<VillageLink> villageLinks(List<Unit> units, int[] cadres, int[] need) {
        List<VillageLink> links = new ArrayList<>();
        Integer[] order = new Integer[units.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // the biggest needs first, while there is most room to choose from
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -need[i]).thenComparingInt(i -> i));
        List<List<Integer>> linkedVillages = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            linkedVillages.add(new ArrayList<>());
        }
        for (int u : order) {
            if (cadres[u] == 0) {
                continue;
            }
            int required = requiredVillages(cadres[u]);
            long left = need[u];
            List<Integer> chosen = linkedVillages.get(u);
            // its own pool first; if that has no room left for its cadres' minimums, the wider ones
            for (String key = poolKey(units.get(u)); key != null; key = wider(key)) {
                int[] pool = poolCache.computeIfAbsent(key, this::villagesUnder);
                while (chosen.size() < required || left > 0) {
                    int best = -1;
                    for (int v : pool) {
                        if (room[v] > 0 && !chosen.contains(v) && (best < 0 || room[v] > room[best])) {
                            best = v;
                        }
                    }
                    if (best < 0) {
                        break;
                    }
                    chosen.add(best);
                    linkedBy[best]++;
                    long take = Math.min(left, room[best]);
                    room[best] -= take;
                    left -= take;
                }
                if (chosen.size() >= required && left <= 0) {
                    break;
                }
            }
        }
        // every village with households linked by someone: the unit of its pool with the fewest links
        for (int v = 0; v < villages.size(); v++) {
            if (households[v] == 0 || linkedBy[v] > 0) {
                continue;
            }
            int best = -1;
            for (int u = 0; u < units.size(); u++) {
                if (cadres[u] > 0 && covers(units.get(u), villages.get(v))
                        && (best < 0 || linkedVillages.get(u).size() < linkedVillages.get(best).size())) {
                    best = u;
                }
            }
            if (best >= 0) {
                linkedVillages.get(best).add(v);
                linkedBy[v]++;
            }
        }
        for (int u = 0; u < units.size(); u++) {
            for (int v : linkedVillages.get(u)) {
                links.add(new VillageLink(units.get(u).creditCode(), villages.get(v).code()));
            }
        }
        return links;
    }

    /** One county per leader, distinct while there are counties with households, and its fullest village. */
    List<LeaderLink> leaderLinks(List<String> leaderIdNumbers) {
        Map<String, Integer> fullest = new java.util.LinkedHashMap<>();
        for (int v = 0; v < villages.size(); v++) {
            String county = villages.get(v).countyCode();
            Integer best = fullest.get(county);
            if (households[v] > 0 && (best == null || households[v] > households[best])) {
                fullest.put(county, v);
            }
        }
        List<Integer> byHouseholds = new ArrayList<>(fullest.values());
        byHouseholds.sort(Comparator.comparingInt((Integer v) -> -households[v]).thenComparingInt(v -> v));
        List<LeaderLink> links = new ArrayList<>();
        for (int l = 0; l < leaderIdNumbers.size() && !byHouseholds.isEmpty(); l++) {
            int v = byHouseholds.get(l % byHouseholds.size());
            links.add(new LeaderLink(leaderIdNumbers.get(l), villages.get(v).countyCode(), villages.get(v).code()));
        }
        return links;
    }

    private int[] pool(Unit unit) {
        return poolCache.computeIfAbsent(poolKey(unit), this::villagesUnder);
    }

    /** The code prefix a unit takes villages under: its county, else its prefecture, else the province. */
    private String poolKey(Unit unit) {
        String key = switch (unit.level()) {
            case PROVINCE -> "62";
            case PREFECTURE -> unit.region();
            case COUNTY, TOWNSHIP -> unit.county();
        };
        while (key.length() > 2 && poolCache.computeIfAbsent(key, this::villagesUnder).length == 0) {
            key = key.length() == 6 ? key.substring(0, 4) : "62";
        }
        return key;
    }

    /** The next wider pool: county → prefecture → province → none. */
    private static String wider(String key) {
        return key.length() == 6 ? key.substring(0, 4) : key.length() == 4 ? "62" : null;
    }

    private boolean covers(Unit unit, Province.PoorVillage village) {
        return village.code().startsWith(poolKey(unit));
    }

    /** Villages with households under a code prefix. */
    private int[] villagesUnder(String prefix) {
        return java.util.stream.IntStream.range(0, villages.size())
                .filter(v -> households[v] > 0 && villages.get(v).code().startsWith(prefix)).toArray();
    }
}
