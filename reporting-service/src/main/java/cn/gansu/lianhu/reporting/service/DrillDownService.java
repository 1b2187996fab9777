package cn.gansu.lianhu.reporting.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.reporting.domain.UnitLevel;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Drill-down (issue 5 point 3): a region's figures per child region, per unit under it, and per cadre of a unit.
 * The figures of each row come from {@link CoverageService#coverage(String)} and {@link VisitFiguresService} — the
 * same code as the single-scope endpoints, so a child's row equals what the child's own endpoint returns. Each
 * request runs in one read-only REPEATABLE READ transaction: the parent and every row are computed on one snapshot,
 * so children add up to the parent exactly even while events are applied (see {@link DrillDown} for which figures
 * are additive).
 *
 * <p>Children of a region are the regions of the next level (province → prefectures → counties → townships →
 * villages) whose code starts with its significant prefix, ordered by code. A village is a leaf: its list of
 * children is empty.
 */
@ApplicationScoped
public class DrillDownService {

    @Inject
    EntityManager em;

    @Inject
    CoverageService coverage;

    @Inject
    ReportScope scope;

    @Inject
    VisitFiguresService visits;

    @Inject
    ReportCache cache;

    /**
     * Coverage of the region {@code code} and of each child region, served from the {@link ReportCache} while
     * registry and pairing events have not changed the read models since (inputs
     * {@link ReportCache.Inputs#COVERAGE}); the scope check runs first.
     *
     * @throws ApiException 400 malformed code; 404 region not received or outside the caller's scope
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DrillDown.CoverageChildren coverage(String code) {
        ReportCache.Resolved resolved = coverage.resolve(code, ReportCache.Inputs.COVERAGE);
        RegionScope region = resolved.region();
        return cache.get("children-coverage", resolved,
                asOf -> QuarkusTransaction.requiringNew().call(() -> {
                    snapshot();
                    RegionCoverage parent = coverage.compute(region, asOf);
                    List<RegionCoverage> children = new ArrayList<>();
                    for (RegionScope child : children(region)) {
                        children.add(coverage.compute(child, asOf));
                    }
                    return new DrillDown.CoverageChildren(parent, childLevel(region.level()), children, asOf);
                }));
    }

    /**
     * Visit figures of the region {@code code} and of each child region for the period, served from the
     * {@link ReportCache} while no event has changed the read models since (key: region, from, to, today); scope and
     * period checks run first.
     *
     * @throws ApiException 400 malformed code or period; 404 region not received or outside the caller's scope
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DrillDown.VisitChildren visits(String code, LocalDate from, LocalDate to) {
        ReportCache.Resolved resolved = coverage.resolve(code, ReportCache.Inputs.ALL);
        RegionScope region = resolved.region();
        VisitFiguresService.Period period = visits.period(from, to);
        return cache.get("children-visits", resolved,
                asOf -> QuarkusTransaction.requiringNew().call(() -> {
                    snapshot();
                    VisitFigures parent = visits.regionFigures(region, period, asOf);
                    List<VisitFigures> children = new ArrayList<>();
                    for (RegionScope child : children(region)) {
                        children.add(visits.regionFigures(child, period, asOf));
                    }
                    return new DrillDown.VisitChildren(parent, childLevel(region.level()), period.from(), period.to(),
                            children, asOf);
                }), period.from(), period.to(), period.today());
    }

    /**
     * One page of the units sitting under the region {@code code} (optionally only those of {@code level}), with
     * their coverage and visit figures for the period.
     *
     * @throws ApiException 400 malformed code, unknown level ({@code level}, {@code enum.value}) or period; 404
     *                      region not received
     */
    @Transactional
    public DrillDown.UnitPage units(String code, String level, LocalDate from, LocalDate to, int page, int size) {
        if (level != null && UnitLevel.of(level) == null) {
            throw ApiException.invalid("level", "enum.value",
                    "level must be one of PROVINCE, PREFECTURE, COUNTY, TOWNSHIP, not '" + abbreviate(level) + "'");
        }
        snapshot();
        RegionScope region = coverage.resolve(code);
        OffsetDateTime asOf = coverage.asOf();
        String where = " from unit u where u.region_code like :scope" + (level == null ? "" : " and u.level = :level");
        long total = number(bind(em.createNativeQuery("select count(*)" + where), region.like(), level)
                .getSingleResult());
        List<DrillDown.UnitRow> items = new ArrayList<>();
        if (total > (long) page * size) {
            Query q = bind(em.createNativeQuery("""
                    select u.id, u.name, u.level, u.region_code, (select r.name from region r where r.code = u.region_code),
                           u.required_villages,
                           (select count(*) from village_link l where l.unit_id = u.id and l.active),
                           (select count(*) from cadre c where c.unit_id = u.id and c.status = 'ACTIVE'),
                           (select count(*) from cadre c where c.unit_id = u.id and c.status = 'ACTIVE'
                               and (select count(*) from pairing p where p.cadre_id = c.id and p.status = 'ACTIVE')
                                   < c.minimum_households),
                           (select count(*) from cadre c where c.unit_id = u.id and c.status = 'ACTIVE'
                               and not exists (select 1 from pairing p where p.cadre_id = c.id and p.status = 'ACTIVE')),
                           (select count(*) from pairing p where p.unit_id = u.id and p.status = 'ACTIVE')
                    """ + where + " order by u.region_code, u.name, u.id limit :limit offset :offset"), region.like(),
                    level).setParameter("limit", size).setParameter("offset", (long) page * size);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = q.getResultList();
            for (Object[] r : rows) {
                UUID id = (UUID) r[0];
                items.add(new DrillDown.UnitRow(id, (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                        ((Number) r[5]).intValue(), number(r[6]), number(r[7]), number(r[8]), number(r[9]),
                        number(r[10]), visits.unit(id, from, to)));
            }
        } else {
            checkPeriod(from, to);
        }
        return new DrillDown.UnitPage(items, page, size, total, asOf);
    }

    /**
     * One page of the cadres of the unit {@code id} (every status; ACTIVE first, then by name and id) with their
     * figures for the period.
     *
     * @throws ApiException 400 period; 404 unit not received or outside the caller's scope
     */
    @Transactional
    public DrillDown.CadrePage cadres(UUID unitId, LocalDate from, LocalDate to, int page, int size) {
        snapshot();
        String unitName = scope.unitName(unitId); // 404 for an unknown unit and for one outside the caller's scope
        OffsetDateTime asOf = coverage.asOf();
        VisitFigures unitFigures = visits.unit(unitId, from, to); // checks the period even when the page is empty
        long total = number(em.createNativeQuery("select count(*) from cadre where unit_id = :id")
                .setParameter("id", unitId).getSingleResult());
        List<DrillDown.CadreRow> items = new ArrayList<>();
        if (total > (long) page * size) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    select c.id, c.name, c.rank, c.status, c.minimum_households,
                           (select count(*) from pairing p where p.cadre_id = c.id and p.status = 'ACTIVE')
                    from cadre c where c.unit_id = :id
                    order by c.status <> 'ACTIVE', c.name, c.id limit :limit offset :offset""")
                    .setParameter("id", unitId).setParameter("limit", size).setParameter("offset", (long) page * size)
                    .getResultList();
            for (Object[] r : rows) {
                UUID id = (UUID) r[0];
                int minimum = ((Number) r[4]).intValue();
                long pairings = number(r[5]);
                items.add(new DrillDown.CadreRow(id, (String) r[1], (String) r[2], (String) r[3], minimum, pairings,
                        "ACTIVE".equals(r[3]) && pairings < minimum, visits.cadre(id, unitFigures.from(),
                                unitFigures.to())));
            }
        }
        return new DrillDown.CadrePage(unitId, unitName, items, page, size, total, asOf);
    }

    /** The period checks of {@link VisitFiguresService}, for a page without rows (no figures computed). */
    private static void checkPeriod(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.invalid("from", "period", "from " + from + " is after to " + to);
        }
        if (from != null && to != null && from.plusYears(VisitFiguresService.MAX_YEARS).isBefore(to)) {
            throw ApiException.invalid("from", "period", "the period from " + from + " to " + to
                    + " is longer than " + VisitFiguresService.MAX_YEARS + " years");
        }
    }

    /** Makes the current transaction read-only on one snapshot (must be its first statement). */
    private void snapshot() {
        snapshot(em);
    }

    /** Makes the current transaction of {@code em} read-only on one snapshot (must be its first statement). */
    static void snapshot(EntityManager em) {
        em.createNativeQuery("set transaction isolation level repeatable read, read only").executeUpdate();
    }

    /** The child regions of {@code region} (next level, by code); none under a village. */
    private List<RegionScope> children(RegionScope region) {
        String level = childLevel(region.level());
        if (level == null) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select code, name, level from region where level = :level and code like :scope order by code")
                .setParameter("level", level).setParameter("scope", region.like()).getResultList();
        return rows.stream().map(r -> CoverageService.regionScope((String) r[0], (String) r[1], (String) r[2])).toList();
    }

    /** The level of a region's children; null for a village. */
    static String childLevel(String level) {
        return switch (level) {
            case "PROVINCE" -> "PREFECTURE";
            case "PREFECTURE" -> "COUNTY";
            case "COUNTY" -> "TOWNSHIP";
            case "TOWNSHIP" -> "VILLAGE";
            default -> null;
        };
    }

    private static Query bind(Query q, String like, String level) {
        q.setParameter("scope", like);
        if (level != null) {
            q.setParameter("level", level);
        }
        return q;
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
