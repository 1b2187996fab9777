package cn.gansu.lianhu.pairing.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.pairing.domain.PlanScope;

/**
 * Reads what the planner needs with plain, streamed JDBC in one read-only REPEATABLE READ snapshot (so the
 * basis and the data agree) and turns it into {@link Planner.Input} index arrays. Cadres and households are
 * numbered in id order (as PostgreSQL sorts uuids, which is unsigned order of the two longs), so an id is
 * found again by binary search without a hash map of 400,000 UUIDs; villages in code order.
 *
 * <p>Scope (issue 3 point 7):
 * <ul>
 * <li>UNIT — the unit's ACTIVE cadres; the households (IN_POVERTY or RELAPSED) of its actively linked
 * villages must be covered.</li>
 * <li>COUNTY — every unit with an active village link in the county and all its ACTIVE cadres, plus the
 * provincial leaders linked to the county; the households of the county's villages must be covered, and also
 * those of the other villages these units link (a unit is confirmed as a whole, so all its villages are
 * covered).</li>
 * <li>PROVINCE — every ACTIVE cadre, every household.</li>
 * </ul>
 * Provincial leaders are planned only onto households of their own leader-link villages; those households are
 * eligible but need not be covered unless the scope covers them anyway. Existing live (DRAFT or ACTIVE)
 * pairings count toward each cadre's minimum (wherever they are) and each household's maximum.
 */
final class PlanLoader {
    private static final int FETCH = 10_000;

    private PlanLoader() {
    }

    /** Everything loaded, with the ids behind the indexes. */
    static final class Data {
        PlanScope scope;
        UUID scopeUnit;
        String scopeCounty;
        long basis;
        // units: every stored unit, in id order
        UUID[] unitIds;
        String[] unitNames;
        boolean[] unitConfirmed;
        boolean[] unitInScope;
        int[] unitVillageCount;
        // cadres in scope, in id order
        long[] cadreMsb;
        long[] cadreLsb;
        // villages, in code order
        String[] villageCodes;
        // households, in id order
        long[] householdMsb;
        long[] householdLsb;
        long existingPairings;
        Planner.Input input;
        /** Time per loading phase, for the log. */
        final Phases phases = new Phases();

        UUID cadreId(int c) {
            return new UUID(cadreMsb[c], cadreLsb[c]);
        }

        UUID householdId(int h) {
            return new UUID(householdMsb[h], householdLsb[h]);
        }
    }

