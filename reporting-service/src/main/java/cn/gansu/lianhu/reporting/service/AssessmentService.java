package cn.gansu.lianhu.reporting.service;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.events.contract.RegionLevel;
import cn.gansu.lianhu.reporting.config.AssessmentConfig;
import cn.gansu.lianhu.reporting.domain.UnitLevel;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * The assessment (督查考核, DESIGN.md §1 长效化; issue 5 point 1): for a period {@code from..to}, a score out of 100
 * per cadre, unit or region from six parts, each a value in [0, 1] weighted by {@code lianhu.reporting.assessment}
 * ({@link AssessmentConfig}), ranked within a level: the ACTIVE cadres of a unit, the units of one level under a
 * region, the child regions of a region.
 *
 * <p>"The subject's pairings": a cadre's own pairings; those a unit made ({@code pairing.unit_id}); those of
 * households in villages under a region. A pairing is active on a day by lianhu-events ContinuityRule (started on or
 * before it, not ended on or before it). The parts (the inputs each body shows in brackets):
 * <ul>
 * <li><b>coverage</b> (全覆盖, measured on {@code to}) — CADRE: {@code min(1, active pairings / minimum households)},
 * null when the minimum is 0 [activePairings, minimumHouseholds]; UNIT: the mean of {@code min(1, active village
 * links / required villages)} and the share of its ACTIVE cadres with at least their minimum of pairings active on
 * {@code to} [requiredVillages, linkedVillages, activeCadres, cadresMeetingMinimum]; REGION: the mean of the share of
 * households to cover (IN_POVERTY or RELAPSED on {@code to}, in poor villages) with a pairing active on {@code to},
 * and the share of poor villages with an active unit link. A half with nothing to measure (0/0: no village required,
 * no ACTIVE cadre, no household to cover, no poor village) is left out of the mean, and the part is null when both
 * are — nothing to cover earns no points (a region with nothing to assess has no score and ranks last, not first).
 * CoverageService's definitions, on {@code to} [householdsToCover, householdsCovered,
 * poorVillages, poorVillagesLinked]. Village links carry no dates: they count as they are now.</li>
 * <li><b>continuity</b> (全年联系不断) — the share of the subject's pairings active on {@code to} visited in person
 * within the window on {@code to}: the SQL of the visit figures ({@link VisitFiguresService#continuitySql}), so it
 * equals their {@code continuity.share} [activePairings, visitedWithinWindow].</li>
 * <li><b>tasks</b> (六项任务) — the mean over the subject's pairings active on {@code to} of the distinct tasks (of
 * six) recorded on the pairing's visits dated in the period, divided by 6 [activePairings, averageTasks (2
 * decimals)].</li>
 * <li><b>demandsOnTime</b> (民意诉求) — of the subject's demands (CADRE: raised on the cadre's visits; UNIT: handled
 * by the unit; REGION: of households under it) closed (RESOLVED or REJECTED) in the period, or due in it (deadline in
 * the period; one still open counts once its deadline has passed), the share closed on or before their deadline; an
 * open demand past its deadline is late [due, onTime].</li>
 * <li><b>lifted</b> (脱贫) — the subject's households (CADRE, UNIT: paired by the subject's pairings active on any
 * day of the period; REGION: every household under it) that changed to LIFTED in the period
 * ({@code household_status_change}), as a share of those households; the value is
 * {@code min(1, share / liftedTargetShare)} [households, lifted, targetShare].</li>
 * <li><b>noRelapse</b> (返贫) — {@code 1 − relapsed / liftedHouseholds}: of the subject's households LIFTED at the
 * start of the period or lifted in it, those that changed from LIFTED to RELAPSED in the period
 * [liftedHouseholds, relapsed].</li>
 * </ul>
 * A part with nothing to measure (a denominator of 0: no active pairing, no demand due, no household, none lifted)
 * has value null and a reason; the score is {@code 100 × Σ (weight × value) / Σ weight} over the parts that have a
 * value (rescaled), 1 decimal HALF_UP, from the values rounded to 4 decimals HALF_UP; null when no part with a weight
 * has a value.
 *
 * <p>Each ranking is computed set-wise, one SQL statement per part grouped by subject on one read-only snapshot
 * (REPEATABLE READ), then ordered: score (highest first, none last), subject name, id; equal scores share a rank
 * (competition ranking 1, 2, 2, 4).
 */
