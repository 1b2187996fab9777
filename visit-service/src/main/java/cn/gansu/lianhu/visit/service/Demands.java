package cn.gansu.lianhu.visit.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hibernate.query.NativeQuery;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.audit.Audit;
import cn.gansu.lianhu.api.security.Caller;
import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.events.contract.DemandData;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.outbox.Outbox;
import cn.gansu.lianhu.visit.domain.DemandStatus;
import cn.gansu.lianhu.visit.domain.Satisfaction;
import cn.gansu.lianhu.visit.rest.DemandSatisfaction;
import cn.gansu.lianhu.visit.rest.DemandTransition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * The demand workflow (民意诉求, issue 4 point 4): OPEN → ACCEPTED → IN_PROGRESS → RESOLVED, or REJECTED with an
 * answer from any of the first three; the household's satisfaction when closed (with the closing transition or
 * once later). Every change writes the demand row (version + 1), a {@code demand_change} row and the outbox event
 * {@code DEMAND_CHANGED} ({@link DemandData}) in one transaction.
 *
 * <p>Overdue = not closed and today (Beijing time) is after the deadline; closedLate = closed after the deadline.
 */
@ApplicationScoped
public class Demands {
    /** The columns {@link #view} reads, {@code select}ed from {@code demand}. */
    static final String COLUMNS = "select " + Demands.columns("demand") + " from demand";

    /** The columns {@link #view} reads, from a relation {@code table} with the demand table's columns. */
    static String columns(String table) {
        return """
            cast(id as varchar), cast(visit_id as varchar), cast(household_id as varchar), village_code,
              cast(unit_id as varchar), category, description, status, opened_on, deadline, closed_on, answer,
              satisfaction, version, created_at, updated_at,
              (select cast(v.cadre_id as varchar) from visit v where v.id = %s.visit_id)""".formatted(table);
    }

    private static final String CLOSED = "('RESOLVED', 'REJECTED')";

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    Scopes scopes;

    @Inject
    Audit audit;

    @Inject
    Caller caller;

    /** Filters of the demand list; null fields do not filter. {@code villagePrefix} is a division code prefix. */
    public record Filter(String villagePrefix, UUID unitId, UUID householdId, DemandStatus status, Boolean overdue) {
    }

    /**
     * One demand with its history, in the caller's scope ({@link Scopes}: REGION_ADMIN by the household's village,
     * UNIT_ADMIN by handling unit, CADRE demands raised on its own visits).
     *
     * @throws ApiException 404 if unknown or outside the caller's scope (the same answer)
     */
    @Transactional
    public DemandView get(UUID id) {
        return read(id, true);
    }

    /**
     * One demand with its history, whatever the caller's scope (for writes that already checked it).
     *
     * @throws ApiException 404 if unknown
     */
    @Transactional
    public DemandView load(UUID id) {
        return read(id, false);
    }

    private DemandView read(UUID id, boolean scoped) {
        List<Object[]> rows = em.createNativeQuery(COLUMNS + " where id = ?1", Object[].class).setParameter(1, id)
                .getResultList();
        if (rows.isEmpty() || scoped && !scopes.sees((String) rows.get(0)[3], UUID.fromString((String) rows.get(0)[4]),
                cadre(rows.get(0)[16]))) {
            throw ApiException.notFound("demand", id.toString());
        }
        List<Object[]> changes = em.createNativeQuery("""
                select version, from_status, to_status, changed_on, answer, satisfaction, note, changed_at, changed_by
                from demand_change where demand_id = ?1 order by version""", Object[].class)
                .setParameter(1, id).getResultList();
        return view(rows.get(0), changes);
    }

    /**
     * The view of a demand from a row of {@link #COLUMNS} (or the same columns returned by an insert, see
     * {@link VisitLogging}) and its {@code demand_change} rows in version order.
     */
    DemandView view(Object[] r, List<Object[]> changes) {
        LocalDate today = LocalDate.now(clock);
        String status = (String) r[7];
        LocalDate deadline = date(r[9]);
        LocalDate closedOn = date(r[10]);
        return new DemandView(UUID.fromString((String) r[0]), UUID.fromString((String) r[1]),
                UUID.fromString((String) r[2]), (String) r[3], UUID.fromString((String) r[4]), (String) r[5],
                (String) r[6], status, date(r[8]), deadline, closedOn, (String) r[11], (String) r[12],
                overdue(status, deadline, today), closedOn != null && closedOn.isAfter(deadline),
                ((Number) r[13]).longValue(), VisitQueries.time(r[14]), VisitQueries.time(r[15]),
                changes.stream().map(c -> new DemandView.Change(((Number) c[0]).longValue(), (String) c[1],
                        (String) c[2], date(c[3]), (String) c[4], (String) c[5], (String) c[6],
                        VisitQueries.time(c[7]), (String) c[8])).toList());
    }

