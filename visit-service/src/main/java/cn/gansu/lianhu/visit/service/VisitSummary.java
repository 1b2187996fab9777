package cn.gansu.lianhu.visit.service;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One visit log in a list.
 *
 * @param id          visit id
 * @param cadreId     the visiting cadre
 * @param householdId the household visited
 * @param villageCode 12-digit code of the household's village
 * @param visitedOn   date of the visit (Asia/Shanghai)
 * @param tasks       the main tasks done on the visit (DESIGN.md §1: PUBLICISE_POLICY, REFLECT_OPINION,
 *                    PROMOTE_DEVELOPMENT, EASE_EMOTIONS, STRENGTHEN_GRASSROOTS, PROMOTE_MODELS)
 */
@Schema(name = "VisitSummary", example = """
        {"id":"5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60","cadreId":"0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e",
         "householdId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718","villageCode":"621121100201",
         "visitedOn":"2026-11-20","tasks":["PUBLICISE_POLICY","REFLECT_OPINION"]}""")
public record VisitSummary(UUID id, UUID cadreId, UUID householdId, String villageCode, LocalDate visitedOn,
        List<String> tasks) {
}
