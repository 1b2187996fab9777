package cn.gansu.lianhu.pairing.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pairing planner's algorithm (issue 3 point 7), pure Java over int arrays so that it is fast for the
 * whole province (400,000 households, 400,000 cadres) and testable without a database.
 *
 * <h2>Problem</h2>
 * Cadres belong to <em>groups</em>: a unit (its cadres may pair households only in the villages the unit
 * links, 部门联村 → 干部联户, DESIGN.md §1) or a single provincial leader (only households of the villages
 * of their own leader links, 联县联村联户). Find new pairings such that
 * <ul>
 * <li>every cadre reaches its minimum ({@code LinkingRules.minimumHouseholds(rank)}, existing live pairings
 * counted);</li>
 * <li>every household that must be covered has at least one live pairing, exactly one of them primary
 * (帮扶责任人);</li>
 * <li>no household has more than {@code LinkingRules.maxCadresPerHousehold()} live pairings;</li>
 * <li>no cadre pairs the same household twice.</li>
 * </ul>
 *
 * <h2>Method</h2>
 * <ol>
 * <li><b>Flow between groups and villages.</b> Cadres of one group are interchangeable as far as villages
 * go, so the minimums reduce to a max-flow (Dinic) on a graph source → group (capacity: the pairings its
 * cadres still need) → village (capacity: what its cadres can take there, a cadre at most once per
 * household) → sink (capacity: free places under the per-household maximum). The flow runs first with the
 * village → sink capacities cut to the number of uncovered households, then with the full capacities; flow
 * into the sink never decreases, so as many minimum pairings as possible land on uncovered households and
 * the fewest extra pairings are needed for coverage. If the flow cannot carry every cadre's need, the
 * residual graph's source side names exactly the groups and villages at fault and by how much (min cut).</li>
 * <li><b>Cadres to villages.</b> Inside a group, cadres with the most remaining need go first and fill one
 * village's share before the next, so a cadre's households stay in as few villages as possible.</li>
 * <li><b>Households.</b> Inside a village, each cadre takes the households with the fewest cadres
 * (uncovered first), never one it is already paired with.</li>
 * <li><b>Coverage.</b> Households still without a cadre get one from the groups linking their village: the
 * cadre with the fewest pairings, preferring one already working in that village.</li>
 * <li><b>Primary.</b> A household without a primary cadre gets its first new pairing as primary.</li>
 * </ol>
 * Every order is by index, so the same input gives the same plan. Time is about linear in households,
 * cadres and links (the flow graph has one node per group and village, not per cadre or household).
 */
public final class Planner {
    /** Households of a village have no cadre and no group in scope with an active cadre links the village. */
    public static final String RULE_VILLAGE_UNCOVERED = "plan.village-uncovered";
    /** A unit's cadres need pairings but the unit links no village. */
    public static final String RULE_UNIT_NO_VILLAGE = "plan.unit-no-village";
    /** A provincial leader needs pairings but has no leader link to a village. */
    public static final String RULE_LEADER_NO_VILLAGE = "plan.leader-no-village";
    /** The cadres' minimums need more pairings than the per-household maximum leaves room for. */
    public static final String RULE_HOUSEHOLD_MAXIMUM = "plan.household-maximum";
    /** Some cadres find no household left they are not already paired with and that has a free place. */
    public static final String RULE_NO_HOUSEHOLD_LEFT = "plan.no-household-left";

    private Planner() {
    }

    /**
     * What the planner knows, as index arrays. Build it with {@link Builder}. Units, cadres, villages and
     * households are numbered from 0 in the order they were added.
     */
    public static final class Input {
        final int maxPerHousehold;
        final int units;
        final int[] unitVillageStart;
        final int[] unitVillages;
        final int cadres;
        final int[] cadreUnit;
        final boolean[] cadreLeader;
        final int[] cadreMinimum;
        final int[] cadreExisting;
        final int[] leaderVillageStart;
        final int[] leaderVillages;
        final int villages;
        final int households;
        final int[] householdVillage;
        final int[] householdLoad;
        final boolean[] householdHasPrimary;
        final boolean[] householdMustCover;
        final long[] existingPairs;

        private Input(Builder b) {
            maxPerHousehold = b.maxPerHousehold;
            units = b.units;
            villages = b.villages;
            cadres = b.cadreUnit.size;
            cadreUnit = b.cadreUnit.toArray();
            cadreLeader = new boolean[cadres];
            for (int c = 0; c < cadres; c++) {
                cadreLeader[c] = b.cadreLeader.get(c) != 0;
            }
            cadreMinimum = b.cadreMinimum.toArray();
            cadreExisting = b.cadreExisting.toArray();
            households = b.householdVillage.size;
            householdVillage = b.householdVillage.toArray();
            householdLoad = b.householdLoad.toArray();
            householdHasPrimary = new boolean[households];
            householdMustCover = new boolean[households];
            for (int h = 0; h < households; h++) {
                int flags = b.householdFlags.get(h);
                householdHasPrimary[h] = (flags & 1) != 0;
                householdMustCover[h] = (flags & 2) != 0;
            }
            int[][] csr = csr(units, b.linkUnit, b.linkVillage);
            unitVillageStart = csr[0];
            unitVillages = csr[1];
            csr = csr(cadres, b.leaderCadre, b.leaderVillage);
            leaderVillageStart = csr[0];
            leaderVillages = csr[1];
            long[] pairs = Arrays.copyOf(b.pairs, b.pairCount);
            Arrays.sort(pairs);
            existingPairs = pairs;
        }

        /** Number of households. */
        public int households() {
            return households;
        }

        /** Number of cadres. */
        public int cadres() {
            return cadres;
        }

        /** The unit of a cadre. */
        public int cadreUnit(int cadre) {
            return cadreUnit[cadre];
        }

        /** The village of a household. */
        public int householdVillage(int household) {
            return householdVillage[household];
        }

