package cn.gansu.lianhu.pairing.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A cadre ↔ household pairing (干部联户, DESIGN.md §1): DRAFT until the cadre's unit confirms, then ACTIVE
 * until it ends with a reason and a date (一次确定, 不脱钩). Every change is also a {@link PairingChange}
 * row, so the full history is kept. {@link #version} grows by one per event.
 */
@Entity
@Table(name = "pairing")
public class Pairing extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "cadre_id", nullable = false)
    public UUID cadreId;
    /** The cadre's unit when the pairing was made. */
    @Column(name = "unit_id", nullable = false)
    public UUID unitId;
    /** Household id as published by registry-service. */
    @Column(name = "household_id", nullable = false)
    public UUID householdId;
    /** 12-digit code of the household's village. */
    @Column(name = "village_code", nullable = false)
    public String villageCode;
    /** The household's primary responsible cadre (帮扶责任人): exactly one among its live pairings. */
    @Column(name = "is_primary", nullable = false)
    public boolean primary;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PairingStatus status;
    /** Date it became ACTIVE. */
    @Column(name = "started_on")
    public LocalDate startedOn;
    @Column(name = "ended_on")
    public LocalDate endedOn;
    @Enumerated(EnumType.STRING)
    @Column(name = "end_reason")
    public EndReason endReason;
    /** Named person who approved a CORRECTION_APPROVED end. */
    @Column(name = "approved_by")
    public String approvedBy;
    @Column(name = "end_note")
    public String endNote;
    /** For a hand-over: the successor's pairing that took the household. */
    @Column(name = "successor_id")
    public UUID successorId;
    /** The planner draft it came from, if any. */
    @Column(name = "plan_id")
    public UUID planId;
    @Column(nullable = false)
    public long version;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
