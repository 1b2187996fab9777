package cn.gansu.lianhu.visit.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.visit.domain.Satisfaction;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code PUT /api/v1/demands/{id}/satisfaction} (issue 4 point 4): the household's satisfaction with a
 * closed demand, given once.
 *
 * @param satisfaction SATISFIED, BASICALLY_SATISFIED or DISSATISFIED
 * @param version      the version read (If-Match wins when both are given); required without If-Match (400
 *                     {@code version.required}); a stale one is 409
 */
@Schema(name = "DemandSatisfaction", example = """
        {"satisfaction":"BASICALLY_SATISFIED","version":4}""")
public record DemandSatisfaction(@NotNull Satisfaction satisfaction, @Min(1) Long version) {
}