@ApplicationScoped
public class AssessmentService {

    /** Longest period of one assessment, in days (from and to included): a year, leap day included. */
    public static final int MAX_DAYS = 366;

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal SIX = BigDecimal.valueOf(6);
    private static final String COVER = "('IN_POVERTY', 'RELAPSED')";
    private static final String CLOSED = "d.status in ('RESOLVED', 'REJECTED')";
    private static final Pattern PARAM = Pattern.compile(":([a-zA-Z]+)");

    @Inject
    EntityManager em;

    @Inject
    CoverageService coverage;

    @Inject
    ReportScope scope;

    @Inject
    VisitFiguresService visits;

    @Inject
    AssessmentConfig config;

    @Inject
    Clock clock;

    @Inject
    ReportCache cache;

    /**
     * A checked period.
     *
     * @param from  first day
     * @param to    last day, not after today
     * @param today the day the assessment is computed on (Beijing): continuity before it is looked up in the visits
     */
    public record Period(LocalDate from, LocalDate to, LocalDate today) {
    }

    /**
     * The period of an assessment: {@code to} defaults to today, {@code from} to 1 January of {@code to}'s year.
     *
     * @throws ApiException 400 {@code to} / {@code date-future} for a day after today (Beijing); {@code from} /
     *                      {@code period} when from is after to; {@code from} / {@code period-too-long} for more than
     *                      {@value #MAX_DAYS} days
     */
    public Period period(LocalDate from, LocalDate to) {
        LocalDate today = LocalDate.now(clock);
        LocalDate last = to != null ? to : today;
        if (last.isAfter(today)) {
            throw ApiException.invalid("to", "date-future", "to " + last + " is after today " + today
                    + ": an assessment covers days that have passed");
        }
        LocalDate first = from != null ? from : last.withDayOfYear(1);
        if (first.isAfter(last)) {
            throw ApiException.invalid("from", "period", "from " + first + " is after to " + last);
        }
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        if (days > MAX_DAYS) {
            throw ApiException.invalid("from", "period-too-long", "the period from " + first + " to " + last + " has "
                    + days + " days, more than " + MAX_DAYS);
        }
        return new Period(first, last, today);
    }

    /** The weights as configured. */
    public Assessment.Weights weights() {
        AssessmentConfig.Weights w = config.weights();
        return new Assessment.Weights(w.coverage(), w.continuity(), w.tasks(), w.demandsOnTime(), w.lifted(),
                w.noRelapse());
    }

    /**
     * The ranking of the ACTIVE cadres of the unit {@code unitId}.
     *
     * @param page zero-based page; the whole ranking is computed and then paged
     * @throws ApiException 400 period (see {@link #period}); 404 unit not received or outside the caller's scope
     */
    @Transactional
    public Assessment.Ranking unitCadres(UUID unitId, LocalDate from, LocalDate to, int page, int size) {
        Period period = period(from, to);
        DrillDownService.snapshot(em);
        String unitName = scope.unitName(unitId); // 404 for an unknown unit and for one outside the caller's scope
        OffsetDateTime asOf = coverage.asOf(); // read first: the figures include at least every event up to it
        String members = "(select c.id from cadre c where c.unit_id = :unit and c.status = 'ACTIVE')";
        Subjects s = new Subjects("CADRE", Map.of("unit", unitId), false, false,
                "p.cadre_id", "p.cadre_id in " + members,
                "v.cadre_id", " join visit v on v.id = d.visit_id", "v.cadre_id in " + members, null);
        Map<String, Row> rows = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> cadres = query(("""
                select c.id, c.name, c.minimum_households,
                       (select count(*) from pairing p where p.cadre_id = c.id and %s)
                from cadre c where c.unit_id = :unit and c.status = 'ACTIVE'""".formatted(VisitFiguresService.ACTIVE)),
                s, period).getResultList();
        for (Object[] r : cadres) {
            long minimum = number(r[2]);
            long active = number(r[3]);
            Row row = new Row(new Assessment.Subject("CADRE", r[0].toString(), (String) r[1]));
            row.coverage = part(minimum == 0 ? null : min1(ratio(active, minimum)), "minimum of households is 0",
                    inputs("activePairings", active, "minimumHouseholds", minimum));
            rows.put(row.subject.id(), row);
        }
        return rank(new Assessment.Subject("UNIT", unitId.toString(), unitName), "CADRE", null, s, rows, period,
                page, size, asOf);
    }

