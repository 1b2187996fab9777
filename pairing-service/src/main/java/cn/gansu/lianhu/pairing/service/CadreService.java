package cn.gansu.lianhu.pairing.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.audit.Audit;
import cn.gansu.lianhu.api.security.Role;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.pairing.domain.Cadre;
import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.pairing.domain.CadreStatus;
import cn.gansu.lianhu.pairing.domain.LeaderLink;
import cn.gansu.lianhu.pairing.domain.Pairing;
import cn.gansu.lianhu.pairing.domain.PairingStatus;
import cn.gansu.lianhu.pairing.domain.Unit;
import cn.gansu.lianhu.pairing.events.PairingEvents;
import cn.gansu.lianhu.pairing.rest.CadreRequest;
import cn.gansu.lianhu.pairing.rest.CadreView;
import cn.gansu.lianhu.pairing.rest.LeaderLinkView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/**
 * Cadres (干部) of the units (DESIGN.md §1 "Who takes part"; issue 3 point 2). The ID number is validated
 * (GB 11643, birth date not after today by the injected clock), stored normalised, unique, and leaves the
 * service only masked — also in logs and events. Every change bumps the cadre's version and writes
 * {@code pairing.cadre.*}; a change of a unit's ACTIVE cadre count also writes UNIT_UPDATED for that unit
 * ({@link UnitService#cadresChanged}), all in one transaction.
 *
 * <p>Rules, with the problem each broken one gives:
 * <ul>
 * <li>idNumber: 400 {@code id-number.format|region|birth-date|check-digit}; taken by another cadre 409
 * {@code cadre.duplicate-id-number} (province-wide; the other cadre's id is named only when the caller may see it,
 * otherwise "another cadre");</li>
 * <li>rank, status: English name or Chinese term, else 400 {@code enum.value};</li>
 * <li>unitId: unknown unit 422 {@code cadre.unknown-unit};</li>
 * <li>registration: status other than ACTIVE 422 {@code cadre.status-on-create};</li>
 * <li>update: a different status 422 {@code cadre.status-via-departure} (leaving is the departure/hand-over
 * operation); another unit while the cadre has live (DRAFT/ACTIVE) pairings 422 {@code cadre.has-live-pairings};
 * rank into or out of PROVINCIAL_LEADER while it has live pairings 422 {@code cadre.has-live-pairings} or
 * active county links 422 {@code cadre.has-leader-links}; stale version 409 {@code version.stale}.</li>
 * </ul>
 */
@ApplicationScoped
public class CadreService {

    @Inject
    EntityManager em;

    @Inject
    PairingEvents events;

    @Inject
    LinkingRules rules;

    @Inject
    UnitService units;

    @Inject
    LinkService links;

    @Inject
    Clock clock;

    @Inject
    Access access;

    @Inject
    Audit audit;

    /** A checked cadre request. */
    record Fields(String name, String idNumber, UUID unitId, CadreRank rank, CadreStatus status, String phone) {
    }

    /** Registers an ACTIVE cadre (version 1, events CADRE_REGISTERED and UNIT_UPDATED for its unit). */
    @Transactional
    public CadreView register(CadreRequest r) {
        Fields f = check(r);
        if (f.status() != null && f.status() != CadreStatus.ACTIVE) {
            throw ApiException.unprocessable("status", "cadre.status-on-create", "a cadre is registered ACTIVE (在岗); "
                    + f.status() + " is reached through the departure/hand-over operation");
        }
        // lock the unit first: concurrent registrations in one unit queue here, before writing anything
        Unit unit = lockUnits(f.unitId()).get(0);
        uniqueIdNumber(f.idNumber(), null);
        Cadre c = new Cadre();
        c.id = UUID.randomUUID();
        c.name = f.name();
        c.idNumber = f.idNumber();
        c.unitId = unit.id;
        c.rank = f.rank();
        c.status = CadreStatus.ACTIVE;
        c.phone = f.phone();
        c.version = 1;
        c.createdAt = OffsetDateTime.now(clock);
        c.updatedAt = c.createdAt;
        c.persist();
        flush(f);
        events.cadre(EventTypes.CADRE_REGISTERED, c);
        units.cadresChanged(unit.id);
        CadreView after = view(c);
        audit.record("cadre", c.id, "CREATED", null, after.masked());
        return after;
    }

