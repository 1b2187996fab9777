package cn.gansu.lianhu.reporting.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;

import cn.gansu.lianhu.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Computes the monthly {@link Trends} of a region (issue 5 point 2) in one SQL statement: a
 * {@code generate_series} of months left-joined to counts grouped by month, each on an indexed filter (village code
 * prefix and date; V5 adds the indexes for status changes, demands and pairings by household).
 *
 * <p>Households to cover on a past day: the current count minus the net change of the status changes after that
 * day ({@code household_status_change}: +1 for a change into IN_POVERTY/RELAPSED, −1 for one out of them), so the
 * current month equals the coverage figure. A household's status on a day: the {@code from_status} of its first
 * change after the day, else its current status. Households covered at a month's end are counted set-wise: the
 * (month, household) pairs with a pairing active that day, left-joined to each household's first status change after
 * that day — hash joins over the scope rather than a lookup per household and month (province: 61 s → see
 * ReportingBenchTest).
 */
@ApplicationScoped
public class TrendsService {

    /** Longest series of one request, in months (issue 5 point 2). */
    public static final int MAX_MONTHS = 60;

    private static final String COVER = "('IN_POVERTY', 'RELAPSED')";

    private static final String SQL = """
            with months as (
                select cast(m as date) as month,
                       least(cast(m + interval '1 month' - interval '1 day' as date), cast(:today as date)) as day
                from generate_series(cast(:from as date), cast(:to as date), interval '1 month') m),
            to_cover_now as (
                select count(*) as n from household h
                join region v on v.code = h.village_code and v.level = 'VILLAGE' and v.poor_village
                where h.village_code like :scope and h.status in %1$s),
            changes as (
                select c.changed_on, c.village_code,
                       (case when c.to_status in %1$s then 1 else 0 end)
                       - (case when c.from_status in %1$s then 1 else 0 end) as delta,
                       c.from_status, c.to_status
                from household_status_change c
                where c.village_code like :scope and c.changed_on >= cast(:from as date)),
            poor_changes as (
                select c.changed_on, c.delta from changes c
                join region v on v.code = c.village_code and v.level = 'VILLAGE' and v.poor_village),
            active as (
                select distinct mo.month, h.id, h.status
                from household h
                join region v on v.code = h.village_code and v.level = 'VILLAGE' and v.poor_village
                join pairing p on p.household_id = h.id and p.status in ('ACTIVE', 'ENDED')
                join months mo on p.started_on <= mo.day and (p.ended_on is null or p.ended_on > mo.day)
                where h.village_code like :scope),
            later as (
                select distinct on (mo.month, c.household_id) mo.month, c.household_id, c.from_status
                from months mo
                join household_status_change c on c.changed_on > mo.day
                join household h on h.id = c.household_id and h.village_code like :scope
                order by mo.month, c.household_id, c.changed_on, c.version),
            covered as (
                select a.month, count(*) as n
                from active a
                left join later l on l.month = a.month and l.household_id = a.id
                where coalesce(l.from_status, a.status) in %1$s
                group by a.month),
            pairings as (
                select mo.month, count(*) as n
                from months mo
                join pairing p on p.village_code like :scope and p.status in ('ACTIVE', 'ENDED')
                    and p.started_on <= mo.day and (p.ended_on is null or p.ended_on > mo.day)
                group by mo.month),
            visits as (
                select cast(date_trunc('month', v.visited_on) as date) as month, count(*) as n,
                       count(*) filter (where v.mode in ('IN_HOME', 'VILLAGE_MEETING')) as in_person
                from visit v
                where v.village_code like :scope and v.visited_on between cast(:from as date) and cast(:end as date)
                group by 1),
            help as (
                select cast(date_trunc('month', h.visited_on) as date) as month, sum(h.amount_yuan) as yuan
                from visit_help h
                where h.village_code like :scope and h.visited_on between cast(:from as date) and cast(:end as date)
                group by 1),
            opened as (
                select cast(date_trunc('month', d.opened_on) as date) as month, count(*) as n
                from demand d
                where d.village_code like :scope and d.opened_on between cast(:from as date) and cast(:end as date)
                group by 1),
            resolved as (
                select cast(date_trunc('month', d.closed_on) as date) as month, count(*) as n
                from demand d
                where d.village_code like :scope and d.status = 'RESOLVED'
                  and d.closed_on between cast(:from as date) and cast(:end as date)
                group by 1),
            status as (
                select cast(date_trunc('month', c.changed_on) as date) as month,
                       count(*) filter (where c.to_status = 'LIFTED' and c.from_status in %1$s) as lifted,
                       count(*) filter (where c.from_status = 'LIFTED' and c.to_status = 'RELAPSED') as relapsed
                from changes c
                where c.changed_on <= cast(:end as date)
                group by 1)
            select to_char(mo.month, 'YYYY-MM'),
                   (select n from to_cover_now)
                       - coalesce((select sum(pc.delta) from poor_changes pc where pc.changed_on > mo.day), 0),
                   coalesce(cv.n, 0), coalesce(pa.n, 0), coalesce(vi.n, 0), coalesce(vi.in_person, 0),
                   coalesce(op.n, 0), coalesce(re.n, 0), coalesce(he.yuan, 0), coalesce(st.lifted, 0),
                   coalesce(st.relapsed, 0)
            from months mo
            left join covered cv on cv.month = mo.month
            left join pairings pa on pa.month = mo.month
            left join visits vi on vi.month = mo.month
            left join help he on he.month = mo.month
            left join opened op on op.month = mo.month
            left join resolved re on re.month = mo.month
            left join status st on st.month = mo.month
            order by mo.month""".formatted(COVER);

