package cn.gansu.lianhu.registry.rest;

import cn.gansu.lianhu.api.PhoneNumbers;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.gansu.lianhu.registry.domain.Education;
import cn.gansu.lianhu.registry.domain.Health;
import cn.gansu.lianhu.registry.domain.Household;
import cn.gansu.lianhu.registry.domain.HouseholdMember;
import cn.gansu.lianhu.registry.domain.HouseholdStatus;
import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.registry.domain.LabourAbility;
import cn.gansu.lianhu.registry.domain.PovertyCause;
import cn.gansu.lianhu.registry.domain.Relation;
import cn.gansu.lianhu.registry.domain.Sex;

/**
 * A household as returned by the API. ID numbers and the phone are masked (DESIGN.md §4); callers whose token
 * carries {@code pii=true} also get them in full ({@code phone}, members' {@code idNumber}; absent otherwise;
 * issue 6 point 3). Only active members are listed, head first.
 *
 * @param id               household id
 * @param villageCode      12-digit code of its poor village
 * @param householdNo      建档立卡 number or null
 * @param mainCause        main poverty cause
 * @param otherCauses      other poverty causes
 * @param incomePerCapita  yuan per person per year
 * @param status           IN_POVERTY, LIFTED or RELAPSED
 * @param statusSince      date the current status took effect
 * @param address          address
 * @param phoneMasked      phone, masked ({@code 138****5678})
 * @param phone            phone in full, only for callers with the {@code pii} claim (absent otherwise)
 * @param version          version to send back with an update (also the ETag)
 * @param createdAt        when registered
 * @param updatedAt        when last changed
 * @param members          active members, head first
 */
@Schema(name = "Household", example = """
        {"id":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11","villageCode":"620121100201","householdNo":"6201211002010001",
         "mainCause":"ILLNESS","otherCauses":["LACK_OF_SKILLS"],"incomePerCapita":2860.50,"status":"IN_POVERTY",
         "statusSince":"2026-11-29","address":"永登县城关镇南街村三社12号","phoneMasked":"138****5678","version":1,
         "createdAt":"2026-11-29T04:00:00Z","updatedAt":"2026-11-29T04:00:00Z",
         "members":[{"id":"5c1e7f0a-2b7d-4e8f-9a61-0d3c2b1a9e88","name":"张建国","idNumberMasked":"620121********0019",
                     "sex":"MALE","birthYear":1985,"relation":"HEAD","health":"CHRONIC_ILLNESS",
                     "education":"JUNIOR_SECONDARY","labourAbility":"GENERAL"}]}""")
public record HouseholdView(UUID id, String villageCode, String householdNo, PovertyCause mainCause,
        List<PovertyCause> otherCauses, BigDecimal incomePerCapita, HouseholdStatus status, LocalDate statusSince,
        String address, String phoneMasked,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "phone in full; only for tokens with the pii claim, absent otherwise") String phone,
        long version, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        List<MemberView> members) {

    /**
     * One active member; the ID number only masked ({@code 620121********0019}). The mask hides digits
     * 7–14, which are the birth date, so the full birth date is never returned beside it — only the birth
     * year; otherwise mask and birth date together would give the ID number back (DESIGN.md §4).
     */
    @Schema(name = "Member")
    public record MemberView(UUID id, String name, String idNumberMasked,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "ID number in full; only for tokens with the pii claim, absent otherwise")
            String idNumber, Sex sex, int birthYear,
            Relation relation, Health health, Education education, LabourAbility labourAbility) {

        static MemberView of(HouseholdMember m, boolean pii) {
            return new MemberView(m.id, m.name, IdNumbers.mask(m.idNumber), pii ? m.idNumber : null, m.sex,
                    m.birthDate.getYear(), m.relation, m.health, m.education, m.labourAbility);
        }
    }

    /** The masked view of {@code h} with its active members (head first): what the audit trail keeps. */
    public static HouseholdView of(Household h, List<HouseholdMember> activeMembers) {
        return of(h, activeMembers, false);
    }

    /**
     * The view of {@code h} with its active members (head first).
     *
     * @param pii true to add the full phone and ID numbers (callers with the {@code pii} claim)
     */
    public static HouseholdView of(Household h, List<HouseholdMember> activeMembers, boolean pii) {
        return new HouseholdView(h.id, h.villageCode, h.householdNo, h.mainCause, h.otherCauses(),
                h.incomePerCapita, h.status, h.statusSince, h.address, PhoneNumbers.mask(h.phone),
                pii ? h.phone : null, h.version, h.createdAt, h.updatedAt,
                activeMembers.stream().map(m -> MemberView.of(m, pii)).toList());
    }
}