    /**
     * Replaces a cadre's name, ID number, unit, rank and phone (event CADRE_UPDATED, version + 1; UNIT_UPDATED
     * for both units when an ACTIVE cadre moves). A request that changes nothing writes no event.
     */
    @Transactional
    public CadreView update(UUID id, CadreRequest r, Long ifMatch) {
        Cadre c = em.find(Cadre.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (c == null || !manages(c)) {
            throw ApiException.notFound("cadre", id.toString());
        }
        Inputs.checkVersion("cadre", id, c.version, ifMatch, r.version());
        CadreView before = view(c).masked();
        Fields f = check(r);
        if (f.status() != null && f.status() != c.status) {
            throw ApiException.unprocessable("status", "cadre.status-via-departure", "the status of a cadre changes "
                    + "only through the departure/hand-over operation, which hands their households to successors in "
                    + "the same step; cadre " + id + " is " + c.status + " now");
        }
        boolean unitChanges = !f.unitId().equals(c.unitId);
        boolean leaderChanges = (f.rank() == CadreRank.PROVINCIAL_LEADER) != (c.rank == CadreRank.PROVINCIAL_LEADER);
        if (unitChanges && c.status == CadreStatus.ACTIVE) {
            lockUnits(c.unitId, f.unitId()); // both counts change; locked in id order, so no deadlock
        } else if (unitChanges) {
            lockUnits(f.unitId());
        }
        if (unitChanges || leaderChanges) {
            long live = livePairings(id);
            if (live > 0) {
                throw ApiException.unprocessable(unitChanges ? "unitId" : "rank", "cadre.has-live-pairings",
                        "cadre " + id + " has " + live + " live pairing" + (live == 1 ? "" : "s") + " (DRAFT or ACTIVE); "
                                + (unitChanges ? "the unit" : "the rank to or from PROVINCIAL_LEADER")
                                + " can change only when they have been handed over or ended");
            }
        }
        if (leaderChanges && c.rank == CadreRank.PROVINCIAL_LEADER) {
            long linked = LeaderLink.count("cadreId = ?1 and endedOn is null", id);
            if (linked > 0) {
                throw ApiException.unprocessable("rank", "cadre.has-leader-links", "cadre " + id + " links " + linked
                        + " poor count" + (linked == 1 ? "y" : "ies") + " as a provincial leader; end those links first");
            }
        }
        if (!f.idNumber().equals(c.idNumber)) {
            uniqueIdNumber(f.idNumber(), id);
        }
        if (f.name().equals(c.name) && f.idNumber().equals(c.idNumber) && !unitChanges && f.rank() == c.rank
                && Objects.equals(f.phone(), c.phone)) {
            return view(c);
        }
        UUID oldUnit = c.unitId;
        c.name = f.name();
        c.idNumber = f.idNumber();
        c.unitId = f.unitId();
        c.rank = f.rank();
        c.phone = f.phone();
        c.version++;
        c.updatedAt = OffsetDateTime.now(clock);
        flush(f);
        events.cadre(EventTypes.CADRE_UPDATED, c);
        if (unitChanges && c.status == CadreStatus.ACTIVE) {
            units.cadresChanged(oldUnit);
            units.cadresChanged(c.unitId);
        }
        CadreView after = view(c);
        audit.record("cadre", c.id, "UPDATED", before, after.masked());
        return after;
    }

    /** One cadre; 404 when unknown. */
    @Transactional
    public CadreView get(UUID id) {
        return view(require(id));
    }

    /** The cadre entity; 404 when unknown. */
    @Transactional
    public Cadre require(UUID id) {
        Cadre c = Cadre.findById(id);
        if (c == null || !access.scope().seesCadre(c)) {
            throw ApiException.notFound("cadre", id.toString());
        }
        return c;
    }

    /** The view of one cadre: unit name, minimum, live pairings, leader links. */
    @Transactional
    public CadreView view(Cadre c) {
        Unit u = Unit.findById(c.unitId);
        return CadreView.of(c, u == null ? null : u.name, rules.minimumHouseholds(c.rank, c.status), livePairings(c.id),
                leader(c, links.leaderLinks(c.id, true)), access.scope().pii());
    }

    /**
     * A page of cadres, sorted by name and id.
     *
     * @param unitId        or null
     * @param rank          or null
     * @param status        or null
     * @param regionPrefix  significant digits of a region code: cadres whose unit's region starts with it; or null
     * @param q             part of the name, or null
     */
    @Transactional
    public Page<CadreView> list(UUID unitId, CadreRank rank, CadreStatus status, String regionPrefix, String q,
            int page, int size) {
        StringBuilder where = new StringBuilder(" where u.id = c.unitId");
        Map<String, Object> params = new HashMap<>();
        Access.Scope scope = access.scope();
        if (!scope.readsAll()) {
            if (scope.is(Role.REGION_ADMIN)) {
                where.append(" and u.regionCode like :scopeRegion");
                params.put("scopeRegion", scope.region() + "%");
            } else if (scope.is(Role.CADRE)) {
                where.append(" and c.id = :scopeCadre");
                params.put("scopeCadre", scope.cadre() == null ? new UUID(0, 0) : scope.cadre());
            } else {
                where.append(" and c.unitId = :scopeUnit");
                params.put("scopeUnit", scope.unit() == null ? new UUID(0, 0) : scope.unit());
            }
        }
        if (unitId != null) {
            where.append(" and c.unitId = :unit");
            params.put("unit", unitId);
        }
        if (rank != null) {
            where.append(" and c.rank = :rank");
            params.put("rank", rank);
        }
        if (status != null) {
            where.append(" and c.status = :status");
            params.put("status", status);
        }
        if (regionPrefix != null) {
            where.append(" and u.regionCode like :region");
            params.put("region", regionPrefix + "%");
        }
        if (q != null && !q.isBlank()) {
            where.append(" and lower(c.name) like :q escape '\\'");
            params.put("q", Inputs.containsPattern(q));
        }
        TypedQuery<Long> count = em.createQuery("select count(c) from Cadre c, Unit u" + where, Long.class);
        TypedQuery<Object[]> rows = em.createQuery("select c, u.name from Cadre c, Unit u" + where
                + " order by c.name, c.id", Object[].class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        long total = count.getSingleResult();
        List<Object[]> found = rows.setFirstResult(page * size).setMaxResults(size).getResultList();
        List<UUID> ids = found.stream().map(row -> ((Cadre) row[0]).id).toList();
        Map<UUID, Long> live = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Object[] row : em.createQuery("select p.cadreId, count(p) from Pairing p where p.cadreId in :ids "
                    + "and p.status in :live group by p.cadreId", Object[].class).setParameter("ids", ids)
                    .setParameter("live", List.of(PairingStatus.DRAFT, PairingStatus.ACTIVE)).getResultList()) {
                live.put((UUID) row[0], ((Number) row[1]).longValue());
            }
        }
        List<UUID> leaderIds = found.stream().map(row -> (Cadre) row[0])
                .filter(c -> c.rank == CadreRank.PROVINCIAL_LEADER).map(c -> c.id).toList();
        Map<UUID, List<LeaderLinkView>> leaderLinks = links.activeLeaderLinks(leaderIds);
        List<CadreView> items = new ArrayList<>();
        for (Object[] row : found) {
            Cadre c = (Cadre) row[0];
            items.add(CadreView.of(c, (String) row[1], rules.minimumHouseholds(c.rank, c.status),
                    live.getOrDefault(c.id, 0L), leader(c, leaderLinks.getOrDefault(c.id, List.of())), scope.pii()));
        }
        return new Page<>(items, page, size, total);
    }

