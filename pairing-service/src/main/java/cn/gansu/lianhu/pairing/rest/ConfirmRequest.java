package cn.gansu.lianhu.pairing.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/units/{id}/pairings/confirm} (一次确定联系对象, issue 3 point 6).
 *
 * @param confirmedBy the named person confirming the unit's pairings (required, at most 100 characters)
 */
@Schema(name = "ConfirmRequest", example = """
        {"confirmedBy":"夏河县农业农村局 局长 马永福"}""")
public record ConfirmRequest(
        @Schema(description = "the named person who confirms", required = true, example = "夏河县农业农村局 局长 马永福")
        @Size(max = 100) String confirmedBy) {
}
