package cn.gansu.lianhu.pairing.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A county as pairing-service knows it from {@code registry.regions} events, with its poor county (贫困县)
 * designation: provincial leaders link 1–2 poor counties (联县, DESIGN.md §1).
 */
@Entity
@Table(name = "known_county")
public class KnownCounty extends PanacheEntityBase {
    /** 12-digit NBS county code. */
    @Id
    public String code;
    @Column(nullable = false)
    public String name;
    /** 12-digit code of the prefecture. */
    @Column(name = "prefecture_code", nullable = false)
    public String prefectureCode;
    /** Designated poor county. */
    @Column(nullable = false)
    public boolean poor;
    @Column(name = "last_event_id", nullable = false)
    public UUID lastEventId;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