    /**
     * The ranking of the units of {@code level} whose region is under {@code code}. The whole ranking is served from
     * the {@link ReportCache} while no event has changed the read models since (key: region, level, from, to, today),
     * then paged; the checks run first.
     *
     * @throws ApiException 400 level absent ({@code level}, {@code required}) or not a unit level ({@code level},
     *                      {@code enum.value}), malformed code, period; 404 region not received or outside the caller's scope
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Assessment.Ranking regionUnits(String code, String level, LocalDate from, LocalDate to, int page,
            int size) {
        if (level == null || level.isEmpty()) {
            throw ApiException.invalid("level", "required",
                    "level is required: one of PROVINCE, PREFECTURE, COUNTY, TOWNSHIP (units are ranked within a level)");
        }
        if (UnitLevel.of(level) == null) {
            throw ApiException.invalid("level", "enum.value", "level must be one of PROVINCE, PREFECTURE, COUNTY, "
                    + "TOWNSHIP, not '" + (level.length() > 40 ? level.substring(0, 37) + "..." : level) + "'");
        }
        Period period = period(from, to);
        ReportCache.Resolved resolved = coverage.resolve(code, ReportCache.Inputs.ALL);
        RegionScope region = resolved.region();
        Assessment.Ranking all = cache.get("assessment-units", resolved,
                asOf -> QuarkusTransaction.requiringNew().call(() -> {
                    DrillDownService.snapshot(em);
                    return regionUnits(region, level, period, asOf);
                }), level, period.from(), period.to(), period.today());
        return page(all, page, size);
    }

    /** The whole ranking of the units of {@code level} under {@code region}, uncached, on the current snapshot. */
    private Assessment.Ranking regionUnits(RegionScope region, String level, Period period, OffsetDateTime asOf) {
        String members = "(select u.id from unit u where u.region_code like :scope and u.level = :level)";
        Subjects s = new Subjects("UNIT", Map.of("scope", region.like(), "level", level), wide(region),
                "PROVINCE".equals(region.level()),
                "p.unit_id", "p.unit_id in " + members, "d.unit_id", "", "d.unit_id in " + members, null);
        Map<String, Row> rows = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> units = query(("""
                select u.id, u.name, u.required_villages,
                       (select count(*) from village_link l where l.unit_id = u.id and l.active),
                       (select count(*) from cadre c where c.unit_id = u.id and c.status = 'ACTIVE'),
                       (select count(*) from cadre c where c.unit_id = u.id and c.status = 'ACTIVE'
                           and (select count(*) from pairing p where p.cadre_id = c.id and %s) >= c.minimum_households)
                from unit u where u.region_code like :scope and u.level = :level""".formatted(
                VisitFiguresService.ACTIVE)), s, period).getResultList();
        for (Object[] r : units) {
            long required = number(r[2]);
            long linked = number(r[3]);
            long cadres = number(r[4]);
            long meeting = number(r[5]);
            BigDecimal links = required == 0 ? null : min1(ratio(linked, required));
            BigDecimal minimums = cadres == 0 ? null : ratio(meeting, cadres);
            Row row = new Row(new Assessment.Subject("UNIT", r[0].toString(), (String) r[1]));
            row.coverage = part(mean(links, minimums), "no village required and no ACTIVE cadre", inputs("requiredVillages", required, "linkedVillages",
                    linked, "activeCadres", cadres, "cadresMeetingMinimum", meeting));
            rows.put(row.subject.id(), row);
        }
        return rank(new Assessment.Subject("REGION", region.code(), region.name()), "UNIT", level, s, rows, period,
                0, Integer.MAX_VALUE, asOf);
    }

