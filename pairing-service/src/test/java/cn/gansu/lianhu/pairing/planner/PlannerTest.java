package cn.gansu.lianhu.pairing.planner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.pairing.service.Planner;
import cn.gansu.lianhu.pairing.service.Planner.Builder;
import cn.gansu.lianhu.pairing.service.Planner.Input;
import cn.gansu.lianhu.pairing.service.Planner.Result;
import cn.gansu.lianhu.pairing.service.Planner.Shortfall;

/** The planner's algorithm on small hand-made inputs: exact pairings, figures and shortfalls. */
class PlannerTest {
    static final int PB = 3; // PREFECTURE_BUREAU
    static final int CD = 2; // COUNTY_DIVISION
    static final int OT = 1; // OTHER
    static final int PL = 5; // PROVINCIAL_LEADER

    @Test
    void aUnitCoversEveryHouseholdAndEveryCadreReachesItsMinimumExactly() {
        Builder b = new Builder(3);
        int u = b.unit();
        int v0 = b.village();
        int v1 = b.village();
        b.link(u, v0).link(u, v1);
        for (int i = 0; i < 4; i++) {
            b.household(v0, 0, false, true);
        }
        for (int i = 0; i < 3; i++) {
            b.household(v1, 0, false, true);
        }
        int[] mins = { PB, CD, CD, OT, OT, OT };
        for (int m : mins) {
            b.cadre(u, m, 0, false);
        }
        Input in = b.build();
        Result r = Planner.plan(in);

        assertTrue(r.feasible(), r.shortfalls.toString());
        assertEquals(10, r.size); // 3 + 2 + 2 + 1 + 1 + 1 ≥ 7 households: no extra pairing
        assertArrayEquals(mins, r.cadreProposed);
        assertEquals(7, r.householdsInScope);
        assertEquals(0, r.householdsAlreadyCovered);
        assertEquals(7, r.householdsCoveredAfter);
        assertEquals(6, r.cadresBelowMinimum);
        assertEquals(0, r.cadresBelowMinimumAfter);
        checkInvariants(in, r);
        int[] perHousehold = perHousehold(in, r);
        for (int h = 0; h < 7; h++) {
            assertTrue(perHousehold[h] >= 1 && perHousehold[h] <= 2, "spread evenly: " + perHousehold[h]);
        }
    }

    @Test
    void householdsBeyondTheMinimumsGetExtraPairingsSpreadOverTheCadres() {
        Builder b = new Builder(3);
        int u = b.unit();
        int v = b.village();
        b.link(u, v);
        for (int i = 0; i < 7; i++) {
            b.household(v, 0, false, true);
        }
        b.cadre(u, OT, 0, false);
        b.cadre(u, OT, 0, false);
        Input in = b.build();
        Result r = Planner.plan(in);

        assertTrue(r.feasible());
        assertEquals(7, r.size);
        assertArrayEquals(new int[] { 4, 3 }, r.cadreProposed);
        checkInvariants(in, r);
    }

    @Test
    void existingPairingsCountForBothSidesAndAreNotRepeated() {
        Builder b = new Builder(3);
        int u = b.unit();
        int v = b.village();
        b.link(u, v);
        b.household(v, 3, true, true); // already at the maximum
        int one = b.household(v, 1, true, true); // covered, one cadre
        int none = b.household(v, 0, false, true);
        int none2 = b.household(v, 0, false, true);
        int c0 = b.cadre(u, PB, 1, false); // paired with `one` already: needs 2 more
        int c1 = b.cadre(u, CD, 2, false); // at its minimum
        b.existingPair(c0, one);
        Input in = b.build();
        Result r = Planner.plan(in);

        assertTrue(r.feasible(), r.shortfalls.toString());
        assertEquals(2, r.size);
        assertArrayEquals(new int[] { 2, 0 }, r.cadreProposed);
        assertEquals(4, r.householdsInScope);
        assertEquals(2, r.householdsAlreadyCovered);
        assertEquals(1, r.cadresBelowMinimum);
        assertEquals(Set.of(none, none2), households(r, c0));
        assertEquals(Set.of(), households(r, c1));
        assertArrayEquals(new boolean[] { true, true }, r.primary);
        checkInvariants(in, r);
    }

