package cn.gansu.lianhu.visit.service;

import static cn.gansu.lianhu.visit.service.SqlValues.date;
import static cn.gansu.lianhu.visit.service.SqlValues.number;
import static cn.gansu.lianhu.visit.service.SqlValues.uuid;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.events.contract.ContinuityRule;
import cn.gansu.lianhu.visit.service.ContinuityViews.OverduePairing;
import cn.gansu.lianhu.visit.service.ContinuityViews.Summary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Year-round contact (全年联系不断, DESIGN.md §1, issue 4 point 5): which active pairings were visited in person
 * within their window and which are overdue, by region, unit and cadre. The rule itself is lianhu-events
 * {@link ContinuityRule} (the same for reporting-service): this class only groups the pairings by household status
 * and reference dates in SQL and asks the rule about each group, so the figures scale with the number of distinct
 * dates, not of pairings.
 */
@ApplicationScoped
public class Continuity {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ContinuityRule rule;

    @Inject
    Scopes scopes;

    /** Filters; null does not filter. {@code villagePrefix} is a division-code prefix of the household's village. */
    public record Scope(String villagePrefix, UUID unitId, UUID cadreId) {
    }

    /** One group of active pairings sharing household status, latest in-person visit and (never visited) start. */
    private record Group(String householdStatus, LocalDate lastInPerson, LocalDate startedOn, long pairings) {
        String key() {
            return (householdStatus == null ? "-" : householdStatus) + "|"
                    + (lastInPerson != null ? lastInPerson + "|V" : startedOn + "|N");
        }
    }

    /** Continuity figures of the active pairings in the scope (filters and the caller's {@link Scopes}), today. */
    @Transactional
    public Summary summary(Scope scope) {
        LocalDate day = LocalDate.now(clock);
        long active = 0;
        long within = 0;
        long overdue = 0;
        long never = 0;
        for (Group g : groups(scope, day)) {
            active += g.pairings();
            if (rule.visitedWithinWindow(g.lastInPerson(), day, g.householdStatus())) {
                within += g.pairings();
            }
            if (rule.overdue(g.lastInPerson(), g.startedOn(), day, g.householdStatus())) {
                overdue += g.pairings();
            }
            if (g.lastInPerson() == null) {
                never += g.pairings();
            }
        }
        BigDecimal share = active == 0 ? null
                : BigDecimal.valueOf(within).divide(BigDecimal.valueOf(active), 4, RoundingMode.HALF_UP);
        return new Summary(day, rule.overdueDays(), rule.liftedOverdueDays(), active, within, share, overdue, never);
    }

    /** One page of the overdue active pairings in the scope (filters and the caller's {@link Scopes}) today, most days since the last visit first. */
    @Transactional
    public Page<OverduePairing> overdue(Scope scope, int page, int size) {
        LocalDate day = LocalDate.now(clock);
        List<String> keys = new ArrayList<>();
        for (Group g : groups(scope, day)) {
            if (rule.overdue(g.lastInPerson(), g.startedOn(), day, g.householdStatus())) {
                keys.add(g.key());
            }
        }
        if (keys.isEmpty()) {
            return new Page<>(List.of(), page, size, 0);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(scope, day, params) + " and (coalesce(h.status, '-') || '|' || case when"
                + " kp.last_in_person_on is null then cast(kp.started_on as varchar) || '|N'"
                + " else cast(kp.last_in_person_on as varchar) || '|V' end) = any (string_to_array(:keys, ','))";
        params.put("keys", String.join(",", keys));
        Query count = em.createNativeQuery("select count(*)" + where);
        params.forEach(count::setParameter);
        long total = number(count.getSingleResult());
        Query select = em.createNativeQuery("select kp.id, kp.cadre_id, kp.unit_id, kp.household_id, kp.village_code,"
                + " h.status, kp.started_on, kp.last_in_person_on" + where
                + " order by coalesce(kp.last_in_person_on, kp.started_on), kp.id", Object[].class);
        params.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.setFirstResult(page * size).setMaxResults(size).getResultList();
        List<OverduePairing> items = rows.stream().map(r -> {
            String status = (String) r[5];
            LocalDate started = date(r[6]);
            LocalDate last = date(r[7]);
            return new OverduePairing(uuid(r[0]), uuid(r[1]), uuid(r[2]), uuid(r[3]), (String) r[4], status, started,
                    last, ContinuityRule.daysSince(last != null ? last : started, day), rule.windowDays(status));
        }).toList();
        return new Page<>(items, page, size, total);
    }

    private List<Group> groups(Scope scope, LocalDate day) {
        Map<String, Object> params = new LinkedHashMap<>();
        Query q = em.createNativeQuery("select h.status, kp.last_in_person_on, case when kp.last_in_person_on is null"
                + " then kp.started_on end, count(*)" + where(scope, day, params) + " group by 1, 2, 3", Object[].class);
        params.forEach(q::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new Group((String) r[0], date(r[1]), date(r[2]), number(r[3]))).toList();
    }

    /** Active on {@code day} as {@link ContinuityRule} defines it: started on or before it, not ended on or before it. */
    private String where(Scope scope, LocalDate day, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" from known_pairing kp left join known_household h"
                + " on h.id = kp.household_id where kp.started_on <= :day and (kp.status = 'ACTIVE'"
                + " or (kp.status = 'ENDED' and kp.ended_on > :day))");
        params.put("day", day);
        if (scope.villagePrefix() != null) {
            where.append(" and kp.village_code like :prefix");
            params.put("prefix", scope.villagePrefix() + "%");
        }
        if (scope.unitId() != null) {
            where.append(" and kp.unit_id = :unit");
            params.put("unit", scope.unitId());
        }
        if (scope.cadreId() != null) {
            where.append(" and kp.cadre_id = :cadre");
            params.put("cadre", scope.cadreId());
        }
        // issue 6: only the pairings in the caller's scope count
        where.append(scopes.columns("kp.village_code", "kp.unit_id", "kp.cadre_id", params));
        return where.toString();
    }
}