    static Data load(Connection c, PlanScope scope, UUID unitId, String county, LinkingRules rules)
            throws SQLException {
        Data d = new Data();
        Phases t = d.phases;
        try (Statement st = c.createStatement()) {
            st.execute("set local work_mem = '64MB'"); // sort 400,000 ids in memory, not on disk
        }
        d.scope = scope;
        d.scopeUnit = unitId;
        d.scopeCounty = county;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select coalesce(max(id), 0) from pairing_change")) {
            rs.next();
            d.basis = rs.getLong(1);
        }
        // units
        List<UUID> unitIds = new ArrayList<>();
        List<String> unitNames = new ArrayList<>();
        List<Boolean> confirmed = new ArrayList<>();
        Map<UUID, Integer> unitIndex = new HashMap<>();
        try (PreparedStatement ps = binary(c.prepareStatement(
                "select id, name, pairings_confirmed_at is not null from unit order by id"))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    unitIndex.put(id, unitIds.size());
                    unitIds.add(id);
                    unitNames.add(rs.getString(2));
                    confirmed.add(rs.getBoolean(3));
                }
            }
        }
        int units = unitIds.size();
        t.end("units");
        d.unitIds = unitIds.toArray(new UUID[0]);
        d.unitNames = unitNames.toArray(new String[0]);
        d.unitConfirmed = new boolean[units];
        for (int u = 0; u < units; u++) {
            d.unitConfirmed[u] = confirmed.get(u);
        }
        d.unitInScope = new boolean[units];
        d.unitVillageCount = new int[units];
        // active village links
        Planner.IntList linkUnit = new Planner.IntList();
        List<String> linkVillage = new ArrayList<>();
        List<String> linkCounty = new ArrayList<>();
        try (PreparedStatement ps = binary(c.prepareStatement(
                "select unit_id, village_code, county_code from village_link where ended_on is null "
                        + "order by unit_id, village_code"))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer u = unitIndex.get(rs.getObject(1, UUID.class));
                    if (u != null) {
                        linkUnit.add(u);
                        linkVillage.add(rs.getString(2));
                        linkCounty.add(rs.getString(3));
                    }
                }
            }
        }
        // active leader links
        Map<UUID, List<String>> leaderVillages = new HashMap<>();
        Set<UUID> leadersInCounty = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select cadre_id, village_code, county_code from leader_link where ended_on is null "
                        + "order by cadre_id, village_code")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID cadre = rs.getObject(1, UUID.class);
                    leaderVillages.computeIfAbsent(cadre, k -> new ArrayList<>()).add(rs.getString(2));
                    if (rs.getString(3).equals(county)) {
                        leadersInCounty.add(cadre);
                    }
                }
            }
        }
        t.end("links");
        // units in scope
        switch (scope) {
            case UNIT -> d.unitInScope[unitIndex.get(unitId)] = true;
            case COUNTY -> {
                for (int i = 0; i < linkUnit.size; i++) {
                    if (linkCounty.get(i).equals(county)) {
                        d.unitInScope[linkUnit.get(i)] = true;
                    }
                }
            }
            case PROVINCE -> {
                for (int i = 0; i < linkUnit.size; i++) {
                    d.unitInScope[linkUnit.get(i)] = true;
                }
            }
        }
        // cadres
        LongList cMsb = new LongList();
        LongList cLsb = new LongList();
        Planner.IntList cUnit = new Planner.IntList();
        Planner.IntList cMin = new Planner.IntList();
        Planner.IntList cLeader = new Planner.IntList();
        String cadreSql = "select id, unit_id, rank from cadre where status = 'ACTIVE'";
        PreparedStatement cadreQuery;
        switch (scope) {
            case UNIT -> {
                cadreQuery = c.prepareStatement(cadreSql + " and unit_id = ? order by id");
                cadreQuery.setObject(1, unitId);
            }
            case COUNTY -> {
                cadreQuery = c.prepareStatement(cadreSql + " and (unit_id = any(?) or id = any(?)) order by id");
                cadreQuery.setArray(1, uuids(c, scopeUnitIds(d)));
                cadreQuery.setArray(2, uuids(c, leadersInCounty.toArray(new UUID[0])));
            }
            default -> cadreQuery = c.prepareStatement(cadreSql + " order by id");
        }
        try (PreparedStatement ps = binary(cadreQuery)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    Integer u = unitIndex.get(rs.getObject(2, UUID.class));
                    CadreRank rank = CadreRank.valueOf(rs.getString(3));
                    if (scope == PlanScope.PROVINCE) {
                        d.unitInScope[u] = true;
                    } else if (!d.unitInScope[u] && !leadersInCounty.contains(id)) {
                        continue;
                    }
                    cMsb.add(id.getMostSignificantBits());
                    cLsb.add(id.getLeastSignificantBits());
                    cUnit.add(u);
                    cMin.add(rules.minimumHouseholds(rank));
                    cLeader.add(rank == CadreRank.PROVINCIAL_LEADER ? 1 : 0);
                }
            }
        }
        t.end("cadres");
        d.cadreMsb = cMsb.toArray();
        d.cadreLsb = cLsb.toArray();
        checkOrder(d.cadreMsb, d.cadreLsb, "cadre");
        int cadres = d.cadreMsb.length;
        // villages: must be covered / only eligible (a leader's village outside the scope)
        Set<String> mustCover = new HashSet<>();
        TreeSet<String> villageSet = new TreeSet<>();
        for (int i = 0; i < linkUnit.size; i++) {
            if (d.unitInScope[linkUnit.get(i)]) {
                mustCover.add(linkVillage.get(i));
                d.unitVillageCount[linkUnit.get(i)]++;
            }
        }
        if (scope == PlanScope.COUNTY) {
            try (PreparedStatement ps = c.prepareStatement("select code from known_village where county_code = ?")) {
                ps.setString(1, county);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        mustCover.add(rs.getString(1));
                    }
                }
            }
        }
        villageSet.addAll(mustCover);
        for (int k = 0; k < cadres; k++) {
            if (cLeader.get(k) != 0) {
                List<String> lv = leaderVillages.get(d.cadreId(k));
                if (lv != null) {
                    villageSet.addAll(lv);
                }
            }
        }
        if (scope == PlanScope.PROVINCE) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select code from known_village")) {
                while (rs.next()) {
                    villageSet.add(rs.getString(1));
                }
            }
        }
        Map<String, Integer> villageIndex = new HashMap<>(villageSet.size() * 2);
        List<String> villageCodes = new ArrayList<>(villageSet);
        for (String code : villageCodes) {
            villageIndex.put(code, villageIndex.size());
        }
        // households
        LongList hMsb = new LongList();
        LongList hLsb = new LongList();
        Planner.IntList hVillage = new Planner.IntList();
        Planner.IntList hMust = new Planner.IntList();
        String householdSql = "select id, village_code from known_household where status in ('IN_POVERTY', 'RELAPSED')";
        PreparedStatement householdQuery;
        if (scope == PlanScope.PROVINCE) {
            householdQuery = c.prepareStatement(householdSql + " order by id");
        } else {
            householdQuery = c.prepareStatement(householdSql + " and village_code = any(?) order by id");
            householdQuery.setArray(1, c.createArrayOf("varchar", villageCodes.toArray()));
        }
        boolean[] villageMustCover = null;
        try (PreparedStatement ps = binary(householdQuery)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    String code = rs.getString(2);
                    Integer v = villageIndex.get(code);
                    if (v == null) { // a household whose village event has not arrived yet
                        v = villageIndex.size();
                        villageIndex.put(code, v);
                        villageCodes.add(code);
                    }
                    hMsb.add(id.getMostSignificantBits());
                    hLsb.add(id.getLeastSignificantBits());
                    hVillage.add(v);
                    hMust.add(scope == PlanScope.PROVINCE || mustCover.contains(code) ? 1 : 0);
                }
            }
        }
        t.end("households");
        d.householdMsb = hMsb.toArray();
        d.householdLsb = hLsb.toArray();
        checkOrder(d.householdMsb, d.householdLsb, "household");
        d.villageCodes = villageCodes.toArray(new String[0]);
        int households = d.householdMsb.length;
        // live pairings
        int[] cadreExisting = new int[cadres];
        int[] load = new int[households];
        boolean[] hasPrimary = new boolean[households];
        LongList pairs = new LongList();
        String pairingSql = "select cadre_id, household_id, is_primary from pairing where status in ('DRAFT', 'ACTIVE')";
        PreparedStatement pairingQuery;
        if (scope == PlanScope.PROVINCE) {
            pairingQuery = c.prepareStatement(pairingSql);
        } else {
            pairingQuery = c.prepareStatement(pairingSql + " and (village_code = any(?) or cadre_id = any(?))");
            pairingQuery.setArray(1, c.createArrayOf("varchar", d.villageCodes));
            UUID[] ids = new UUID[cadres];
            for (int k = 0; k < cadres; k++) {
                ids[k] = d.cadreId(k);
            }
            pairingQuery.setArray(2, uuids(c, ids));
        }
        try (PreparedStatement ps = binary(pairingQuery)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    d.existingPairings++;
                    UUID cadre = rs.getObject(1, UUID.class);
                    UUID household = rs.getObject(2, UUID.class);
                    int ci = find(d.cadreMsb, d.cadreLsb, cadre);
                    int hi = find(d.householdMsb, d.householdLsb, household);
                    if (ci >= 0) {
                        cadreExisting[ci]++;
                    }
                    if (hi >= 0) {
                        load[hi]++;
                        hasPrimary[hi] |= rs.getBoolean(3);
                    }
                    if (ci >= 0 && hi >= 0) {
                        pairs.add(((long) ci << 32) | hi);
                    }
                }
            }
        }
        t.end("pairings");
        // the planner's input
        Planner.Builder b = new Planner.Builder(rules.maxCadresPerHousehold());
        for (int u = 0; u < units; u++) {
            b.unit();
        }
        for (int v = 0; v < d.villageCodes.length; v++) {
            b.village();
        }
        for (int i = 0; i < linkUnit.size; i++) {
            if (d.unitInScope[linkUnit.get(i)]) {
                b.link(linkUnit.get(i), villageIndex.get(linkVillage.get(i)));
            }
        }
        for (int k = 0; k < cadres; k++) {
            b.cadre(cUnit.get(k), cMin.get(k), cadreExisting[k], cLeader.get(k) != 0);
            if (cLeader.get(k) != 0) {
                List<String> lv = leaderVillages.get(d.cadreId(k));
                if (lv != null) {
                    for (String code : lv) {
                        b.leaderVillage(k, villageIndex.get(code));
                    }
                }
            }
        }
        for (int h = 0; h < households; h++) {
            b.household(hVillage.get(h), load[h], hasPrimary[h], hMust.get(h) != 0);
        }
        long[] p = pairs.toArray();
        for (long pair : p) {
            b.existingPair((int) (pair >>> 32), (int) pair);
        }
        d.input = b.build();
        t.end("arrays");
        return d;
    }

    /** Server-prepared from the first execution, so uuids arrive in binary (16 bytes, no text to parse). */
    private static PreparedStatement binary(PreparedStatement ps) throws SQLException {
        ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
        ps.setFetchSize(FETCH);
        return ps;
    }

    private static UUID[] scopeUnitIds(Data d) {
        List<UUID> ids = new ArrayList<>();
        for (int u = 0; u < d.unitIds.length; u++) {
            if (d.unitInScope[u]) {
                ids.add(d.unitIds[u]);
            }
        }
        return ids.toArray(new UUID[0]);
    }

    private static Array uuids(Connection c, UUID[] ids) throws SQLException {
        return c.createArrayOf("uuid", ids);
    }

    /** PostgreSQL orders uuids by their bytes: unsigned, most significant long first. */
    private static int compare(long aMsb, long aLsb, long bMsb, long bLsb) {
        int x = Long.compareUnsigned(aMsb, bMsb);
        return x != 0 ? x : Long.compareUnsigned(aLsb, bLsb);
    }

    private static void checkOrder(long[] msb, long[] lsb, String what) {
        for (int i = 1; i < msb.length; i++) {
            if (compare(msb[i - 1], lsb[i - 1], msb[i], lsb[i]) >= 0) {
                throw new IllegalStateException(what + " ids do not come in unsigned uuid order");
            }
        }
    }

    /** Index of an id in sorted arrays, or -1. */
    static int find(long[] msb, long[] lsb, UUID id) {
        long m = id.getMostSignificantBits();
        long l = id.getLeastSignificantBits();
        int lo = 0;
        int hi = msb.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int x = compare(msb[mid], lsb[mid], m, l);
            if (x < 0) {
                lo = mid + 1;
            } else if (x > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** A growable long array. */
    static final class LongList {
        long[] a = new long[1024];
        int size;

        void add(long x) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = x;
        }

        long[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
