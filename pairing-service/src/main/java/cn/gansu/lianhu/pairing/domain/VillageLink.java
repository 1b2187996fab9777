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
 * A unit ↔ poor village link (部门联村, DESIGN.md §1): the unit's cadres pair households of this village.
 * Only poor villages known from registry events can be linked.
 */
@Entity
@Table(name = "village_link")
public class VillageLink extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "unit_id", nullable = false)
    public UUID unitId;
    /** 12-digit code of the village's county. */
    @Column(name = "county_code", nullable = false)
    public String countyCode;
    /** 12-digit code of the poor village. */
    @Column(name = "village_code", nullable = false)
    public String villageCode;
    @Column(name = "linked_on", nullable = false)
    public LocalDate linkedOn;
    /** Date it ended; null while active. */
    @Column(name = "ended_on")
    public LocalDate endedOn;
    @Enumerated(EnumType.STRING)
    @Column(name = "end_reason")
    public EndReason endReason;
    /** Who approved the end (required for CORRECTION_APPROVED). */
    @Column(name = "ended_by")
    public String endedBy;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** True until it ends. */
    public boolean active() {
        return endedOn == null;
    }
}