    /** The leader part of the view: null unless PROVINCIAL_LEADER. */
    private CadreView.Leader leader(Cadre c, List<LeaderLinkView> active) {
        if (c.rank != CadreRank.PROVINCIAL_LEADER) {
            return null;
        }
        return new CadreView.Leader(active.size(), rules.leaderMinCounties(), rules.leaderMaxCounties(),
                active.size() >= rules.leaderMinCounties(), active);
    }

    /** The caller may change this cadre: it sees it and manages its unit. */
    boolean manages(Cadre c) {
        Access.Scope s = access.scope();
        return s.seesCadre(c) && s.managesUnit(Unit.findById(c.unitId));
    }

    /** Live (DRAFT or ACTIVE) pairings of a cadre. */
    long livePairings(UUID cadreId) {
        return Pairing.count("cadreId = ?1 and status in ?2", cadreId, List.of(PairingStatus.DRAFT, PairingStatus.ACTIVE));
    }

    /** Parses and checks a request (400s); the 404/409/422 rules are checked by the callers. */
    Fields check(CadreRequest r) {
        LocalDate today = LocalDate.now(clock);
        String idNumber = IdNumbers.normalise(r.idNumber());
        IdNumbers.validate(idNumber, today).ifPresent(v -> {
            throw ApiException.invalid("idNumber", v.rule(), v.message());
        });
        CadreRank rank = Inputs.enumValue(CadreRank.class, "rank", r.rank());
        CadreStatus status = Inputs.enumValue(CadreStatus.class, "status", r.status());
        String phone = r.phone() == null || r.phone().isBlank() ? null : r.phone().trim();
        return new Fields(r.name().trim(), idNumber, r.unitId(), rank, status, phone);
    }