    @Inject
    EntityManager em;

    @Inject
    CoverageService coverage;

    @Inject
    Clock clock;

    @Inject
    ReportCache cache;

    /**
     * The monthly series of the region {@code code} from {@code from} to {@code to}, served from the
     * {@link ReportCache} while no event has changed the read models since (key: region, from, to, today); the period
     * and scope checks run first.
     *
     * @param from first month; default January of {@code to}'s year
     * @param to   last month; default the current month
     * @throws ApiException 400 malformed code ({@code code}, {@code region-code.format}); from after to
     *                      ({@code from}, {@code period}); more than {@value #MAX_MONTHS} months ({@code from},
     *                      {@code period}); to after the current month ({@code to}, {@code period}); 404 region not
     *                      received or outside the caller's scope
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Trends region(String code, YearMonth from, YearMonth to) {
        LocalDate today = LocalDate.now(clock);
        YearMonth now = YearMonth.from(today);
        YearMonth last = to != null ? to : now;
        YearMonth first = from != null ? from : YearMonth.of(last.getYear(), 1);
        if (first.isAfter(last)) {
            throw ApiException.invalid("from", "period", "from " + first + " is after to " + last);
        }
        long months = ChronoUnit.MONTHS.between(first, last) + 1;
        if (months > MAX_MONTHS) {
            throw ApiException.invalid("from", "period", "the period from " + first + " to " + last + " has " + months
                    + " months, more than " + MAX_MONTHS);
        }
        if (last.isAfter(now)) {
            throw ApiException.invalid("to", "period", "to " + last + " is after the current month " + now);
        }
        ReportCache.Resolved resolved = coverage.resolve(code, ReportCache.Inputs.ALL);
        return cache.get("trends", resolved, asOf -> compute(resolved.region(), first, last, today, asOf), first, last,
                today);
    }

    /** The series, uncached (the caller has resolved the region and checked the period). */
    private Trends compute(RegionScope region, YearMonth first, YearMonth last, LocalDate today, OffsetDateTime asOf) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SQL).setParameter("scope", region.like())
                .setParameter("from", first.atDay(1)).setParameter("to", last.atDay(1))
                .setParameter("end", last.atEndOfMonth()).setParameter("today", today).getResultList();
        List<Trends.Month> items = rows.stream().map(r -> new Trends.Month((String) r[0], number(r[1]), number(r[2]),
                number(r[3]), number(r[4]), number(r[5]), number(r[6]), number(r[7]),
                new BigDecimal(r[8].toString()).setScale(2, RoundingMode.HALF_UP), number(r[9]), number(r[10])))
                .toList();
        return new Trends(new Trends.Region(region.code(), region.name()), first.toString(), last.toString(), items,
                asOf);
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
