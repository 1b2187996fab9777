package cn.gansu.lianhu.visit.service;

import static cn.gansu.lianhu.visit.service.SqlValues.date;
import static cn.gansu.lianhu.visit.service.SqlValues.joined;
import static cn.gansu.lianhu.visit.service.SqlValues.number;
import static cn.gansu.lianhu.visit.service.SqlValues.time;
import static cn.gansu.lianhu.visit.service.SqlValues.uuid;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.api.audit.Audit;
import cn.gansu.lianhu.visit.config.VisitConfig;
import cn.gansu.lianhu.visit.domain.BatchStatus;
import cn.gansu.lianhu.visit.domain.PlanItemStatus;
import cn.gansu.lianhu.visit.rest.BatchRequest;
import cn.gansu.lianhu.visit.rest.PlanRequest;
import cn.gansu.lianhu.visit.service.PlanViews.Batch;
import cn.gansu.lianhu.visit.service.PlanViews.Item;
import cn.gansu.lianhu.visit.service.PlanViews.Plan;
import cn.gansu.lianhu.visit.service.PlanViews.PlanSummary;
import cn.gansu.lianhu.visit.service.PlanViews.Progress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Visit plans and batches (分期分批进村入户, DESIGN.md §1, issue 4 points 1 and 5). A unit's plan has batches; a batch
 * is a period and the unit's ACTIVE pairings chosen by village, household and cadre, one item per pairing. An item
 * is VISITED by the earliest in-person visit (IN_HOME, VILLAGE_MEETING — 进村入户; not BY_PHONE nor OTHER) of its
 * pairing dated inside the period; it is CANCELLED when its
 * batch is cancelled (reason BATCH_CANCELLED) or its pairing ends or is withdrawn before that (reason: the end
 * reason, or WITHDRAWN; a household dissolved, merged or moved cancels every pending item of the household).
 * Items follow the visit table through {@link #recomputePairing}, called by {@link VisitEffects}.
 */
@ApplicationScoped
public class VisitPlans {
    /** End reasons of a pairing that mean the household itself is gone: all its pending items are cancelled. */
    static final Set<String> HOUSEHOLD_GONE = Set.of("HOUSEHOLD_DISSOLVED", "HOUSEHOLD_MERGED", "HOUSEHOLD_MOVED");
    /** Reason of items cancelled with their batch. */
    public static final String BATCH_CANCELLED = "BATCH_CANCELLED";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    VisitConfig config;

    @Inject
    Scopes scopes;

    @Inject
    Audit audit;

    /**
     * Creates an empty plan for a unit; version 1.
     *
     * @throws ApiException 422 {@code visit-plan.unknown-unit} (field {@code unitId}) when visit-service knows no
     *                      pairing of the unit ({@code known_pairing.unit_id}, any status): a plan for it could never
     *                      get a batch (fresh-clone review point 6); the same when the unit is outside the caller's
     *                      scope (issue 6): REGION_ADMIN needs a known pairing of the unit in a village under its
     *                      prefix, UNIT_ADMIN its own unit
     */
    @Transactional
    public Plan create(PlanRequest request) {
        Map<String, Object> known = new LinkedHashMap<>();
        known.put("unit", request.unitId());
        Query unit = em.createNativeQuery("select 1 from known_pairing where unit_id = :unit"
                + scopes.columns("village_code", "unit_id", "cadre_id", known) + " limit 1");
        known.forEach(unit::setParameter);
        if (unit.getResultList().isEmpty()) {
            throw ApiException.unprocessable("unitId", "visit-plan.unknown-unit", "unit " + request.unitId()
                    + " has no pairing known to visit-service: a plan for it could never get a batch");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into visit_plan (id, unit_id, name, created_at, version) values (?1, ?2, ?3, ?4, 1)")
                .setParameter(1, id).setParameter(2, request.unitId()).setParameter(3, request.name().strip())
                .setParameter(4, now()).executeUpdate();
        Plan plan = view(id);
        audit.record("visit-plan", id, "CREATED", null, plan);
        return plan;
    }

    /**
     * Adds a batch to a plan: one PENDING item per ACTIVE known pairing of the plan's unit in the scope — leaving out
     * pairings already in another non-cancelled batch of the same plan whose period overlaps (never planned twice;
     * repeated codes or ids in the request select a pairing once) — then VISITED
     * at once for pairings already visited in person (IN_HOME, VILLAGE_MEETING) inside the period. Plan version +1.
     *
     * @throws ApiException 404 unknown plan; 400 {@code visit-batch.scope-required} (neither villageCodes nor
     *                      householdIds), {@code visit-batch.period} (endsOn before startsOn), {@code region.code} (a
     *                      village code that is no division code); 422 {@code visit-batch.period-too-long},
     *                      {@code visit-batch.ended-in-past}, {@code visit-batch.empty} (nothing matches, or every pairing
     *                      matching is already planned in an overlapping batch: the message says how many),
     *                      {@code visit-batch.too-large} (counting the pairings left after that)
     */
    @Transactional
    public Batch addBatch(UUID planId, BatchRequest request) {
        List<String> villageCodes = request.villageCodes() == null ? List.of() : request.villageCodes();
        List<UUID> households = request.householdIds() == null ? List.of() : request.householdIds();
        List<UUID> cadres = request.cadreIds() == null ? List.of() : request.cadreIds();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (villageCodes.isEmpty() && households.isEmpty()) {
            errors.add(new Problem.FieldError("villageCodes", "visit-batch.scope-required",
                    "give villageCodes or householdIds (or both): the households this batch visits"));
        }
        if (request.endsOn().isBefore(request.startsOn())) {
            errors.add(new Problem.FieldError("endsOn", "visit-batch.period",
                    "endsOn " + request.endsOn() + " is before startsOn " + request.startsOn()));
        }
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < villageCodes.size(); i++) {
            String field = "villageCodes[" + i + "]";
            String code = villageCodes.get(i);
            if (!code.matches("\\d{2}|\\d{4}|\\d{6}|\\d{9}|\\d{12}")) {
                errors.add(new Problem.FieldError(field, "region.code", field
                        + " must be a division code of 2, 4, 6, 9 or 12 digits, not '"
                        + (code.length() > 40 ? code.substring(0, 37) + "..." : code) + "'"));
            } else {
                prefixes.add(VisitQueries.regionPrefix(field, code) + "%");
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Object[] plan = lockPlan(planId);
        requireVisible(planId);
        Plan before = view(planId);
        UUID unitId = uuid(plan[0]);
        long days = ChronoUnit.DAYS.between(request.startsOn(), request.endsOn()) + 1;
        if (days > config.plan().maxDays()) {
            throw ApiException.unprocessable("endsOn", "visit-batch.period-too-long", "the period " + request.startsOn()
                    + ".." + request.endsOn() + " has " + days + " days, more than " + config.plan().maxDays());
        }
        LocalDate today = LocalDate.now(clock);
        if (request.endsOn().isBefore(today)) {
            throw ApiException.unprocessable("endsOn", "visit-batch.ended-in-past",
                    "endsOn " + request.endsOn() + " is before today (" + today + ")");
        }

        StringBuilder scope = new StringBuilder(" from known_pairing kp where kp.unit_id = :unit and kp.status = 'ACTIVE'"
                + " and (false");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("unit", unitId);
        if (!prefixes.isEmpty()) {
            scope.append(" or kp.village_code like any (string_to_array(:prefixes, ','))");
            params.put("prefixes", joined(prefixes));
        }
        if (!households.isEmpty()) {
            scope.append(" or kp.household_id = any (cast(string_to_array(:households, ',') as uuid[]))");
            params.put("households", joined(households));
        }
        scope.append(')');
        if (!cadres.isEmpty()) {
            scope.append(" and kp.cadre_id = any (cast(string_to_array(:cadres, ',') as uuid[]))");
            params.put("cadres", joined(cadres));
        }
        if (scopes.regionLike() != null) {
            // issue 6: a REGION_ADMIN plans only households under its prefix; villages elsewhere match nothing, as
            // unknown villages do
            scope.append(" and kp.village_code like :scopePrefix");
            params.put("scopePrefix", scopes.regionLike());
        }
        Query count = em.createNativeQuery("select count(*)" + scope);
        params.forEach(count::setParameter);
        long matched = number(count.getSingleResult());
        if (matched == 0) {
            throw ApiException.unprocessable("villageCodes", "visit-batch.empty", "no ACTIVE pairing of unit " + unitId
                    + " matches the villages, households and cadres given");
        }
        // no double planning (review point 4): leave out pairings already in another non-cancelled batch of this
        // plan whose period overlaps this one
        scope.append(" and not exists (select 1 from visit_plan_item oi join visit_batch ob on ob.id = oi.batch_id"
                + " where oi.pairing_id = kp.id and ob.plan_id = :plan and ob.status <> 'CANCELLED'"
                + " and ob.starts_on <= :ends and ob.ends_on >= :starts)");
        params.put("plan", planId);
        params.put("starts", request.startsOn());
        params.put("ends", request.endsOn());
        Query countFresh = em.createNativeQuery("select count(*)" + scope);
        params.forEach(countFresh::setParameter);
        long fresh = number(countFresh.getSingleResult());
        if (fresh == 0) {
            throw ApiException.unprocessable("villageCodes", "visit-batch.empty", "all " + matched + " ACTIVE "
                    + (matched == 1 ? "pairing" : "pairings") + " of unit " + unitId + " matching the villages, "
                    + "households and cadres given " + (matched == 1 ? "is" : "are") + " already planned in another "
                    + "batch of this plan whose period overlaps " + request.startsOn() + ".." + request.endsOn());
        }
        if (fresh > config.plan().maxItems()) {
            throw ApiException.unprocessable("villageCodes", "visit-batch.too-large", fresh
                    + " pairings match, more than the " + config.plan().maxItems() + " one batch may plan");
        }
        UUID batchId = UUID.randomUUID();
        em.createNativeQuery("""
                insert into visit_batch (id, plan_id, name, starts_on, ends_on, status, created_at)
                values (?1, ?2, ?3, ?4, ?5, 'ACTIVE', ?6)""").setParameter(1, batchId).setParameter(2, planId)
                .setParameter(3, request.name().strip()).setParameter(4, request.startsOn())
                .setParameter(5, request.endsOn()).setParameter(6, now()).executeUpdate();
        Query insert = em.createNativeQuery("insert into visit_plan_item (batch_id, pairing_id, cadre_id, household_id,"
                + " village_code, status) select cast(:batch as uuid), kp.id, kp.cadre_id, kp.household_id,"
                + " kp.village_code, 'PENDING'" + scope);
        params.forEach(insert::setParameter);
        insert.setParameter("batch", batchId.toString()).executeUpdate();
        recompute("i.batch_id = :key", batchId);
        bumpPlan(planId);
        audit.record("visit-plan", planId, "BATCH_ADDED", before, view(planId));
        return batch(planId, batchId);
    }

    /**
     * Cancels a batch: its PENDING items become CANCELLED (reason BATCH_CANCELLED, today); VISITED items stay.
     * Plan version +1.
     *
     * @throws ApiException 404 unknown plan or batch; 409 {@code visit-batch.already-cancelled}
     */
    @Transactional
    public Batch cancelBatch(UUID planId, UUID batchId) {
        lockPlan(planId);
        requireVisible(planId);
        Plan before = view(planId);
        List<?> status = em.createNativeQuery("select status from visit_batch where id = ?1 and plan_id = ?2")
                .setParameter(1, batchId).setParameter(2, planId).getResultList();
        if (status.isEmpty()) {
            throw ApiException.notFound("visit batch", batchId.toString());
        }
        if (BatchStatus.CANCELLED.name().equals(status.get(0))) {
            throw ApiException.conflict("batchId", "visit-batch.already-cancelled",
                    "visit batch " + batchId + " is already cancelled");
        }
        LocalDate today = LocalDate.now(clock);
        em.createNativeQuery("update visit_batch set status = 'CANCELLED', cancelled_on = ?2 where id = ?1")
                .setParameter(1, batchId).setParameter(2, today).executeUpdate();
        em.createNativeQuery("update visit_plan_item set status = 'CANCELLED', cancelled_reason = ?2, cancelled_on = ?3"
                + " where batch_id = ?1 and status = 'PENDING'").setParameter(1, batchId)
                .setParameter(2, BATCH_CANCELLED).setParameter(3, today).executeUpdate();
        bumpPlan(planId);
        audit.record("visit-plan", planId, "BATCH_CANCELLED", before, view(planId));
        return batch(planId, batchId);
    }

    /**
     * Cancels the PENDING items of a pairing that ended or was withdrawn (issue 4 point 5), in the transaction that
     * applies the pairing event; when the end reason says the household is gone (HOUSEHOLD_DISSOLVED,
     * HOUSEHOLD_MERGED, HOUSEHOLD_MOVED) every PENDING item of the household, whatever its pairing.
     *
     * @param reason the pairing's end reason, or WITHDRAWN
     * @param on     the day of the end (endedOn; for a withdrawal the event's day)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void pairingClosed(UUID pairingId, UUID householdId, String reason, LocalDate on) {
        String where = HOUSEHOLD_GONE.contains(reason) ? "household_id = ?1" : "pairing_id = ?1";
        em.createNativeQuery("update visit_plan_item set status = 'CANCELLED', cancelled_reason = ?2, cancelled_on = ?3"
                + " where " + where + " and status = 'PENDING'")
                .setParameter(1, HOUSEHOLD_GONE.contains(reason) ? householdId : pairingId)
                .setParameter(2, reason).setParameter(3, on).executeUpdate();
    }

    /**
     * Recomputes the items of one pairing from the visit table (not CANCELLED ones): VISITED with the earliest in-person visit (IN_HOME, VILLAGE_MEETING)
     * of the pairing dated inside the batch period, else PENDING — or CANCELLED when the batch was cancelled
     * (BATCH_CANCELLED) or the pairing has meanwhile ended or been withdrawn (a correction moved the only visit out).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recomputePairing(UUID pairingId) {
        recompute("i.pairing_id = :key", pairingId);
    }

    /** {@link #recomputePairing} as a statement, for a caller that sends it with others (issue 7: one round trip). */
    RoundTrip.Statement recomputePairingStatement(UUID pairingId) {
        return RoundTrip.Statement.named(RECOMPUTE.formatted("i.pairing_id = :key"),
                Map.of("key", pairingId, "today", LocalDate.now(clock)));
    }

    private void recompute(String condition, UUID key) {
        em.createNativeQuery(RECOMPUTE.formatted(condition))
                .setParameter("key", key).setParameter("today", LocalDate.now(clock)).executeUpdate();
    }

    /** Recomputes the items matching a condition ({@code %s}, with {@code :key}) from the visit table. */
    private static final String RECOMPUTE = """
                with pick as (
                  select i.batch_id, i.pairing_id, b.status as batch_status, b.cancelled_on as batch_cancelled_on,
                    kp.status as pairing_status, kp.end_reason, kp.ended_on, v.id as visit_id, v.visited_on
                  from visit_plan_item i
                  join visit_batch b on b.id = i.batch_id
                  left join known_pairing kp on kp.id = i.pairing_id
                  left join lateral (select vv.id, vv.visited_on from visit vv
                                     where vv.pairing_id = i.pairing_id
                                       and vv.mode in ('IN_HOME', 'VILLAGE_MEETING')
                                       and vv.visited_on between b.starts_on and b.ends_on
                                     order by vv.visited_on, vv.created_at, vv.id limit 1) v on true
                  where i.status <> 'CANCELLED' and %s)
                update visit_plan_item t set
                  visit_id = p.visit_id,
                  visited_on = p.visited_on,
                  status = case when p.visit_id is not null then 'VISITED'
                                when p.batch_status = 'CANCELLED' or p.pairing_status in ('ENDED', 'WITHDRAWN')
                                  then 'CANCELLED'
                                else 'PENDING' end,
                  cancelled_reason = case when p.visit_id is not null then null
                                          when p.batch_status = 'CANCELLED' then 'BATCH_CANCELLED'
                                          when p.pairing_status = 'WITHDRAWN' then 'WITHDRAWN'
                                          when p.pairing_status = 'ENDED' then coalesce(p.end_reason, 'ENDED') end,
                  cancelled_on = case when p.visit_id is not null then null
                                      when p.batch_status = 'CANCELLED' then p.batch_cancelled_on
                                      when p.pairing_status = 'WITHDRAWN' then cast(:today as date)
                                      when p.pairing_status = 'ENDED' then coalesce(p.ended_on, cast(:today as date))
                                 end
                from pick p where t.batch_id = p.batch_id and t.pairing_id = p.pairing_id""";

    /**
     * A plan with its batches and progress, in the caller's scope ({@link #planScope}).
     *
     * @throws ApiException 404 if unknown or outside the caller's scope (the same answer)
     */
    @Transactional
    public Plan get(UUID planId) {
        requireVisible(planId);
        return view(planId);
    }

    private Plan view(UUID planId) {
        List<Object[]> rows = em.createNativeQuery(
                "select unit_id, name, created_at, version from visit_plan where id = ?1", Object[].class)
                .setParameter(1, planId).getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("visit plan", planId.toString());
        }
        Object[] r = rows.get(0);
        List<Batch> batches = batches(planId, null);
        Progress progress = progress("b.plan_id = ?1", planId);
        return new Plan(planId, uuid(r[0]), (String) r[1], time(r[2]), number(r[3]), progress, batches);
    }

    /**
     * One page of the plans in the caller's scope ({@link #planScope}), newest first, filtered by unit and by region
     * (plans with an item in a village under the code prefix); null filters do not filter.
     */
    @Transactional
    public Page<PlanSummary> list(UUID unitId, String regionPrefix, int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (unitId != null) {
            where.append(" and p.unit_id = :unit");
            params.put("unit", unitId);
        }
        if (regionPrefix != null) {
            where.append(" and exists (select 1 from visit_batch b join visit_plan_item i on i.batch_id = b.id"
                    + " where b.plan_id = p.id and i.village_code like :prefix)");
            params.put("prefix", regionPrefix + "%");
        }
        where.append(planScope(params));
        Query count = em.createNativeQuery("select count(*) from visit_plan p" + where);
        params.forEach(count::setParameter);
        long total = number(count.getSingleResult());
        Query select = em.createNativeQuery("""
                select p.id, p.unit_id, p.name, p.created_at, p.version,
                  (select count(*) from visit_batch b where b.plan_id = p.id),
                  s.planned, s.visited, s.pending, s.cancelled, s.households
                from visit_plan p
                cross join lateral (select count(i.batch_id) as planned,
                    count(*) filter (where i.status = 'VISITED') as visited,
                    count(*) filter (where i.status = 'PENDING') as pending,
                    count(*) filter (where i.status = 'CANCELLED') as cancelled,
                    count(distinct i.household_id) as households
                  from visit_batch b join visit_plan_item i on i.batch_id = b.id where b.plan_id = p.id) s"""
                + where + " order by p.created_at desc, p.id", Object[].class);
        params.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.setFirstResult(page * size).setMaxResults(size).getResultList();
        List<PlanSummary> items = rows.stream().map(r -> new PlanSummary(uuid(r[0]), uuid(r[1]), (String) r[2],
                time(r[3]), number(r[4]), number(r[5]), new Progress(number(r[6]), number(r[7]), number(r[8]),
                        number(r[9]), number(r[10])))).toList();
        return new Page<>(items, page, size, total);
    }

    /**
     * One page of a batch's items, by village, household and pairing.
     *
     * @param status  only items in this state (null: all)
     * @param cadreId only this cadre's items (null: all)
     * @throws ApiException 404 unknown plan or batch of that plan
     */
    @Transactional
    public Page<Item> items(UUID planId, UUID batchId, PlanItemStatus status, UUID cadreId, int page, int size) {
        batch(planId, batchId);
        StringBuilder where = new StringBuilder(" where i.batch_id = :batch");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("batch", batchId);
        if (status != null) {
            where.append(" and i.status = :status");
            params.put("status", status.name());
        }
        if (cadreId != null) {
            where.append(" and i.cadre_id = :cadre");
            params.put("cadre", cadreId);
        }
        if (scopes.cadre() != null) {
            // a CADRE sees only its own items of a plan that includes it
            where.append(" and i.cadre_id = :scopeCadre");
            params.put("scopeCadre", scopes.cadre());
        }
        Query count = em.createNativeQuery("select count(*) from visit_plan_item i" + where);
        params.forEach(count::setParameter);
        long total = number(count.getSingleResult());
        Query select = em.createNativeQuery("select i.pairing_id, i.cadre_id, i.household_id, i.village_code, i.status,"
                + " i.visit_id, i.visited_on, i.cancelled_reason, i.cancelled_on from visit_plan_item i" + where
                + " order by i.village_code, i.household_id, i.pairing_id", Object[].class);
        params.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.setFirstResult(page * size).setMaxResults(size).getResultList();
        List<Item> items = rows.stream().map(r -> new Item(uuid(r[0]), uuid(r[1]), uuid(r[2]), (String) r[3],
                PlanItemStatus.valueOf((String) r[4]), uuid(r[5]), date(r[6]), (String) r[7], date(r[8]))).toList();
        return new Page<>(items, page, size, total);
    }

    /**
     * One batch of a plan with its progress.
     *
     * @throws ApiException 404 unknown plan (or outside the caller's scope: the same answer), or no such batch in it
     */
    @Transactional
    public Batch batch(UUID planId, UUID batchId) {
        requireVisible(planId);
        List<Batch> found = batches(planId, batchId);
        if (found.isEmpty()) {
            if (em.createNativeQuery("select 1 from visit_plan where id = ?1").setParameter(1, planId)
                    .getResultList().isEmpty()) {
                throw ApiException.notFound("visit plan", planId.toString());
            }
            throw ApiException.notFound("visit batch", batchId.toString());
        }
        return found.get(0);
    }

    private List<Batch> batches(UUID planId, UUID batchId) {
        Query q = em.createNativeQuery("""
                select b.id, b.name, b.starts_on, b.ends_on, b.status, b.created_at, b.cancelled_on,
                  count(i.batch_id), count(*) filter (where i.status = 'VISITED'),
                  count(*) filter (where i.status = 'PENDING'), count(*) filter (where i.status = 'CANCELLED'),
                  count(distinct i.household_id)
                from visit_batch b left join visit_plan_item i on i.batch_id = b.id
                where b.plan_id = :plan""" + (batchId == null ? "" : " and b.id = :batch") + """

                group by b.id order by b.starts_on, b.created_at, b.id""", Object[].class)
                .setParameter("plan", planId);
        if (batchId != null) {
            q.setParameter("batch", batchId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new Batch(uuid(r[0]), planId, (String) r[1], date(r[2]), date(r[3]),
                BatchStatus.valueOf((String) r[4]), time(r[5]), date(r[6]), new Progress(number(r[7]), number(r[8]),
                        number(r[9]), number(r[10]), number(r[11])))).toList();
    }

    private Progress progress(String condition, UUID key) {
        Object[] r = (Object[]) em.createNativeQuery("""
                select count(*), count(*) filter (where i.status = 'VISITED'), count(*) filter (where i.status = 'PENDING'),
                  count(*) filter (where i.status = 'CANCELLED'), count(distinct i.household_id)
                from visit_plan_item i join visit_batch b on b.id = i.batch_id
                where\s""" + condition, Object[].class)
                .setParameter(1, key).getSingleResult();
        return new Progress(number(r[0]), number(r[1]), number(r[2]), number(r[3]), number(r[4]));
    }

    /**
     * The caller's scope over plans (issue 6), as a condition on {@code visit_plan p} starting with " and " (empty for
     * PROVINCE_ADMIN, AUDITOR, INTEGRATION): REGION_ADMIN — every item of the plan in a village under the prefix and
     * the unit has a known pairing there (so a new, empty plan of a unit in the region is seen); UNIT_ADMIN — its own
     * unit's plans; CADRE — plans with an item of its own.
     */
    String planScope(Map<String, Object> params) {
        if (scopes.regionLike() != null) {
            params.put("scopePrefix", scopes.regionLike());
            return " and not exists (select 1 from visit_batch sb join visit_plan_item si on si.batch_id = sb.id"
                    + " where sb.plan_id = p.id and si.village_code not like :scopePrefix)"
                    + " and exists (select 1 from known_pairing skp where skp.unit_id = p.unit_id"
                    + " and skp.village_code like :scopePrefix)";
        }
        if (scopes.unit() != null) {
            params.put("scopeUnit", scopes.unit());
            return " and p.unit_id = :scopeUnit";
        }
        if (scopes.cadre() != null) {
            params.put("scopeCadre", scopes.cadre());
            return " and exists (select 1 from visit_batch sb join visit_plan_item si on si.batch_id = sb.id"
                    + " where sb.plan_id = p.id and si.cadre_id = :scopeCadre)";
        }
        return "";
    }

    /** 404 {@code visit plan … does not exist} if the plan is unknown or outside the caller's scope. */
    private void requireVisible(UUID planId) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("plan", planId);
        Query q = em.createNativeQuery("select 1 from visit_plan p where p.id = :plan" + planScope(params));
        params.forEach(q::setParameter);
        if (q.getResultList().isEmpty()) {
            throw ApiException.notFound("visit plan", planId.toString());
        }
    }

    /** Locks the plan row (batches of one plan are added and cancelled one at a time). @return [unit_id] */
    private Object[] lockPlan(UUID planId) {
        List<?> rows = em.createNativeQuery("select unit_id from visit_plan where id = ?1 for update")
                .setParameter(1, planId).getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("visit plan", planId.toString());
        }
        return new Object[] { rows.get(0) };
    }

    private void bumpPlan(UUID planId) {
        em.createNativeQuery("update visit_plan set version = version + 1 where id = ?1").setParameter(1, planId)
                .executeUpdate();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
