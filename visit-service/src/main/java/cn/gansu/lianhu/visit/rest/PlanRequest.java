package cn.gansu.lianhu.visit.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/visit-plans} (issue 4 point 1): a unit's plan of visits, filled batch by batch.
 *
 * @param unitId the planning unit; its batches cover the unit's own active pairings
 * @param name   1..200 characters
 */
@Schema(name = "VisitPlanRequest", example = PlanRequest.EXAMPLE)
public record PlanRequest(@NotNull UUID unitId, @NotBlank @Size(max = 200) String name) {
    static final String EXAMPLE = """
            {"unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4","name":"2026年冬季走访"}""";
}