    /**
     * One page of the demands in the caller's scope ({@link Scopes}), newest opened first (then id).
     *
     * @param page zero-based page index
     * @param size page size, 1..{@link Page#MAX_SIZE}
     */
    @Transactional
    public Page<DemandSummary> list(Filter f, int page, int size) {
        LocalDate today = LocalDate.now(clock);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (f.villagePrefix() != null) {
            where.append(" and village_code like :village");
            params.put("village", f.villagePrefix() + "%");
        }
        if (f.unitId() != null) {
            where.append(" and unit_id = :unit");
            params.put("unit", f.unitId());
        }
        if (f.householdId() != null) {
            where.append(" and household_id = :household");
            params.put("household", f.householdId());
        }
        if (f.status() != null) {
            where.append(" and status = :status");
            params.put("status", f.status().name());
        }
        if (f.overdue() != null) {
            String overdue = "(status not in " + CLOSED + " and deadline < :today)";
            where.append(f.overdue() ? " and " + overdue : " and not " + overdue);
            params.put("today", today);
        }
        where.append(scopes.condition("village_code", "unit_id", "exists (select 1 from visit sv where sv.id ="
                + " demand.visit_id and sv.cadre_id = :" + Scopes.CADRE + ")", params));
        Query count = em.createNativeQuery("select count(*) from demand" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        Query select = em.createNativeQuery(COLUMNS + where + " order by opened_on desc, created_at desc, id",
                Object[].class);
        params.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.setFirstResult(page * size).setMaxResults(size).getResultList();
        List<DemandSummary> items = rows.stream().map(r -> {
            LocalDate deadline = date(r[9]);
            LocalDate closedOn = date(r[10]);
            return new DemandSummary(UUID.fromString((String) r[0]), UUID.fromString((String) r[1]),
                    UUID.fromString((String) r[2]), (String) r[3], UUID.fromString((String) r[4]), (String) r[5],
                    (String) r[6], (String) r[7], date(r[8]), deadline, closedOn, (String) r[12],
                    overdue((String) r[7], deadline, today), closedOn != null && closedOn.isAfter(deadline),
                    ((Number) r[13]).longValue());
        }).toList();
        return new Page<>(items, page, size, total);
    }

    /**
     * Moves a demand to {@code t.to()}.
     *
     * <p>Checks, in this order: answer given for RESOLVED / REJECTED (400 field answer
     * {@code demand.answer-required}); satisfaction only with RESOLVED / REJECTED (400 field satisfaction
     * {@code demand.satisfaction-not-closing}); the demand exists (404); the version read (409
     * {@code version.stale}); the move allowed from the current status (409 {@code demand.transition-not-allowed}
     * naming from and to); {@code on} not after today (422 {@code demand.date-future}) and not before the day the
     * demand was opened or last changed (422 {@code demand.date-before-last-change}).
     *
     * @param ifMatch the version read ({@code If-Match} or the body's version, resolved and required by
     *                {@code rest.Versions}); null only for callers outside REST (the body's version then counts)
     */
    @Transactional
    public DemandView transition(UUID id, DemandTransition t, Long ifMatch) {
        DemandStatus to = t.to();
        if (to.closed() && (t.answer() == null || t.answer().isBlank())) {
            throw ApiException.invalid("answer", "demand.answer-required",
                    "answer is required to move a demand to " + to);
        }
        if (t.satisfaction() != null && !to.closed()) {
            throw ApiException.invalid("satisfaction", "demand.satisfaction-not-closing",
                    "satisfaction is given only when a demand is RESOLVED or REJECTED, not with " + to);
        }
        Object[] row = lock(id, ifMatch, t.version());
        DemandView before = load(id);
        DemandStatus from = DemandStatus.valueOf((String) row[0]);
        if (!from.next().contains(to)) {
            throw ApiException.conflict("to", "demand.transition-not-allowed", "demand " + id + " is " + from + ": "
                    + from + " → " + to + " is not allowed (from " + from + ": " + (from.next().isEmpty() ? "none"
                            : from.next().stream().map(Enum::name).collect(Collectors.joining(", "))) + ")");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate on = t.on() == null ? today : t.on();
        if (on.isAfter(today)) {
            throw ApiException.unprocessable("on", "demand.date-future",
                    "on " + on + " is after today (" + today + ")");
        }
        LocalDate last = lastChange(id, date(row[1]));
        if (on.isBefore(last)) {
            throw ApiException.unprocessable("on", "demand.date-before-last-change", "on " + on
                    + " is before " + last + ", the day demand " + id + " was opened or last changed");
        }
        long version = ((Number) row[2]).longValue() + 1;
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        em.createNativeQuery("""
                update demand set status = ?2, closed_on = ?3, answer = coalesce(?4, answer),
                  satisfaction = coalesce(?5, satisfaction), version = ?6, updated_at = ?7 where id = ?1""")
                .unwrap(NativeQuery.class).setParameter(1, id).setParameter(2, to.name())
                .setParameter(3, to.closed() ? on : null, LocalDate.class)
                .setParameter(4, t.answer(), String.class)
                .setParameter(5, t.satisfaction() == null ? null : t.satisfaction().name(), String.class)
                .setParameter(6, version).setParameter(7, now).executeUpdate();
        DemandView after = changed(id, version, from, to, on, t.answer(), t.satisfaction(), t.note(), now);
        audit.record("demand", id, "TRANSITIONED", before, after);
        return after;
    }

    /**
     * Records the household's satisfaction with a closed demand that has none yet.
     *
     * <p>404 if unknown; 409 {@code version.stale}; 409 {@code demand.not-closed} if not RESOLVED or REJECTED; 409
     * {@code demand.satisfaction-given} if already given.
     */
    @Transactional
    public DemandView satisfaction(UUID id, DemandSatisfaction s, Long ifMatch) {
        Object[] row = lock(id, ifMatch, s.version());
        DemandView before = load(id);
        DemandStatus status = DemandStatus.valueOf((String) row[0]);
        if (!status.closed()) {
            throw ApiException.conflict("satisfaction", "demand.not-closed", "demand " + id + " is " + status
                    + ": satisfaction is given once it is RESOLVED or REJECTED");
        }
        if (row[3] != null) {
            throw ApiException.conflict("satisfaction", "demand.satisfaction-given", "demand " + id
                    + " already has satisfaction " + row[3]);
        }
        long version = ((Number) row[2]).longValue() + 1;
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        em.createNativeQuery("update demand set satisfaction = ?2, version = ?3, updated_at = ?4 where id = ?1")
                .setParameter(1, id).setParameter(2, s.satisfaction().name()).setParameter(3, version)
                .setParameter(4, now).executeUpdate();
        DemandView after = changed(id, version, status, status, LocalDate.now(clock), null, s.satisfaction(), null, now);
        audit.record("demand", id, "SATISFACTION_RECORDED", before, after);
        return after;
    }

    /**
     * status, opened_on, version, satisfaction of a demand, locked; 404 (also outside the caller's scope, the same
     * answer as unknown) and 409 version.stale checked.
     */
    private Object[] lock(UUID id, Long ifMatch, Long bodyVersion) {
        List<Object[]> rows = em.createNativeQuery("select status, opened_on, version, satisfaction, village_code,"
                + " cast(unit_id as varchar), (select cast(v.cadre_id as varchar) from visit v where v.id = demand.visit_id)"
                + " from demand where id = ?1 for update", Object[].class)
                .setParameter(1, id).getResultList();
        if (rows.isEmpty() || !scopes.sees((String) rows.get(0)[4], UUID.fromString((String) rows.get(0)[5]),
                cadre(rows.get(0)[6]))) {
            throw ApiException.notFound("demand", id.toString());
        }
        long stored = ((Number) rows.get(0)[2]).longValue();
        Long expected = ifMatch != null ? ifMatch : bodyVersion;
        if (expected != null && expected != stored) {
            throw ApiException.conflict("version", "version.stale", "demand " + id + " is at version " + stored
                    + ", not " + expected + ": read it again and repeat the change");
        }
        return rows.get(0);
    }

    private LocalDate lastChange(UUID id, LocalDate openedOn) {
        Object last = em.createNativeQuery("select max(changed_on) from demand_change where demand_id = ?1")
                .setParameter(1, id).getSingleResult();
        LocalDate changed = date(last);
        return changed != null && changed.isAfter(openedOn) ? changed : openedOn;
    }

    /** Writes the history row and the DEMAND_CHANGED event, then reads the demand back. */
    private DemandView changed(UUID id, long version, DemandStatus from, DemandStatus to, LocalDate on, String answer,
            Satisfaction satisfaction, String note, OffsetDateTime now) {
        em.createNativeQuery("""
                insert into demand_change (id, demand_id, version, from_status, to_status, changed_on, answer,
                  satisfaction, note, changed_at, changed_by) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)""")
                .unwrap(NativeQuery.class).setParameter(1, UUID.randomUUID()).setParameter(2, id)
                .setParameter(3, version).setParameter(4, from.name()).setParameter(5, to.name())
                .setParameter(6, on).setParameter(7, answer, String.class)
                .setParameter(8, satisfaction == null ? null : satisfaction.name(), String.class)
                .setParameter(9, note, String.class).setParameter(10, now)
                .setParameter(11, caller.actor(), String.class).executeUpdate();
        DemandView d = load(id);
        outbox.publish(Topics.VISIT_DEMANDS, id.toString(), EventTypes.DEMAND_CHANGED, new DemandData(
                d.id().toString(), d.householdId().toString(), d.villageCode(), d.visitId().toString(),
                d.unitId().toString(), d.category(), d.status(), d.openedOn(), d.deadline(), d.closedOn(),
                d.satisfaction(), d.version()));
        return d;
    }

    private static UUID cadre(Object value) {
        return value == null ? null : UUID.fromString((String) value);
    }

    private static boolean overdue(String status, LocalDate deadline, LocalDate today) {
        return !DemandStatus.valueOf(status).closed() && today.isAfter(deadline);
    }

    private static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }
}