        /** Live pairings a household has before the plan. */
        public int householdLoad(int household) {
            return householdLoad[household];
        }

        /** True if the plan must give this household a cadre. */
        public boolean mustCover(int household) {
            return householdMustCover[household];
        }

        /** Villages a unit links. */
        public int[] unitVillages(int unit) {
            return Arrays.copyOfRange(unitVillages, unitVillageStart[unit], unitVillageStart[unit + 1]);
        }

        /** True for a provincial leader. */
        public boolean leader(int cadre) {
            return cadreLeader[cadre];
        }

        /** Villages of a leader's active leader links. */
        public int[] leaderVillages(int cadre) {
            return Arrays.copyOfRange(leaderVillages, leaderVillageStart[cadre], leaderVillageStart[cadre + 1]);
        }

        /** How many pairings a cadre still needs to reach its minimum before the plan. */
        public int need(int cadre) {
            return Math.max(0, cadreMinimum[cadre] - cadreExisting[cadre]);
        }

        /** Live pairings a cadre has before the plan. */
        public int existing(int cadre) {
            return cadreExisting[cadre];
        }

        boolean existingPair(int cadre, int household) {
            return existingPairs.length > 0
                    && Arrays.binarySearch(existingPairs, ((long) cadre << 32) | household) >= 0;
        }

        private static int[][] csr(int n, IntList from, IntList to) {
            int[] start = new int[n + 1];
            for (int i = 0; i < from.size; i++) {
                start[from.get(i) + 1]++;
            }
            for (int i = 0; i < n; i++) {
                start[i + 1] += start[i];
            }
            int[] fill = Arrays.copyOf(start, n);
            int[] values = new int[from.size];
            for (int i = 0; i < from.size; i++) {
                values[fill[from.get(i)]++] = to.get(i);
            }
            for (int i = 0; i < n; i++) {
                Arrays.sort(values, start[i], start[i + 1]);
            }
            return new int[][] { start, values };
        }
    }

    /** Builds an {@link Input}; every add returns the new element's index. */
    public static final class Builder {
        private final int maxPerHousehold;
        private int units;
        private int villages;
        private final IntList linkUnit = new IntList();
        private final IntList linkVillage = new IntList();
        private final IntList cadreUnit = new IntList();
        private final IntList cadreLeader = new IntList();
        private final IntList cadreMinimum = new IntList();
        private final IntList cadreExisting = new IntList();
        private final IntList leaderCadre = new IntList();
        private final IntList leaderVillage = new IntList();
        private final IntList householdVillage = new IntList();
        private final IntList householdLoad = new IntList();
        private final IntList householdFlags = new IntList();
        private long[] pairs = new long[16];
        private int pairCount;

        /** @param maxPerHousehold most live pairings one household may have */
        public Builder(int maxPerHousehold) {
            if (maxPerHousehold < 1) {
                throw new IllegalArgumentException("the per-household maximum is at least 1");
            }
            this.maxPerHousehold = maxPerHousehold;
        }

        public int unit() {
            return units++;
        }

        public int village() {
            return villages++;
        }

        /** The unit links the village (active village link). */
        public Builder link(int unit, int village) {
            linkUnit.add(unit);
            linkVillage.add(village);
            return this;
        }

        /**
         * An ACTIVE cadre in scope.
         *
         * @param minimum  the rank's minimum households
         * @param existing live pairings it already has (anywhere)
         * @param leader   a provincial leader: planned only onto its {@link #leaderVillage} villages
         */
        public int cadre(int unit, int minimum, int existing, boolean leader) {
            cadreUnit.add(unit);
            cadreMinimum.add(minimum);
            cadreExisting.add(existing);
            cadreLeader.add(leader ? 1 : 0);
            return cadreUnit.size - 1;
        }

        /** A village of a provincial leader's active leader link. */
        public Builder leaderVillage(int cadre, int village) {
            leaderCadre.add(cadre);
            leaderVillage.add(village);
            return this;
        }

        /**
         * A household (IN_POVERTY or RELAPSED) the plan may pair.
         *
         * @param load       live pairings it already has
         * @param hasPrimary one of them is primary
         * @param mustCover  the plan must give it a cadre (in scope), as opposed to merely eligible (a
         *                   leader's village outside the scope)
         */
        public int household(int village, int load, boolean hasPrimary, boolean mustCover) {
            householdVillage.add(village);
            householdLoad.add(load);
            householdFlags.add((hasPrimary ? 1 : 0) | (mustCover ? 2 : 0));
            return householdVillage.size - 1;
        }

        /** Adds one to a household's existing live pairings (loading pairings after the households). */
        public void addLoad(int household, boolean primary) {
            householdLoad.set(household, householdLoad.get(household) + 1);
            if (primary) {
                householdFlags.set(household, householdFlags.get(household) | 1);
            }
        }

        /** Adds one to a cadre's existing live pairings. */
        public void addExisting(int cadre) {
            cadreExisting.set(cadre, cadreExisting.get(cadre) + 1);
        }

        /** The cadre already has a live pairing with the household. */
        public Builder existingPair(int cadre, int household) {
            if (pairCount == pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[pairCount++] = ((long) cadre << 32) | household;
            return this;
        }

        public Input build() {
            return new Input(this);
        }
    }

    /**
     * One rule that the plan cannot meet.
     *
     * @param rule    one of the {@code RULE_*} ids
     * @param units   unit indexes concerned (in order)
     * @param leaders provincial leader cadre indexes concerned
     * @param village village index for {@link #RULE_VILLAGE_UNCOVERED}, else -1
     * @param figures the numbers, in a fixed order (households, cadres, pairingsNeeded, pairingsAllowed,
     *                short…)
     */
    public record Shortfall(String rule, int[] units, int[] leaders, int village, Map<String, Integer> figures) {
        @Override
        public String toString() {
            return rule + " units=" + Arrays.toString(units) + " leaders=" + Arrays.toString(leaders) + " village="
                    + village + " " + figures;
        }
    }

