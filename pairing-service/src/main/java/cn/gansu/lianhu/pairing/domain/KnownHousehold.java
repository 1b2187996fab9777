package cn.gansu.lianhu.pairing.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An extremely poor household (特困户) as pairing-service knows it from {@code registry.households} events:
 * enough to decide whether it may be paired and to count households per village.
 */
@Entity
@Table(name = "known_household")
public class KnownHousehold extends PanacheEntityBase {
    /** Household id, as issued by registry-service. */
    @Id
    public UUID id;
    /** 12-digit code of its village. */
    @Column(name = "village_code", nullable = false)
    public String villageCode;
    /** IN_POVERTY, LIFTED (脱贫) or RELAPSED (返贫). */
    @Column(nullable = false)
    public String status;
    /** Registry's aggregate version of the last event applied; an event with a version not above it is stale. */
    @Column(nullable = false)
    public long version;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
