package cn.gansu.lianhu.pairing.rest;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Size;

/**
 * Body of the operations that end a village link or a leader's county link (不脱钩: a link ends only with a
 * reason and a date; issue 3 points 3, 4 and 6).
 *
 * @param reason      end reason code (English name or Chinese term). Village links: CORRECTION_APPROVED (批准更正);
 *                    leader links: also CADRE_TRANSFERRED, CADRE_RETIRED, CADRE_DECEASED. Required.
 * @param date        the date it ended; required, not in the future, not before the link began
 * @param approvedBy  who approved the end; required for CORRECTION_APPROVED
 */
@Schema(name = "LinkEndRequest", example = """
        {"reason":"CORRECTION_APPROVED","date":"2026-11-29","approvedBy":"省联村联户办 李明"}""")
public record LinkEndRequest(
        @Schema(example = "CORRECTION_APPROVED", description = "end reason code") String reason,
        @Schema(example = "2026-11-29", description = "date it ended; not in the future") LocalDate date,
        @Schema(example = "省联村联户办 李明", description = "approver; required for CORRECTION_APPROVED")
        @Size(max = 100) String approvedBy) {
}
