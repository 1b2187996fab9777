package cn.gansu.lianhu.reporting.events;

import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.HouseholdData;
import cn.gansu.lianhu.events.contract.RegionData;
import cn.gansu.lianhu.reporting.domain.HouseholdStatus;
import cn.gansu.lianhu.events.contract.RegionCodes;
import cn.gansu.lianhu.events.contract.RegionLevel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads one record value of {@code registry.regions} or {@code registry.households} and checks it before
 * anything touches the database, so one bad record can never fail a batch (issue point 9). A record is
 * either {@link EventRead.Accepted accepted}, {@link EventRead.Unknown of a type reporting does not handle}
 * (skipped), or {@link EventRead.Rejected rejected} with the reason (not a CloudEvent, id not a UUID, payload
 * not the contract record, codes or status out of range).
 */
@ApplicationScoped
public class RegistryEventReader {
    static final Set<String> REGION_TYPES = Set.of(EventTypes.REGION_REGISTERED, EventTypes.REGION_RENAMED,
            EventTypes.REGION_DESIGNATION_CHANGED);
    static final Set<String> HOUSEHOLD_TYPES = Set.of(EventTypes.HOUSEHOLD_REGISTERED, EventTypes.HOUSEHOLD_UPDATED,
            EventTypes.HOUSEHOLD_STATUS_CHANGED);

    @Inject
    ObjectMapper mapper;

    /** Reads a record value; never throws. */
    public EventRead<RegistryEvent> read(String value) {
        return EventRead.read(mapper, value,
                type -> REGION_TYPES.contains(type) ? RegionData.class
                        : HOUSEHOLD_TYPES.contains(type) ? HouseholdData.class : null,
                data -> data instanceof RegionData r ? checkRegion(r) : checkHousehold((HouseholdData) data),
                (id, type, time, data) -> new RegistryEvent(id, type, time,
                        data instanceof RegionData r ? r : null, data instanceof HouseholdData h ? h : null));
    }

    private static String checkRegion(RegionData r) {
        if (!RegionCodes.isFull(r.code())) {
            return "code '" + r.code() + "' is not a 12-digit NBS code";
        }
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            return "name is missing or longer than 200 characters";
        }
        if (RegionLevel.of(r.level()) == null) {
            return "level '" + r.level() + "' is not one of PROVINCE, PREFECTURE, COUNTY, TOWNSHIP, VILLAGE";
        }
        if (r.parentCode() != null && !RegionCodes.isFull(r.parentCode())) {
            return "parentCode '" + r.parentCode() + "' is not a 12-digit NBS code";
        }
        return null;
    }

    private static String checkHousehold(HouseholdData h) {
        try {
            if (h.id() == null) {
                return "id is missing";
            }
            UUID.fromString(h.id());
        } catch (IllegalArgumentException e) {
            return "id '" + h.id() + "' is not a UUID";
        }
        if (!RegionCodes.isFull(h.villageCode())) {
            return "villageCode '" + h.villageCode() + "' is not a 12-digit NBS code";
        }
        if (HouseholdStatus.of(h.status()) == null) {
            return "status '" + h.status() + "' is not one of IN_POVERTY, LIFTED, RELAPSED";
        }
        if (h.memberCount() < 0) {
            return "memberCount " + h.memberCount() + " is negative";
        }
        return null;
    }
}
