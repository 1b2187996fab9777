package cn.gansu.lianhu.pairing.rest;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;

/**
 * Body of {@code POST /api/v1/cadres/{id}/counties}: a provincial leader links a poor county and exactly one poor
 * village in it (联县联村, issue 3 point 4).
 *
 * @param countyCode   code of a poor county, 6 or 12 digits
 * @param villageCode  12-digit code of a poor village inside that county
 * @param linkedOn     date the link began; default today, not in the future
 */
@Schema(name = "LeaderLinkRequest", example = """
        {"countyCode":"623023","villageCode":"623023100200","linkedOn":"2026-11-01"}""")
public record LeaderLinkRequest(
        @Schema(example = "623023", description = "poor county, 6 or 12 digits") @NotBlank String countyCode,
        @Schema(example = "623023100200", description = "12-digit code of a poor village in the county")
        @NotBlank String villageCode,
        @Schema(example = "2026-11-01", description = "default today; not in the future") LocalDate linkedOn) {
}
