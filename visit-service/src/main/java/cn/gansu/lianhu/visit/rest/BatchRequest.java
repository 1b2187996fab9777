package cn.gansu.lianhu.visit.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/visit-plans/{id}/batches} (分期分批, issue 4 point 1): one batch of visits — a period
 * and the pairings to visit in it. The batch gets one item per ACTIVE pairing of the plan's unit whose household is
 * in one of {@code villageCodes} or {@code householdIds}, and whose cadre is in {@code cadreIds} when given.
 *
 * @param name         1..200 characters
 * @param startsOn     first day of the period
 * @param endsOn       last day of the period, inclusive; not before {@code startsOn} nor before today; the period is
 *                     at most {@code lianhu.visit.plan.max-days} days (366)
 * @param villageCodes villages (12-digit NBS codes; a shorter 2/4/6/9-digit code or a zero-padded 12-digit code of a
 *                     larger region selects every village in it); at most 2000
 * @param householdIds households, at most 20000
 * @param cadreIds     optional: only these cadres go (at most 5000); absent or empty: every paired cadre
 */
@Schema(name = "VisitBatchRequest", example = BatchRequest.EXAMPLE)
public record BatchRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull LocalDate startsOn,
        @NotNull LocalDate endsOn,
        @Size(max = 2000) List<@NotNull String> villageCodes,
        @Size(max = 20000) List<@NotNull UUID> householdIds,
        @Size(max = 5000) List<@NotNull UUID> cadreIds) {

    static final String EXAMPLE = """
            {"name":"第一批","startsOn":"2026-12-01","endsOn":"2026-12-31",
             "villageCodes":["621121100201","621121100202"],"householdIds":[],
             "cadreIds":["0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e"]}""";
}
