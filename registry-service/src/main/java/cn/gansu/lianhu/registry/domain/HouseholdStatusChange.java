package cn.gansu.lianhu.registry.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One dated step of a household's poverty status (DESIGN.md §2): the registration ({@code fromStatus} null →
 * IN_POVERTY), lifting out (脱贫, needs a basis), relapse (返贫).
 */
@Entity
@Table(name = "household_status_change")
public class HouseholdStatusChange extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "household_id", nullable = false)
    public UUID householdId;
    /** Null for the registration. */
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public HouseholdStatus fromStatus;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    public HouseholdStatus toStatus;
    @Column(name = "effective_date", nullable = false)
    public LocalDate effectiveDate;
    /** What the decision rests on; required when lifting. */
    public String basis;
    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;
}
