package cn.gansu.lianhu.pairing.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.audit.Audit;
import cn.gansu.lianhu.api.security.Role;
import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.Problem.FieldError;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.pairing.domain.Cadre;
import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.pairing.domain.CadreStatus;
import cn.gansu.lianhu.pairing.domain.EndReason;
import cn.gansu.lianhu.pairing.domain.KnownHousehold;
import cn.gansu.lianhu.pairing.domain.KnownVillage;
import cn.gansu.lianhu.pairing.domain.LeaderLink;
import cn.gansu.lianhu.pairing.domain.Pairing;
import cn.gansu.lianhu.pairing.domain.PairingChange;
import cn.gansu.lianhu.pairing.domain.PairingChange.Action;
import cn.gansu.lianhu.pairing.domain.PairingStatus;
import cn.gansu.lianhu.pairing.domain.Unit;
import cn.gansu.lianhu.pairing.domain.VillageLink;
import cn.gansu.lianhu.pairing.events.PairingEvents;
import cn.gansu.lianhu.pairing.rest.EndRequest;
import cn.gansu.lianhu.pairing.rest.PairingChangeView;
import cn.gansu.lianhu.pairing.rest.PairingView;
import cn.gansu.lianhu.pairing.rest.UnitConfirmationView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/**
 * Cadre ↔ household pairings (干部联户, DESIGN.md §1 "How they are linked"; issue 3 points 5 and 6): creating
 * them inside the villages the cadre may serve, the household's primary responsible cadre (帮扶责任人),
 * withdrawing drafts, confirming a unit's pairings once (一次确定联系对象) and ending confirmed pairings only with
 * a reason and a date (不脱钩). Hand-overs of a leaving cadre: {@link HandOverService}.
 *
 * <p>Every change runs in one transaction that bumps the pairing's version, writes {@link PairingChange}
 * history rows and the event through {@link PairingEvents}. Concurrent changes are serialised by locks taken in
 * one order: unit rows, then cadre rows, then the households whose pairings change (advisory locks, by key), then
 * the pairing rows.
 */
@ApplicationScoped
public class PairingService {
    private static final Logger LOG = Logger.getLogger(PairingService.class);
    /** Household statuses that must always have a cadre (issue 3 point 6); LIFTED households keep theirs anyway. */
    static final List<String> NEEDS_CADRE = List.of("IN_POVERTY", "RELAPSED");
    /**
     * Creation order of pairings {@code p}: creation time, then the first history row (creation times may tie, the
     * identity column of {@code pairing_change} does not), then id.
     */
    /** Advisory lock space of households' pairings ("LH" + 1). */
    static final int HOUSEHOLD_LOCKS = 0x4C4801;
    static final String CREATION_ORDER = "p.createdAt, (select min(ch.id) from PairingChange ch where ch.pairingId = p.id), p.id";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    LinkingRules rules;

    @Inject
    PairingEvents events;

    @Inject
    Access access;

    @Inject
    Audit audit;

