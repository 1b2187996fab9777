package cn.gansu.lianhu.pairing.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jboss.logging.Logger;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.audit.Audit;
import cn.gansu.lianhu.api.Problem.FieldError;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.pairing.domain.Cadre;
import cn.gansu.lianhu.pairing.domain.CadreStatus;
import cn.gansu.lianhu.pairing.domain.EndReason;
import cn.gansu.lianhu.pairing.domain.LeaderLink;
import cn.gansu.lianhu.pairing.domain.Pairing;
import cn.gansu.lianhu.pairing.domain.PairingChange;
import cn.gansu.lianhu.pairing.domain.PairingChange.Action;
import cn.gansu.lianhu.pairing.domain.PairingStatus;
import cn.gansu.lianhu.pairing.domain.Unit;
import cn.gansu.lianhu.pairing.events.PairingEvents;
import cn.gansu.lianhu.pairing.rest.DepartureRequest;
import cn.gansu.lianhu.pairing.rest.DepartureRequest.HandOver;
import cn.gansu.lianhu.pairing.rest.DepartureView;
import cn.gansu.lianhu.pairing.rest.CadreView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * A cadre leaving (transferred, retired, deceased) hands every household over to a named successor in the same
 * request, atomically, so no household is ever uncovered (DESIGN.md §1 "How they are linked"; issue 3 point 6).
 * Every rule is checked, and every broken one reported together, before anything is written.
 */
@ApplicationScoped
public class HandOverService {
    private static final Logger LOG = Logger.getLogger(HandOverService.class);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PairingService pairings;

    @Inject
    PairingEvents events;

    @Inject
    UnitService unitService;

    @Inject
    LinkService linkService;

    @Inject
    CadreService cadreService;

    @Inject
    Access access;

    @Inject
    Audit audit;

