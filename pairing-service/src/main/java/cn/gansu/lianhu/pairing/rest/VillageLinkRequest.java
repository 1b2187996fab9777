package cn.gansu.lianhu.pairing.rest;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;

/**
 * Body of {@code POST /api/v1/units/{id}/villages}: a unit links a poor village (部门联村, issue 3 point 3).
 *
 * @param villageCode  12-digit code of a poor village known from registry events
 * @param linkedOn     date the link began; default today, not in the future
 */
@Schema(name = "VillageLinkRequest", example = """
        {"villageCode":"623021100201","linkedOn":"2026-11-01"}""")
public record VillageLinkRequest(
        @Schema(example = "623021100201", description = "12-digit code of a poor village") @NotBlank String villageCode,
        @Schema(example = "2026-11-01", description = "default today; not in the future") LocalDate linkedOn) {
}
