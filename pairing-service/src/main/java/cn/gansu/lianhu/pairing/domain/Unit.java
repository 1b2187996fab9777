package cn.gansu.lianhu.pairing.domain;

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
 * A unit (单位) taking part in the campaign (DESIGN.md §1 "Who takes part"): it links poor villages
 * (部门联村) and its cadres pair with households in them (干部联户). Its pairings are confirmed once
 * ({@link #pairingsConfirmedAt}); after that they end only with a reason. {@link #version} grows by one per
 * event.
 */
@Entity
@Table(name = "unit")
public class Unit extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UnitLevel level;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UnitKind kind;
    /** 12-digit NBS code of the region it sits in; its level matches {@link #level}. */
    @Column(name = "region_code", nullable = false)
    public String regionCode;
    /** Unified social credit code (GB 32100), upper case; optional, unique. */
    @Column(name = "credit_code")
    public String creditCode;
    /** When its pairings were confirmed (一次确定联系对象); null before. Never cleared. */
    @Column(name = "pairings_confirmed_at")
    public OffsetDateTime pairingsConfirmedAt;
    /** Who confirmed them. */
    @Column(name = "pairings_confirmed_by")
    public String pairingsConfirmedBy;
    @Column(nullable = false)
    public long version;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** True once the unit's pairings are fixed. */
    public boolean confirmed() {
        return pairingsConfirmedAt != null;
    }
}