    /**
     * The proposal: {@code size} new pairings (cadre, household, primary), ordered by village, household and
     * the order they were decided in; the shortfalls (empty when every rule is met).
     */
    public static final class Result {
        public final int size;
        public final int[] cadre;
        public final int[] household;
        public final boolean[] primary;
        public final List<Shortfall> shortfalls;
        /** New pairings per cadre. */
        public final int[] cadreProposed;
        /** Households that must be covered. */
        public final int householdsInScope;
        /** Of those, covered before the plan. */
        public final int householdsAlreadyCovered;
        /** Of those, covered after the plan. */
        public final int householdsCoveredAfter;
        /** Cadres below their minimum before the plan. */
        public final int cadresBelowMinimum;
        /** Cadres still below their minimum after the plan. */
        public final int cadresBelowMinimumAfter;

        Result(int size, int[] cadre, int[] household, boolean[] primary, List<Shortfall> shortfalls,
                int[] cadreProposed, int householdsInScope, int householdsAlreadyCovered, int householdsCoveredAfter,
                int cadresBelowMinimum, int cadresBelowMinimumAfter) {
            this.size = size;
            this.cadre = cadre;
            this.household = household;
            this.primary = primary;
            this.shortfalls = shortfalls;
            this.cadreProposed = cadreProposed;
            this.householdsInScope = householdsInScope;
            this.householdsAlreadyCovered = householdsAlreadyCovered;
            this.householdsCoveredAfter = householdsCoveredAfter;
            this.cadresBelowMinimum = cadresBelowMinimum;
            this.cadresBelowMinimumAfter = cadresBelowMinimumAfter;
        }

        /** True when every rule is met. */
        public boolean feasible() {
            return shortfalls.isEmpty();
        }
    }

    /** Plans. */
    public static Result plan(Input in) {
        return new Run(in).run();
    }

    /** One planning run: working arrays over the input. */
    private static final class Run {
        final Input in;
        final int max;
        // groups: [0, units) units; [units, units + leaders) provincial leaders
        int groups;
        int[] leaderCadre; // group - units → cadre
        int[] cadreGroup;
        int[] groupCadreStart;
        int[] groupCadres;
        int[] groupVillageStart;
        int[] groupVillages;
        int[] villageHouseholdStart;
        int[] villageHouseholds;
        int[] villageGroupStart; // groups with at least one cadre linking the village
        int[] villageGroups;
        int[] load;
        int[] need; // remaining need per cadre
        int[] total; // existing + new pairings per cadre
        int[] hfree; // households with a free place, per village
        // proposals (growable)
        int[] pc = new int[1024];
        int[] ph = new int[1024];
        int[] nextOfCadre = new int[1024];
        int count;
        int[] firstOfCadre;
        final List<Shortfall> shortfalls = new ArrayList<>();
        boolean[] groupReported;
        int[] villageUnitStart;
        int[] villageUnits;

        Run(Input in) {
            this.in = in;
            this.max = in.maxPerHousehold;
        }

        Result run() {
            index();
            load = Arrays.copyOf(in.householdLoad, in.households);
            need = new int[in.cadres];
            total = new int[in.cadres];
            firstOfCadre = new int[in.cadres];
            Arrays.fill(firstOfCadre, -1);
            int below = 0;
            for (int c = 0; c < in.cadres; c++) {
                need[c] = in.need(c);
                total[c] = in.cadreExisting[c];
                if (need[c] > 0) {
                    below++;
                }
            }
            int inScope = 0;
            int alreadyCovered = 0;
            for (int h = 0; h < in.households; h++) {
                if (in.householdMustCover[h]) {
                    inScope++;
                    if (load[h] > 0) {
                        alreadyCovered++;
                    }
                }
            }
            hfree = new int[in.villages];
            for (int h = 0; h < in.households; h++) {
                if (load[h] < max) {
                    hfree[in.householdVillage[h]]++;
                }
            }
            groupReported = new boolean[groups];
            noVillage();
            int[][] requests = flowAndDistribute();
            placeRequests(requests);
            leftovers();
            cover();
            return finish(below, inScope, alreadyCovered);
        }

