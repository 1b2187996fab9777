package cn.gansu.lianhu.visit.rest;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.gansu.lianhu.visit.domain.VisitMode;
import cn.gansu.lianhu.visit.rest.VisitRequest.Location;
import cn.gansu.lianhu.visit.rest.VisitRequest.TaskRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/v1/visits/{id}} (issue 4 point 3): the visit as it should stand, replacing date, mode,
 * duration, location, notes, tasks and help items. Cadre and household cannot change (log another visit instead).
 *
 * @param visitedOn       day of the visit (Beijing time), not after today; the cadre must be paired with the
 *                        household on it (the pairing may differ from the one the visit was logged under)
 * @param mode            IN_HOME, BY_PHONE, VILLAGE_MEETING or OTHER
 * @param durationMinutes minutes, 1..1440
 * @param location        optional WGS-84 position (absent: removed)
 * @param notes           optional, at most 2000 characters (absent: removed)
 * @param tasks           at least one task, same shape as when logging; PUBLIC_OPINION is kept if and only if the
 *                        visit had it, and carries no {@code demands} (they stay those opened when it was logged)
 * @param reason          why the visit is corrected, 1..500 characters (audited)
 * @param correctedBy     ignored (kept for compatibility, up to 200 characters): the corrector recorded is the actor of
 *                        the caller's token (issue 6 point 4)
 * @param version         the version read (If-Match wins when both are given); required without If-Match (400
 *                        {@code version.required}); a stale one is 409
 */
@Schema(name = "VisitCorrection", example = VisitCorrection.EXAMPLE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VisitCorrection(
        @NotNull LocalDate visitedOn,
        @NotNull VisitMode mode,
        @NotNull @Min(1) @Max(1440) Integer durationMinutes,
        @Valid Location location,
        @Size(max = 2000) String notes,
        @NotEmpty List<@NotNull @Valid TaskRequest> tasks,
        @NotBlank @Size(max = 500) String reason,
        @Schema(deprecated = true, description = "ignored: the corrector recorded is the caller's token actor")
        @Size(max = 200) String correctedBy,
        @Min(1) Long version) {

    static final String EXAMPLE = """
            {"visitedOn":"2026-11-19","mode":"IN_HOME","durationMinutes":120,"location":{"lat":35.6012,"lon":104.6177},
             "notes":"看望户主，了解冬季取暖",
             "tasks":[{"task":"PUBLIC_OPINION"},
                      {"task":"DEVELOPMENT","help":[{"kind":"SKILLS_TRAINING","amountYuan":3000.00,"peopleBenefiting":4}]}],
             "reason":"走访日期记错，帮扶类别应为技能培训","version":1}""";
}
