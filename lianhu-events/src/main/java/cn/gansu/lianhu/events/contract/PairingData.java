package cn.gansu.lianhu.events.contract;

import java.time.LocalDate;

/**
 * Payload of the {@code pairing.pairing.*} events: a cadre ↔ household pairing (干部联户) after the change.
 *
 * @param id            pairing id (UUID), also the record key
 * @param cadreId       the cadre
 * @param unitId        the cadre's unit when the pairing was made
 * @param householdId   the household (registry id)
 * @param villageCode   12-digit code of the household's village
 * @param primary       true if the cadre is the household's primary responsible cadre (帮扶责任人)
 * @param status        DRAFT, ACTIVE, WITHDRAWN or ENDED
 * @param startedOn     date it became active (null for a draft)
 * @param endedOn       date it ended, or null
 * @param endReason     HOUSEHOLD_DISSOLVED, HOUSEHOLD_MERGED, HOUSEHOLD_MOVED, CADRE_TRANSFERRED,
 *                      CADRE_RETIRED, CADRE_DECEASED or CORRECTION_APPROVED; null unless ENDED
 * @param successorId   for a hand-over, the pairing of the successor cadre that took the household; else null
 * @param version       aggregate version, increasing by one per event
 */
public record PairingData(String id, String cadreId, String unitId, String householdId, String villageCode,
        boolean primary, String status, LocalDate startedOn, LocalDate endedOn, String endReason, String successorId,
        long version) {
}
