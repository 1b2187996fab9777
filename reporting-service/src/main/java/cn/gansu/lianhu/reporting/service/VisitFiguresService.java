package cn.gansu.lianhu.reporting.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.events.contract.ContinuityRule;
import cn.gansu.lianhu.reporting.domain.HelpKind;
import cn.gansu.lianhu.reporting.domain.VisitMode;
import cn.gansu.lianhu.reporting.domain.VisitTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Computes {@link VisitFigures} of a region, unit or cadre for a period, and the list of {@link OverduePairing
 * overdue pairings} (issue 4 point 7). Everything is aggregated in SQL, a few statements per request, on indexed
 * filters (region = village code prefix, unit id, cadre id; visit date), so the figures stay fast under the province.
 *
 * <p>Continuity follows the one shared rule, {@link ContinuityRule} (lianhu.continuity.*): its windows
 * ({@link ContinuityRule#windowDays(String)} for LIFTED and for the other statuses) are the parameters of one SQL
 * condition each for "overdue" ({@link #OVERDUE}) and "visited within the window" ({@link #WITHIN}), which evaluate
 * {@link ContinuityRule#overdue} and {@link ContinuityRule#visitedWithinWindow} row by row — set-wise, because
 * calling them for 400,000 pairings in Java would read every row over the wire. The figure and the list share the
 * condition, so the list's total equals the figure. A pairing is active on day D when it is ACTIVE, or ENDED after
 * D, and started on or before D. Its latest in-person visit on D is {@code pairing.last_in_person_on} when D is today
 * (no visit is dated in the future), else the latest in-person visit dated on or before D.
 */
@ApplicationScoped
public class VisitFiguresService {

    /** Longest period of one request: 10 years (120 months of byMonth). */
    static final int MAX_YEARS = 10;

    /** Window N of the pairing's household (the rule's windowDays by status), named {@code w}. */
    static final String WINDOW = "case when h.status = 'LIFTED' then :lifted else :normal end";
    /** ContinuityRule.overdue: more than N days since the reference (last in-person visit, else start). */
    static final String OVERDUE = "cast(:day as date) - coalesce(x.last, x.started_on) > x.w";
    /** ContinuityRule.visitedWithinWindow: an in-person visit no more than N days before the day. */
    static final String WITHIN = "x.last is not null and cast(:day as date) - x.last <= x.w";
    /** Pairings active on :day (ContinuityRule: started on or before it, not ended on or before it). */
    static final String ACTIVE = """
            p.status in ('ACTIVE', 'ENDED') and p.started_on <= cast(:day as date)
            and (p.ended_on is null or p.ended_on > cast(:day as date))""";

    @Inject
    EntityManager em;

    @Inject
    CoverageService coverage;

    @Inject
    ReportScope scope;

    @Inject
    ContinuityRule rule;

    @Inject
    Clock clock;

    @Inject
    ReportCache cache;

    /**
     * A checked period of visit figures, defaults applied.
     *
     * @param from  first visit date (default 1 January of to's year)
     * @param to    last visit date (default today), not after today
     * @param today the day the figures are computed for (Beijing): continuity on min(to, today), demands overdue
     */
    public record Period(LocalDate from, LocalDate to, LocalDate today) {
    }

    /** The kind of scope and the SQL conditions selecting its visits, demands and pairings (parameter :scope). */
    enum Kind {
        REGION("v.village_code like :scope", "h.village_code like :scope", "d.village_code like :scope",
                "p.village_code like :scope"),
        UNIT("v.unit_id = :scope", "h.unit_id = :scope", "d.unit_id = :scope", "p.unit_id = :scope"),
        CADRE("v.cadre_id = :scope", "h.cadre_id = :scope",
                "d.visit_id in (select cv.id from visit cv where cv.cadre_id = :scope)", "p.cadre_id = :scope");

        final String visits;
        final String help;
        final String demands;
        final String pairings;

        Kind(String visits, String help, String demands, String pairings) {
            this.visits = visits;
            this.help = help;
            this.demands = demands;
            this.pairings = pairings;
        }
    }

    /**
     * Figures of the region {@code code}, served from the {@link ReportCache} while no event of any topic has changed
     * the read models since they were computed (key: region, from, to, today); scope and period checks run first.
     *
     * @throws ApiException 400 malformed code ({@code code}, {@code region-code.format}), to after today
     *                      ({@code to}, {@code date-future}) or period ({@code from}, {@code period}); 404 region not
     *                      received or outside the caller's scope
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public VisitFigures region(String code, LocalDate from, LocalDate to) {
        ReportCache.Resolved resolved = coverage.resolve(code, ReportCache.Inputs.ALL);
        Period period = period(from, to);
        return cache.get("visits", resolved, asOf -> regionFigures(resolved.region(), period, asOf), period.from(),
                period.to(), period.today());
    }

    /**
     * Computes the figures of {@code region} for {@code period}, uncached and without a scope check (the caller has
     * resolved the region and checked the period). Also the rows of the drill-down, on its snapshot.
     *
     * @param asOf the asOf read before: the figures include at least every event up to it
     */
    public VisitFigures regionFigures(RegionScope region, Period period, OffsetDateTime asOf) {
        return figures(new VisitFigures.Scope("REGION", region.code(), region.name()), Kind.REGION, region.like(),
                period, asOf, "PROVINCE".equals(region.level()) || "PREFECTURE".equals(region.level()));
    }

    /**
     * Figures of the unit {@code id}: visits by its cadres, demands it handles, pairings it made.
     *
     * @throws ApiException 400 period; 404 unit not received or outside the caller's scope
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public VisitFigures unit(UUID id, LocalDate from, LocalDate to) {
        return figures(new VisitFigures.Scope("UNIT", id.toString(), unitName(id)), Kind.UNIT, id, from, to, false);
    }

    /**
     * Figures of the cadre {@code id}: their visits, demands raised on them, their pairings.
     *
     * @throws ApiException 400 period; 404 cadre not received or outside the caller's scope
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public VisitFigures cadre(UUID id, LocalDate from, LocalDate to) {
        return figures(new VisitFigures.Scope("CADRE", id.toString(), cadreName(id)), Kind.CADRE, id, from, to, false);
    }

    /**
     * One page of the pairings under the region {@code code} overdue today, most days since the last visit first
     * (then by pairing id), optionally only those made by {@code unitId} or of {@code cadreId}.
     *
     * @throws ApiException 400 malformed code; 404 region, unit or cadre not received or outside the caller's scope
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public OverduePairing.Page overdue(String code, UUID unitId, UUID cadreId, int page, int size) {
        RegionScope region = coverage.resolve(code);
        if (unitId != null) {
            unitName(unitId);
        }
        if (cadreId != null) {
            cadreName(cadreId);
        }
        OffsetDateTime asOf = coverage.asOf();
        LocalDate today = LocalDate.now(clock);
        String where = Kind.REGION.pairings + (unitId == null ? "" : " and p.unit_id = :unit")
                + (cadreId == null ? "" : " and p.cadre_id = :cadre");
        String pairings = """
                (select p.id, p.cadre_id, p.unit_id, p.household_id, p.village_code, p.started_on,
                        p.last_in_person_on as last, h.head_name, h.status, %s as w
                 from pairing p left join household h on h.id = p.household_id
                 where %s and %s) x""".formatted(WINDOW, where, ACTIVE);
        Query count = em.createNativeQuery("select count(*) from " + pairings + " where " + OVERDUE);
        long total = number(bindOverdue(count, region.like(), unitId, cadreId, today).getSingleResult());
        List<OverduePairing> items = new ArrayList<>();
        if (total > (long) page * size) {
            Query rows = em.createNativeQuery("""
                    select x.id, x.cadre_id, c.name, x.unit_id, u.name, x.household_id, x.head_name, x.status,
                           x.village_code, x.started_on, x.last,
                           cast(:day as date) - coalesce(x.last, x.started_on) as days, x.w
                    from %s
                    left join cadre c on c.id = x.cadre_id
                    left join unit u on u.id = x.unit_id
                    where %s
                    order by days desc, x.id limit :limit offset :offset""".formatted(pairings, OVERDUE));
            bindOverdue(rows, region.like(), unitId, cadreId, today).setParameter("limit", size)
                    .setParameter("offset", (long) page * size);
            @SuppressWarnings("unchecked")
            List<Object[]> result = rows.getResultList();
            for (Object[] r : result) {
                String status = (String) r[7];
                items.add(new OverduePairing((UUID) r[0], (UUID) r[1], (String) r[2], (UUID) r[3], (String) r[4],
                        (UUID) r[5], OverduePairing.mask((String) r[6]), status, (String) r[8], date(r[9]),
                        date(r[10]), number(r[11]), rule.windowDays(status)));
            }
        }
        return new OverduePairing.Page(items, page, size, total, asOf);
    }

    private Query bindOverdue(Query q, String like, UUID unitId, UUID cadreId, LocalDate today) {
        q.setParameter("scope", like).setParameter("day", today)
                .setParameter("lifted", rule.windowDays("LIFTED")).setParameter("normal", rule.windowDays("IN_POVERTY"));
        if (unitId != null) {
            q.setParameter("unit", unitId);
        }
        if (cadreId != null) {
            q.setParameter("cadre", cadreId);
        }
        return q;
    }

    /**
     * The period of visit figures: {@code to} defaults to today, {@code from} to 1 January of {@code to}'s year.
     *
     * @throws ApiException 400 {@code to} / {@code date-future} after today; {@code from} / {@code period} after to
     *                      or more than {@value #MAX_YEARS} years before it
     */
    public Period period(LocalDate fromParam, LocalDate toParam) {
        LocalDate today = LocalDate.now(clock);
        LocalDate to = toParam != null ? toParam : today;
        LocalDate from = fromParam != null ? fromParam : to.withDayOfYear(1);
        if (to.isAfter(today)) {
            throw ApiException.invalid("to", "date-future", "to " + to + " is after today " + today);
        }
        if (from.isAfter(to)) {
            throw ApiException.invalid("from", "period", "from " + from + " is after to " + to);
        }
        if (from.plusYears(MAX_YEARS).isBefore(to)) {
            throw ApiException.invalid("from", "period", "the period from " + from + " to " + to
                    + " is longer than " + MAX_YEARS + " years");
        }
        return new Period(from, to, today);
    }

    /** Figures of a unit or cadre: the period checked, then asOf read, then the figures (uncached). */
    private VisitFigures figures(VisitFigures.Scope scope, Kind kind, Object key, LocalDate fromParam,
            LocalDate toParam, boolean wide) {
        Period period = period(fromParam, toParam);
        // read first: the figures include at least every event up to it
        return figures(scope, kind, key, period, coverage.asOf(), wide);
    }

    /** @param wide true under a province or prefecture: aggregate rather than look up per pairing */
    private VisitFigures figures(VisitFigures.Scope scope, Kind kind, Object key, Period period, OffsetDateTime asOf,
            boolean wide) {
        LocalDate today = period.today();
        LocalDate from = period.from();
        LocalDate to = period.to();
        LocalDate day = to.isBefore(today) ? to : today;
        VisitFigures.Visits visits;
        VisitFigures.Tasks tasks;
        {
            Map<String, long[]> months = new LinkedHashMap<>();
            for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
                months.put(m.toString(), new long[VisitMode.values().length]);
            }
            long[] taskCounts = new long[VisitTask.values().length];
            // one row per day, mode and set of tasks (at most 366 × 4 × 63, in practice a few thousand): under the
            // province this reads 3 million visits in about a second, where counting per month with six array
            // tests per row took 2.7 s
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select v.visited_on, v.mode, v.task_mask, count(*) from visit v"
                    + " where " + kind.visits + " and v.visited_on between :from and :to group by 1, 2, 3")
                    .setParameter("scope", key).setParameter("from", from).setParameter("to", to).getResultList();
            for (Object[] r : rows) {
                VisitMode mode = VisitMode.valueOf((String) r[1]);
                long n = number(r[3]);
                months.computeIfAbsent(YearMonth.from(date(r[0])).toString(),
                        m -> new long[VisitMode.values().length])[mode.ordinal()] += n;
                int mask = ((Number) r[2]).intValue();
                for (int i = 0; i < taskCounts.length; i++) {
                    if ((mask & (1 << i)) != 0) {
                        taskCounts[i] += n;
                    }
                }
            }
            long[] byMode = new long[VisitMode.values().length];
            List<VisitFigures.Month> byMonth = new ArrayList<>(months.size());
            for (Map.Entry<String, long[]> m : months.entrySet()) {
                long[] c = m.getValue();
                for (int i = 0; i < c.length; i++) {
                    byMode[i] += c[i];
                }
                byMonth.add(new VisitFigures.Month(m.getKey(), sum(c), modes(c)));
            }
            visits = new VisitFigures.Visits(sum(byMode),
                    byMode[VisitMode.IN_HOME.ordinal()] + byMode[VisitMode.VILLAGE_MEETING.ordinal()], modes(byMode),
                    byMonth);
            tasks = new VisitFigures.Tasks(taskCounts[0], taskCounts[1], taskCounts[2], taskCounts[3], taskCounts[4],
                    taskCounts[5]);
        }
        VisitFigures.Help help;
        {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select h.kind, sum(h.amount_yuan), sum(h.people) "
                    + "from visit_help h where " + kind.help + " and h.visited_on between :from and :to group by h.kind")
                    .setParameter("scope", key).setParameter("from", from).setParameter("to", to).getResultList();
            BigDecimal[] yuan = new BigDecimal[HelpKind.values().length];
            java.util.Arrays.fill(yuan, BigDecimal.ZERO.setScale(2));
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            long people = 0;
            for (Object[] r : rows) {
                BigDecimal amount = ((BigDecimal) r[1]).setScale(2, RoundingMode.HALF_UP);
                yuan[HelpKind.valueOf((String) r[0]).ordinal()] = amount;
                total = total.add(amount);
                people += number(r[2]);
            }
            help = new VisitFigures.Help(total, people,
                    new VisitFigures.HelpByKind(yuan[0], yuan[1], yuan[2], yuan[3], yuan[4], yuan[5]));
        }
        VisitFigures.Demands demands;
        {
            Object[] r = (Object[]) em.createNativeQuery("""
                    select count(*) filter (where d.opened_on between :from and :to),
                           count(*) filter (where d.status = 'RESOLVED' and d.closed_on between :from and :to),
                           count(*) filter (where d.status = 'REJECTED' and d.closed_on between :from and :to),
                           count(*) filter (where d.status not in ('RESOLVED', 'REJECTED') and d.opened_on <= :to),
                           count(*) filter (where d.status not in ('RESOLVED', 'REJECTED') and d.opened_on <= :to
                                            and d.deadline < :today),
                           percentile_cont(0.5) within group (order by d.closed_on - d.opened_on)
                               filter (where d.status = 'RESOLVED' and d.closed_on between :from and :to),
                           count(*) filter (where d.closed_on between :from and :to and d.satisfaction = 'SATISFIED'),
                           count(*) filter (where d.closed_on between :from and :to
                                            and d.satisfaction = 'BASICALLY_SATISFIED'),
                           count(*) filter (where d.closed_on between :from and :to
                                            and d.satisfaction = 'DISSATISFIED'),
                           count(*) filter (where d.closed_on between :from and :to and d.satisfaction is null)
                    from demand d""" + " where " + kind.demands)
                    .setParameter("scope", key).setParameter("from", from).setParameter("to", to)
                    .setParameter("today", today).getSingleResult();
            demands = new VisitFigures.Demands(number(r[0]), number(r[1]), number(r[2]), number(r[3]), number(r[4]),
                    r[5] == null ? null : ((Number) r[5]).doubleValue(),
                    new VisitFigures.Satisfaction(number(r[6]), number(r[7]), number(r[8]), number(r[9])));
        }
        VisitFigures.Continuity continuity;
        {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = bindContinuity(em.createNativeQuery(continuitySql("0", kind.pairings,
                    !day.equals(today), wide)), day).setParameter("scope", key).getResultList();
            Object[] r = rows.isEmpty() ? new Object[] { 0, 0L, 0L, 0L } : rows.get(0);
            long active = number(r[1]);
            long within = number(r[2]);
            continuity = new VisitFigures.Continuity(day, rule.overdueDays(), rule.liftedOverdueDays(), active, within,
                    active == 0 ? null : BigDecimal.valueOf(within).divide(BigDecimal.valueOf(active), 4,
                            RoundingMode.HALF_UP),
                    number(r[3]));
        }
        return new VisitFigures(scope, from, to, visits, tasks, help, demands, continuity, asOf);
    }

    /**
     * SQL of continuity (全年联系不断) grouped by {@code key}: one row per value of {@code key} (an expression over
     * pairing {@code p}) with columns key, pairings active on {@code :day}, those visited in person within the
     * window ({@link #WITHIN}) and the overdue ones ({@link #OVERDUE}). The pairings are those {@code where} selects
     * (an expression over {@code p}) that are {@link #ACTIVE} on {@code :day}; a key with no such pairing has no row.
     * Parameters: {@code :day}, {@code :lifted}, {@code :normal} ({@link #bindContinuity}) and those of
     * {@code where}. Shared by the visit figures (key constant) and the assessment (key = cadre, unit or child
     * region), so both count continuity the same way.
     *
     * @param past true when {@code :day} is before today: the latest in-person visit on that day is looked up in the
     *             visits rather than taken from {@code pairing.last_in_person_on}
     * @param wide true under a province or prefecture: the lookup is one aggregate of all in-person visits rather
     *             than one index lookup per pairing (measured under the province, 400,000 pairings and 3 million
     *             visits: 1.4 s where the lookups took 3.8 s)
     */
    static String continuitySql(String key, String where, boolean past, boolean wide) {
        String last = "p.last_in_person_on";
        String join = "";
        if (past) {
            if (wide) {
                last = "lv.last";
                join = " left join (select pairing_id, max(visited_on) as last from visit where in_person"
                        + " and visited_on <= cast(:day as date) group by pairing_id) lv on lv.pairing_id = p.id";
            } else {
                last = "(select max(lv.visited_on) from visit lv where lv.pairing_id = p.id and lv.in_person"
                        + " and lv.visited_on <= cast(:day as date))";
            }
        }
        return """
                select x.k, count(*), count(*) filter (where %s), count(*) filter (where %s)
                from (select %s as k, %s as last, p.started_on, %s as w
                      from pairing p left join household h on h.id = p.household_id%s
                      where %s and %s) x
                group by x.k""".formatted(WITHIN, OVERDUE, key, last, WINDOW, join, where, ACTIVE);
    }

    /** Binds {@code :day} and the windows of {@link ContinuityRule} ({@code :lifted}, {@code :normal}). */
    Query bindContinuity(Query q, LocalDate day) {
        return q.setParameter("day", day).setParameter("lifted", rule.windowDays("LIFTED"))
                .setParameter("normal", rule.windowDays("IN_POVERTY"));
    }

    /** The unit's name; 404 if not received or outside the caller's scope ({@link ReportScope}). */
    private String unitName(UUID id) {
        return scope.unitName(id);
    }

    /** The cadre's name; 404 if not received or outside the caller's scope ({@link ReportScope}). */
    private String cadreName(UUID id) {
        return scope.cadreName(id);
    }

    private static VisitFigures.ByMode modes(long[] c) {
        return new VisitFigures.ByMode(c[VisitMode.IN_HOME.ordinal()], c[VisitMode.BY_PHONE.ordinal()],
                c[VisitMode.VILLAGE_MEETING.ordinal()], c[VisitMode.OTHER.ordinal()]);
    }

    private static long sum(long[] c) {
        long n = 0;
        for (long v : c) {
            n += v;
        }
        return n;
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof LocalDate d) {
            return d;
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("unexpected date type " + o.getClass());
    }
}