    /**
     * The ranking of the child regions of {@code code} (prefectures of the province, counties of a prefecture,
     * townships of a county, villages of a township); none for a village. The whole ranking is served from the
     * {@link ReportCache} while no event has changed the read models since (key: region, from, to, today), then
     * paged; the checks run first.
     *
     * @throws ApiException 400 malformed code, period; 404 region not received or outside the caller's scope
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Assessment.Ranking regionChildren(String code, LocalDate from, LocalDate to, int page, int size) {
        Period period = period(from, to);
        ReportCache.Resolved resolved = coverage.resolve(code, ReportCache.Inputs.ALL);
        RegionScope region = resolved.region();
        Assessment.Ranking all = cache.get("assessment-children", resolved,
                asOf -> QuarkusTransaction.requiringNew().call(() -> {
                    DrillDownService.snapshot(em);
                    return regionChildren(region, period, asOf);
                }), period.from(), period.to(), period.today());
        return page(all, page, size);
    }

    /** The whole ranking of the child regions of {@code region}, uncached, on the current snapshot. */
    private Assessment.Ranking regionChildren(RegionScope region, Period period, OffsetDateTime asOf) {
        String childLevel = DrillDownService.childLevel(region.level());
        Assessment.Subject scope = new Assessment.Subject("REGION", region.code(), region.name());
        Map<String, Row> rows = new LinkedHashMap<>();
        if (childLevel == null) {
            return rank(scope, null, null, null, rows, period, 0, Integer.MAX_VALUE, asOf);
        }
        int digits = RegionLevel.valueOf(childLevel).digits;
        String key = "rpad(substr(%s, 1, " + digits + "), 12, '0')";
        Subjects s = new Subjects("REGION", Map.of("scope", region.like()), wide(region),
                "PROVINCE".equals(region.level()),
                key.formatted("p.village_code"), "p.village_code like :scope", key.formatted("d.village_code"), "",
                "d.village_code like :scope", key.formatted("h.village_code"));
        @SuppressWarnings("unchecked")
        List<Object[]> children = query("select code, name from region where level = '" + childLevel
                + "' and code like :scope order by code", s, period).getResultList();
        for (Object[] r : children) {
            Row row = new Row(new Assessment.Subject("REGION", (String) r[0], (String) r[1]));
            rows.put(row.subject.id(), row);
        }
        // households to cover on `to` (status on that day, in poor villages) and those with a pairing active on it:
        // set-wise joins, not a lookup per household (under the province 1.3 s where the lookups took 2.3 s)
        Map<String, long[]> households = grouped("""
                select %s, count(*), count(cp.household_id)
                from household h
                join region v on v.code = h.village_code and v.level = 'VILLAGE' and v.poor_village
                left join %s st on st.household_id = h.id
                left join (select distinct p.household_id from pairing p
                           where p.village_code like :scope and %s) cp on cp.household_id = h.id
                where h.village_code like :scope and coalesce(st.from_status, h.status) in %s
                group by 1""".formatted(s.householdKey, StatusHistory.firstChangeAfter("cast(:day as date)",
                " and sc.village_code like :scope"), VisitFiguresService.ACTIVE, COVER), s, period);
        Map<String, long[]> villages = grouped(("""
                select %s, count(*), count(*) filter (where exists (select 1 from village_link l
                           where l.village_code = v.code and l.active))
                from region v where v.level = 'VILLAGE' and v.poor_village and v.code like :scope
                group by 1""".formatted(key.formatted("v.code"))), s, period);
        for (Row row : rows.values()) {
            long[] h = households.getOrDefault(row.subject.id(), new long[2]);
            long[] v = villages.getOrDefault(row.subject.id(), new long[2]);
            BigDecimal covered = h[0] == 0 ? null : ratio(h[1], h[0]);
            BigDecimal linked = v[0] == 0 ? null : ratio(v[1], v[0]);
            row.coverage = part(mean(covered, linked), "no household to cover and no poor village", inputs("householdsToCover", h[0], "householdsCovered",
                    h[1], "poorVillages", v[0], "poorVillagesLinked", v[1]));
        }
        return rank(scope, childLevel, null, s, rows, period, 0, Integer.MAX_VALUE, asOf);
    }

    /** One page of a whole ranking (its items from {@code page × size}, at most {@code size}). */
    private static Assessment.Ranking page(Assessment.Ranking all, int page, int size) {
        List<Assessment.Item> items = all.items();
        int first = (int) Math.min((long) page * size, items.size());
        int last = (int) Math.min((long) first + size, items.size());
        return new Assessment.Ranking(all.scope(), all.level(), all.unitLevel(), all.from(), all.to(), all.weights(),
                all.liftedTargetShare(), first == 0 && last == items.size() ? items : List.copyOf(items.subList(first,
                        last)), page, size, all.total(), all.asOf());
    }

