package cn.gansu.lianhu.visit.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.visit.domain.KnownPairing;
import cn.gansu.lianhu.visit.domain.PairingStatus;

/**
 * A pairing as visit-service has learnt it from {@code pairing.pairings} events.
 *
 * @param id          pairing id
 * @param cadreId     the cadre
 * @param unitId      the cadre's unit when paired
 * @param householdId the household
 * @param villageCode 12-digit code of the household's village
 * @param status      DRAFT, ACTIVE, WITHDRAWN or ENDED
 * @param primary     the household's primary responsible cadre (帮扶责任人)
 * @param startedOn   date it became active; null for a draft
 * @param endedOn     date it ended (no longer covering that day); null unless ENDED
 * @param endReason   reason code of the end; null unless ENDED
 * @param version     pairing-service's version of the last event applied
 * @param updatedAt   time of that event
 */
@Schema(name = "KnownPairing", example = """
        {"id":"3a0d7f52-6c1b-4e8a-9f20-1d2c3b4a5e6f","cadreId":"0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e",
         "unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4","householdId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718",
         "villageCode":"621121100201","status":"ENDED","primary":true,"startedOn":"2026-03-01",
         "endedOn":"2026-10-15","endReason":"CADRE_TRANSFERRED","version":3,"updatedAt":"2026-10-15T02:00:00Z"}""")
public record KnownPairingView(UUID id, UUID cadreId, UUID unitId, UUID householdId, String villageCode,
        PairingStatus status, boolean primary, LocalDate startedOn, LocalDate endedOn, String endReason, long version,
        OffsetDateTime updatedAt) {

    static KnownPairingView of(KnownPairing p) {
        return new KnownPairingView(p.id, p.cadreId, p.unitId, p.householdId, p.villageCode, p.status, p.primary,
                p.startedOn, p.endedOn, p.endReason, p.version, p.updatedAt);
    }
}
