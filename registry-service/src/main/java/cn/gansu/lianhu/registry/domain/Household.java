package cn.gansu.lianhu.registry.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An extremely poor household (特困户) of a poor village, registered in the 建档立卡 system (DESIGN.md §1, §2;
 * issue points 6 and 8). Its members are {@link HouseholdMember} rows; its dated status history is
 * {@link HouseholdStatusChange}. {@link #version} starts at 1 and grows by one with every change (and event).
 */
@Entity
@Table(name = "household")
public class Household extends PanacheEntityBase {
    @Id
    public UUID id;
    /** 12-digit NBS code of the poor village. */
    @Column(name = "village_code", nullable = false)
    public String villageCode;
    /** Number in the 建档立卡 system; optional, unique. */
    @Column(name = "household_no")
    public String householdNo;
    @Enumerated(EnumType.STRING)
    @Column(name = "main_cause", nullable = false)
    public PovertyCause mainCause;
    /** Other causes as stored: {@code ,ILLNESS,SCHOOLING,} (empty string for none); see {@link #otherCauses()}. */
    @Column(name = "other_causes", nullable = false)
    public String otherCauseCodes = "";
    /** Per-capita annual net income in yuan (2 decimals, ≥ 0). */
    @Column(name = "income_per_capita", nullable = false, precision = 12, scale = 2)
    public BigDecimal incomePerCapita;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HouseholdStatus status;
    /** Date the current status took effect. */
    @Column(name = "status_since", nullable = false)
    public LocalDate statusSince;
    public String address;
    /** Stored in full, returned only masked ({@link cn.gansu.lianhu.api.PhoneNumbers#mask}). */
    public String phone;
    /** Aggregate version: 1 at registration, +1 per update or status change. */
    @Column(nullable = false)
    public long version;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The other causes in stored order. */
    public List<PovertyCause> otherCauses() {
        List<PovertyCause> out = new ArrayList<>();
        for (String s : otherCauseCodes.split(",")) {
            if (!s.isEmpty()) {
                out.add(PovertyCause.valueOf(s));
            }
        }
        return out;
    }

    /** Stores the other causes as {@code ,A,B,} so that {@code like '%,A,%'} finds them; duplicates and the main cause dropped. */
    public void setOtherCauses(Collection<PovertyCause> causes) {
        StringBuilder sb = new StringBuilder();
        if (causes != null) {
            for (PovertyCause c : causes) {
                if (c != null && c != mainCause && sb.indexOf("," + c.name() + ",") < 0) {
                    sb.append(sb.length() == 0 ? "," : "").append(c.name()).append(',');
                }
            }
        }
        otherCauseCodes = sb.toString();
    }

}
