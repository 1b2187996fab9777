package cn.gansu.lianhu.events.contract;

import java.time.LocalDate;

/**
 * Payload of the {@code pairing.village-link.*} events: a unit ↔ poor village link (部门联村).
 *
 * @param id           link id (UUID), also the record key
 * @param unitId       the unit
 * @param villageCode  12-digit code of the poor village
 * @param countyCode   12-digit code of the village's county
 * @param linkedOn     date the link began
 * @param endedOn      date it ended, or null while active
 * @param endReason    reason code it ended with, or null
 * @param active       true until it ends
 */
public record VillageLinkData(String id, String unitId, String villageCode, String countyCode, LocalDate linkedOn,
        LocalDate endedOn, String endReason, boolean active) {
}
