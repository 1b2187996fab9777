package cn.gansu.lianhu.pairing.pairings;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.pairing.domain.Cadre;
import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.pairing.domain.CadreStatus;
import cn.gansu.lianhu.pairing.domain.KnownHousehold;
import cn.gansu.lianhu.pairing.domain.KnownVillage;
import cn.gansu.lianhu.pairing.domain.LeaderLink;
import cn.gansu.lianhu.pairing.domain.Pairing;
import cn.gansu.lianhu.pairing.domain.PairingChange;
import cn.gansu.lianhu.pairing.domain.Unit;
import cn.gansu.lianhu.pairing.domain.UnitKind;
import cn.gansu.lianhu.pairing.domain.UnitLevel;
import cn.gansu.lianhu.pairing.domain.VillageLink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Test data for the pairing tests, written straight through the domain entities (units, cadres, village and
 * leader links belong to another area's REST API). Real villages of 夏河县 (623027) and 碌曲县 (623026), used by
 * no other test area.
 */
@ApplicationScoped
public class PairingFixtures {
    static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC);

    @Inject
    EntityManager em;

    /** A poor village known to pairing (idempotent). */
    @Transactional
    public String village(String code, String name) {
        KnownVillage v = KnownVillage.findById(code);
        if (v == null) {
            v = new KnownVillage();
            v.code = code;
            v.name = name;
            v.townshipCode = code.substring(0, 9) + "000";
            v.countyCode = KnownVillage.countyOf(code);
            v.poor = true;
            v.lastEventId = UUID.randomUUID();
            v.updatedAt = T0;
            v.persist();
        }
        return code;
    }

    /** A household of the village with the given status (IN_POVERTY, LIFTED, RELAPSED). */
    @Transactional
    public UUID household(String villageCode, String status) {
        KnownHousehold h = new KnownHousehold();
        h.id = UUID.randomUUID();
        h.villageCode = villageCode;
        h.status = status;
        h.version = 1;
        h.updatedAt = T0;
        h.persist();
        return h.id;
    }

    /** Changes a household's status as a registry event would. */
    @Transactional
    public void householdStatus(UUID id, String status) {
        KnownHousehold h = KnownHousehold.findById(id);
        h.status = status;
        h.version++;
    }

    /** A county unit of 夏河县, not confirmed. */
    @Transactional
    public UUID unit(String name) {
        Unit u = new Unit();
        u.id = UUID.randomUUID();
        u.name = name + "-" + u.id.toString().substring(0, 8);
        u.level = UnitLevel.COUNTY;
        u.kind = UnitKind.PARTY_GOVERNMENT;
        u.regionCode = "623027000000";
        u.version = 1;
        u.createdAt = T0;
        u.updatedAt = T0;
        u.persist();
        return u.id;
    }

    /** An ACTIVE cadre of the unit with a valid, random ID number. */
    @Transactional
    public UUID cadre(UUID unitId, String name, CadreRank rank) {
        Cadre c = new Cadre();
        c.id = UUID.randomUUID();
        c.name = name;
        c.idNumber = idNumber();
        c.unitId = unitId;
        c.rank = rank;
        c.status = CadreStatus.ACTIVE;
        c.phone = "13900000000";
        c.version = 1;
        c.createdAt = T0;
        c.updatedAt = T0;
        c.persist();
        return c.id;
    }

    /** An active unit → village link from 2026-03-01. */
    @Transactional
    public UUID villageLink(UUID unitId, String villageCode) {
        VillageLink l = new VillageLink();
        l.id = UUID.randomUUID();
        l.unitId = unitId;
        l.villageCode = villageCode;
        l.countyCode = KnownVillage.countyOf(villageCode);
        l.linkedOn = T0.toLocalDate();
        l.createdAt = T0;
        l.persist();
        return l.id;
    }

    /** An active leader → county + village link from 2026-03-01. */
    @Transactional
    public UUID leaderLink(UUID cadreId, String villageCode) {
        LeaderLink l = new LeaderLink();
        l.id = UUID.randomUUID();
        l.cadreId = cadreId;
        l.villageCode = villageCode;
        l.countyCode = KnownVillage.countyOf(villageCode);
        l.linkedOn = T0.toLocalDate();
        l.createdAt = T0;
        l.persist();
        return l.id;
    }

    /** Moves a pairing's start date back (tests of end dates before the start). */
    @Transactional
    public void startedOn(UUID pairingId, LocalDate date) {
        Pairing p = Pairing.findById(pairingId);
        p.startedOn = date;
    }

    /** A leader link's state: "ended_on reason" or "active". */
    @Transactional
    public String leaderLinkState(UUID id) {
        LeaderLink l = LeaderLink.findById(id);
        return l.active() ? "active" : l.endedOn + " " + l.endReason;
    }

    /** Sets a cadre's status as if it had left earlier. */
    @Transactional
    public void cadreLeft(UUID id, CadreStatus status, LocalDate leftOn) {
        Cadre c = Cadre.findById(id);
        c.status = status;
        c.leftOn = leftOn;
    }

    /** Moves the start date of every ACTIVE pairing of a cadre back. */
    @Transactional
    public void startedOnForCadre(UUID cadreId, LocalDate date) {
        Pairing.update("startedOn = ?1 where cadreId = ?2 and status = ?3", date, cadreId,
                cn.gansu.lianhu.pairing.domain.PairingStatus.ACTIVE);
    }

    /** A cadre's state: "STATUS leftOn vVERSION". */
    @Transactional
    public String cadreState(UUID id) {
        Cadre c = Cadre.findById(id);
        em.refresh(c);
        return c.status + " " + c.leftOn + " v" + c.version;
    }

    /** The unit's name. */
    @Transactional
    public String unitName(UUID id) {
        return Unit.<Unit>findById(id).name;
    }

    /** Households of the village with no live pairing. */
    @Transactional
    public List<UUID> unpaired(String village) {
        return em.createQuery("select h.id from KnownHousehold h where h.villageCode = :v and not exists (select 1 "
                + "from Pairing p where p.householdId = h.id and p.status in ('DRAFT', 'ACTIVE')) order by h.id",
                UUID.class).setParameter("v", village).getResultList();
    }

    /** The unit's version. */
    @Transactional
    public long unitVersion(UUID id) {
        return Unit.<Unit>findById(id).version;
    }

    /**
     * Everything a hand-over may touch, as text: the cadre, its unit, every pairing of the given households with
     * its history rows, and the number of pairing events in the outbox for them. Equal before and after means
     * nothing was written.
     */
    @Transactional
    public String snapshot(UUID cadreId, List<UUID> households) {
        Cadre c = Cadre.findById(cadreId);
        em.refresh(c);
        Unit u = Unit.findById(c.unitId);
        em.refresh(u);
        List<Pairing> ps = Pairing.list("householdId in ?1 order by householdId, createdAt, id", households);
        String pairings = ps.stream().map(p -> {
            em.refresh(p);
            return p.id + ":" + p.status + ":" + p.primary + ":" + p.version + ":" + p.successorId + ":"
                    + PairingChange.count("pairingId", p.id);
        }).collect(Collectors.joining(","));
        long events = ps.isEmpty() ? 0 : ((Number) em.createNativeQuery(
                "select count(*) from outbox_event where event_key in (:keys)")
                .setParameter("keys", ps.stream().map(p -> p.id.toString()).toList()).getSingleResult()).longValue();
        return c.status + "/" + c.leftOn + "/" + c.version + " unit " + u.version + " [" + pairings + "] events " + events;
    }

    private static String idNumber() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String body = "623027" + (1960 + r.nextInt(40)) + String.format("%02d%02d", 1 + r.nextInt(12), 1 + r.nextInt(28))
                + String.format("%03d", r.nextInt(1000));
        return body + IdNumbers.checkCharacter(body);
    }
}
