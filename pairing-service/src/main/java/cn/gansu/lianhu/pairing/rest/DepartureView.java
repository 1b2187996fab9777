package cn.gansu.lianhu.pairing.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.pairing.domain.CadreStatus;
import cn.gansu.lianhu.pairing.domain.PairingStatus;

/**
 * The outcome of a cadre's departure: the cadre's new state and one entry per household handed over.
 *
 * @param cadreId          the cadre who left
 * @param cadreName        their name
 * @param status           TRANSFERRED, RETIRED or DECEASED
 * @param leftOn           the day they left
 * @param version          the cadre's version after the change
 * @param handovers        one entry per household, in the order of the request
 * @param leaderLinksEnded leader links (联县联村) of the cadre ended with the same reason
 */
@Schema(name = "Departure", example = """
        {"cadreId":"3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33","cadreName":"张明","status":"TRANSFERRED",
         "leftOn":"2026-11-28","version":3,
         "handovers":[{"householdId":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11",
                       "endedPairingId":"5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47","endedStatus":"ENDED",
                       "successorCadreId":"8a1c2e3f-4b5d-4c6e-9f70-1a2b3c4d5e6f","successorCadreName":"李红",
                       "successorPairingId":"d7e6f5a4-b3c2-4d1e-8f09-a1b2c3d4e5f6","successorStatus":"ACTIVE",
                       "primary":true}],
         "leaderLinksEnded":0}""")
public record DepartureView(UUID cadreId, String cadreName, CadreStatus status, LocalDate leftOn, long version,
        List<HandedOver> handovers, int leaderLinksEnded) {

    /**
     * One household handed over.
     *
     * @param householdId        the household
     * @param endedPairingId     the leaving cadre's pairing
     * @param endedStatus        ENDED (it was ACTIVE) or WITHDRAWN (it was a draft)
     * @param successorCadreId   the successor
     * @param successorCadreName the successor's name
     * @param successorPairingId the successor's new pairing
     * @param successorStatus    ACTIVE if the successor's unit has confirmed its pairings, else DRAFT
     * @param primary            whether the household's primary responsible cadre (帮扶责任人) moved with it
     */
    @Schema(name = "HandedOver")
    public record HandedOver(UUID householdId, UUID endedPairingId, PairingStatus endedStatus, UUID successorCadreId,
            String successorCadreName, UUID successorPairingId, PairingStatus successorStatus, boolean primary) {
    }
}
