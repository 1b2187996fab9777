package cn.gansu.lianhu.pairing.rest;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/pairings/{id}/end} (不脱钩: an active pairing ends only with a reason code and
 * a date; issue 3 point 6).
 *
 * @param reason              HOUSEHOLD_DISSOLVED, HOUSEHOLD_MERGED, HOUSEHOLD_MOVED (end every live pairing of
 *                            the household) or CORRECTION_APPROVED (this pairing only); the cadre-leaving reasons
 *                            go through {@code POST /api/v1/cadres/{id}/departure}. English name or Chinese term
 * @param date                the day it ends: required, not in the future, not before the pairing started
 * @param approvedBy          the named person who approved a correction (required for CORRECTION_APPROVED)
 * @param note                free text, at most 500 characters
 * @param newPrimaryPairingId when a correction ends the household's primary pairing and more than one other live
 *                            pairing remains: which of them becomes primary (帮扶责任人)
 */
@Schema(name = "EndRequest", example = """
        {"reason":"CORRECTION_APPROVED","date":"2026-11-28","approvedBy":"夏河县扶贫办 王立新",
         "note":"户籍核查：该户由其他单位干部帮扶更便利","newPrimaryPairingId":null}""")
public record EndRequest(
        @Schema(description = "end reason code (or its Chinese term, e.g. 户迁出)", required = true, enumeration = {
                "HOUSEHOLD_DISSOLVED", "HOUSEHOLD_MERGED", "HOUSEHOLD_MOVED", "CORRECTION_APPROVED", "户销户", "户合并",
                "户迁出", "批准更正" }, example = "CORRECTION_APPROVED") @Size(max = 30) String reason,
        @Schema(description = "date the pairing ends; not in the future, not before it started", required = true,
                example = "2026-11-28") LocalDate date,
        @Schema(description = "who approved a CORRECTION_APPROVED end", example = "夏河县扶贫办 王立新")
        @Size(max = 100) String approvedBy,
        @Schema(description = "free text") @Size(max = 500) String note,
        @Schema(description = "the household's live pairing that becomes primary when the primary ends")
        UUID newPrimaryPairingId) {
}