    /**
     * Records a cadre's departure with the hand-over of all their households. In one transaction: every live
     * pairing of the cadre ends (ACTIVE → ENDED with the reason of the new status, history HANDED_OVER; DRAFT →
     * WITHDRAWN), each successor gets a new pairing (ACTIVE from the departure date if its unit has confirmed,
     * else DRAFT; the primary flag carried over; history TAKEN_OVER; the old pairing's successorId points to it),
     * the cadre's status and leftOn are set, its active leader links end with the same reason, and the events
     * CADRE_LEFT, PAIRING_*, LEADER_LINK_ENDED and UNIT_UPDATED (the unit's ACTIVE cadre count changed) are
     * written.
     *
     * @throws ApiException 404 unknown cadre; 400 {@code departure.status-required},
     *                      {@code departure.status-invalid}, {@code departure.date-required}; 409
     *                      {@code cadre.already-left}; 422 with every broken rule: {@code departure.date-future},
     *                      {@code departure.date-before-start}, {@code handover.household-missing},
     *                      {@code handover.household-not-paired}, {@code handover.household-duplicate},
     *                      {@code handover.successor-unknown}, {@code handover.successor-self},
     *                      {@code handover.successor-not-active}, {@code handover.successor-outside-villages},
     *                      {@code handover.successor-already-paired}
     */
    @Transactional
    public DepartureView depart(UUID cadreId, DepartureRequest r) {
        Cadre cadre = Cadre.findById(cadreId);
        if (cadre == null || !cadreService.manages(cadre)) {
            throw ApiException.notFound("cadre", cadreId.toString());
        }
        CadreView before = cadreService.view(cadre).masked();
        List<FieldError> invalid = new ArrayList<>();
        CadreStatus status = CadreStatus.parse(r.status());
        if (r.status() == null || r.status().isBlank()) {
            invalid.add(new FieldError("status", "departure.status-required",
                    "a departure sets the cadre's new status: TRANSFERRED, RETIRED or DECEASED"));
        } else if (status == null || status == CadreStatus.ACTIVE) {
            invalid.add(new FieldError("status", "departure.status-invalid",
                    "a departure sets TRANSFERRED, RETIRED or DECEASED (调离, 退休, 去世), not " + r.status()));
        }
        if (r.date() == null) {
            invalid.add(new FieldError("date", "departure.date-required", "a departure needs the day the cadre left"));
        }
        if (!invalid.isEmpty()) {
            throw ApiException.invalid(invalid);
        }
        checkStillActive(cadre);
        List<HandOver> handovers = r.handovers() == null ? List.of() : r.handovers();

        // Locks: every unit involved (sorted), the cadre, the households, then the pairings.
        Map<UUID, Cadre> successors = new HashMap<>();
        for (HandOver h : handovers) {
            Cadre s = Cadre.findById(h.successorCadreId());
            if (s != null && cadreService.manages(s)) { // a successor out of scope answers as an unknown one
                successors.put(s.id, s);
            }
        }
        TreeSet<UUID> unitIds = new TreeSet<>();
        unitIds.add(cadre.unitId);
        successors.values().forEach(s -> unitIds.add(s.unitId));
        Map<UUID, Unit> units = new HashMap<>();
        for (UUID id : unitIds) {
            units.put(id, em.find(Unit.class, id, LockModeType.PESSIMISTIC_WRITE));
        }
        em.refresh(cadre, LockModeType.PESSIMISTIC_WRITE);
        checkStillActive(cadre);
        for (Cadre s : successors.values()) {
            em.refresh(s);
        }
        Set<UUID> householdIds = new HashSet<>();
        Pairing.<Pairing>list("cadreId = ?1 and status in ?2", cadre.id, live()).forEach(p -> householdIds.add(p.householdId));
        handovers.forEach(h -> householdIds.add(h.householdId()));
        pairings.lockHouseholds(householdIds);
        List<Pairing> live = em.createQuery("select p from Pairing p where p.cadreId = ?1 and p.status in ?2 order by "
                + PairingService.CREATION_ORDER, Pairing.class).setParameter(1, cadre.id).setParameter(2, live())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        List<LeaderLink> leaderLinks = LeaderLink.list("cadreId = ?1 and endedOn is null", cadre.id);

        // Rules, all checked before anything is written.
        LocalDate date = r.date();
        LocalDate today = LocalDate.now(clock);
        List<FieldError> errors = new ArrayList<>();
        if (date.isAfter(today)) {
            errors.add(new FieldError("date", "departure.date-future",
                    "date " + date + " is in the future (today is " + today + ")"));
        }
        for (Pairing p : live) {
            if (p.status == PairingStatus.ACTIVE && date.isBefore(p.startedOn)) {
                errors.add(new FieldError("date", "departure.date-before-start", "date " + date + " is before "
                        + p.startedOn + ", the day pairing " + p.id + " with household " + p.householdId + " started"));
            }
        }
        for (LeaderLink l : leaderLinks) {
            if (date.isBefore(l.linkedOn)) {
                errors.add(new FieldError("date", "departure.date-before-start", "date " + date + " is before "
                        + l.linkedOn + ", the day leader link " + l.id + " (county " + l.countyCode + ") began"));
            }
        }
        Map<UUID, Pairing> byHousehold = new LinkedHashMap<>();
        live.forEach(p -> byHousehold.put(p.householdId, p));
        Map<UUID, Integer> named = new HashMap<>();
        for (int i = 0; i < handovers.size(); i++) {
            HandOver h = handovers.get(i);
            String f = "handovers[" + i + "]";
            Integer first = named.putIfAbsent(h.householdId(), i);
            if (first != null) {
                errors.add(new FieldError(f + ".householdId", "handover.household-duplicate", "household "
                        + h.householdId() + " is named twice (handovers[" + first + "] and " + f + ")"));
                continue;
            }
            Pairing old = byHousehold.get(h.householdId());
            if (old == null) {
                errors.add(new FieldError(f + ".householdId", "handover.household-not-paired", "cadre " + cadre.name
                        + " is not paired with household " + h.householdId() + ": nothing to hand over"));
            }
            Cadre s = successors.get(h.successorCadreId());
            if (s == null) {
                errors.add(new FieldError(f + ".successorCadreId", "handover.successor-unknown", "cadre "
                        + h.successorCadreId() + " does not exist"));
                continue;
            }
            if (s.id.equals(cadre.id)) {
                errors.add(new FieldError(f + ".successorCadreId", "handover.successor-self",
                        "the leaving cadre " + cadre.name + " cannot be their own successor"));
                continue;
            }
            if (s.status != CadreStatus.ACTIVE) {
                errors.add(new FieldError(f + ".successorCadreId", "handover.successor-not-active", "successor "
                        + s.name + " is " + s.status + ": only ACTIVE cadres take households over"));
                continue;
            }
            if (old == null) {
                continue;
            }
            String outside = pairings.outsideVillages(s, units.get(s.unitId), old.villageCode);
            if (outside != null) {
                errors.add(new FieldError(f + ".successorCadreId", "handover.successor-outside-villages",
                        "household " + h.householdId() + " cannot go to " + s.name + ": " + outside));
            }
            Pairing existing = Pairing.find("cadreId = ?1 and householdId = ?2 and status in ?3", s.id,
                    h.householdId(), live()).firstResult();
            if (existing != null) {
                errors.add(new FieldError(f + ".successorCadreId", "handover.successor-already-paired", "successor "
                        + s.name + " is already paired with household " + h.householdId() + " (pairing "
                        + existing.id + ")"));
            }
        }
        for (Pairing p : live) {
            if (!named.containsKey(p.householdId)) {
                errors.add(new FieldError("handovers", "handover.household-missing", "household " + p.householdId
                        + " (village " + PairingService.villageLabel(p.villageCode) + ") has no successor: every "
                        + "household of " + cadre.name + " is handed over in the same request"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable(errors);
        }

        // Writes.
        EndReason reason = status.endReason();
        String note = PairingService.blankToNull(r.note());
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Pairing> olds = new ArrayList<>();
        for (HandOver h : handovers) {
            Pairing old = byHousehold.get(h.householdId());
            if (old.status == PairingStatus.ACTIVE) {
                old.status = PairingStatus.ENDED;
                old.endedOn = date;
                old.endReason = reason;
                old.endNote = note;
            } else {
                old.status = PairingStatus.WITHDRAWN;
            }
            PairingService.touch(old, now);
            olds.add(old);
        }
        em.flush(); // the household's primary is free before the successor's pairing carries it
        List<Pairing> news = new ArrayList<>();
        for (int i = 0; i < handovers.size(); i++) {
            Cadre s = successors.get(handovers.get(i).successorCadreId());
            Pairing old = olds.get(i);
            Pairing n = PairingService.newPairing(s, units.get(s.unitId), old.householdId, old.villageCode,
                    old.primary, date, now);
            n.persist();
            news.add(n);
        }
        em.flush(); // successor rows exist before the old ones point to them
        List<DepartureView.HandedOver> handed = new ArrayList<>();
        for (int i = 0; i < handovers.size(); i++) {
            Pairing old = olds.get(i);
            Pairing n = news.get(i);
            Cadre s = successors.get(n.cadreId);
            old.successorId = n.id;
            boolean ended = old.status == PairingStatus.ENDED;
            PairingChange.record(old.id, now, ended ? Action.HANDED_OVER : Action.WITHDRAWN, date, reason.name(), null,
                    note, n.id);
            events.pairing(ended ? EventTypes.PAIRING_ENDED : EventTypes.PAIRING_WITHDRAWN, old);
            PairingChange.record(n.id, now, Action.TAKEN_OVER, date, reason.name(), null, note, old.id);
            if (n.primary) {
                PairingChange.record(n.id, now, Action.PRIMARY_SET, date, null, null, null, old.id);
            }
            events.pairing(n.status == PairingStatus.ACTIVE ? EventTypes.PAIRING_ACTIVATED
                    : EventTypes.PAIRING_DRAFTED, n);
            handed.add(new DepartureView.HandedOver(old.householdId, old.id, old.status, s.id, s.name, n.id, n.status,
                    n.primary));
        }
        cadre.status = status;
        cadre.leftOn = date;
        cadre.version++;
        cadre.updatedAt = now;
        events.cadre(EventTypes.CADRE_LEFT, cadre);
        linkService.endLeaderLinks(cadre.id, reason, date, null);
        em.flush(); // the unit event counts ACTIVE cadres
        unitService.cadresChanged(cadre.unitId);
        LOG.infof("cadre %s left (%s on %s): %d households handed over, %d leader links ended", cadre.id, status,
                date, handed.size(), leaderLinks.size());
        DepartureView done = new DepartureView(cadre.id, cadre.name, cadre.status, cadre.leftOn, cadre.version, handed,
                leaderLinks.size());
        em.flush();
        audit.record("cadre", cadre.id, "DEPARTED", before, cadreService.view(cadre).masked());
        return done;
    }

    private static void checkStillActive(Cadre c) {
        if (c.status != CadreStatus.ACTIVE) {
            throw ApiException.conflict("id", "cadre.already-left", "cadre " + c.name + " already left: "
                    + c.status + (c.leftOn == null ? "" : " on " + c.leftOn));
        }
    }

    private static List<PairingStatus> live() {
        return List.of(PairingStatus.DRAFT, PairingStatus.ACTIVE);
    }
}
