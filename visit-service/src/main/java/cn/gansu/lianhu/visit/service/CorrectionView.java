package cn.gansu.lianhu.visit.service;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One audited correction of a visit (issue 4 point 3; DESIGN.md §5 who, when, what, before and after).
 *
 * @param id          correction id
 * @param visitId     the visit corrected
 * @param version     the visit version the correction produced (2 for the first)
 * @param correctedAt when (UTC)
 * @param reason      why, as given
 * @param correctedBy who: the actor named by the caller's token ({@code preferred_username}, {@code upn} or
 *                    {@code sub}; issue 6 point 4), never the body's free text
 * @param before      the visit as it stood before (shape of {@code Visit})
 * @param after       the visit as it stood after (shape of {@code Visit})
 */
@Schema(name = "VisitCorrectionRecord", example = CorrectionView.EXAMPLE)
public record CorrectionView(UUID id, UUID visitId, long version, OffsetDateTime correctedAt, String reason,
        String correctedBy, @Schema(implementation = VisitView.class) JsonNode before,
        @Schema(implementation = VisitView.class) JsonNode after) {

    /** Example of a list of corrections in the OpenAPI document. */
    public static final String EXAMPLE = """
        {"id":"8f7e6d5c-4b3a-4291-8a7b-6c5d4e3f2a10","visitId":"5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60","version":2,
         "correctedAt":"2026-11-21T02:15:00Z","reason":"走访日期记错","correctedBy":"wangming",
         "before":{"id":"5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60","visitedOn":"2026-11-20","mode":"BY_PHONE","version":1},
         "after":{"id":"5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60","visitedOn":"2026-11-19","mode":"IN_HOME","version":2}}""";
}