        /** Groups, CSR lists of cadres and villages per group, households and groups per village. */
        void index() {
            int leaders = 0;
            for (int c = 0; c < in.cadres; c++) {
                if (in.cadreLeader[c]) {
                    leaders++;
                }
            }
            groups = in.units + leaders;
            leaderCadre = new int[leaders];
            cadreGroup = new int[in.cadres];
            int l = 0;
            for (int c = 0; c < in.cadres; c++) {
                if (in.cadreLeader[c]) {
                    leaderCadre[l] = c;
                    cadreGroup[c] = in.units + l++;
                } else {
                    cadreGroup[c] = in.cadreUnit[c];
                }
            }
            groupCadreStart = new int[groups + 1];
            for (int c = 0; c < in.cadres; c++) {
                groupCadreStart[cadreGroup[c] + 1]++;
            }
            for (int g = 0; g < groups; g++) {
                groupCadreStart[g + 1] += groupCadreStart[g];
            }
            groupCadres = new int[in.cadres];
            int[] fill = Arrays.copyOf(groupCadreStart, groups);
            for (int c = 0; c < in.cadres; c++) {
                groupCadres[fill[cadreGroup[c]]++] = c;
            }
            groupVillageStart = new int[groups + 1];
            for (int u = 0; u < in.units; u++) {
                groupVillageStart[u + 1] = in.unitVillageStart[u + 1] - in.unitVillageStart[u];
            }
            for (int g = in.units; g < groups; g++) {
                int c = leaderCadre[g - in.units];
                groupVillageStart[g + 1] = in.leaderVillageStart[c + 1] - in.leaderVillageStart[c];
            }
            for (int g = 0; g < groups; g++) {
                groupVillageStart[g + 1] += groupVillageStart[g];
            }
            groupVillages = new int[groupVillageStart[groups]];
            System.arraycopy(in.unitVillages, 0, groupVillages, 0, in.unitVillages.length);
            for (int g = in.units; g < groups; g++) {
                int c = leaderCadre[g - in.units];
                System.arraycopy(in.leaderVillages, in.leaderVillageStart[c], groupVillages, groupVillageStart[g],
                        in.leaderVillageStart[c + 1] - in.leaderVillageStart[c]);
            }
            villageHouseholdStart = new int[in.villages + 1];
            for (int h = 0; h < in.households; h++) {
                villageHouseholdStart[in.householdVillage[h] + 1]++;
            }
            for (int v = 0; v < in.villages; v++) {
                villageHouseholdStart[v + 1] += villageHouseholdStart[v];
            }
            villageHouseholds = new int[in.households];
            fill = Arrays.copyOf(villageHouseholdStart, in.villages);
            for (int h = 0; h < in.households; h++) {
                villageHouseholds[fill[in.householdVillage[h]]++] = h;
            }
            villageGroupStart = new int[in.villages + 1];
            for (int g = 0; g < groups; g++) {
                if (groupCadreStart[g + 1] > groupCadreStart[g]) {
                    for (int i = groupVillageStart[g]; i < groupVillageStart[g + 1]; i++) {
                        villageGroupStart[groupVillages[i] + 1]++;
                    }
                }
            }
            for (int v = 0; v < in.villages; v++) {
                villageGroupStart[v + 1] += villageGroupStart[v];
            }
            villageGroups = new int[villageGroupStart[in.villages]];
            fill = Arrays.copyOf(villageGroupStart, in.villages);
            for (int g = 0; g < groups; g++) {
                if (groupCadreStart[g + 1] > groupCadreStart[g]) {
                    for (int i = groupVillageStart[g]; i < groupVillageStart[g + 1]; i++) {
                        villageGroups[fill[groupVillages[i]]++] = g;
                    }
                }
            }
        }

        int groupNeed(int g) {
            int sum = 0;
            for (int i = groupCadreStart[g]; i < groupCadreStart[g + 1]; i++) {
                sum += need[groupCadres[i]];
            }
            return sum;
        }

        int groupCadresInNeed(int g) {
            int n = 0;
            for (int i = groupCadreStart[g]; i < groupCadreStart[g + 1]; i++) {
                if (need[groupCadres[i]] > 0) {
                    n++;
                }
            }
            return n;
        }

        boolean isLeaderGroup(int g) {
            return g >= in.units;
        }

        /** Groups whose cadres need pairings but that link no village. */
        void noVillage() {
            for (int g = 0; g < groups; g++) {
                if (groupVillageStart[g + 1] > groupVillageStart[g]) {
                    continue;
                }
                int needed = groupNeed(g);
                if (needed == 0) {
                    continue;
                }
                groupReported[g] = true;
                Map<String, Integer> f = new LinkedHashMap<>();
                if (isLeaderGroup(g)) {
                    f.put("pairingsNeeded", needed);
                    shortfalls.add(new Shortfall(RULE_LEADER_NO_VILLAGE, new int[0],
                            new int[] { leaderCadre[g - in.units] }, -1, f));
                } else {
                    f.put("cadres", groupCadresInNeed(g));
                    f.put("pairingsNeeded", needed);
                    shortfalls.add(new Shortfall(RULE_UNIT_NO_VILLAGE, new int[] { g }, new int[0], -1, f));
                }
            }
        }

        /**
         * Max-flow from groups to villages for the cadres' minimums, then each group's flow split over its
         * cadres. Returns per village the list of requests {cadre, count, cadre, count, …}.
         */
        int[][] flowAndDistribute() {
            // nodes: 0 source, 1 sink, 2.. groups in need with villages, then villages
            int[] groupNode = new int[groups];
            Arrays.fill(groupNode, -1);
            int nodes = 2;
            int[] nodeGroup = new int[groups];
            for (int g = 0; g < groups; g++) {
                if (groupVillageStart[g + 1] > groupVillageStart[g] && groupNeed(g) > 0) {
                    nodeGroup[nodes - 2] = g;
                    groupNode[g] = nodes++;
                }
            }
            int groupNodes = nodes - 2;
            int[] villageNode = new int[in.villages];
            Arrays.fill(villageNode, -1);
            int[] nodeVillage = new int[in.villages];
            int villageNodes = 0;
            for (int gi = 0; gi < groupNodes; gi++) {
                int g = nodeGroup[gi];
                for (int i = groupVillageStart[g]; i < groupVillageStart[g + 1]; i++) {
                    int v = groupVillages[i];
                    if (villageNode[v] < 0) {
                        nodeVillage[villageNodes++] = v;
                        villageNode[v] = nodes++;
                    }
                }
            }
            int[][] requests = new int[in.villages][];
            if (groupNodes == 0) {
                return requests;
            }
            MaxFlow flow = new MaxFlow(nodes, groupNodes * 2 + groupVillageStart[groups] + villageNodes);
            int[] sourceEdge = new int[groupNodes];
            long totalNeed = 0;
            int[] groupEdgeStart = new int[groupNodes + 1];
            IntList groupEdges = new IntList();
            for (int gi = 0; gi < groupNodes; gi++) {
                int g = nodeGroup[gi];
                int gNeed = groupNeed(g);
                totalNeed += gNeed;
                sourceEdge[gi] = flow.add(0, groupNode[g], gNeed);
                for (int i = groupVillageStart[g]; i < groupVillageStart[g + 1]; i++) {
                    int v = groupVillages[i];
                    groupEdges.add(flow.add(groupNode[g], villageNode[v], linkCapacity(g, v, gNeed)));
                }
                groupEdgeStart[gi + 1] = groupEdges.size;
            }
            int[] cap = new int[villageNodes];
            int[] uncovered = new int[villageNodes];
            int[] sinkEdge = new int[villageNodes];
            for (int vi = 0; vi < villageNodes; vi++) {
                int v = nodeVillage[vi];
                for (int i = villageHouseholdStart[v]; i < villageHouseholdStart[v + 1]; i++) {
                    int h = villageHouseholds[i];
                    cap[vi] += Math.max(0, max - load[h]);
                    if (load[h] == 0 && in.householdMustCover[h]) {
                        uncovered[vi]++;
                    }
                }
                sinkEdge[vi] = flow.add(villageNode[v], 1, Math.min(uncovered[vi], cap[vi]));
            }
            flow.run(0, 1);
            for (int vi = 0; vi < villageNodes; vi++) {
                flow.raise(sinkEdge[vi], cap[vi]);
            }
            flow.run(0, 1);
            long carried = 0;
            for (int gi = 0; gi < groupNodes; gi++) {
                carried += flow.flow(sourceEdge[gi]);
            }
            if (carried < totalNeed) {
                reportCut(flow, groupNodes, nodeGroup, groupNode, sourceEdge, groupEdgeStart, groupEdges);
            }
            // split each group's flow over its cadres, village by village
            IntList[] perVillage = new IntList[in.villages];
            for (int gi = 0; gi < groupNodes; gi++) {
                int g = nodeGroup[gi];
                distribute(g, flow, groupEdges, groupEdgeStart[gi], perVillage);
            }
            for (int v = 0; v < in.villages; v++) {
                if (perVillage[v] != null) {
                    requests[v] = perVillage[v].toArray();
                }
            }
            return requests;
        }

