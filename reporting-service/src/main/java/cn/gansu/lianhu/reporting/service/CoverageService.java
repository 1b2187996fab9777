package cn.gansu.lianhu.reporting.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.events.contract.RegionCodes;
import cn.gansu.lianhu.events.contract.RegionLevel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Computes {@link RegionCoverage} and the lists of the uncovered ({@link Uncovered}) from the read models
 * (issue point 9; issue 3 point 9). Counts are by code prefix, the same rule the registry uses, so the figures
 * equal the registry's own once reporting has caught up. The figures of two-way coverage and their lists share
 * one SQL condition each ({@link UncoveredKind}), so a list's total equals its figure.
 */
@ApplicationScoped
public class CoverageService {

    @Inject
    EntityManager em;

    @Inject
    ReportScope scope;

    @Inject
    ReportCache cache;

    /**
     * The coverage of the region {@code code}, served from the {@link ReportCache} while registry and pairing events
     * have not changed the read models since it was computed (inputs {@link ReportCache.Inputs#COVERAGE}); the scope
     * check runs first, on every request.
     *
     * @param code region code, short (2/4/6/9 digits) or 12-digit
     * @throws ApiException 400 ({@code code}, {@code region-code.format}) if the code is malformed;
     *                      404 if reporting has not received that region or the caller may not see it
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RegionCoverage coverage(String code) {
        ReportCache.Resolved resolved = resolve(code, ReportCache.Inputs.COVERAGE);
        return cache.get("coverage", resolved, asOf -> compute(resolved.region(), asOf));
    }

    /**
     * Computes the coverage of {@code region} from the read models, uncached and without a scope check (the caller
     * has resolved the region). Also the rows of the drill-down, on its snapshot.
     *
     * @param asOf the asOf read before: the figures include at least every event up to it
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RegionCoverage compute(RegionScope region, OffsetDateTime asOf) {
        String like = region.like();
        Object[] designations = (Object[]) em.createNativeQuery("""
                select count(*) filter (where level = 'COUNTY' and poor_county),
                       count(*) filter (where level = 'VILLAGE' and poor_village)
                from region where code like ?1 and (poor_county or poor_village)""")
                .setParameter(1, like).getSingleResult();
        // households by status, their members and those to cover in one pass (issue 7: one statement fewer)
        Object[] households = (Object[]) em.createNativeQuery("""
                select count(*),
                       count(*) filter (where h.status = 'IN_POVERTY'),
                       count(*) filter (where h.status = 'LIFTED'),
                       count(*) filter (where h.status = 'RELAPSED'),
                       coalesce(sum(h.member_count), 0),
                       count(*) filter (where v.code is not null and h.status in ('IN_POVERTY', 'RELAPSED'))
                from household h
                left join region v on v.code = h.village_code and v.level = 'VILLAGE' and v.poor_village
                where h.village_code like ?1""")
                .setParameter(1, like).getSingleResult();
        // covered = to cover − without a cadre: the anti-join of the latter is fast at every level, where an
        // EXISTS per household to count the covered took 2 s under the province (300,000 households to cover)
        long toCover = number(households[5]);
        long withoutCadre = count(UncoveredKind.HOUSEHOLDS_WITHOUT_CADRE, region);
        RegionCoverage.TargetFigures targets = new RegionCoverage.TargetFigures(
                count(UncoveredKind.COUNTIES_WITHOUT_LEADER, region),
                count(UncoveredKind.VILLAGES_WITHOUT_UNIT, region),
                toCover, toCover - withoutCadre, withoutCadre,
                count("select count(*) from leader_link where active and county_code like ?1", like),
                count("select count(*) from village_link where active and village_code like ?1", like),
                count("select count(*) from pairing where status = 'ACTIVE' and village_code like ?1", like));
        // ACTIVE cadres, those below their minimum and those without households in one pass (two statements fewer)
        Object[] cadres = (Object[]) em.createNativeQuery(UncoveredKind.cadreFiguresSql(region.level()))
                .setParameter(1, like).getSingleResult();
        RegionCoverage.ParticipantFigures participants = new RegionCoverage.ParticipantFigures(
                count("select count(*) from unit where region_code like ?1", like),
                count(UncoveredKind.UNITS_BELOW_REQUIRED, region),
                number(cadres[0]), number(cadres[1]), number(cadres[2]));
        return new RegionCoverage(region.code(), region.name(), region.level(), number(designations[0]),
                number(designations[1]),
                new RegionCoverage.HouseholdFigures(number(households[0]), number(households[1]),
                        number(households[2]), number(households[3])),
                number(households[4]), targets, participants, asOf);
    }

    /**
     * One page of the list of {@code kind} under the region {@code code}, in the list's order.
     *
     * @param page  zero-based page index (checked by the caller: 0 – {@code Page.MAX_PAGE})
     * @param size  page size (checked by the caller: 1 – 500)
     * @param pageOf builds the page record from rows, page, size, total and asOf
     * @throws ApiException 400 malformed code; 404 region not received or outside the caller's scope
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public <T, P> P uncovered(String code, UncoveredKind kind, int page, int size,
            Function<Uncovered.Page<T>, P> pageOf) {
        RegionScope region = resolve(code);
        OffsetDateTime asOf = asOf();
        long total = count(kind, region);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = total == 0 ? List.of()
                : em.createNativeQuery(kind.pageSql(region.level())).setParameter(1, region.like()).setParameter(2, size)
                        .setParameter(3, (long) page * size).getResultList();
        @SuppressWarnings("unchecked")
        List<T> items = rows.stream().map(r -> (T) kind.row(r)).toList();
        return pageOf.apply(new Uncovered.Page<>(items, page, size, total, asOf));
    }

    /**
     * Resolves a code to a region reporting has received.
     *
     * @throws ApiException 400 ({@code code}, {@code region-code.format}) if the code is malformed;
     *                      404 if reporting has not received that region or the caller may not see it
     *                      ({@link ReportScope#region})
     */
    public RegionScope resolve(String code) {
        String full = fullCode(code);
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select code, name, level from region where code = ?1")
                .setParameter(1, full).getResultList();
        if (found.isEmpty()) {
            throw ApiException.notFound("region", full);
        }
        scope.region(full); // a region outside the caller's scope answers like an unknown one
        Object[] region = found.get(0);
        return regionScope(full, (String) region[1], (String) region[2]);
    }

