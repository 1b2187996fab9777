package cn.gansu.lianhu.reporting.service;

import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The six figures of two-way coverage that name who is uncovered (issue 3 point 9; DESIGN.md §1 全覆盖), each
 * with the one SQL condition that both counts it (the figure in {@link RegionCoverage}) and lists it (the list
 * endpoint), so a list's {@code total} always equals its figure. Parameter {@code ?1} is the region's code
 * prefix followed by {@code %} (2/4/6/9/12 digits by level). Only the form of a join may depend on the level
 * ({@link #fromWhere(String)}), never the rows.
 *
 * <p>Rules (what is counted under a region):
 * <ul>
 * <li>{@link #COUNTIES_WITHOUT_LEADER}: designated poor counties under it with no active leader link;</li>
 * <li>{@link #VILLAGES_WITHOUT_UNIT}: designated poor villages under it with no active unit ↔ village link;</li>
 * <li>{@link #HOUSEHOLDS_WITHOUT_CADRE}: households with status IN_POVERTY or RELAPSED in a designated poor village
 * under it with no ACTIVE pairing (DRAFT, WITHDRAWN and ENDED pairings cover nothing; a LIFTED household is not
 * counted, and keeps its cadres);</li>
 * <li>{@link #UNITS_BELOW_REQUIRED}: units whose region code is under it with fewer active village links than the
 * {@code requiredVillages} pairing announced;</li>
 * <li>{@link #CADRES_BELOW_MINIMUM}: ACTIVE cadres of units under it with fewer ACTIVE pairings than the
 * {@code minimumHouseholds} pairing announced;</li>
 * <li>{@link #CADRES_WITHOUT_HOUSEHOLDS}: ACTIVE cadres of units under it with no ACTIVE pairing at all.</li>
 * </ul>
 */
public enum UncoveredKind {

    COUNTIES_WITHOUT_LEADER("counties-without-leader", """
            from region c
            where c.level = 'COUNTY' and c.poor_county and c.code like ?1
              and not exists (select 1 from leader_link l where l.county_code = c.code and l.active)""", """
            select c.code, c.name, substr(c.code, 1, 4) || '00000000',
                   (select p.name from region p where p.code = substr(c.code, 1, 4) || '00000000'),
                   (select count(*) from region v where v.level = 'VILLAGE' and v.poor_village
                       and v.code between substr(c.code, 1, 6) || '000000' and substr(c.code, 1, 6) || '999999')""",
            "order by c.code"),

    VILLAGES_WITHOUT_UNIT("villages-without-unit", """
            from region v
            where v.level = 'VILLAGE' and v.poor_village and v.code like ?1
              and not exists (select 1 from village_link l where l.village_code = v.code and l.active)""", """
            select v.code, v.name,
                   (select t.name from region t where t.code = substr(v.code, 1, 9) || '000'),
                   substr(v.code, 1, 6) || '000000',
                   (select c.name from region c where c.code = substr(v.code, 1, 6) || '000000'),
                   (select count(*) from household h where h.village_code = v.code
                       and h.status in ('IN_POVERTY', 'RELAPSED'))""",
            "order by v.code"),

    HOUSEHOLDS_WITHOUT_CADRE("households-without-cadre", """
            from household h
            join region v on v.code = h.village_code and v.level = 'VILLAGE' and v.poor_village
            where h.village_code like ?1 and h.status in ('IN_POVERTY', 'RELAPSED')
              and not exists (select 1 from pairing p where p.household_id = h.id and p.status = 'ACTIVE')""", """
            select h.id, h.head_name, h.status, h.member_count,
                   (select count(*) from pairing p where p.household_id = h.id and p.status = 'DRAFT'),
                   v.code, v.name,
                   (select t.name from region t where t.code = substr(v.code, 1, 9) || '000'),
                   (select c.name from region c where c.code = substr(v.code, 1, 6) || '000000')""",
            "order by h.village_code, h.id"),

    UNITS_BELOW_REQUIRED("units-below-required", """
            from unit u
            where u.region_code like ?1
              and (select count(*) from village_link l where l.unit_id = u.id and l.active) < u.required_villages""", """
            select u.id, u.name, u.level, u.region_code,
                   (select r.name from region r where r.code = u.region_code),
                   u.active_cadres, u.required_villages,
                   (select count(*) from village_link l where l.unit_id = u.id and l.active)""",
            "order by u.region_code, u.name, u.id"),

    CADRES_BELOW_MINIMUM("cadres-below-minimum", Sql.CADRES + "\n  and " + Sql.BELOW_MINIMUM, Sql.CADRE_COLUMNS,
            Sql.CADRE_ORDER),

    CADRES_WITHOUT_HOUSEHOLDS("cadres-without-households", """
            from cadre c
            join unit u on u.id = c.unit_id
            cross join (select 0 as n) k
            where c.status = 'ACTIVE' and u.region_code like ?1
              and not exists (select 1 from pairing p where p.cadre_id = c.id and p.status = 'ACTIVE')""",
            Sql.CADRE_COLUMNS, Sql.CADRE_ORDER);

    /** The path segment of its list: {@code /api/v1/regions/{code}/uncovered/<segment>}. */
    public final String segment;
    /** {@code from … where …}: the rows of the figure. */
    final String fromWhere;
    /** {@code select …} of the list's columns, in the order of the row record's components. */
    final String columns;
    /** {@code order by …}: a total order (ends with a unique key), so pages never overlap. */
    final String orderBy;

    UncoveredKind(String segment, String fromWhere, String columns, String orderBy) {
        this.segment = segment;
        this.fromWhere = fromWhere;
        this.columns = columns;
        this.orderBy = orderBy;
    }

    /** {@code select count(*) …}: the figure under a region of {@code level}. */
    String countSql(String level) {
        return "select count(*) " + fromWhere(level);
    }

    /** The list's rows under a region of {@code level}: {@code ?2} = limit, {@code ?3} = offset. */
    String pageSql(String level) {
        return columns + "\n" + fromWhere(level) + "\n" + orderBy + " limit ?2 offset ?3";
    }

    /**
     * {@link #fromWhere} with {@code {paired}} (relation {@code k(n)}: a cadre's ACTIVE pairings) in the form that
     * is fast at that level. Measured on 400,000 cadres and 420,000 pairings: under the province, counting every
     * cadre's pairings once (hash aggregate) takes about 1 s where one index lookup per cadre takes 4–5 s; under a
     * prefecture or county the lookups take 0.03–0.4 s where the aggregate still reads every pairing (0.8 s).
     */
    String fromWhere(String level) {
        return paired(fromWhere, level);
    }

    private static String paired(String sql, String level) {
        return sql.replace("{paired}", "PROVINCE".equals(level)
                ? "left join (select cadre_id, count(*) as n from pairing where status = 'ACTIVE' group by cadre_id) k"
                        + " on k.cadre_id = c.id"
                : "cross join lateral (select count(*) as n from pairing p where p.cadre_id = c.id"
                        + " and p.status = 'ACTIVE') k");
    }

    /**
     * The coverage's one pass over the ACTIVE cadres of units under a region of {@code level} (issue 7): their number,
     * the figure of {@link #CADRES_BELOW_MINIMUM} (its list's own condition) and that of
     * {@link #CADRES_WITHOUT_HOUSEHOLDS} as "0 ACTIVE pairings" — the same cadres as its list's "no ACTIVE pairing"
     * ({@code not exists}, kept for the list: under the province it pages in 0.8 s where the aggregate takes 2 s;
     * PairingCoverageTest checks that each list's total equals its figure). Under the province one aggregate of the
     * pairings then serves the three figures (three statements took 3.3 s, this one 2.3 s, on a loaded 2-core host).
     */
    static String cadreFiguresSql(String level) {
        return "select count(*), count(*) filter (where " + Sql.BELOW_MINIMUM + "), count(*) filter (where "
                + "coalesce(k.n, 0) = 0)\n" + paired(Sql.CADRES, level);
    }

    /** The kind whose segment is {@code segment}; null if none. */
    public static UncoveredKind ofSegment(String segment) {
        for (UncoveredKind k : values()) {
            if (k.segment.equals(segment)) {
                return k;
            }
        }
        return null;
    }

    /** The segments, comma-separated, for messages. */
    public static String segments() {
        return Arrays.stream(values()).map(k -> k.segment).collect(Collectors.joining(", "));
    }

    /** Maps a row of {@link #pageSql()} to its record. */
    Object row(Object[] r) {
        return switch (this) {
        case COUNTIES_WITHOUT_LEADER -> new Uncovered.County(s(r[0]), s(r[1]), s(r[2]), s(r[3]), n(r[4]));
        case VILLAGES_WITHOUT_UNIT -> new Uncovered.Village(s(r[0]), s(r[1]), s(r[2]), s(r[3]), s(r[4]), n(r[5]));
        case HOUSEHOLDS_WITHOUT_CADRE -> new Uncovered.Household(uuid(r[0]), s(r[1]), s(r[2]), (int) n(r[3]), n(r[4]),
                s(r[5]), s(r[6]), s(r[7]), s(r[8]));
        case UNITS_BELOW_REQUIRED -> new Uncovered.Unit(uuid(r[0]), s(r[1]), s(r[2]), s(r[3]), s(r[4]), (int) n(r[5]),
                (int) n(r[6]), n(r[7]));
        case CADRES_BELOW_MINIMUM, CADRES_WITHOUT_HOUSEHOLDS -> new Uncovered.Cadre(uuid(r[0]), s(r[1]), s(r[2]),
                uuid(r[3]), s(r[4]), s(r[5]), s(r[6]), (int) n(r[7]), n(r[8]));
        };
    }

    private static String s(Object o) {
        return o == null ? null : o.toString();
    }

    private static long n(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static UUID uuid(Object o) {
        return o == null ? null : o instanceof UUID u ? u : UUID.fromString(o.toString());
    }

    /** SQL shared by the cadre lists and figures. */
    private static final class Sql {
        /** The ACTIVE cadres of units under the region, with k.n their ACTIVE pairings ({@code {paired}}). */
        static final String CADRES = """
                from cadre c
                join unit u on u.id = c.unit_id
                {paired}
                where c.status = 'ACTIVE' and u.region_code like ?1""";
        static final String BELOW_MINIMUM = "coalesce(k.n, 0) < c.minimum_households";
        static final String CADRE_COLUMNS = """
                select c.id, c.name, c.rank, u.id, u.name, u.region_code,
                       (select r.name from region r where r.code = u.region_code),
                       c.minimum_households, coalesce(k.n, 0)""";
        static final String CADRE_ORDER = "order by u.region_code, u.name, u.id, c.name, c.id";
    }
}
