package cn.gansu.lianhu.registry.rest;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.registry.domain.HouseholdStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/households/{id}/status} (DESIGN.md §2: lifted out 脱贫, relapsed 返贫).
 *
 * @param status        the new status: LIFTED (from IN_POVERTY or RELAPSED), RELAPSED (from LIFTED)
 * @param effectiveDate date the change takes effect: required for LIFTED (default today otherwise); not in the
 *                      future, not before the date of the current status
 * @param basis         what the decision rests on (e.g. the village assessment); required for LIFTED
 * @param version       optional: the version read (or {@code If-Match}); a stale version gets 409
 */
@Schema(name = "StatusChangeRequest", example = """
        {"status":"LIFTED","effectiveDate":"2026-10-31","basis":"村民代表大会评议通过，人均纯收入4210元，两不愁三保障达标"}""")
public record StatusChangeRequest(@NotNull HouseholdStatus status, LocalDate effectiveDate,
        @Size(max = 500) String basis, @PositiveOrZero Long version) {
}