    @Test
    void aCadreThatHasEveryHouseholdAlreadyIsReportedAsHavingNoHouseholdLeft() {
        Builder b = new Builder(3);
        int u = b.unit();
        int v = b.village();
        b.link(u, v);
        int h0 = b.household(v, 1, true, true);
        int h1 = b.household(v, 1, true, true);
        int c = b.cadre(u, PB, 2, false);
        b.existingPair(c, h0).existingPair(c, h1);
        Result r = Planner.plan(b.build());

        assertFalse(r.feasible());
        assertEquals(0, r.size);
        assertEquals(1, r.shortfalls.size());
        Shortfall s = r.shortfalls.get(0);
        assertEquals(Planner.RULE_NO_HOUSEHOLD_LEFT, s.rule());
        assertArrayEquals(new int[] { u }, s.units());
        assertEquals(figures("cadres", 1, "short", 1, "maxCadresPerHousehold", 3), s.figures());
    }

    @Test
    void tooFewHouseholdsForTheMinimumsNamesTheUnitAndTheFigures() {
        Builder b = new Builder(3);
        int u = b.unit();
        int v = b.village();
        b.link(u, v);
        for (int i = 0; i < 4; i++) {
            b.household(v, 0, false, true);
        }
        for (int i = 0; i < 5; i++) {
            b.cadre(u, PB, 0, false);
        }
        Input in = b.build();
        Result r = Planner.plan(in);

        assertFalse(r.feasible());
        assertEquals(1, r.shortfalls.size());
        Shortfall s = r.shortfalls.get(0);
        assertEquals(Planner.RULE_HOUSEHOLD_MAXIMUM, s.rule());
        assertArrayEquals(new int[] { u }, s.units());
        assertArrayEquals(new int[0], s.leaders());
        assertEquals(figures("villages", 1, "households", 4, "cadres", 5, "pairingsNeeded", 15, "pairingsAllowed", 12,
                "short", 3, "maxCadresPerHousehold", 3), s.figures());
        // the best partial plan: every household full, 12 pairings
        assertEquals(12, r.size);
        checkInvariants(in, r);
    }

    @Test
    void aVillageNobodyLinksAndAUnitWithoutVillagesAreBothReported() {
        Builder b = new Builder(3);
        int linked = b.unit();
        int lonely = b.unit();
        int idle = b.unit();
        int v0 = b.village();
        int v1 = b.village();
        int v2 = b.village();
        b.link(linked, v0).link(idle, v2);
        b.household(v0, 0, false, true);
        b.household(v1, 0, false, true);
        b.household(v1, 0, false, true);
        b.household(v2, 0, false, true);
        b.cadre(linked, OT, 0, false);
        b.cadre(lonely, CD, 0, false);
        b.cadre(lonely, OT, 0, false);
        Result r = Planner.plan(b.build());

        assertFalse(r.feasible());
        assertEquals(3, r.shortfalls.size(), r.shortfalls.toString());
        Shortfall noVillage = r.shortfalls.get(0);
        assertEquals(Planner.RULE_UNIT_NO_VILLAGE, noVillage.rule());
        assertArrayEquals(new int[] { lonely }, noVillage.units());
        assertEquals(figures("cadres", 2, "pairingsNeeded", 3), noVillage.figures());
        Shortfall unlinked = r.shortfalls.get(1);
        assertEquals(Planner.RULE_VILLAGE_UNCOVERED, unlinked.rule());
        assertEquals(v1, unlinked.village());
        assertArrayEquals(new int[0], unlinked.units());
        assertEquals(figures("households", 2), unlinked.figures());
        Shortfall noCadre = r.shortfalls.get(2);
        assertEquals(Planner.RULE_VILLAGE_UNCOVERED, noCadre.rule());
        assertEquals(v2, noCadre.village());
        assertArrayEquals(new int[] { idle }, noCadre.units());
        assertEquals(1, r.size);
        assertEquals(1, r.householdsCoveredAfter);
    }

