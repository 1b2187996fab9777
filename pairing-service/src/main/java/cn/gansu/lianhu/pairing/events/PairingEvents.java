package cn.gansu.lianhu.pairing.events;

import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.events.contract.CadreData;
import cn.gansu.lianhu.events.contract.LeaderLinkData;
import cn.gansu.lianhu.events.contract.PairingData;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.contract.UnitData;
import cn.gansu.lianhu.events.contract.VillageLinkData;
import cn.gansu.lianhu.events.outbox.Outbox;
import cn.gansu.lianhu.pairing.domain.Cadre;
import cn.gansu.lianhu.pairing.domain.CadreStatus;
import cn.gansu.lianhu.pairing.domain.LeaderLink;
import cn.gansu.lianhu.pairing.domain.Pairing;
import cn.gansu.lianhu.pairing.domain.Unit;
import cn.gansu.lianhu.pairing.domain.VillageLink;
import cn.gansu.lianhu.pairing.service.LinkingRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Writes pairing-service's events into the outbox, in the caller's transaction (DESIGN.md §3): one method
 * per aggregate, each building the payload of {@code lianhu-events} from the entity's state after the
 * change. Callers bump the entity's {@code version} first (units, cadres, pairings). Types:
 * {@link cn.gansu.lianhu.events.contract.EventTypes}; catalogue: docs/events.md.
 */
@ApplicationScoped
public class PairingEvents {

    @Inject
    Outbox outbox;

    @Inject
    LinkingRules rules;

    /** A unit event on {@code pairing.units}; counts its ACTIVE cadres for the band rule. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void unit(String type, Unit u) {
        long active = Cadre.count("unitId = ?1 and status = ?2", u.id, CadreStatus.ACTIVE);
        outbox.publish(Topics.PAIRING_UNITS, u.id.toString(), type, unitData(u, active));
    }

    /** The payload of a unit event, given its ACTIVE cadre count. */
    public UnitData unitData(Unit u, long activeCadres) {
        return new UnitData(u.id.toString(), u.name, u.level.name(), u.kind.name(), u.regionCode, u.creditCode,
                (int) activeCadres, rules.requiredVillages(activeCadres), u.confirmed(), u.version);
    }

    /** A cadre event on {@code pairing.cadres}: ID number masked, no phone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cadre(String type, Cadre c) {
        outbox.publish(Topics.PAIRING_CADRES, c.id.toString(), type, cadreData(c));
    }

    /** The payload of a cadre event. */
    public CadreData cadreData(Cadre c) {
        return new CadreData(c.id.toString(), c.name, IdNumbers.mask(c.idNumber), c.unitId.toString(),
                c.rank.name(), c.status.name(), rules.minimumHouseholds(c.rank, c.status), c.version);
    }

    /** A unit ↔ village link event on {@code pairing.links}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void villageLink(String type, VillageLink l) {
        outbox.publish(Topics.PAIRING_LINKS, l.id.toString(), type, new VillageLinkData(l.id.toString(),
                l.unitId.toString(), l.villageCode, l.countyCode, l.linkedOn, l.endedOn,
                l.endReason == null ? null : l.endReason.name(), l.active()));
    }

    /** A leader ↔ county link event on {@code pairing.links}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void leaderLink(String type, LeaderLink l) {
        outbox.publish(Topics.PAIRING_LINKS, l.id.toString(), type, new LeaderLinkData(l.id.toString(),
                l.cadreId.toString(), l.countyCode, l.villageCode, l.linkedOn, l.endedOn,
                l.endReason == null ? null : l.endReason.name(), l.active()));
    }

    /** A pairing event on {@code pairing.pairings}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void pairing(String type, Pairing p) {
        outbox.publish(Topics.PAIRING_PAIRINGS, p.id.toString(), type, pairingData(p));
    }

    /** The payload of a pairing event (also used by bulk writers that COPY into the outbox). */
    public static PairingData pairingData(Pairing p) {
        return new PairingData(p.id.toString(), p.cadreId.toString(), p.unitId.toString(), p.householdId.toString(),
                p.villageCode, p.primary, p.status.name(), p.startedOn, p.endedOn,
                p.endReason == null ? null : p.endReason.name(), p.successorId == null ? null : p.successorId.toString(),
                p.version);
    }
}
