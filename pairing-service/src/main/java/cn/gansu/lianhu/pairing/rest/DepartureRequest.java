package cn.gansu.lianhu.pairing.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/cadres/{id}/departure}: a cadre leaves and hands every household over to a named
 * successor in the same request (issue 3 point 6: no household is ever uncovered).
 *
 * @param status    TRANSFERRED, RETIRED or DECEASED (or 调离, 退休, 去世)
 * @param date      the day the cadre left: required, not in the future, not before any of their pairings or
 *                  leader links started
 * @param note      free text, at most 500 characters
 * @param handovers one entry per household of the cadre (every live pairing), each naming the successor
 */
@Schema(name = "DepartureRequest", example = """
        {"status":"TRANSFERRED","date":"2026-11-28","note":"调任临夏州",
         "handovers":[{"householdId":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11",
                       "successorCadreId":"8a1c2e3f-4b5d-4c6e-9f70-1a2b3c4d5e6f"}]}""")
public record DepartureRequest(
        @Schema(description = "the cadre's new status (English name or Chinese term)", required = true,
                enumeration = { "TRANSFERRED", "RETIRED", "DECEASED", "调离", "退休", "去世" }, example = "TRANSFERRED")
        @Size(max = 20) String status,
        @Schema(description = "date the cadre left", required = true, example = "2026-11-28") LocalDate date,
        @Schema(description = "free text") @Size(max = 500) String note,
        @Schema(description = "every household of the cadre with its successor") @Size(max = 10_000)
        List<@NotNull @Valid HandOver> handovers) {

    /**
     * One household handed over.
     *
     * @param householdId      a household the leaving cadre is paired with
     * @param successorCadreId the ACTIVE cadre who takes it over (same village rule as a new pairing)
     */
    @Schema(name = "HandOver")
    public record HandOver(@NotNull UUID householdId, @NotNull UUID successorCadreId) {
    }
}