    @Test
    void aLeaderIsPlannedOnlyInOwnVillagesWhichNeedNotBeCovered() {
        Builder b = new Builder(3);
        int u = b.unit();
        int unitVillage = b.village();
        int leaderVillage = b.village();
        b.link(u, unitVillage);
        for (int i = 0; i < 2; i++) {
            b.household(unitVillage, 0, false, true);
        }
        for (int i = 0; i < 7; i++) {
            b.household(leaderVillage, 0, false, false);
        }
        int cadre = b.cadre(u, OT, 0, false);
        int leader = b.cadre(u, PL, 0, true);
        b.leaderVillage(leader, leaderVillage);
        Input in = b.build();
        Result r = Planner.plan(in);

        assertTrue(r.feasible(), r.shortfalls.toString());
        assertEquals(7, r.size); // leader 5, cadre 2 (covers both households of its village)
        assertEquals(5, r.cadreProposed[leader]);
        assertEquals(2, r.cadreProposed[cadre]);
        for (int i = 0; i < r.size; i++) {
            int village = in.householdVillage(r.household[i]);
            assertEquals(r.cadre[i] == leader ? leaderVillage : unitVillage, village);
        }
        checkInvariants(in, r);
    }

    @Test
    void aLeaderWithTooSmallAVillageIsShortByTheMissingHouseholds() {
        Builder b = new Builder(3);
        int u = b.unit();
        int v = b.village();
        for (int i = 0; i < 3; i++) {
            b.household(v, 0, false, false);
        }
        int leader = b.cadre(u, PL, 0, true);
        b.leaderVillage(leader, v);
        int idleLeader = b.cadre(u, PL, 0, true);
        Result r = Planner.plan(b.build());

        assertEquals(2, r.shortfalls.size(), r.shortfalls.toString());
        assertEquals(Planner.RULE_LEADER_NO_VILLAGE, r.shortfalls.get(0).rule());
        assertArrayEquals(new int[] { idleLeader }, r.shortfalls.get(0).leaders());
        assertEquals(figures("pairingsNeeded", 5), r.shortfalls.get(0).figures());
        Shortfall s = r.shortfalls.get(1);
        assertEquals(Planner.RULE_HOUSEHOLD_MAXIMUM, s.rule());
        assertArrayEquals(new int[] { leader }, s.leaders());
        assertEquals(figures("villages", 1, "households", 3, "cadres", 1, "pairingsNeeded", 5, "pairingsAllowed", 3,
                "short", 2, "maxCadresPerHousehold", 3), s.figures());
        assertEquals(3, r.size);
    }

    @Test
    void theFlowRoutesAUnitWithAChoiceAwayFromAVillageAnotherUnitNeeds() {
        Builder b = new Builder(3);
        int a = b.unit();
        int bb = b.unit();
        int small = b.village();
        int large = b.village();
        b.link(a, small).link(bb, small).link(bb, large);
        b.household(small, 0, false, true);
        for (int i = 0; i < 3; i++) {
            b.household(large, 0, false, true);
        }
        for (int i = 0; i < 3; i++) {
            b.cadre(a, OT, 0, false);
        }
        b.cadre(bb, CD, 0, false);
        b.cadre(bb, CD, 0, false);
        Input in = b.build();
        Result r = Planner.plan(in);

        assertTrue(r.feasible(), r.shortfalls.toString());
        assertEquals(7, r.size);
        for (int i = 0; i < r.size; i++) {
            int unit = in.cadreUnit(r.cadre[i]);
            assertEquals(unit == a ? small : large, in.householdVillage(r.household[i]));
        }
        checkInvariants(in, r);
    }

    @Test
    void unitsSharingTooSmallVillagesAreReportedTogether() {
        Builder b = new Builder(2);
        int a = b.unit();
        int c = b.unit();
        int v = b.village();
        b.link(a, v).link(c, v);
        for (int i = 0; i < 3; i++) {
            b.household(v, 0, false, true);
        }
        for (int i = 0; i < 3; i++) {
            b.cadre(a, CD, 0, false);
            b.cadre(c, OT, 0, false);
        }
        Result r = Planner.plan(b.build());

        assertEquals(1, r.shortfalls.size(), r.shortfalls.toString());
        Shortfall s = r.shortfalls.get(0);
        assertEquals(Planner.RULE_HOUSEHOLD_MAXIMUM, s.rule());
        assertArrayEquals(new int[] { a, c }, s.units());
        assertEquals(figures("villages", 1, "households", 3, "cadres", 6, "pairingsNeeded", 9, "pairingsAllowed", 6,
                "short", 3, "maxCadresPerHousehold", 2), s.figures());
    }

