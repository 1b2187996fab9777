package cn.gansu.lianhu.registry.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.gansu.lianhu.registry.domain.HouseholdStatus;
import cn.gansu.lianhu.registry.domain.PovertyCause;

/**
 * One row of the household list: the household with its head and member count, no member details.
 *
 * @param id                 household id
 * @param villageCode        12-digit code of its poor village
 * @param householdNo        建档立卡 number or null
 * @param headName           name of the head (户主)
 * @param headIdNumberMasked head's ID number, masked
 * @param headIdNumber       head's ID number in full, only for callers with the {@code pii} claim (absent otherwise)
 * @param memberCount        active members, head included
 * @param mainCause          main poverty cause
 * @param otherCauses        other poverty causes
 * @param incomePerCapita    yuan per person per year
 * @param status             IN_POVERTY, LIFTED or RELAPSED
 * @param statusSince        date the current status took effect
 * @param version            current version
 */
@Schema(name = "HouseholdSummary")
public record HouseholdSummary(UUID id, String villageCode, String householdNo, String headName,
        String headIdNumberMasked,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "head's ID number in full; only for tokens with the pii claim, absent otherwise")
        String headIdNumber, int memberCount, PovertyCause mainCause, List<PovertyCause> otherCauses,
        BigDecimal incomePerCapita, HouseholdStatus status, LocalDate statusSince, long version) {
}