    /** The weights as configured with the definitions of the parts. */
    public Assessment.WeightsView definitions() {
        Assessment.Weights w = weights();
        List<String> pairings = List.of("activePairings", "visitedWithinWindow");
        List<String> tasks = List.of("activePairings", "averageTasks");
        List<String> demands = List.of("due", "onTime");
        List<String> lifted = List.of("households", "lifted", "targetShare");
        List<String> relapse = List.of("liftedHouseholds", "relapsed");
        return new Assessment.WeightsView(w, config.liftedTargetShare(),
                "100 × Σ (weight × value) / Σ weight, over the parts that have a value (values rounded to 4 decimals"
                        + " HALF_UP); 1 decimal, HALF_UP; null when no part with a weight has a value",
                "score (highest first, none last), then name, then id; equal scores share a rank (1, 2, 2, 4); pages"
                        + " are cut from the whole ranking",
                List.of(new Assessment.Definition("coverage", w.coverage(),
                        "min(1, pairings active on `to` / the cadre's minimum of households); null when the minimum is 0",
                        "mean of min(1, active village links / required villages) and the share of its ACTIVE"
                                + " cadres with at least their minimum of pairings active on `to`; a half with nothing"
                                + " to measure (none required, no ACTIVE cadre) is left out, null when both are",
                        "mean of the share of households to cover (IN_POVERTY or RELAPSED on `to`, in poor villages)"
                                + " with a pairing active on `to`, and the share of poor villages with an active unit"
                                + " link; a half with nothing to measure (0/0) is left out, null when both are: a"
                                + " region with nothing to cover earns no points",
                        byKind(List.of("activePairings", "minimumHouseholds"),
                                List.of("requiredVillages", "linkedVillages", "activeCadres", "cadresMeetingMinimum"),
                                List.of("householdsToCover", "householdsCovered", "poorVillages",
                                        "poorVillagesLinked")),
                        "nothing to cover or meet: a cadre's minimum of 0; a unit with no village required and no"
                                + " ACTIVE cadre; a region with no household to cover and no poor village"),
                        new Assessment.Definition("continuity", w.continuity(),
                                "share of the cadre's pairings active on `to` visited in person within the window on"
                                        + " `to` (lianhu.continuity: 90 days, 180 for a lifted household)",
                                "the same over the pairings the unit made",
                                "the same over the pairings of households under the region",
                                byKind(pairings, pairings, pairings),
                                "no pairing active on `to`"),
                        new Assessment.Definition("tasks", w.tasks(),
                                "mean over the cadre's pairings active on `to` of the distinct tasks (of the six)"
                                        + " recorded on the pairing's visits dated in the period, divided by 6",
                                "the same over the pairings the unit made",
                                "the same over the pairings of households under the region",
                                byKind(tasks, tasks, tasks), "no pairing active on `to`"),
                        new Assessment.Definition("demandsOnTime", w.demandsOnTime(),
                                "of the demands raised on the cadre's visits that were closed (RESOLVED, REJECTED) in"
                                        + " the period or are due in it (deadline in the period; an open one once its"
                                        + " deadline has passed), the share closed on or before the deadline",
                                "the same over the demands the unit handles",
                                "the same over the demands of households under the region",
                                byKind(demands, demands, demands),
                                "no demand closed or due in the period"),
                        new Assessment.Definition("lifted", w.lifted(),
                                "min(1, share / liftedTargetShare), share = households paired by the cadre's pairings"
                                        + " active on any day of the period that changed to LIFTED in the period /"
                                        + " those households",
                                "the same with the pairings the unit made",
                                "the same with every household under the region",
                                byKind(lifted, lifted, lifted),
                                "no household (none paired in the period; none under the region)"),
                        new Assessment.Definition("noRelapse", w.noRelapse(),
                                "1 − relapsed / liftedHouseholds: of the cadre's households (as for lifted) LIFTED at"
                                        + " the start of the period or lifted in it, those that changed from LIFTED to"
                                        + " RELAPSED in the period",
                                "the same with the unit's households", "the same with the region's households",
                                byKind(relapse, relapse, relapse),
                                "no household lifted at the start of the period or in it")));
    }