        /**
         * What a group's cadres can take in a village: a leader each household with a free place once; a
         * unit, for each cadre in need, at most that many households.
         */
        int linkCapacity(int g, int v, int gNeed) {
            if (isLeaderGroup(g)) {
                int c = leaderCadre[g - in.units];
                int n = 0;
                for (int i = villageHouseholdStart[v]; i < villageHouseholdStart[v + 1]; i++) {
                    int h = villageHouseholds[i];
                    if (load[h] < max && !in.existingPair(c, h)) {
                        n++;
                    }
                }
                return Math.min(n, gNeed);
            }
            long sum = 0;
            for (int i = groupCadreStart[g]; i < groupCadreStart[g + 1]; i++) {
                sum += Math.min(need[groupCadres[i]], hfree[v]);
                if (sum >= gNeed) {
                    return gNeed;
                }
            }
            return (int) sum;
        }

        /** The min cut of an incomplete flow: one shortfall per connected set of groups and villages at fault. */
        void reportCut(MaxFlow flow, int groupNodes, int[] nodeGroup, int[] groupNode, int[] sourceEdge,
                int[] groupEdgeStart, IntList groupEdges) {
            boolean[] reach = flow.reachable(0);
            // union-find over reached groups and villages joined by a link
            int[] parent = new int[flow.nodes];
            for (int i = 0; i < parent.length; i++) {
                parent[i] = i;
            }
            for (int gi = 0; gi < groupNodes; gi++) {
                int gn = groupNode[nodeGroup[gi]];
                if (!reach[gn]) {
                    continue;
                }
                for (int k = groupEdgeStart[gi]; k < groupEdgeStart[gi + 1]; k++) {
                    int vn = flow.to[groupEdges.get(k)];
                    if (reach[vn]) {
                        union(parent, gn, vn);
                    }
                }
            }
            boolean[] counted = new boolean[in.villages];
            // components in order of their first group
            Map<Integer, List<Integer>> components = new LinkedHashMap<>();
            for (int gi = 0; gi < groupNodes; gi++) {
                int gn = groupNode[nodeGroup[gi]];
                if (reach[gn]) {
                    components.computeIfAbsent(find(parent, gn), k -> new ArrayList<>()).add(gi);
                }
            }
            for (Map.Entry<Integer, List<Integer>> comp : components.entrySet()) {
                int root = comp.getKey();
                long needed = 0;
                long allowed = 0;
                int cadres = 0;
                IntList units = new IntList();
                IntList leaders = new IntList();
                for (int gi : comp.getValue()) {
                    int g = nodeGroup[gi];
                    needed += groupNeed(g);
                    allowed += flow.flow(sourceEdge[gi]);
                    cadres += groupCadresInNeed(g);
                    groupReported[g] = true;
                    if (isLeaderGroup(g)) {
                        leaders.add(leaderCadre[g - in.units]);
                    } else {
                        units.add(g);
                    }
                }
                if (needed == allowed) {
                    continue;
                }
                // the component's villages: every village its groups link
                int villages = 0;
                int households = 0;
                for (int gi : comp.getValue()) {
                    int g = nodeGroup[gi];
                    for (int i = groupVillageStart[g]; i < groupVillageStart[g + 1]; i++) {
                        int v = groupVillages[i];
                        if (!counted[v]) {
                            counted[v] = true;
                            villages++;
                            households += villageHouseholdStart[v + 1] - villageHouseholdStart[v];
                        }
                    }
                }
                Map<String, Integer> f = new LinkedHashMap<>();
                f.put("villages", villages);
                f.put("households", households);
                f.put("cadres", cadres);
                f.put("pairingsNeeded", (int) needed);
                f.put("pairingsAllowed", (int) allowed);
                f.put("short", (int) (needed - allowed));
                f.put("maxCadresPerHousehold", max);
                shortfalls.add(new Shortfall(RULE_HOUSEHOLD_MAXIMUM, units.toArray(), leaders.toArray(), -1, f));
            }
        }

