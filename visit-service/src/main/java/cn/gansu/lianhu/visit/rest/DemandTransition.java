package cn.gansu.lianhu.visit.rest;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.visit.domain.DemandStatus;
import cn.gansu.lianhu.visit.domain.Satisfaction;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/demands/{id}/transitions} (issue 4 point 4).
 *
 * @param to           ACCEPTED, IN_PROGRESS, RESOLVED or REJECTED, allowed from the current status: OPEN → ACCEPTED |
 *                     REJECTED, ACCEPTED → IN_PROGRESS | REJECTED, IN_PROGRESS → RESOLVED | REJECTED
 * @param on           day of the change (Beijing time), default today; not after today, not before the day the
 *                     demand was opened or last changed
 * @param answer       the answer to the household, up to 2000 characters; required for RESOLVED and REJECTED
 * @param satisfaction the household's satisfaction, only with RESOLVED or REJECTED (or later through
 *                     {@code PUT /api/v1/demands/{id}/satisfaction})
 * @param note         optional note, up to 1000 characters
 * @param version      the version read (If-Match wins when both are given); required without If-Match (400
 *                     {@code version.required}); a stale one is 409
 */
@Schema(name = "DemandTransition", example = """
        {"to":"RESOLVED","on":"2026-11-28","answer":"已纳入2027年危房改造计划","satisfaction":"SATISFIED",
         "note":"乡镇回访","version":3}""")
public record DemandTransition(
        @NotNull DemandStatus to,
        LocalDate on,
        @Size(max = 2000) String answer,
        Satisfaction satisfaction,
        @Size(max = 1000) String note,
        @Min(1) Long version) {
}
