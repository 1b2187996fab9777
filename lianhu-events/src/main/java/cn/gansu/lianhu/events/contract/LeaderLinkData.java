package cn.gansu.lianhu.events.contract;

import java.time.LocalDate;

/**
 * Payload of the {@code pairing.leader-link.*} events: a provincial leader's link to one poor county and
 * exactly one poor village in it (联县联村, DESIGN.md §1).
 *
 * @param id           link id (UUID), also the record key
 * @param cadreId      the leader (rank PROVINCIAL_LEADER)
 * @param countyCode   12-digit code of the poor county
 * @param villageCode  12-digit code of the poor village in that county
 * @param linkedOn     date the link began
 * @param endedOn      date it ended, or null while active
 * @param endReason    reason code it ended with, or null
 * @param active       true until it ends
 */
public record LeaderLinkData(String id, String cadreId, String countyCode, String villageCode, LocalDate linkedOn,
        LocalDate endedOn, String endReason, boolean active) {
}