    /**
     * Locks units (PESSIMISTIC_WRITE) in id order and returns them in the order given; 422
     * {@code cadre.unknown-unit} if the last (the cadre's new unit) does not exist.
     */
    private List<Unit> lockUnits(UUID... ids) {
        List<UUID> sorted = java.util.Arrays.stream(ids).distinct().sorted().toList();
        Map<UUID, Unit> locked = new HashMap<>();
        for (UUID id : sorted) {
            Unit u = em.find(Unit.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (u != null) {
                locked.put(id, u);
            }
        }
        UUID target = ids[ids.length - 1];
        if (!locked.containsKey(target) || !access.scope().managesUnit(locked.get(target))) {
            throw ApiException.unprocessable("unitId", "cadre.unknown-unit", "unit " + target + " does not exist");
        }
        return java.util.Arrays.stream(ids).map(locked::get).toList();
    }

    /**
     * 409 {@code cadre.duplicate-id-number} when another cadre has this ID number. The rule holds province-wide,
     * but the other cadre is named (its id) only when the caller may see it; otherwise the message says "another
     * cadre" (issue 6 review: no knowledge of cadres outside the caller's scope).
     */
    private void uniqueIdNumber(String idNumber, UUID self) {
        Cadre other = Cadre.<Cadre> find("idNumber", idNumber).firstResult();
        if (other != null && !other.id.equals(self)) {
            throw duplicate(idNumber, access.scope().seesCadre(other) ? other.id : null);
        }
    }

    /** @param other the other cadre when the caller may see it, else null ("another cadre") */
    private static ApiException duplicate(String idNumber, UUID other) {
        return ApiException.conflict("idNumber", "cadre.duplicate-id-number", "ID number " + IdNumbers.mask(idNumber)
                + " is already registered for " + (other == null ? "another cadre" : "cadre " + other));
    }

    private void flush(Fields f) {
        Flushes.flush(em, Map.of("cadre_id_number_key", () -> duplicate(f.idNumber(), null)));
    }
}
