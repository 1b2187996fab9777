package cn.gansu.lianhu.registry.domain;

import cn.gansu.lianhu.api.IdNumbers;

import java.time.LocalDate;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A member of a {@link Household}. Members removed from a household stay as rows with {@code active = false}
 * (history is never deleted). One ID number can be an active member of one household only (partial unique
 * index {@code household_member_active_id_number}, DESIGN.md §4).
 */
@Entity
@Table(name = "household_member")
public class HouseholdMember extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "household_id", nullable = false)
    public UUID householdId;
    @Column(nullable = false)
    public String name;
    /** GB 11643 ID number, stored in full (upper-case X), returned and logged only masked ({@link IdNumbers#mask}). */
    @Column(name = "id_number", nullable = false)
    public String idNumber;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Sex sex;
    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Relation relation;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Health health;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Education education;
    @Enumerated(EnumType.STRING)
    @Column(name = "labour_ability", nullable = false)
    public LabourAbility labourAbility;
    @Column(nullable = false)
    public boolean active = true;
    /** Order within the household, head first (0). */
    @Column(nullable = false)
    public int position;

    @Override
    public String toString() {
        return "HouseholdMember[" + id + ", " + IdNumbers.mask(idNumber) + "]";
    }
}
