package cn.gansu.lianhu.visit.service;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One visit log in a list.
 *
 * @param id              visit id
 * @param cadreId         the visiting cadre
 * @param unitId          the cadre's unit under the pairing
 * @param householdId     the household visited
 * @param villageCode     12-digit code of the household's village
 * @param visitedOn       date of the visit (Asia/Shanghai)
 * @param mode            IN_HOME, BY_PHONE, VILLAGE_MEETING or OTHER
 * @param durationMinutes minutes
 * @param tasks           the main tasks done on the visit (DESIGN.md §1: POLICY_PUBLICITY, PUBLIC_OPINION,
 *                        DEVELOPMENT, EMOTION_EASING, GRASSROOTS, MODEL_PROMOTION), in that order
 */
@Schema(name = "VisitSummary", example = """
        {"id":"5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60","cadreId":"0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e",
         "unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4","householdId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718",
         "villageCode":"621121100201","visitedOn":"2026-11-20","mode":"IN_HOME","durationMinutes":90,
         "tasks":["POLICY_PUBLICITY","PUBLIC_OPINION"]}""")
public record VisitSummary(UUID id, UUID cadreId, UUID unitId, UUID householdId, String villageCode,
        LocalDate visitedOn, String mode, int durationMinutes, List<String> tasks) {
}