    @Test
    void theSameInputGivesTheSamePlan() {
        Result first = Planner.plan(randomish(42).build());
        Result second = Planner.plan(randomish(42).build());
        assertEquals(first.size, second.size);
        assertArrayEquals(first.cadre, second.cadre);
        assertArrayEquals(first.household, second.household);
        assertArrayEquals(first.primary, second.primary);
    }

    @Test
    void aLargerMixedInputMeetsEveryRule() {
        Input in = randomish(7).build();
        Result r = Planner.plan(in);
        assertTrue(r.feasible(), r.shortfalls.toString());
        checkInvariants(in, r);
        assertEquals(r.householdsInScope, r.householdsCoveredAfter);
    }

    /** 40 units over 60 villages of 5–40 households, 3–20 cadres each; every village linked by two units. */
    static Builder randomish(long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        Builder b = new Builder(3);
        int villages = 60;
        for (int v = 0; v < villages; v++) {
            b.village();
            int n = 5 + rnd.nextInt(36);
            for (int i = 0; i < n; i++) {
                b.household(v, 0, false, true);
            }
        }
        for (int u = 0; u < 40; u++) {
            b.unit();
            b.link(u, (u * 3) % villages).link(u, (u * 3 + 1) % villages).link(u, (u * 3 + 2) % villages);
            int cadres = 3 + rnd.nextInt(18);
            for (int i = 0; i < cadres; i++) {
                int m = switch (rnd.nextInt(6)) {
                    case 0 -> PB;
                    case 1, 2 -> CD;
                    default -> OT;
                };
                b.cadre(u, m, 0, false);
            }
        }
        return b;
    }

    static void checkInvariants(Input in, Result r) {
        int[] per = perHousehold(in, r);
        Set<Long> pairs = new HashSet<>();
        int[] primaries = new int[in.households()];
        for (int i = 0; i < r.size; i++) {
            assertTrue(pairs.add(((long) r.cadre[i] << 32) | r.household[i]), "pair twice");
            int unit = in.cadreUnit(r.cadre[i]);
            if (r.primary[i]) {
                primaries[r.household[i]]++;
            }
            assertTrue(unitOrLeaderMayPair(in, unit, r.cadre[i], in.householdVillage(r.household[i])));
        }
        for (int h = 0; h < in.households(); h++) {
            assertTrue(in.householdLoad(h) + per[h] <= 3, "over the maximum");
            if (in.householdLoad(h) == 0 && per[h] > 0) {
                assertEquals(1, primaries[h], "exactly one primary");
            }
        }
        for (int c = 0; c < in.cadres(); c++) {
            if (r.cadresBelowMinimumAfter == 0) {
                assertTrue(r.cadreProposed[c] >= in.need(c));
            }
        }
    }

    static boolean unitOrLeaderMayPair(Input in, int unit, int cadre, int village) {
        int[] allowed = in.leader(cadre) ? in.leaderVillages(cadre) : in.unitVillages(unit);
        for (int v : allowed) {
            if (v == village) {
                return true;
            }
        }
        return false;
    }

    static int[] perHousehold(Input in, Result r) {
        int[] per = new int[in.households()];
        for (int i = 0; i < r.size; i++) {
            per[r.household[i]]++;
        }
        return per;
    }

    static Set<Integer> households(Result r, int cadre) {
        Set<Integer> s = new HashSet<>();
        for (int i = 0; i < r.size; i++) {
            if (r.cadre[i] == cadre) {
                s.add(r.household[i]);
            }
        }
        return s;
    }

    static Map<String, Integer> figures(Object... kv) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Integer) kv[i + 1]);
        }
        return m;
    }

    static List<Integer> list(int... xs) {
        return java.util.Arrays.stream(xs).boxed().toList();
    }
}
