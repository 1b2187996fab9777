package cn.gansu.lianhu.pairing.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.pairing.domain.EndReason;
import cn.gansu.lianhu.pairing.domain.Pairing;
import cn.gansu.lianhu.pairing.domain.PairingStatus;

/**
 * A cadre ↔ household pairing (干部联户) as the API shows it: the cadre by id, name and rank (never their ID
 * number or phone).
 *
 * @param id          pairing id
 * @param cadreId     the cadre
 * @param cadreName   the cadre's name
 * @param cadreRank   the cadre's rank
 * @param unitId      the cadre's unit when the pairing was made
 * @param householdId the household (registry id)
 * @param villageCode 12-digit code of the household's village
 * @param primary     the household's primary responsible cadre (帮扶责任人); for a pairing no longer live:
 *                    whether it was primary when it ended
 * @param status      DRAFT, ACTIVE, WITHDRAWN or ENDED
 * @param startedOn   date it became ACTIVE, or null
 * @param endedOn     date it ended (ENDED), or null
 * @param endReason   end reason code, or null
 * @param approvedBy  who approved a CORRECTION_APPROVED end, or null
 * @param endNote     note given when it ended, or null
 * @param successorId for a hand-over: the successor's pairing
 * @param planId      the planner draft it came from, or null
 * @param version     grows by one per event
 * @param createdAt   when it was created
 * @param updatedAt   last change
 */
@Schema(name = "Pairing", example = """
        {"id":"5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47","cadreId":"3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33",
         "cadreName":"张明","cadreRank":"COUNTY_DIVISION","unitId":"c4a1e9b2-7d3f-4a8e-b6c5-0f1e2d3c4b5a",
         "householdId":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11","villageCode":"623027104200","primary":true,
         "status":"ACTIVE","startedOn":"2026-11-29","endedOn":null,"endReason":null,"approvedBy":null,"endNote":null,
         "successorId":null,"planId":null,"version":2,"createdAt":"2026-11-20T04:00:00Z",
         "updatedAt":"2026-11-29T04:00:00Z"}""")
public record PairingView(UUID id, UUID cadreId, String cadreName, CadreRank cadreRank, UUID unitId,
        UUID householdId, String villageCode, boolean primary, PairingStatus status, LocalDate startedOn,
        LocalDate endedOn, EndReason endReason, String approvedBy, String endNote, UUID successorId, UUID planId,
        long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** The view of a pairing, given its cadre's name and rank. */
    public static PairingView of(Pairing p, String cadreName, CadreRank cadreRank) {
        return new PairingView(p.id, p.cadreId, cadreName, cadreRank, p.unitId, p.householdId, p.villageCode,
                p.primary, p.status, p.startedOn, p.endedOn, p.endReason, p.approvedBy, p.endNote, p.successorId,
                p.planId, p.version, p.createdAt, p.updatedAt);
    }
}
