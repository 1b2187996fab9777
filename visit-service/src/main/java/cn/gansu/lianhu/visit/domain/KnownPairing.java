package cn.gansu.lianhu.visit.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A cadre↔household pairing (干部联户) as visit-service will know it from {@code pairing.pairings} events:
 * a visit is accepted only from the cadre paired with that household (DESIGN.md §2).
 */
@Entity
@Table(name = "known_pairing")
public class KnownPairing extends PanacheEntityBase {
    /** Pairing id, as issued by pairing-service. */
    @Id
    public UUID id;
    @Column(name = "cadre_id", nullable = false)
    public UUID cadreId;
    @Column(name = "household_id", nullable = false)
    public UUID householdId;
    /** 12-digit code of the household's village. */
    @Column(name = "village_code", nullable = false)
    public String villageCode;
    /** False once the pairing ended (with a recorded reason) or was handed over. */
    @Column(nullable = false)
    public boolean active;
    /** pairing-service's aggregate version of the last event applied. */
    @Column(nullable = false)
    public long version;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