    /**
     * Pairs a cadre with a household (issue 3 point 5). DRAFT while the cadre's unit has not confirmed its
     * pairings, ACTIVE from today otherwise. The household's first live pairing becomes its primary.
     *
     * @throws ApiException 422 {@code pairing.cadre-unknown}, {@code pairing.cadre-not-active},
     *                      {@code pairing.household-unknown} (together), then {@code pairing.outside-unit-villages}
     *                      / {@code pairing.outside-leader-villages}; 409 {@code pairing.duplicate}; 422
     *                      {@code pairing.household-maximum}
     */
    @Transactional
    public Pairing create(UUID cadreId, UUID householdId) {
        Access.Scope scope = access.scope();
        Cadre cadre = Cadre.findById(cadreId);
        if (cadre != null && !(scope.seesCadre(cadre) && scope.managesUnit(Unit.findById(cadre.unitId)))) {
            cadre = null; // out of scope: answered as an unknown cadre
        }
        KnownHousehold household = KnownHousehold.findById(householdId);
        if (household != null && !householdInScope(scope, household)) {
            household = null; // out of scope: answered as an unknown household
        }
        List<FieldError> errors = new ArrayList<>();
        if (cadre == null) {
            errors.add(new FieldError("cadreId", "pairing.cadre-unknown", "cadre " + cadreId + " does not exist"));
        } else if (cadre.status != CadreStatus.ACTIVE) {
            errors.add(notActive(cadre));
        }
        if (household == null) {
            errors.add(new FieldError("householdId", "pairing.household-unknown", "household " + householdId
                    + " is not known to pairing-service (no registry.households event named it)"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable(errors);
        }
        Unit unit = em.find(Unit.class, cadre.unitId, LockModeType.PESSIMISTIC_READ);
        em.refresh(cadre, LockModeType.PESSIMISTIC_READ);
        if (cadre.status != CadreStatus.ACTIVE) {
            throw ApiException.unprocessable(List.of(notActive(cadre)));
        }
        household = lockHousehold(householdId);
        String outside = outsideVillages(cadre, unit, household.villageCode);
        if (outside != null) {
            throw ApiException.unprocessable("householdId", cadre.rank == CadreRank.PROVINCIAL_LEADER
                    ? "pairing.outside-leader-villages" : "pairing.outside-unit-villages", outside);
        }
        List<Pairing> live = livePairings(householdId);
        for (Pairing p : live) {
            if (p.cadreId.equals(cadreId)) {
                throw ApiException.conflict("householdId", "pairing.duplicate", "cadre " + cadre.name
                        + " is already paired with household " + householdId + " (pairing " + p.id + ", " + p.status
                        + ")");
            }
        }
        int max = rules.maxCadresPerHousehold();
        if (live.size() >= max) {
            throw ApiException.unprocessable("householdId", "pairing.household-maximum", "household " + householdId
                    + " has " + live.size() + " cadres; at most " + max);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate today = now.toLocalDate();
        Pairing p = newPairing(cadre, unit, household.id, household.villageCode, live.isEmpty(), today, now);
        p.persist();
        PairingChange.record(p.id, now, p.status == PairingStatus.ACTIVE ? Action.ACTIVATED : Action.DRAFTED,
                p.startedOn, null, null, null, null);
        if (p.primary) {
            PairingChange.record(p.id, now, Action.PRIMARY_SET, today, null, null, null, null);
        }
        events.pairing(p.status == PairingStatus.ACTIVE ? EventTypes.PAIRING_ACTIVATED : EventTypes.PAIRING_DRAFTED, p);
        LOG.infof("pairing %s: cadre %s with household %s, %s%s", p.id, cadre.id, household.id, p.status,
                p.primary ? ", primary" : "");
        em.flush();
        audit.record("pairing", p.id, "CREATED", null, view(p));
        return p;
    }

    /**
     * Makes a live pairing the household's primary responsible cadre (帮扶责任人); the previous primary is
     * cleared. History PRIMARY_CLEARED / PRIMARY_SET and a PRIMARY_CHANGED event for each. Already primary: no
     * change.
     *
     * @throws ApiException 404 unknown pairing; 409 {@code pairing.not-live} if WITHDRAWN or ENDED
     */
    @Transactional
    public Pairing makePrimary(UUID id) {
        Pairing p = lockPairing(id);
        PairingView before = view(p);
        if (!p.status.live()) {
            throw ApiException.conflict("id", "pairing.not-live", "pairing " + id + " is " + p.status
                    + ": only a live (DRAFT or ACTIVE) pairing can be the household's primary");
        }
        if (p.primary) {
            return p;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Pairing old = livePairings(p.householdId).stream().filter(o -> o.primary).findFirst().orElse(null);
        if (old != null) {
            old.primary = false;
            touch(old, now);
            PairingChange.record(old.id, now, Action.PRIMARY_CLEARED, now.toLocalDate(), null, null, null, p.id);
            events.pairing(EventTypes.PAIRING_PRIMARY_CHANGED, old);
            em.flush();
        }
        p.primary = true;
        touch(p, now);
        PairingChange.record(p.id, now, Action.PRIMARY_SET, now.toLocalDate(), null, null, null,
                old == null ? null : old.id);
        events.pairing(EventTypes.PAIRING_PRIMARY_CHANGED, p);
        audit.record("pairing", p.id, "UPDATED", before, view(p));
        return p;
    }

    /**
     * Withdraws a draft pairing (never confirmed, so no reason needed). If it was the household's primary, the
     * household's oldest other live pairing becomes primary.
     *
     * @throws ApiException 404 unknown pairing; 409 {@code pairing.fixed-once} if ACTIVE (end it with a reason),
     *                      409 {@code pairing.not-live} if already WITHDRAWN or ENDED
     */
    @Transactional
    public Pairing withdraw(UUID id) {
        Pairing found = findManagedPairing(id);
        em.find(Unit.class, found.unitId, LockModeType.PESSIMISTIC_READ);
        Pairing p = lockPairing(id);
        PairingView before = view(p);
        if (p.status == PairingStatus.ACTIVE) {
            throw ApiException.conflict("id", "pairing.fixed-once", "pairing " + id + " is ACTIVE: confirmed "
                    + "pairings end only with a reason: POST /api/v1/pairings/" + id + "/end");
        }
        if (p.status != PairingStatus.DRAFT) {
            throw ApiException.conflict("id", "pairing.not-live", "pairing " + id + " is already " + p.status);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        p.status = PairingStatus.WITHDRAWN;
        touch(p, now);
        PairingChange.record(p.id, now, Action.WITHDRAWN, now.toLocalDate(), null, null, null, null);
        events.pairing(EventTypes.PAIRING_WITHDRAWN, p);
        em.flush();
        if (p.primary) {
            promoteOldest(p.householdId, p.id, now);
        }
        audit.record("pairing", p.id, "WITHDRAWN", before, view(p));
        return p;
    }

    /**
     * Confirms a unit's pairings, once (一次确定联系对象, issue 3 point 6). All or nothing: every ACTIVE cadre of
     * the unit meets its rank minimum counting live pairings ({@code pairing.cadre-below-minimum}, field
     * {@code cadres[<id>]}, one error per cadre, by name), and every household IN_POVERTY or RELAPSED of the
     * unit's linked villages has a live pairing ({@code pairing.household-uncovered}, field
     * {@code villages[<code>]}, one error per village with the count). Then every DRAFT pairing of the unit
     * becomes ACTIVE from today; events UNIT_PAIRINGS_CONFIRMED and PAIRING_ACTIVATED each.
     *
     * @throws ApiException 400 {@code confirm.confirmed-by-required}; 404 unknown unit; 409
     *                      {@code unit.already-confirmed}; 422 as above
     */
    @Transactional
    public UnitConfirmationView confirm(UUID unitId, String confirmedBy) {
        if (confirmedBy == null || confirmedBy.isBlank()) {
            throw ApiException.invalid("confirmedBy", "confirm.confirmed-by-required",
                    "confirming a unit's pairings needs the named person who confirms them");
        }
        String by = confirmedBy.trim();
        Unit u = em.find(Unit.class, unitId, LockModeType.PESSIMISTIC_WRITE);
        if (u == null || !access.scope().managesUnit(u)) {
            throw ApiException.notFound("unit", unitId.toString());
        }
        if (u.confirmed()) {
            throw ApiException.conflict("id", "unit.already-confirmed", "unit " + u.name
                    + " confirmed its pairings at " + u.pairingsConfirmedAt + " (" + u.pairingsConfirmedBy
                    + "): pairings are confirmed once; after that they end only with a reason");
        }
        lockHouseholds(em.createQuery("select distinct p.householdId from Pairing p where p.unitId = ?1 and p.status = "
                + "?2", UUID.class).setParameter(1, u.id).setParameter(2, PairingStatus.DRAFT).getResultList());
        List<FieldError> errors = new ArrayList<>(cadresBelowMinimum(u));
        errors.addAll(uncoveredVillages(u));
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable(errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate today = now.toLocalDate();
        u.pairingsConfirmedAt = now;
        u.pairingsConfirmedBy = by;
        u.version++;
        u.updatedAt = now;
        events.unit(EventTypes.UNIT_PAIRINGS_CONFIRMED, u);
        List<Pairing> drafts = em.createQuery("select p from Pairing p where p.unitId = ?1 and p.status = ?2 order by "
                + CREATION_ORDER, Pairing.class).setParameter(1, u.id).setParameter(2, PairingStatus.DRAFT)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        for (Pairing p : drafts) {
            p.status = PairingStatus.ACTIVE;
            p.startedOn = today;
            touch(p, now);
            PairingChange.record(p.id, now, Action.ACTIVATED, today, null, by, null, null);
            events.pairing(EventTypes.PAIRING_ACTIVATED, p);
        }
        LOG.infof("unit %s confirmed its pairings (%s): %d activated", u.id, by, drafts.size());
        UnitConfirmationView done = new UnitConfirmationView(u.id, u.name, now, by, drafts.size(), u.version);
        audit.record("unit", u.id, "CONFIRMED", null, done);
        return done;
    }

    /**
     * Ends an ACTIVE pairing with a reason and a date (不脱钩, issue 3 point 6). A household-gone reason
     * (HOUSEHOLD_DISSOLVED/MERGED/MOVED) ends every live pairing of the household (drafts are withdrawn);
     * CORRECTION_APPROVED ends this one only, may not leave a household IN_POVERTY or RELAPSED without a cadre,
     * and moves the primary to {@code newPrimaryPairingId} (or the only other live pairing).
     *
     * @return the ended pairing
     * @throws ApiException 404 unknown pairing; 400 {@code end.reason-required}, {@code end.date-required},
     *                      {@code end.approved-by-required}; 409 {@code pairing.draft-not-ended} (withdraw it),
     *                      {@code pairing.not-live}; 422 {@code end.use-departure}, {@code end.date-future},
     *                      {@code end.date-before-start}, {@code pairing.household-uncovered},
     *                      {@code end.new-primary-required}, {@code end.new-primary-invalid}
     */
    @Transactional
    public Pairing end(UUID id, EndRequest r) {
        findManagedPairing(id);
        List<FieldError> invalid = new ArrayList<>();
        EndReason reason = EndReason.parse(r.reason());
        if (r.reason() == null || r.reason().isBlank()) {
            invalid.add(new FieldError("reason", "end.reason-required", "an active pairing ends only with a reason "
                    + "code: HOUSEHOLD_DISSOLVED, HOUSEHOLD_MERGED, HOUSEHOLD_MOVED or CORRECTION_APPROVED"));
        } else if (reason == null) {
            invalid.add(new FieldError("reason", "enum.value", "reason is one of HOUSEHOLD_DISSOLVED, HOUSEHOLD_MERGED, "
                    + "HOUSEHOLD_MOVED, CADRE_TRANSFERRED, CADRE_RETIRED, CADRE_DECEASED, CORRECTION_APPROVED (or the "
                    + "Chinese term), not '" + r.reason() + "'"));
        }
        if (r.date() == null) {
            invalid.add(new FieldError("date", "end.date-required", "an active pairing ends on a date: give date"));
        }
        String approvedBy = blankToNull(r.approvedBy());
        if (reason == EndReason.CORRECTION_APPROVED && approvedBy == null) {
            invalid.add(new FieldError("approvedBy", "end.approved-by-required",
                    "CORRECTION_APPROVED needs the named person who approved the correction"));
        }
        if (!invalid.isEmpty()) {
            throw ApiException.invalid(invalid);
        }
        Pairing p = lockPairing(id);
        PairingView before = view(p);
        if (p.status == PairingStatus.DRAFT) {
            throw ApiException.conflict("id", "pairing.draft-not-ended", "pairing " + id + " is a DRAFT, never "
                    + "confirmed: withdraw it with DELETE /api/v1/pairings/" + id);
        }
        if (p.status != PairingStatus.ACTIVE) {
            throw ApiException.conflict("id", "pairing.not-live", "pairing " + id + " is already " + p.status);
        }
        if (reason.cadreLeft()) {
            throw ApiException.unprocessable("reason", "end.use-departure", reason + ": a cadre who leaves hands "
                    + "every household to a successor in one step: POST /api/v1/cadres/" + p.cadreId + "/departure");
        }
        LocalDate today = LocalDate.now(clock);
        if (r.date().isAfter(today)) {
            throw ApiException.unprocessable("date", "end.date-future",
                    "date " + r.date() + " is in the future (today is " + today + ")");
        }
        List<Pairing> live = livePairings(p.householdId);
        List<Pairing> others = live.stream().filter(o -> !o.id.equals(p.id)).toList();
        List<FieldError> errors = new ArrayList<>();
        checkNotBeforeStart(p, r.date(), errors);
        String note = blankToNull(r.note());
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (reason.householdGone()) {
            others.forEach(o -> checkNotBeforeStart(o, r.date(), errors));
            if (r.newPrimaryPairingId() != null) {
                errors.add(new FieldError("newPrimaryPairingId", "end.new-primary-invalid", reason
                        + " ends every live pairing of household " + p.householdId + ": there is no new primary"));
            }
            if (!errors.isEmpty()) {
                throw ApiException.unprocessable(errors);
            }
            endOne(p, reason, r.date(), approvedBy, note, now);
            for (Pairing o : others) {
                if (o.status == PairingStatus.ACTIVE) {
                    endOne(o, reason, r.date(), approvedBy, note, now);
                } else {
                    o.status = PairingStatus.WITHDRAWN;
                    touch(o, now);
                    PairingChange.record(o.id, now, Action.WITHDRAWN, r.date(), reason.name(), approvedBy, note, null);
                    events.pairing(EventTypes.PAIRING_WITHDRAWN, o);
                }
            }
            LOG.infof("household %s: %s, %d pairings ended", p.householdId, reason, live.size());
            em.flush();
            audit.record("pairing", p.id, "ENDED", before, view(p));
            return p;
        }
        KnownHousehold household = KnownHousehold.findById(p.householdId);
        if (others.isEmpty() && household != null && NEEDS_CADRE.contains(household.status)) {
            errors.add(new FieldError("id", "pairing.household-uncovered", "household " + p.householdId + " ("
                    + household.status + ") would be left without a cadre: pair another cadre with it first"));
        }
        Pairing newPrimary = null;
        if (p.primary && !others.isEmpty()) {
            if (r.newPrimaryPairingId() != null) {
                newPrimary = others.stream().filter(o -> o.id.equals(r.newPrimaryPairingId())).findFirst().orElse(null);
                if (newPrimary == null) {
                    errors.add(new FieldError("newPrimaryPairingId", "end.new-primary-invalid", "pairing "
                            + r.newPrimaryPairingId() + " is not a live pairing of household " + p.householdId
                            + "; choose one of " + ids(others)));
                }
            } else if (others.size() == 1) {
                newPrimary = others.get(0);
            } else {
                errors.add(new FieldError("newPrimaryPairingId", "end.new-primary-required", "pairing " + p.id
                        + " is the primary of household " + p.householdId + " and " + others.size()
                        + " other live pairings remain: name the new primary, one of " + ids(others)));
            }
        } else if (r.newPrimaryPairingId() != null) {
            errors.add(new FieldError("newPrimaryPairingId", "end.new-primary-invalid", "pairing " + p.id
                    + " is not the primary of household " + p.householdId + ": the primary does not change"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable(errors);
        }
        endOne(p, reason, r.date(), approvedBy, note, now);
        if (newPrimary != null) {
            em.flush();
            newPrimary.primary = true;
            touch(newPrimary, now);
            PairingChange.record(newPrimary.id, now, Action.PRIMARY_SET, r.date(), null, approvedBy, null, p.id);
            events.pairing(EventTypes.PAIRING_PRIMARY_CHANGED, newPrimary);
        }
        LOG.infof("pairing %s ended: %s on %s (%s)", p.id, reason, r.date(), approvedBy);
        em.flush();
        audit.record("pairing", p.id, "ENDED", before, view(p));
        return p;
    }

    /** A pairing with its cadre's name and rank; 404 when unknown. */
    @Transactional
    public PairingView get(UUID id) {
        Pairing p = findVisiblePairing(id);
        Cadre c = Cadre.findById(p.cadreId);
        return PairingView.of(p, c.name, c.rank);
    }

    /** The view of a pairing just changed (same transaction as the caller's reads). */
    @Transactional
    public PairingView view(Pairing p) {
        Cadre c = Cadre.findById(p.cadreId);
        return PairingView.of(p, c.name, c.rank);
    }

    /** Every history row of a pairing, oldest first; 404 when the pairing is unknown. */
    @Transactional
    public List<PairingChangeView> history(UUID id) {
        findVisiblePairing(id);
        return PairingChange.<PairingChange>list("pairingId = ?1 order by id", id).stream()
                .map(PairingChangeView::of).toList();
    }

    /**
     * A page of pairings matching every filter given; sorted by village code, household, creation time and id.
     *
     * @param villagePrefix significant digits of a region code (62, 6230, 623027, 623027104, 623027104200)
     */
    @Transactional
    public Page<PairingView> list(UUID cadreId, UUID unitId, UUID householdId, String villagePrefix,
            PairingStatus status, Boolean primary, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        scopeFilter(access.scope(), where, params);
        if (cadreId != null) {
            where.append(" and p.cadreId = :cadre");
            params.put("cadre", cadreId);
        }
        if (unitId != null) {
            where.append(" and p.unitId = :unit");
            params.put("unit", unitId);
        }
        if (householdId != null) {
            where.append(" and p.householdId = :household");
            params.put("household", householdId);
        }
        if (villagePrefix != null) {
            where.append(" and p.villageCode like :village");
            params.put("village", villagePrefix + "%");
        }
        if (status != null) {
            where.append(" and p.status = :status");
            params.put("status", status);
        }
        if (primary != null) {
            where.append(" and p.primary = :primary");
            params.put("primary", primary);
        }
        TypedQuery<Long> count = em.createQuery("select count(p) from Pairing p" + where, Long.class);
        TypedQuery<Object[]> rows = em.createQuery("select p, c.name, c.rank from Pairing p join Cadre c on c.id = "
                + "p.cadreId" + where + " order by p.villageCode, p.householdId, " + CREATION_ORDER, Object[].class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        long total = count.getSingleResult();
        List<PairingView> items = rows.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                .map(PairingService::row).toList();
        return new Page<>(items, page, size, total);
    }

    /**
     * Every pairing a household ever had, all statuses, oldest first, with the cadre's name.
     *
     * @throws ApiException 404 if the household is neither known from registry events nor paired
     */
    @Transactional
    public List<PairingView> ofHousehold(UUID householdId) {
        Access.Scope scope = access.scope();
        StringBuilder where = new StringBuilder(" where p.householdId = :h");
        Map<String, Object> params = new HashMap<>();
        params.put("h", householdId);
        scopeFilter(scope, where, params);
        TypedQuery<Object[]> q = em.createQuery("select p, c.name, c.rank from Pairing p join Cadre c on c.id = "
                + "p.cadreId" + where + " order by " + CREATION_ORDER, Object[].class);
        params.forEach(q::setParameter);
        List<PairingView> all = q.getResultList().stream().map(PairingService::row).toList();
        if (all.isEmpty()) {
            KnownHousehold h = KnownHousehold.findById(householdId);
            boolean known = h != null || Pairing.count("householdId", householdId) > 0;
            // a known household with no pairing the caller may see: in scope only for readers of all and a
            // REGION_ADMIN of its village; for everyone else it answers as an unknown household
            boolean inScope = scope.readsAll() || (h != null && scope.underRegion(h.villageCode));
            if (!known || !inScope) {
                throw ApiException.notFound("household", householdId.toString());
            }
        }
        return all;
    }

    // ---------------------------------------------------------------------------------------------------
    // Shared with HandOverService
    // ---------------------------------------------------------------------------------------------------

    /**
     * Why {@code cadre} may not pair with a household of {@code villageCode}, or null if it may (DESIGN.md §1):
     * a PROVINCIAL_LEADER only inside the villages of its own active leader links (联县联村联户), any other cadre
     * only inside the villages its own unit links through an active village link (部门联村).
     */
    String outsideVillages(Cadre cadre, Unit unit, String villageCode) {
        if (cadre.rank == CadreRank.PROVINCIAL_LEADER) {
            List<LeaderLink> links = LeaderLink.list("cadreId = ?1 and endedOn is null order by countyCode",
                    cadre.id);
            if (links.stream().anyMatch(l -> l.villageCode.equals(villageCode))) {
                return null;
            }
            return "village " + villageLabel(villageCode) + " is not one of the villages linked by provincial "
                    + "leader " + cadre.name + " (联县联村): " + (links.isEmpty() ? "none"
                            : links.stream().map(l -> villageLabel(l.villageCode)).collect(Collectors.joining(", ")));
        }
        if (VillageLink.count("unitId = ?1 and villageCode = ?2 and endedOn is null", unit.id, villageCode) > 0) {
            return null;
        }
        return "village " + villageLabel(villageCode) + " is not linked by unit " + unit.name + " (部门联村): "
                + "cadre " + cadre.name + " pairs only with households of the villages of their own unit";
    }

    /** "623027104200 八角城村民委员会" (the code alone if the village is unknown). */
    static String villageLabel(String code) {
        KnownVillage v = KnownVillage.findById(code);
        return v == null ? code : code + " " + v.name;
    }

    /** Live pairings of a household, oldest first, locked for update. */
    List<Pairing> livePairings(UUID householdId) {
        return em.createQuery("select p from Pairing p where p.householdId = ?1 and p.status in ?2 order by "
                + CREATION_ORDER, Pairing.class).setParameter(1, householdId)
                .setParameter(2, List.of(PairingStatus.DRAFT, PairingStatus.ACTIVE))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /**
     * Takes the household's lock until the transaction ends (serialises every pairing change of that household)
     * and returns what is known of it, freshly read; null if unknown. The lock is a PostgreSQL advisory lock, not
     * the {@code known_household} row, so registry events updating many households in one batch never wait for it
     * nor deadlock with it.
     */
    KnownHousehold lockHousehold(UUID householdId) {
        lockHouseholds(List.of(householdId));
        KnownHousehold h = KnownHousehold.findById(householdId);
        if (h != null) {
            em.refresh(h);
        }
        return h;
    }

    /** Takes the locks of several households, in one global order (by lock key), so two callers never deadlock. */
    void lockHouseholds(java.util.Collection<UUID> householdIds) {
        householdIds.stream().mapToInt(PairingService::lockKey).distinct().sorted().forEach(key -> em
                .createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1, ?2)) l")
                .setParameter(1, HOUSEHOLD_LOCKS).setParameter(2, key).getSingleResult());
    }

    /** The advisory lock key of a household (collisions only serialise a little more). */
    static int lockKey(UUID householdId) {
        return Long.hashCode(householdId.getMostSignificantBits() ^ householdId.getLeastSignificantBits());
    }

    /** A new pairing of {@code cadre}, ACTIVE from {@code startedOn} if the unit has confirmed, else DRAFT. */
    static Pairing newPairing(Cadre cadre, Unit unit, UUID householdId, String villageCode, boolean primary,
            LocalDate startedOn, OffsetDateTime now) {
        Pairing p = new Pairing();
        p.id = UUID.randomUUID();
        p.cadreId = cadre.id;
        p.unitId = unit.id;
        p.householdId = householdId;
        p.villageCode = villageCode;
        p.primary = primary;
        p.status = unit.confirmed() ? PairingStatus.ACTIVE : PairingStatus.DRAFT;
        p.startedOn = unit.confirmed() ? startedOn : null;
        p.version = 1;
        p.createdAt = now;
        p.updatedAt = now;
        return p;
    }

    /** Version + 1 and the change time. */
    static void touch(Pairing p, OffsetDateTime now) {
        p.version++;
        p.updatedAt = now;
    }

    /** The cadre-not-active problem entry. */
    static FieldError notActive(Cadre c) {
        return new FieldError("cadreId", "pairing.cadre-not-active", "cadre " + c.name + " is " + c.status
                + (c.leftOn == null ? "" : " since " + c.leftOn) + ": only ACTIVE cadres pair with households");
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // ---------------------------------------------------------------------------------------------------

    /** Adds the caller's scope to a pairing query on {@code p}. */
    static void scopeFilter(Access.Scope scope, StringBuilder where, Map<String, Object> params) {
        if (scope.readsAll()) {
            return;
        }
        if (scope.is(Role.REGION_ADMIN)) {
            where.append(" and p.villageCode like :scopeRegion");
            params.put("scopeRegion", scope.region() + "%");
        } else if (scope.is(Role.CADRE)) {
            where.append(" and p.cadreId = :scopeCadre");
            params.put("scopeCadre", scope.cadre() == null ? new UUID(0, 0) : scope.cadre());
        } else {
            where.append(" and p.unitId = :scopeUnit");
            params.put("scopeUnit", scope.unit() == null ? new UUID(0, 0) : scope.unit());
        }
    }

    /**
     * A household the caller may pair: REGION_ADMIN — its village under the prefix; UNIT_ADMIN — in a village
     * its unit links or linked, or where it has pairings; province admin — any.
     */
    static boolean householdInScope(Access.Scope scope, KnownHousehold h) {
        if (scope.province()) {
            return true;
        }
        return scope.seesVillage(h.villageCode);
    }

    /** The pairing if the caller may see it; 404 like an unknown one otherwise. */
    private Pairing findVisiblePairing(UUID id) {
        Pairing p = Pairing.findById(id);
        if (p == null || !access.scope().seesPairing(p)) {
            throw ApiException.notFound("pairing", id.toString());
        }
        return p;
    }

    /** The pairing if the caller may change it; 404 like an unknown one otherwise. */
    private Pairing findManagedPairing(UUID id) {
        Pairing p = Pairing.findById(id);
        if (p == null || !access.scope().managesPairing(p)) {
            throw ApiException.notFound("pairing", id.toString());
        }
        return p;
    }

    private Pairing findPairing(UUID id) {
        Pairing p = Pairing.findById(id);
        if (p == null) {
            throw ApiException.notFound("pairing", id.toString());
        }
        return p;
    }

    /** Locks the pairing's household, then the pairing itself, and returns its current state; 404 if unknown. */
    private Pairing lockPairing(UUID id) {
        Pairing p = findManagedPairing(id);
        lockHousehold(p.householdId);
        em.refresh(p, LockModeType.PESSIMISTIC_WRITE);
        return p;
    }

    private void endOne(Pairing p, EndReason reason, LocalDate date, String approvedBy, String note,
            OffsetDateTime now) {
        p.status = PairingStatus.ENDED;
        p.endedOn = date;
        p.endReason = reason;
        p.approvedBy = approvedBy;
        p.endNote = note;
        touch(p, now);
        PairingChange.record(p.id, now, Action.ENDED, date, reason.name(), approvedBy, note, null);
        events.pairing(EventTypes.PAIRING_ENDED, p);
    }

    private static void checkNotBeforeStart(Pairing p, LocalDate date, List<FieldError> errors) {
        if (p.status == PairingStatus.ACTIVE && p.startedOn != null && date.isBefore(p.startedOn)) {
            errors.add(new FieldError("date", "end.date-before-start", "date " + date + " is before " + p.startedOn
                    + ", the day pairing " + p.id + " started"));
        }
    }

    /** Makes the household's oldest live pairing other than {@code formerPrimary} its primary, if there is one. */
    private void promoteOldest(UUID householdId, UUID formerPrimary, OffsetDateTime now) {
        Optional<Pairing> next = livePairings(householdId).stream().filter(o -> !o.id.equals(formerPrimary))
                .findFirst();
        next.ifPresent(n -> {
            n.primary = true;
            touch(n, now);
            PairingChange.record(n.id, now, Action.PRIMARY_SET, now.toLocalDate(), null, null, null, formerPrimary);
            events.pairing(EventTypes.PAIRING_PRIMARY_CHANGED, n);
        });
    }

    /** One error per ACTIVE cadre of the unit below its rank minimum, by name. */
    @SuppressWarnings("unchecked")
    private List<FieldError> cadresBelowMinimum(Unit u) {
        List<Object[]> rows = em.createNativeQuery("select c.id, c.name, c.rank, count(p.id) from cadre c "
                + "left join pairing p on p.cadre_id = c.id and p.status in ('DRAFT', 'ACTIVE') "
                + "where c.unit_id = ?1 and c.status = 'ACTIVE' group by c.id, c.name, c.rank")
                .setParameter(1, u.id).getResultList();
        rows.sort(Comparator.comparing((Object[] r) -> (String) r[1]).thenComparing(r -> r[0].toString()));
        List<FieldError> errors = new ArrayList<>();
        for (Object[] row : rows) {
            CadreRank rank = CadreRank.valueOf((String) row[2]);
            long has = ((Number) row[3]).longValue();
            int min = rules.minimumHouseholds(rank);
            if (has < min) {
                errors.add(new FieldError("cadres[" + row[0] + "]", "pairing.cadre-below-minimum", row[1] + " ("
                        + rank + ") has " + has + (has == 1 ? " household" : " households") + "; at least " + min));
            }
        }
        return errors;
    }

    /** One error per linked village of the unit with households IN_POVERTY or RELAPSED and no live pairing. */
    @SuppressWarnings("unchecked")
    private List<FieldError> uncoveredVillages(Unit u) {
        List<Object[]> rows = em.createNativeQuery("select h.village_code, v.name, count(*) from known_household h "
                + "join village_link l on l.village_code = h.village_code and l.unit_id = ?1 and l.ended_on is null "
                + "left join known_village v on v.code = h.village_code "
                + "where h.status in ('IN_POVERTY', 'RELAPSED') and not exists (select 1 from pairing p "
                + "where p.household_id = h.id and p.status in ('DRAFT', 'ACTIVE')) "
                + "group by h.village_code, v.name order by h.village_code")
                .setParameter(1, u.id).getResultList();
        List<FieldError> errors = new ArrayList<>();
        for (Object[] row : rows) {
            long n = ((Number) row[2]).longValue();
            errors.add(new FieldError("villages[" + row[0] + "]", "pairing.household-uncovered", "village " + row[0]
                    + (row[1] == null ? "" : " " + row[1]) + ": " + n + (n == 1 ? " household" : " households")
                    + " in poverty without a cadre"));
        }
        return errors;
    }

    private static String ids(List<Pairing> pairings) {
        return pairings.stream().map(p -> p.id.toString()).collect(Collectors.joining(", "));
    }

    private static PairingView row(Object[] r) {
        return PairingView.of((Pairing) r[0], (String) r[1], (CadreRank) r[2]);
    }
}
