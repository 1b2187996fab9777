package cn.gansu.lianhu.registry.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.registry.domain.HouseholdStatus;
import cn.gansu.lianhu.registry.domain.HouseholdStatusChange;

/**
 * One entry of a household's status history.
 *
 * @param fromStatus    status before (null for the registration)
 * @param toStatus      status after
 * @param effectiveDate date it took effect
 * @param basis         what the decision rests on (null for registration and relapse without basis)
 * @param recordedAt    when it was recorded
 */
@Schema(name = "StatusChange", example = """
        {"fromStatus":"IN_POVERTY","toStatus":"LIFTED","effectiveDate":"2026-10-31",
         "basis":"村民代表大会评议通过","recordedAt":"2026-11-29T04:00:00Z"}""")
public record StatusChangeView(HouseholdStatus fromStatus, HouseholdStatus toStatus, LocalDate effectiveDate,
        String basis, OffsetDateTime recordedAt) {

    static StatusChangeView of(HouseholdStatusChange c) {
        return new StatusChangeView(c.fromStatus, c.toStatus, c.effectiveDate, c.basis, c.recordedAt);
    }
}
