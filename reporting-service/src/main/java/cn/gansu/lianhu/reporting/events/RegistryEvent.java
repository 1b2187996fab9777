package cn.gansu.lianhu.reporting.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import cn.gansu.lianhu.events.contract.HouseholdData;
import cn.gansu.lianhu.events.contract.RegionData;

/**
 * A registry event that passed every check and can be applied: exactly one of {@code region} and
 * {@code household} is set.
 *
 * @param id        CloudEvent id (the inbox key)
 * @param type      one of the registry types of {@code EventTypes}
 * @param time      when the registry committed the change (UTC); always set
 * @param region    payload of a {@code registry.region.*} event, with a 12-digit code
 * @param household payload of a {@code registry.household.*} event
 */
public record RegistryEvent(UUID id, String type, OffsetDateTime time, RegionData region, HouseholdData household) {
}
