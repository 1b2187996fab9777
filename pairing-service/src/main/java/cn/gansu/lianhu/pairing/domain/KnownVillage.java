package cn.gansu.lianhu.pairing.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A village as pairing-service knows it from {@code registry.regions} events (DESIGN.md §2): the local copy
 * that decides which villages units may link (部门联村) and inside which cadres pair households. Never read
 * from registry's tables.
 */
@Entity
@Table(name = "known_village")
public class KnownVillage extends PanacheEntityBase {
    /** 12-digit NBS village code. */
    @Id
    public String code;
    @Column(nullable = false)
    public String name;
    /** 12-digit code of the township (the region's parent). */
    @Column(name = "township_code", nullable = false)
    public String townshipCode;
    /** 12-digit code of the county: the first 6 digits, zero-padded. */
    @Column(name = "county_code", nullable = false)
    public String countyCode;
    /** Designated poor village (贫困村). */
    @Column(nullable = false)
    public boolean poor;
    /** Id of the last registry event applied to this row. */
    @Column(name = "last_event_id", nullable = false)
    public UUID lastEventId;
    /** Time of that event (when registry committed the change). */
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The 12-digit county code of a 12-digit village code (620102001001 → 620102000000). */
    public static String countyOf(String villageCode) {
        return villageCode.substring(0, 6) + "000000";
    }
}
