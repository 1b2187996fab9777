package cn.gansu.lianhu.reporting.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A pairing-service event that passed every check and can be applied.
 *
 * @param id    CloudEvent id (the inbox key)
 * @param type  one of the pairing types of {@code EventTypes} handled on its topic
 * @param time  when pairing committed the change (UTC); always set
 * @param data  its payload, the full state after the change: a {@code UnitData}, {@code CadreData},
 *              {@code VillageLinkData}, {@code LeaderLinkData} or {@code PairingData} of lianhu-events
 */
public record PairingEvent(UUID id, String type, OffsetDateTime time, Object data) {
}