        /** Splits a group's flow over its cadres: most need first, one village's share before the next. */
        void distribute(int g, MaxFlow flow, IntList groupEdges, int edgeStart, IntList[] perVillage) {
            int n = groupCadreStart[g + 1] - groupCadreStart[g];
            Integer[] order = new Integer[n];
            int k = 0;
            for (int i = groupCadreStart[g]; i < groupCadreStart[g + 1]; i++) {
                if (need[groupCadres[i]] > 0) {
                    order[k++] = groupCadres[i];
                }
            }
            Integer[] inNeed = Arrays.copyOf(order, k);
            Arrays.sort(inNeed, (a, b) -> need[a] != need[b] ? Integer.compare(need[b], need[a]) : Integer.compare(a, b));
            int[] rem = new int[inNeed.length];
            for (int i = 0; i < inNeed.length; i++) {
                rem[i] = need[inNeed[i]];
            }
            // queue of cadre positions still in need; carried-over cadres first
            int[] queue = new int[inNeed.length];
            int qn = 0;
            for (int i = 0; i < inNeed.length; i++) {
                queue[qn++] = i;
            }
            int[] next = new int[inNeed.length];
            int e = edgeStart;
            for (int i = groupVillageStart[g]; i < groupVillageStart[g + 1]; i++, e++) {
                int v = groupVillages[i];
                int quota = flow.flow(groupEdges.get(e));
                if (quota == 0) {
                    continue;
                }
                int nn = 0;
                int qi = 0;
                while (qi < qn && quota > 0) {
                    int p = queue[qi++];
                    int take = Math.min(Math.min(rem[p], quota), hfree[v]);
                    if (take > 0) {
                        if (perVillage[v] == null) {
                            perVillage[v] = new IntList();
                        }
                        perVillage[v].add(inNeed[p]);
                        perVillage[v].add(take);
                        rem[p] -= take;
                        quota -= take;
                    }
                    if (rem[p] > 0) {
                        next[nn++] = p;
                    }
                }
                while (qi < qn) {
                    next[nn++] = queue[qi++];
                }
                int[] t = queue;
                queue = next;
                next = t;
                qn = nn;
            }
        }

        /** Inside each village: each cadre takes the least loaded households it is not paired with. */
        void placeRequests(int[][] requests) {
            IntHeap heap = new IntHeap(16, (a, b) -> load[a] != load[b] ? Integer.compare(load[a], load[b])
                    : Integer.compare(a, b));
            int[] held = new int[16];
            for (int v = 0; v < in.villages; v++) {
                int[] r = requests[v];
                if (r == null) {
                    continue;
                }
                int pairsInRequest = r.length / 2;
                Integer[] order = new Integer[pairsInRequest];
                for (int i = 0; i < pairsInRequest; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> r[2 * a + 1] != r[2 * b + 1] ? Integer.compare(r[2 * b + 1], r[2 * a + 1])
                        : Integer.compare(r[2 * a], r[2 * b]));
                heap.clear();
                for (int i = villageHouseholdStart[v]; i < villageHouseholdStart[v + 1]; i++) {
                    int h = villageHouseholds[i];
                    if (load[h] < max) {
                        heap.push(h);
                    }
                }
                for (int idx : order) {
                    int c = r[2 * idx];
                    int want = r[2 * idx + 1];
                    int heldCount = 0;
                    int got = 0;
                    while (got < want && !heap.isEmpty()) {
                        int h = heap.pop();
                        if (heldCount == held.length) {
                            held = Arrays.copyOf(held, held.length * 2);
                        }
                        held[heldCount++] = h;
                        if (in.existingPair(c, h) || newPair(c, h)) {
                            continue;
                        }
                        propose(c, h);
                        got++;
                    }
                    for (int i = 0; i < heldCount; i++) {
                        if (load[held[i]] < max) {
                            heap.push(held[i]);
                        }
                    }
                }
            }
        }

        boolean newPair(int c, int h) {
            for (int i = firstOfCadre[c]; i >= 0; i = nextOfCadre[i]) {
                if (ph[i] == h) {
                    return true;
                }
            }
            return false;
        }

        boolean newInVillage(int c, int v) {
            for (int i = firstOfCadre[c]; i >= 0; i = nextOfCadre[i]) {
                if (in.householdVillage[ph[i]] == v) {
                    return true;
                }
            }
            return false;
        }

        void propose(int c, int h) {
            if (count == pc.length) {
                int n = pc.length * 2;
                pc = Arrays.copyOf(pc, n);
                ph = Arrays.copyOf(ph, n);
                nextOfCadre = Arrays.copyOf(nextOfCadre, n);
            }
            pc[count] = c;
            ph[count] = h;
            nextOfCadre[count] = firstOfCadre[c];
            firstOfCadre[c] = count;
            count++;
            if (load[h]++ == max - 1) {
                hfree[in.householdVillage[h]]--;
            }
            if (need[c] > 0) {
                need[c]--;
            }
            total[c]++;
        }

        /**
         * Cadres still below their minimum (a village share they could not fill with distinct households):
         * any household with a free place in their group's villages, least loaded first.
         */
        void leftovers() {
            int[] shortCadres = new int[groups];
            int[] shortPairings = new int[groups];
            for (int c = 0; c < in.cadres; c++) {
                if (need[c] == 0) {
                    continue;
                }
                int g = cadreGroup[c];
                for (int i = groupVillageStart[g]; i < groupVillageStart[g + 1] && need[c] > 0; i++) {
                    int v = groupVillages[i];
                    while (need[c] > 0 && hfree[v] > 0) {
                        int best = -1;
                        for (int k = villageHouseholdStart[v]; k < villageHouseholdStart[v + 1]; k++) {
                            int h = villageHouseholds[k];
                            if (load[h] < max && (best < 0 || load[h] < load[best]) && !in.existingPair(c, h)
                                    && !newPair(c, h)) {
                                best = h;
                            }
                        }
                        if (best < 0) {
                            break;
                        }
                        propose(c, best);
                    }
                }
                if (need[c] > 0 && !groupReported[g]) {
                    shortCadres[g]++;
                    shortPairings[g] += need[c];
                }
            }
            for (int g = 0; g < groups; g++) {
                if (shortCadres[g] == 0) {
                    continue;
                }
                Map<String, Integer> f = new LinkedHashMap<>();
                f.put("cadres", shortCadres[g]);
                f.put("short", shortPairings[g]);
                f.put("maxCadresPerHousehold", max);
                boolean leader = isLeaderGroup(g);
                shortfalls.add(new Shortfall(RULE_NO_HOUSEHOLD_LEFT, leader ? new int[0] : new int[] { g },
                        leader ? new int[] { leaderCadre[g - in.units] } : new int[0], -1, f));
            }
        }

