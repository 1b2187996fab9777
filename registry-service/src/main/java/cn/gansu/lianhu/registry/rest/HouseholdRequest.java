package cn.gansu.lianhu.registry.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.registry.domain.PovertyCause;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/households} (register) and {@code PUT /api/v1/households/{id}} (update).
 *
 * @param villageCode      NBS code of a poor village: 12 digits (short forms are accepted but only a village-level
 *                         code can name a village)
 * @param householdNo      number in the 建档立卡 system; optional, unique
 * @param mainCause        main poverty cause (主要致贫原因)
 * @param otherCauses      other poverty causes; the main cause and duplicates are dropped
 * @param incomePerCapita  per-capita annual net income, yuan per person per year, ≥ 0, at most 2 decimals
 * @param address          postal address in the village
 * @param phone            contact phone; returned masked (in full beside it only for the pii claim)
 * @param statusSince      registration only: date the household was found in poverty (default today; not in the
 *                         future); ignored by updates (use the status operation)
 * @param version          update only: the version read (or send {@code If-Match}); a stale version gets 409
 * @param members          at least one member, exactly one with relation HEAD
 */
@Schema(name = "HouseholdRequest", description = "A household to register or its new details and members")
public record HouseholdRequest(
        @Schema(example = "620121100201", description = "NBS code of a poor village") @NotBlank String villageCode,
        @Schema(example = "6201211002010001", description = "建档立卡 household number, optional, unique")
        @Size(max = 40) @Pattern(regexp = "[0-9A-Za-z-]+", message = "digits, letters and - only") String householdNo,
        @Schema(example = "ILLNESS") @NotNull PovertyCause mainCause,
        @Schema(example = "[\"LACK_OF_SKILLS\"]") List<@NotNull PovertyCause> otherCauses,
        @Schema(example = "2860.50", description = "yuan per person per year")
        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal incomePerCapita,
        @Schema(example = "永登县城关镇南街村三社12号") @Size(max = 200) String address,
        @Schema(example = "13812345678") @Size(max = 20)
        @Pattern(regexp = "\\+?[0-9][0-9 -]{4,19}", message = "digits, spaces and - only") String phone,
        @Schema(example = "2026-03-01", description = "registration only; default today") LocalDate statusSince,
        @Schema(example = "1", description = "update only (or If-Match)") @PositiveOrZero Long version,
        @NotEmpty @Size(max = 30) List<@NotNull @Valid MemberRequest> members) {

    /**
     * One member of the household.
     *
     * @param name          name (姓名)
     * @param idNumber      GB 11643 ID number, 18 characters with check character; returned masked (in full beside it only for the
     *                      pii claim)
     * @param sex           must agree with digit 17 of the ID number; derived from it when absent
     * @param birthDate     must agree with digits 7–14 of the ID number; derived from it when absent
     * @param relation      relation to the head (exactly one HEAD)
     * @param health        health
     * @param education     education
     * @param labourAbility labour ability
     */
    @Schema(name = "MemberRequest")
    public record MemberRequest(
            @Schema(example = "张建国") @NotBlank @Size(max = 50) String name,
            @Schema(example = "620121198503150019") @NotBlank String idNumber,
            @Schema(example = "MALE") cn.gansu.lianhu.registry.domain.Sex sex,
            @Schema(example = "1985-03-15") LocalDate birthDate,
            @Schema(example = "HEAD") @NotNull cn.gansu.lianhu.registry.domain.Relation relation,
            @Schema(example = "CHRONIC_ILLNESS") @NotNull cn.gansu.lianhu.registry.domain.Health health,
            @Schema(example = "JUNIOR_SECONDARY") @NotNull cn.gansu.lianhu.registry.domain.Education education,
            @Schema(example = "GENERAL") @NotNull cn.gansu.lianhu.registry.domain.LabourAbility labourAbility) {
    }
}