    /** Inputs by kind of subject, in the order CADRE, UNIT, REGION. */
    private static Map<String, List<String>> byKind(List<String> cadre, List<String> unit, List<String> region) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("CADRE", cadre);
        m.put("UNIT", unit);
        m.put("REGION", region);
        return m;
    }

    // --- the parts, set-wise ------------------------------------------------------------------------------------

    /**
     * The subjects of one ranking as SQL over the read models: the key of a subject (cadre id, unit id, child region
     * code) and the condition selecting the rows of all subjects, for pairings {@code p}, demands {@code d} (joined
     * to visits {@code v} for cadres) and households {@code h} (REGION only; cadres and units reach their households
     * through their pairings).
     */
    private record Subjects(String kind, Map<String, Object> params, boolean wide, boolean province,
            String pairingKey, String pairingWhere, String demandKey, String demandJoin, String demandWhere,
            String householdKey) {
    }

    /** A subject being scored: its parts as they are computed. */
    private static final class Row {
        final Assessment.Subject subject;
        Assessment.Part coverage;
        Assessment.Part continuity;
        Assessment.Part tasks;
        Assessment.Part demandsOnTime;
        Assessment.Part lifted;
        Assessment.Part noRelapse;

        Row(Assessment.Subject subject) {
            this.subject = subject;
        }
    }

    /** Computes the other five parts of every row, the scores, and ranks and pages them. */
    private Assessment.Ranking rank(Assessment.Subject scope, String level, String unitLevel, Subjects s,
            Map<String, Row> rows, Period period, int page, int size, OffsetDateTime asOf) {
        Assessment.Weights weights = weights();
        if (!rows.isEmpty()) {
            parts(s, rows, period);
        }
        List<Assessment.Item> scored = new ArrayList<>(rows.size());
        for (Row r : rows.values()) {
            Assessment.Parts parts = new Assessment.Parts(weigh(r.coverage, weights.coverage()),
                    weigh(r.continuity, weights.continuity()), weigh(r.tasks, weights.tasks()),
                    weigh(r.demandsOnTime, weights.demandsOnTime()), weigh(r.lifted, weights.lifted()),
                    weigh(r.noRelapse, weights.noRelapse()));
            scored.add(new Assessment.Item(0, r.subject, score(parts), parts));
        }
        scored.sort(Comparator.comparing(Assessment.Item::score, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(i -> i.subject().name(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(i -> i.subject().id()));
        List<Assessment.Item> ranked = new ArrayList<>(scored.size());
        int rank = 0;
        BigDecimal previous = null;
        for (int i = 0; i < scored.size(); i++) {
            Assessment.Item item = scored.get(i);
            boolean tie = i > 0 && (item.score() == null ? previous == null
                    : previous != null && item.score().compareTo(previous) == 0);
            rank = tie ? rank : i + 1;
            previous = item.score();
            ranked.add(new Assessment.Item(rank, item.subject(), item.score(), item.parts()));
        }
        long first = Math.min((long) page * size, ranked.size());
        List<Assessment.Item> items = ranked.subList((int) first, (int) Math.min(first + size, ranked.size()));
        return new Assessment.Ranking(scope, level, unitLevel, period.from(), period.to(), weights,
                config.liftedTargetShare(), List.copyOf(items), page, size, ranked.size(), asOf);
    }

    private void parts(Subjects s, Map<String, Row> rows, Period period) {
        String day = " on " + period.to();
        // continuity: the visit figures' own SQL, grouped by subject
        Map<String, long[]> continuity = grouped(VisitFiguresService.continuitySql(s.pairingKey, s.pairingWhere,
                period.to().isBefore(period.today()), s.wide), s, period);
        // tasks: distinct tasks (popcount of the OR of the masks) of each pairing's visits in the period
        String mask = "cast(coalesce(t.m, 0) as int)";
        StringBuilder popcount = new StringBuilder();
        for (int bit = 0; bit < 6; bit++) {
            popcount.append(bit == 0 ? "" : " + ").append("((").append(mask).append(" >> ").append(bit).append(") & 1)");
        }
        // under the province one ordered pass over the index of visits by pairing (3.2 million visits: 2.2 s);
        // below it one index lookup per pairing (400,000 lookups took 3.1 s, a prefecture's 30,000 a tenth of that)
        String masks = s.province
                ? "left join (select v.pairing_id, bit_or(v.task_mask) as m from visit v"
                        + " where v.visited_on between :from and :to group by v.pairing_id) t on t.pairing_id = p.id"
                : "left join lateral (select bit_or(v.task_mask) as m from visit v"
                        + " where v.pairing_id = p.id and v.visited_on between :from and :to) t on true";
        Map<String, long[]> tasks = grouped("""
                select %s, count(*), coalesce(sum(%s), 0)
                from pairing p
                %s
                where %s and %s
                group by 1""".formatted(s.pairingKey, popcount, masks, s.pairingWhere, VisitFiguresService.ACTIVE), s,
                period);
        // demands closed in the period or due in it (an open one once its deadline has passed); closed by the deadline
        Map<String, long[]> demands = grouped("""
                select %s, count(*), count(*) filter (where %s and d.closed_on <= d.deadline)
                from demand d%s
                where %s and ((%s and d.closed_on between :from and :to)
                              or (d.deadline between :from and :to and (%s or d.deadline < :today)))
                group by 1""".formatted(s.demandKey, CLOSED, s.demandJoin, s.demandWhere, CLOSED, CLOSED), s, period);
        // households: lifted in the period; lifted at its start or in it; relapsed in it
        String households = s.householdKey != null
                ? "select %s as k, h.id as hid, h.status from household h where h.village_code like :scope"
                        .formatted(s.householdKey)
                : """
                        select distinct %s as k, h.id as hid, h.status
                        from pairing p join household h on h.id = p.household_id
                        where %s and p.status in ('ACTIVE', 'ENDED') and p.started_on <= :to
                          and (p.ended_on is null or p.ended_on > :from)""".formatted(s.pairingKey, s.pairingWhere);
        // each household once: lifted / relapsed in the period (its changes in the period), LIFTED at the start
        // (StatusHistory's status on the day before from) or lifted in it
        String changes = s.householdKey != null ? " and sc.village_code like :scope"
                : " and sc.household_id in (select hid from hs)";
        Map<String, long[]> status = grouped("""
                with hs as (%s)
                select x.k, count(*), count(*) filter (where x.lifted), count(*) filter (where x.was),
                       count(*) filter (where x.relapsed and x.was)
                from (select hs.k, coalesce(ch.lifted, false) as lifted, coalesce(ch.relapsed, false) as relapsed,
                             coalesce(ch.lifted, false) or coalesce(st.from_status, hs.status) = 'LIFTED' as was
                      from hs
                      left join (select sc.household_id,
                                        bool_or(sc.to_status = 'LIFTED' and sc.from_status in %s) as lifted,
                                        bool_or(sc.from_status = 'LIFTED' and sc.to_status = 'RELAPSED') as relapsed
                                 from household_status_change sc
                                 where sc.changed_on between :from and :to%s
                                 group by sc.household_id) ch on ch.household_id = hs.hid
                      left join %s st on st.household_id = hs.hid) x
                group by x.k""".formatted(households, COVER, changes,
                StatusHistory.firstChangeAfter("cast(:before as date)", changes)), s, period);
        BigDecimal target = config.liftedTargetShare();
        for (Row row : rows.values()) {
            String id = row.subject.id();
            long[] c = continuity.getOrDefault(id, new long[3]);
            row.continuity = part(c[0] == 0 ? null : ratio(c[1], c[0]), "no pairing active" + day,
                    inputs("activePairings", c[0], "visitedWithinWindow", c[1]));
            long[] t = tasks.getOrDefault(id, new long[2]);
            row.tasks = part(t[0] == 0 ? null : BigDecimal.valueOf(t[1]).divide(SIX.multiply(BigDecimal.valueOf(t[0])),
                    MC), "no pairing active" + day, inputs("activePairings", t[0], "averageTasks", t[0] == 0 ? null
                            : BigDecimal.valueOf(t[1]).divide(BigDecimal.valueOf(t[0]), 2, RoundingMode.HALF_UP)));
            long[] d = demands.getOrDefault(id, new long[2]);
            row.demandsOnTime = part(d[0] == 0 ? null : ratio(d[1], d[0]), "no demand closed or due in the period",
                    inputs("due", d[0], "onTime", d[1]));
            long[] h = status.getOrDefault(id, new long[4]);
            row.lifted = part(h[0] == 0 ? null
                    : min1(BigDecimal.valueOf(h[1]).divide(BigDecimal.valueOf(h[0]).multiply(target), MC)),
                    s.householdKey != null ? "no household under the region"
                            : "no household paired by the " + s.kind.toLowerCase() + "'s pairings in the period",
                    inputs("households", h[0], "lifted", h[1], "targetShare", target));
            row.noRelapse = part(h[2] == 0 ? null : BigDecimal.ONE.subtract(ratio(h[3], h[2])),
                    "no household lifted at the start of the period or in it",
                    inputs("liftedHouseholds", h[2], "relapsed", h[3]));
        }
    }

    /** Rows {@code key, n1, n2, …} of {@code sql} by key (as text). */
    private Map<String, long[]> grouped(String sql, Subjects s, Period period) {
        @SuppressWarnings("unchecked")
        List<Object[]> result = query(sql, s, period).getResultList();
        Map<String, long[]> map = new HashMap<>();
        for (Object[] r : result) {
            long[] n = new long[r.length - 1];
            for (int i = 1; i < r.length; i++) {
                n[i - 1] = number(r[i]);
            }
            map.put(r[0].toString(), n);
        }
        return map;
    }

    /**
     * {@code sql} with the parameters it uses bound: the subjects' own, {@code :from}, {@code :to}, {@code :day}
     * (= to), {@code :before} (the day before from), {@code :today}, and the continuity windows {@code :lifted} and
     * {@code :normal} ({@link VisitFiguresService#bindContinuity}).
     */
    private Query query(String sql, Subjects s, Period period) {
        Query q = em.createNativeQuery(sql);
        Map<String, Object> values = new HashMap<>(s.params());
        values.put("from", period.from());
        values.put("to", period.to());
        values.put("day", period.to());
        values.put("before", period.from().minusDays(1));
        values.put("today", period.today());
        Set<String> used = new HashSet<>();
        Matcher m = PARAM.matcher(sql);
        while (m.find()) {
            used.add(m.group(1));
        }
        if (used.contains("lifted")) {
            visits.bindContinuity(q, period.to());
        }
        for (String name : used) {
            if (values.containsKey(name)) {
                q.setParameter(name, values.get(name));
            }
        }
        return q;
    }

    private static boolean wide(RegionScope region) {
        return "PROVINCE".equals(region.level()) || "PREFECTURE".equals(region.level());
    }

    // --- numbers ------------------------------------------------------------------------------------------------

    /** A part before weighing: value (exact; null with the reason) and inputs. */
    private static Assessment.Part part(BigDecimal value, String reason, Map<String, Object> inputs) {
        return new Assessment.Part(value == null ? null : value.setScale(4, RoundingMode.HALF_UP), 0, null,
                value == null ? reason : null, inputs);
    }

    /** The part with its weight and points (weight × value). */
    private static Assessment.Part weigh(Assessment.Part p, int weight) {
        return new Assessment.Part(p.value(), weight,
                p.value() == null ? null : p.value().multiply(BigDecimal.valueOf(weight)), p.reason(), p.inputs());
    }

    /** 100 × Σ points / Σ weights of the parts with a value; null when that Σ weights is 0. */
    private static BigDecimal score(Assessment.Parts parts) {
        BigDecimal points = BigDecimal.ZERO;
        int weights = 0;
        for (String name : Assessment.PARTS) {
            Assessment.Part p = parts.of(name);
            if (p.value() != null) {
                points = points.add(p.points());
                weights += p.weight();
            }
        }
        return weights == 0 ? null : HUNDRED.multiply(points).divide(BigDecimal.valueOf(weights), 1,
                RoundingMode.HALF_UP);
    }

    private static BigDecimal ratio(long numerator, long denominator) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), MC);
    }

    private static BigDecimal min1(BigDecimal v) {
        return v.compareTo(BigDecimal.ONE) > 0 ? BigDecimal.ONE : v;
    }

    /** The mean of the halves that have something to measure (null ones left out); null when neither has. */
    private static BigDecimal mean(BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.add(b).divide(BigDecimal.valueOf(2), MC);
    }

    /** Inputs in the order given: name, value, name, value … */
    private static Map<String, Object> inputs(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
