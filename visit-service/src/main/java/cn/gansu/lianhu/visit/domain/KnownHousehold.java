package cn.gansu.lianhu.visit.domain;

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
 * A household as visit-service knows it from {@code registry.households} events: its village and poverty
 * status (issue 4 point 5: households lifted out of poverty keep being visited at their own cadence).
 */
@Entity
@Table(name = "known_household")
public class KnownHousehold extends PanacheEntityBase {
    /** Registry household id. */
    @Id
    public UUID id;
    /** 12-digit code of its village. */
    @Column(name = "village_code", nullable = false)
    public String villageCode;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HouseholdStatus status;
    /** registry-service's aggregate version of the last event applied. */
    @Column(nullable = false)
    public long version;
    /** CloudEvent time of the last event applied. */
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