        /** Households still without a cadre get one from a group linking their village. */
        void cover() {
            IntList candidates = new IntList();
            for (int v = 0; v < in.villages; v++) {
                int firstUncovered = -1;
                int uncovered = 0;
                for (int i = villageHouseholdStart[v]; i < villageHouseholdStart[v + 1]; i++) {
                    int h = villageHouseholds[i];
                    if (load[h] == 0 && in.householdMustCover[h]) {
                        if (firstUncovered < 0) {
                            firstUncovered = i;
                        }
                        uncovered++;
                    }
                }
                if (uncovered == 0) {
                    continue;
                }
                candidates.clear();
                for (int i = villageGroupStart[v]; i < villageGroupStart[v + 1]; i++) {
                    int g = villageGroups[i];
                    for (int k = groupCadreStart[g]; k < groupCadreStart[g + 1]; k++) {
                        candidates.add(groupCadres[k]);
                    }
                }
                if (candidates.size == 0) {
                    Map<String, Integer> f = new LinkedHashMap<>();
                    f.put("households", uncovered);
                    shortfalls.add(new Shortfall(RULE_VILLAGE_UNCOVERED, linkingUnits(v), new int[0], v, f));
                    continue;
                }
                final int village = v;
                boolean[] inVillage = new boolean[candidates.size];
                int[] cand = candidates.toArray();
                for (int i = 0; i < cand.length; i++) {
                    inVillage[i] = newInVillage(cand[i], village);
                }
                // heap over candidate positions: fewest pairings, then already in the village, unit before leader
                IntHeap heap = new IntHeap(cand.length, (a, b) -> {
                    int ca = cand[a];
                    int cb = cand[b];
                    if (total[ca] != total[cb]) {
                        return Integer.compare(total[ca], total[cb]);
                    }
                    if (inVillage[a] != inVillage[b]) {
                        return inVillage[a] ? -1 : 1;
                    }
                    if (in.cadreLeader[ca] != in.cadreLeader[cb]) {
                        return in.cadreLeader[ca] ? 1 : -1;
                    }
                    return Integer.compare(ca, cb);
                });
                for (int i = 0; i < cand.length; i++) {
                    heap.push(i);
                }
                for (int i = firstUncovered; i < villageHouseholdStart[v + 1]; i++) {
                    int h = villageHouseholds[i];
                    if (load[h] != 0 || !in.householdMustCover[h]) {
                        continue;
                    }
                    int p = heap.pop();
                    propose(cand[p], h);
                    inVillage[p] = true;
                    heap.push(p);
                }
            }
        }

        /** Units linking a village (with or without active cadres), for the message. */
        int[] linkingUnits(int v) {
            if (villageUnitStart == null) {
                villageUnitStart = new int[in.villages + 1];
                for (int x : in.unitVillages) {
                    villageUnitStart[x + 1]++;
                }
                for (int x = 0; x < in.villages; x++) {
                    villageUnitStart[x + 1] += villageUnitStart[x];
                }
                villageUnits = new int[in.unitVillages.length];
                int[] fill = Arrays.copyOf(villageUnitStart, in.villages);
                for (int unit = 0; unit < in.units; unit++) {
                    for (int i = in.unitVillageStart[unit]; i < in.unitVillageStart[unit + 1]; i++) {
                        villageUnits[fill[in.unitVillages[i]]++] = unit;
                    }
                }
            }
            return Arrays.copyOfRange(villageUnits, villageUnitStart[v], villageUnitStart[v + 1]);
        }

        Result finish(int belowBefore, int inScope, int alreadyCovered) {
            // primary: the first new pairing of a household without one
            boolean[] primary = new boolean[count];
            boolean[] hasPrimary = Arrays.copyOf(in.householdHasPrimary, in.households);
            for (int i = 0; i < count; i++) {
                if (!hasPrimary[ph[i]]) {
                    primary[i] = true;
                    hasPrimary[ph[i]] = true;
                }
            }
            // present by village, household, decision order
            if (count >= (1 << 22) || in.households >= (1 << 22) || in.villages >= (1 << 19)) {
                throw new IllegalStateException("plan too large to order");
            }
            long[] keys = new long[count];
            for (int i = 0; i < count; i++) {
                keys[i] = ((long) in.householdVillage[ph[i]] << 44) | ((long) ph[i] << 22) | i;
            }
            Arrays.sort(keys);
            int[] cadre = new int[count];
            int[] household = new int[count];
            boolean[] prim = new boolean[count];
            int[] proposed = new int[in.cadres];
            for (int k = 0; k < count; k++) {
                int i = (int) (keys[k] & ((1 << 22) - 1));
                cadre[k] = pc[i];
                household[k] = ph[i];
                prim[k] = primary[i];
                proposed[pc[i]]++;
            }
            int coveredAfter = 0;
            for (int h = 0; h < in.households; h++) {
                if (in.householdMustCover[h] && load[h] > 0) {
                    coveredAfter++;
                }
            }
            int belowAfter = 0;
            for (int c = 0; c < in.cadres; c++) {
                if (need[c] > 0) {
                    belowAfter++;
                }
            }
            List<Shortfall> ordered = new ArrayList<>(shortfalls);
            return new Result(count, cadre, household, prim, Collections.unmodifiableList(ordered), proposed, inScope,
                    alreadyCovered, coveredAfter, belowBefore, belowAfter);
        }
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            if (ra < rb) {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
    }