    /**
     * {@link #resolve(String)} and the state of {@code inputs} ({@link ReportCache#state}) in one statement: all a
     * request served from the {@link ReportCache} reads.
     *
     * @throws ApiException as {@link #resolve(String)}
     */
    public ReportCache.Resolved resolve(String code, ReportCache.Inputs inputs) {
        String full = fullCode(code);
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select r.name, r.level, f.version, f.as_of from region r"
                + " cross join (" + inputs.sql + ") f where r.code = ?1").setParameter(1, full).getResultList();
        if (found.isEmpty()) {
            throw ApiException.notFound("region", full);
        }
        scope.region(full); // a region outside the caller's scope answers like an unknown one
        Object[] row = found.get(0);
        return new ReportCache.Resolved(regionScope(full, (String) row[0], (String) row[1]), inputs,
                ReportCache.state(row[2], row[3]));
    }

    /** The 12-digit code of {@code code}; 400 ({@code code}, {@code region-code.format}) if malformed. */
    private static String fullCode(String code) {
        String full = RegionCodes.toFullCode(code);
        if (full == null) {
            throw ApiException.invalid("code", "region-code.format",
                    "code must be an NBS division code of 2, 4, 6, 9 or 12 digits, not '" + abbreviate(code) + "'");
        }
        return full;
    }

    /** The {@link RegionScope} of a region row (code, name, level). */
    static RegionScope regionScope(String full, String name, String level) {
        return new RegionScope(full, name, level, RegionCodes.prefix(full, RegionLevel.valueOf(level)) + "%");
    }

    /** Time of the latest applied event of any topic (UTC), or null if none: the {@code asOf} of every report. */
    public OffsetDateTime asOf() {
        return utc(em.createNativeQuery("select max(last_event_time) from read_model_freshness").getSingleResult());
    }

    /** A timestamp as read by the driver, in UTC; null for null. */
    static OffsetDateTime utc(Object t) {
        if (t == null) {
            return null;
        }
        if (t instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (t instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (t instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + t.getClass());
    }

    private long count(UncoveredKind kind, RegionScope region) {
        return count(kind.countSql(region.level()), region.like());
    }

    private long count(String sql, String like) {
        return number(em.createNativeQuery(sql).setParameter(1, like).getSingleResult());
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
