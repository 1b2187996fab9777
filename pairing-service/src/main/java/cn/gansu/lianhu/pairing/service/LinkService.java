package cn.gansu.lianhu.pairing.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.audit.Audit;
import cn.gansu.lianhu.api.security.Role;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.pairing.domain.Cadre;
import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.pairing.domain.CadreStatus;
import cn.gansu.lianhu.pairing.domain.EndReason;
import cn.gansu.lianhu.pairing.domain.KnownCounty;
import cn.gansu.lianhu.pairing.domain.KnownVillage;
import cn.gansu.lianhu.pairing.domain.LeaderLink;
import cn.gansu.lianhu.pairing.domain.Pairing;
import cn.gansu.lianhu.pairing.domain.PairingStatus;
import cn.gansu.lianhu.pairing.domain.Unit;
import cn.gansu.lianhu.pairing.domain.VillageLink;
import cn.gansu.lianhu.pairing.events.PairingEvents;
import cn.gansu.lianhu.pairing.rest.LeaderLinkRequest;
import cn.gansu.lianhu.pairing.rest.LeaderLinkView;
import cn.gansu.lianhu.pairing.rest.LinkEndRequest;
import cn.gansu.lianhu.pairing.rest.VillageLinkRequest;
import cn.gansu.lianhu.pairing.rest.VillageLinkView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Unit → poor village links (部门联村, issue 3 point 3) and provincial leader → poor county + poor village links
 * (联县联村, issue 3 point 4), DESIGN.md §1 "How they are linked". Only poor counties and villages known from
 * registry events ({@link KnownCounty}, {@link KnownVillage}) can be linked. A link ends only with a reason and
 * a date (不脱钩), and not while pairings of the unit (or leader) in that village are live. Each change writes
 * its event on {@code pairing.links} in the same transaction.
 *
 * <p>Village links: unknown village 422 {@code village-link.unknown-village}; not poor 422
 * {@code village-link.not-poor-village}; already linked 409 {@code village-link.duplicate}; ending with live
 * pairings 422 {@code village-link.has-live-pairings}.
 *
 * <p>Leader links: cadre not an ACTIVE PROVINCIAL_LEADER 422 {@code leader-link.not-provincial-leader}; village
 * not in the county 422 {@code leader-link.village-outside-county}; county unknown or not poor 422
 * {@code leader-link.not-poor-county}; village unknown or not poor 422 {@code leader-link.not-poor-village};
 * county already linked 409 {@code leader-link.duplicate-county}; more than
 * {@link LinkingRules#leaderMaxCounties()} 422 {@code leader-link.too-many-counties}; ending with live pairings
 * 422 {@code leader-link.has-live-pairings}.
 *
 * <p>Ending (both): 400 {@code end.reason-required}, {@code end.date-required}, {@code end.approved-by-required};
 * 422 {@code end.reason-not-applicable}, {@code date.future}, {@code end.before-start}.
 */
@ApplicationScoped
public class LinkService {
    /** Reasons a unit's village link can end with: only an approved correction. */
    static final EndReason[] VILLAGE_LINK_REASONS = { EndReason.CORRECTION_APPROVED };
    /** Reasons a leader's county link can end with: an approved correction, or the leader leaving. */
    static final EndReason[] LEADER_LINK_REASONS = { EndReason.CORRECTION_APPROVED, EndReason.CADRE_TRANSFERRED,
            EndReason.CADRE_RETIRED, EndReason.CADRE_DECEASED };
    private static final List<PairingStatus> LIVE = List.of(PairingStatus.DRAFT, PairingStatus.ACTIVE);

    @Inject
    EntityManager em;

    @Inject
    PairingEvents events;

    @Inject
    LinkingRules rules;

    @Inject
    Clock clock;

    @Inject
    Access access;

    @Inject
    Audit audit;

    // ------------------------------------------------------------------------------------------------------
    // Unit → village (部门联村)
    // ------------------------------------------------------------------------------------------------------

    /** Links a poor village to a unit (event VILLAGE_LINKED). */
    @Transactional
    public VillageLinkView linkVillage(UUID unitId, VillageLinkRequest r) {
        Unit unit = lockUnit(unitId);
        String code = Inputs.villageCode("villageCode", r.villageCode());
        LocalDate today = LocalDate.now(clock);
        LocalDate linkedOn = r.linkedOn() == null ? today : Inputs.notFuture("linkedOn", r.linkedOn(), today);
        KnownVillage village = KnownVillage.findById(code);
        if (village == null || !villageInScope(code)) {
            throw ApiException.unprocessable("villageCode", "village-link.unknown-village", "village " + code
                    + " is not known from registry events: only poor villages registry has published can be linked");
        }
        if (!village.poor) {
            throw ApiException.unprocessable("villageCode", "village-link.not-poor-village", "village " + code + " "
                    + village.name + " is not a poor village (贫困村): units link poor villages only");
        }
        if (VillageLink.count("unitId = ?1 and villageCode = ?2 and endedOn is null", unit.id, code) > 0) {
            throw duplicateVillage(unit, village);
        }
        VillageLink l = new VillageLink();
        l.id = UUID.randomUUID();
        l.unitId = unit.id;
        l.villageCode = code;
        l.countyCode = village.countyCode;
        l.linkedOn = linkedOn;
        l.createdAt = OffsetDateTime.now(clock);
        l.persist();
        Flushes.flush(em, Map.of("village_link_active", () -> duplicateVillage(unit, village)));
        events.villageLink(EventTypes.VILLAGE_LINKED, l);
        VillageLinkView after = VillageLinkView.of(l, village.name);
        audit.record("village-link", l.id, "CREATED", null, after);
        return after;
    }

    private static ApiException duplicateVillage(Unit unit, KnownVillage village) {
        return ApiException.conflict("villageCode", "village-link.duplicate", "unit " + unit.name
                + " already links village " + village.code + " " + village.name);
    }

    /** A unit's village links, oldest first; {@code active} true/false filters, null gives all; 404 unknown unit. */
    @Transactional
    public List<VillageLinkView> villageLinks(UUID unitId, Boolean active) {
        Access.Scope scope = access.scope();
        if (!scope.seesUnit(Unit.findById(unitId))) {
            throw ApiException.notFound("unit", unitId.toString());
        }
        boolean region = scope.is(Role.REGION_ADMIN);
        String q = "unitId = ?1" + (active == null ? "" : active ? " and endedOn is null" : " and endedOn is not null")
                + (region ? " and villageCode like ?2" : "") + " order by linkedOn, createdAt, id";
        List<VillageLink> found = region ? VillageLink.list(q, unitId, scope.region() + "%") : VillageLink.list(q, unitId);
        Map<String, KnownVillage> villages = villages(found.stream().map(l -> l.villageCode).toList());
        return found.stream().map(l -> VillageLinkView.of(l, name(villages.get(l.villageCode)))).toList();
    }

    /** Ends a unit's active link to a village (event VILLAGE_LINK_ENDED). */
    @Transactional
    public VillageLinkView endVillageLink(UUID unitId, String villageCode, LinkEndRequest r) {
        Unit unit = lockUnit(unitId);
        String code = Inputs.villageCode("villageCode", villageCode);
        VillageLink l = VillageLink.<VillageLink> find("unitId = ?1 and villageCode = ?2 and endedOn is null",
                unit.id, code).firstResult();
        if (l == null || !villageInScope(code)) {
            throw ApiException.notFound("active village link of unit " + unitId + " to village", code);
        }
        EndReason reason = Inputs.endReason(r.reason(), r.date(), r.approvedBy(), l.linkedOn, LocalDate.now(clock),
                "a unit's village link", VILLAGE_LINK_REASONS);
        long live = Pairing.count("unitId = ?1 and villageCode = ?2 and status in ?3", unit.id, code, LIVE);
        if (live > 0) {
            throw ApiException.unprocessable("villageCode", "village-link.has-live-pairings", "unit " + unit.name
                    + " still has " + live + " live pairing" + (live == 1 ? "" : "s") + " (DRAFT or ACTIVE) in village "
                    + code + ": end or hand them over first (不脱钩)");
        }
        KnownVillage v = KnownVillage.findById(code);
        VillageLinkView before = VillageLinkView.of(l, name(v));
        l.endedOn = r.date();
        l.endReason = reason;
        l.endedBy = blankToNull(r.approvedBy());
        em.flush();
        events.villageLink(EventTypes.VILLAGE_LINK_ENDED, l);
        VillageLinkView after = VillageLinkView.of(l, name(v));
        audit.record("village-link", l.id, "ENDED", before, after);
        return after;
    }

    // ------------------------------------------------------------------------------------------------------
    // Provincial leader → county + village (联县联村)
    // ------------------------------------------------------------------------------------------------------

    /** Links a poor county and one poor village in it to a provincial leader (event LEADER_LINKED). */
    @Transactional
    public LeaderLinkView linkCounty(UUID cadreId, LeaderLinkRequest r) {
        Cadre cadre = em.find(Cadre.class, cadreId, LockModeType.PESSIMISTIC_WRITE);
        if (cadre == null || !managesCadre(cadre)) {
            throw ApiException.notFound("cadre", cadreId.toString());
        }
        String countyCode = Inputs.countyCode("countyCode", r.countyCode());
        String villageCode = Inputs.villageCode("villageCode", r.villageCode());
        LocalDate today = LocalDate.now(clock);
        LocalDate linkedOn = r.linkedOn() == null ? today : Inputs.notFuture("linkedOn", r.linkedOn(), today);
        if (cadre.rank != CadreRank.PROVINCIAL_LEADER || cadre.status != CadreStatus.ACTIVE) {
            throw ApiException.unprocessable("id", "leader-link.not-provincial-leader", "cadre " + cadre.id + " is "
                    + cadre.rank + " and " + cadre.status + ": only an ACTIVE PROVINCIAL_LEADER (省级领导) links poor "
                    + "counties (联县联村)");
        }
        if (!KnownVillage.countyOf(villageCode).equals(countyCode)) {
            throw ApiException.unprocessable("villageCode", "leader-link.village-outside-county", "village "
                    + villageCode + " is not in county " + countyCode + ": a leader links one poor village inside "
                    + "each linked county");
        }
        KnownCounty county = KnownCounty.findById(countyCode);
        if (county == null || !county.poor) {
            throw ApiException.unprocessable("countyCode", "leader-link.not-poor-county", county == null
                    ? "county " + countyCode + " is not known from registry events as a poor county (贫困县)"
                    : "county " + countyCode + " " + county.name + " is not a poor county (贫困县)");
        }
        KnownVillage village = villageInScope(villageCode) ? KnownVillage.findById(villageCode) : null;
        if (village == null || !village.poor) {
            throw ApiException.unprocessable("villageCode", "leader-link.not-poor-village", village == null
                    ? "village " + villageCode + " is not known from registry events as a poor village (贫困村)"
                    : "village " + villageCode + " " + village.name + " is not a poor village (贫困村)");
        }
        List<LeaderLink> active = LeaderLink.list("cadreId = ?1 and endedOn is null order by linkedOn, createdAt",
                cadre.id);
        if (active.stream().anyMatch(l -> l.countyCode.equals(countyCode))) {
            throw duplicateCounty(cadre, county);
        }
        if (active.size() >= rules.leaderMaxCounties()) {
            Map<String, KnownCounty> counties = counties(active.stream().map(l -> l.countyCode).toList());
            throw ApiException.unprocessable("countyCode", "leader-link.too-many-counties", "leader " + cadre.name
                    + " already links " + active.size() + " poor count" + (active.size() == 1 ? "y" : "ies")
                    + "; at most " + rules.leaderMaxCounties() + " ("
                    + active.stream().map(l -> l.countyCode.substring(0, 6) + " " + name(counties.get(l.countyCode)))
                            .collect(Collectors.joining(", "))
                    + ")");
        }
        LeaderLink l = new LeaderLink();
        l.id = UUID.randomUUID();
        l.cadreId = cadre.id;
        l.countyCode = countyCode;
        l.villageCode = villageCode;
        l.linkedOn = linkedOn;
        l.createdAt = OffsetDateTime.now(clock);
        l.persist();
        Flushes.flush(em, Map.of("leader_link_active", () -> duplicateCounty(cadre, county)));
        events.leaderLink(EventTypes.LEADER_LINKED, l);
        LeaderLinkView after = LeaderLinkView.of(l, county.name, village.name);
        audit.record("leader-link", l.id, "CREATED", null, after);
        return after;
    }

    private static ApiException duplicateCounty(Cadre cadre, KnownCounty county) {
        return ApiException.conflict("countyCode", "leader-link.duplicate-county", "leader " + cadre.name
                + " already links county " + county.code.substring(0, 6) + " " + county.name);
    }

    /** A leader's county links, oldest first; {@code active} filters; 404 unknown cadre. */
    @Transactional
    public List<LeaderLinkView> listLeaderLinks(UUID cadreId, Boolean active) {
        Access.Scope scope = access.scope();
        if (!scope.seesCadre(Cadre.findById(cadreId))) {
            throw ApiException.notFound("cadre", cadreId.toString());
        }
        List<LeaderLinkView> all = leaderLinks(cadreId, active);
        return scope.is(Role.REGION_ADMIN) ? all.stream().filter(l -> scope.underRegion(l.villageCode())).toList() : all;
    }

    /** A cadre's county links, oldest first; {@code active} true/false filters, null gives all. */
    @Transactional
    public List<LeaderLinkView> leaderLinks(UUID cadreId, Boolean active) {
        String q = "cadreId = ?1" + (active == null ? "" : active ? " and endedOn is null" : " and endedOn is not null")
                + " order by linkedOn, createdAt, id";
        return views(LeaderLink.list(q, cadreId));
    }

    /** The active county links of several cadres, by cadre, for list pages. */
    @Transactional
    public Map<UUID, List<LeaderLinkView>> activeLeaderLinks(Collection<UUID> cadreIds) {
        if (cadreIds.isEmpty()) {
            return Map.of();
        }
        List<LeaderLink> found = LeaderLink.list("cadreId in ?1 and endedOn is null order by linkedOn, createdAt, id",
                cadreIds);
        Map<UUID, List<LeaderLinkView>> out = new LinkedHashMap<>();
        for (LeaderLinkView v : views(found)) {
            out.computeIfAbsent(v.cadreId(), k -> new ArrayList<>()).add(v);
        }
        return out;
    }

    /** Ends a leader's active link to a county (event LEADER_LINK_ENDED). */
    @Transactional
    public LeaderLinkView endLeaderLink(UUID cadreId, String countyCode, LinkEndRequest r) {
        Cadre cadre = em.find(Cadre.class, cadreId, LockModeType.PESSIMISTIC_WRITE);
        if (cadre == null || !managesCadre(cadre)) {
            throw ApiException.notFound("cadre", cadreId.toString());
        }
        String code = Inputs.countyCode("countyCode", countyCode);
        LeaderLink l = LeaderLink.<LeaderLink> find("cadreId = ?1 and countyCode = ?2 and endedOn is null", cadre.id,
                code).firstResult();
        if (l == null || !villageInScope(l.villageCode)) {
            throw ApiException.notFound("active county link of cadre " + cadreId + " to county", code);
        }
        EndReason reason = Inputs.endReason(r.reason(), r.date(), r.approvedBy(), l.linkedOn, LocalDate.now(clock),
                "a leader's county link", LEADER_LINK_REASONS);
        long live = Pairing.count("cadreId = ?1 and villageCode = ?2 and status in ?3", cadre.id, l.villageCode, LIVE);
        if (live > 0) {
            throw ApiException.unprocessable("countyCode", "leader-link.has-live-pairings", "leader " + cadre.name
                    + " still has " + live + " live pairing" + (live == 1 ? "" : "s") + " (DRAFT or ACTIVE) in village "
                    + l.villageCode + ": end or hand them over first (不脱钩)");
        }
        LeaderLinkView before = views(List.of(l)).get(0);
        end(l, reason, r.date(), blankToNull(r.approvedBy()));
        LeaderLinkView after = views(List.of(l)).get(0);
        audit.record("leader-link", l.id, "ENDED", before, after);
        return after;
    }

    /**
     * Ends every active county link of a leader who leaves (for the departure/hand-over operation, which moves
     * the leader's pairings in the same transaction): one LEADER_LINK_ENDED event per link. Does not check for
     * live pairings — the caller hands them over first.
     *
     * @return the links ended
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<LeaderLink> endLeaderLinks(UUID cadreId, EndReason reason, LocalDate date, String approvedBy) {
        List<LeaderLink> active = LeaderLink.list("cadreId = ?1 and endedOn is null", cadreId);
        for (LeaderLink l : active) {
            end(l, reason, date, approvedBy);
        }
        return active;
    }

    private void end(LeaderLink l, EndReason reason, LocalDate date, String approvedBy) {
        l.endedOn = date;
        l.endReason = reason;
        l.endedBy = approvedBy;
        em.flush();
        events.leaderLink(EventTypes.LEADER_LINK_ENDED, l);
    }

    // ------------------------------------------------------------------------------------------------------

    /** REGION_ADMIN: the village lies under its prefix; every other role that may write links: true. */
    private boolean villageInScope(String code) {
        Access.Scope s = access.scope();
        return !s.is(Role.REGION_ADMIN) || s.underRegion(code);
    }

    /** The caller sees the cadre and manages its unit. */
    private boolean managesCadre(Cadre c) {
        Access.Scope s = access.scope();
        return s.seesCadre(c) && s.managesUnit(Unit.findById(c.unitId));
    }

    private Unit lockUnit(UUID unitId) {
        Unit unit = em.find(Unit.class, unitId, LockModeType.PESSIMISTIC_WRITE);
        if (unit == null || !access.scope().managesUnit(unit)) {
            throw ApiException.notFound("unit", unitId.toString());
        }
        return unit;
    }

    private List<LeaderLinkView> views(List<LeaderLink> found) {
        Map<String, KnownCounty> counties = counties(found.stream().map(l -> l.countyCode).toList());
        Map<String, KnownVillage> villages = villages(found.stream().map(l -> l.villageCode).toList());
        return found.stream().map(l -> LeaderLinkView.of(l, name(counties.get(l.countyCode)),
                name(villages.get(l.villageCode)))).toList();
    }

    private static Map<String, KnownVillage> villages(List<String> codes) {
        Set<String> distinct = new HashSet<>(codes);
        return distinct.isEmpty() ? Map.of()
                : KnownVillage.<KnownVillage> list("code in ?1", distinct).stream()
                        .collect(Collectors.toMap(v -> v.code, Function.identity()));
    }

    private static Map<String, KnownCounty> counties(List<String> codes) {
        Set<String> distinct = new HashSet<>(codes);
        Map<String, KnownCounty> out = new HashMap<>();
        if (!distinct.isEmpty()) {
            for (KnownCounty c : KnownCounty.<KnownCounty> list("code in ?1", distinct)) {
                out.put(c.code, c);
            }
        }
        return out;
    }

    private static String name(KnownVillage v) {
        return v == null ? null : v.name;
    }

    private static String name(KnownCounty c) {
        return c == null ? null : c.name;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
