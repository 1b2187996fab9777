package cn.gansu.lianhu.reporting.events;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.CadreData;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.LeaderLinkData;
import cn.gansu.lianhu.events.contract.PairingData;
import cn.gansu.lianhu.events.contract.RegionCodes;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.contract.UnitData;
import cn.gansu.lianhu.events.contract.VillageLinkData;
import cn.gansu.lianhu.reporting.domain.CadreRank;
import cn.gansu.lianhu.reporting.domain.CadreStatus;
import cn.gansu.lianhu.reporting.domain.PairingStatus;
import cn.gansu.lianhu.reporting.domain.UnitLevel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads one record value of {@code pairing.units}, {@code pairing.cadres}, {@code pairing.links} or
 * {@code pairing.pairings} and checks it against the lianhu-events contract before anything touches the
 * database (issue 3 point 9). Each topic has its own types ({@link #TYPES}); a valid CloudEvent of another
 * type is {@link EventRead.Unknown unknown} there and skipped. Anything else that does not fit (not a
 * CloudEvent, id not a UUID, no time, payload not the contract record, ids, codes or enum values out of
 * range) is {@link EventRead.Rejected rejected} with the reason.
 */
@ApplicationScoped
public class PairingEventReader {

    /** Per topic, the handled types and the payload record each carries. */
    static final Map<String, Map<String, Class<?>>> TYPES = Map.of(
            Topics.PAIRING_UNITS, Map.of(
                    EventTypes.UNIT_REGISTERED, UnitData.class,
                    EventTypes.UNIT_UPDATED, UnitData.class,
                    EventTypes.UNIT_PAIRINGS_CONFIRMED, UnitData.class),
            Topics.PAIRING_CADRES, Map.of(
                    EventTypes.CADRE_REGISTERED, CadreData.class,
                    EventTypes.CADRE_UPDATED, CadreData.class,
                    EventTypes.CADRE_LEFT, CadreData.class),
            Topics.PAIRING_LINKS, Map.of(
                    EventTypes.VILLAGE_LINKED, VillageLinkData.class,
                    EventTypes.VILLAGE_LINK_ENDED, VillageLinkData.class,
                    EventTypes.LEADER_LINKED, LeaderLinkData.class,
                    EventTypes.LEADER_LINK_ENDED, LeaderLinkData.class),
            Topics.PAIRING_PAIRINGS, Map.of(
                    EventTypes.PAIRING_DRAFTED, PairingData.class,
                    EventTypes.PAIRING_WITHDRAWN, PairingData.class,
                    EventTypes.PAIRING_ACTIVATED, PairingData.class,
                    EventTypes.PAIRING_PRIMARY_CHANGED, PairingData.class,
                    EventTypes.PAIRING_ENDED, PairingData.class));

    @Inject
    ObjectMapper mapper;

    /** Reads a record value of {@code topic} (one of the four pairing topics); never throws. */
    public EventRead<PairingEvent> read(String topic, String value) {
        return EventRead.read(mapper, value, type -> TYPES.getOrDefault(topic, Map.of()).get(type),
                PairingEventReader::check, PairingEvent::new);
    }

    /** What is wrong with a payload, or null if it can be applied. */
    static String check(Object data) {
        if (data instanceof UnitData u) {
            return first(uuid("id", u.id()), name(u.name(), 200),
                    UnitLevel.of(u.level()) == null ? "level '" + u.level() + "' is not one of PROVINCE, PREFECTURE, "
                            + "COUNTY, TOWNSHIP" : null,
                    code("regionCode", u.regionCode()),
                    u.activeCadres() < 0 ? "activeCadres " + u.activeCadres() + " is negative" : null,
                    u.requiredVillages() < 0 ? "requiredVillages " + u.requiredVillages() + " is negative" : null,
                    u.version() < 0 ? "version " + u.version() + " is negative" : null);
        }
        if (data instanceof CadreData c) {
            return first(uuid("id", c.id()), name(c.name(), 100), uuid("unitId", c.unitId()),
                    CadreRank.of(c.rank()) == null ? "rank '" + c.rank() + "' is not one of PROVINCIAL_LEADER, "
                            + "PREFECTURE_BUREAU, COUNTY_DIVISION, OTHER" : null,
                    CadreStatus.of(c.status()) == null ? "status '" + c.status() + "' is not one of ACTIVE, "
                            + "TRANSFERRED, RETIRED, DECEASED" : null,
                    c.minimumHouseholds() < 0 ? "minimumHouseholds " + c.minimumHouseholds() + " is negative" : null,
                    c.version() < 0 ? "version " + c.version() + " is negative" : null);
        }
        if (data instanceof VillageLinkData l) {
            return first(uuid("id", l.id()), uuid("unitId", l.unitId()), code("villageCode", l.villageCode()));
        }
        if (data instanceof LeaderLinkData l) {
            return first(uuid("id", l.id()), uuid("cadreId", l.cadreId()), code("countyCode", l.countyCode()),
                    l.villageCode() == null ? null : code("villageCode", l.villageCode()));
        }
        if (data instanceof PairingData p) {
            return first(uuid("id", p.id()), uuid("cadreId", p.cadreId()), uuid("householdId", p.householdId()),
                    p.unitId() == null ? null : uuid("unitId", p.unitId()),
                    code("villageCode", p.villageCode()),
                    PairingStatus.of(p.status()) == null ? "status '" + p.status() + "' is not one of DRAFT, ACTIVE, "
                            + "WITHDRAWN, ENDED" : null,
                    p.version() < 0 ? "version " + p.version() + " is negative" : null);
        }
        return "payload " + (data == null ? "null" : data.getClass().getSimpleName()) + " is not handled";
    }

    private static String first(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static String uuid(String field, String value) {
        if (value == null) {
            return field + " is missing";
        }
        try {
            UUID.fromString(value);
            return null;
        } catch (IllegalArgumentException e) {
            return field + " '" + value + "' is not a UUID";
        }
    }

    private static String name(String name, int max) {
        return name == null || name.isBlank() || name.length() > max
                ? "name is missing or longer than " + max + " characters" : null;
    }

    private static String code(String field, String value) {
        return RegionCodes.isFull(value) ? null : field + " '" + value + "' is not a 12-digit NBS code";
    }
}