    /** Dinic's max-flow on int arrays, with an iterative depth-first search. */
    static final class MaxFlow {
        final int nodes;
        final int[] head;
        int[] next;
        int[] to;
        int[] cap;
        int[] orig;
        int edges;
        private final int[] level;
        private final int[] it;

        MaxFlow(int nodes, int expectedEdges) {
            this.nodes = nodes;
            head = new int[nodes];
            Arrays.fill(head, -1);
            int n = Math.max(4, expectedEdges * 2);
            next = new int[n];
            to = new int[n];
            cap = new int[n];
            orig = new int[n];
            level = new int[nodes];
            it = new int[nodes];
        }

        /** Adds an edge; returns its index. */
        int add(int u, int v, int c) {
            if (edges + 2 > to.length) {
                int n = to.length * 2;
                next = Arrays.copyOf(next, n);
                to = Arrays.copyOf(to, n);
                cap = Arrays.copyOf(cap, n);
                orig = Arrays.copyOf(orig, n);
            }
            int e = edges;
            to[e] = v;
            cap[e] = c;
            orig[e] = c;
            next[e] = head[u];
            head[u] = e;
            to[e + 1] = u;
            cap[e + 1] = 0;
            orig[e + 1] = 0;
            next[e + 1] = head[v];
            head[v] = e + 1;
            edges += 2;
            return e;
        }

        /** Raises an edge's capacity, keeping its flow. */
        void raise(int e, int c) {
            int f = orig[e] - cap[e];
            orig[e] = c;
            cap[e] = c - f;
        }

        /** Flow on an edge. */
        int flow(int e) {
            return orig[e] - cap[e];
        }

        /** Augments until no path is left; returns the flow added. */
        long run(int s, int t) {
            long total = 0;
            int[] pathEdge = new int[nodes];
            while (bfs(s, t)) {
                System.arraycopy(head, 0, it, 0, nodes);
                int depth = 0;
                int u = s;
                while (true) {
                    if (u == t) {
                        int bottleneck = Integer.MAX_VALUE;
                        for (int i = 0; i < depth; i++) {
                            bottleneck = Math.min(bottleneck, cap[pathEdge[i]]);
                        }
                        int retreat = depth;
                        for (int i = depth - 1; i >= 0; i--) {
                            int e = pathEdge[i];
                            cap[e] -= bottleneck;
                            cap[e ^ 1] += bottleneck;
                            if (cap[e] == 0) {
                                retreat = i;
                            }
                        }
                        total += bottleneck;
                        depth = retreat;
                        u = depth == 0 ? s : to[pathEdge[depth - 1]];
                        continue;
                    }
                    int e = it[u];
                    while (e >= 0 && (cap[e] == 0 || level[to[e]] != level[u] + 1)) {
                        e = next[e];
                    }
                    it[u] = e;
                    if (e >= 0) {
                        pathEdge[depth++] = e;
                        u = to[e];
                    } else {
                        if (u == s) {
                            break;
                        }
                        level[u] = -1;
                        depth--;
                        u = depth == 0 ? s : to[pathEdge[depth - 1]];
                        it[u] = next[it[u]];
                    }
                }
            }
            return total;
        }

        private boolean bfs(int s, int t) {
            Arrays.fill(level, -1);
            int[] queue = new int[nodes];
            int qh = 0;
            int qt = 0;
            queue[qt++] = s;
            level[s] = 0;
            while (qh < qt) {
                int u = queue[qh++];
                for (int e = head[u]; e >= 0; e = next[e]) {
                    if (cap[e] > 0 && level[to[e]] < 0) {
                        level[to[e]] = level[u] + 1;
                        queue[qt++] = to[e];
                    }
                }
            }
            return level[t] >= 0;
        }

        /** Nodes reachable from s in the residual graph (the source side of a minimum cut). */
        boolean[] reachable(int s) {
            boolean[] seen = new boolean[nodes];
            int[] queue = new int[nodes];
            int qh = 0;
            int qt = 0;
            queue[qt++] = s;
            seen[s] = true;
            while (qh < qt) {
                int u = queue[qh++];
                for (int e = head[u]; e >= 0; e = next[e]) {
                    if (cap[e] > 0 && !seen[to[e]]) {
                        seen[to[e]] = true;
                        queue[qt++] = to[e];
                    }
                }
            }
            return seen;
        }
    }

    /** A growable int array. */
    static final class IntList {
        int[] a = new int[8];
        int size;

        void add(int x) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = x;
        }

        int get(int i) {
            return a[i];
        }

        void set(int i, int x) {
            a[i] = x;
        }

        void clear() {
            size = 0;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    /** Compares two ints. */
    interface IntComparator {
        int compare(int a, int b);
    }

    /** A binary min-heap of ints under a comparator. */
    static final class IntHeap {
        private int[] a;
        private int size;
        private final IntComparator cmp;

        IntHeap(int capacity, IntComparator cmp) {
            a = new int[Math.max(4, capacity)];
            this.cmp = cmp;
        }

        void clear() {
            size = 0;
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(int x) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (cmp.compare(x, a[p]) >= 0) {
                    break;
                }
                a[i] = a[p];
                i = p;
            }
            a[i] = x;
        }

        int pop() {
            int top = a[0];
            int x = a[--size];
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                int right = child + 1;
                if (right < size && cmp.compare(a[right], a[child]) < 0) {
                    child = right;
                }
                if (cmp.compare(x, a[child]) <= 0) {
                    break;
                }
                a[i] = a[child];
                i = child;
            }
            if (size > 0) {
                a[i] = x;
            }
            return top;
        }
    }
}
