package cn.gansu.lianhu.registry.domain;

import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Registry's copy of one cadre ↔ household pairing (issue 6 point 2), kept by
 * {@link cn.gansu.lianhu.registry.events.AccessEventsConsumer} from {@code pairing.pairings}: while the pairing
 * is DRAFT or ACTIVE its household is in the scope of its cadre (CADRE) and of its unit (UNIT_ADMIN).
 */
@Entity
@Table(name = "household_access")
public class HouseholdAccess extends PanacheEntityBase {
    /** Statuses that put the household in scope. */
    public static final java.util.List<String> LIVE = java.util.List.of("DRAFT", "ACTIVE");

    @Id
    @Column(name = "pairing_id")
    public UUID pairingId;
    @Column(name = "household_id", nullable = false)
    public UUID householdId;
    @Column(name = "cadre_id", nullable = false)
    public UUID cadreId;
    @Column(name = "unit_id", nullable = false)
    public UUID unitId;
    /** DRAFT, ACTIVE, WITHDRAWN or ENDED. */
    @Column(nullable = false)
    public String status;
    /** The pairing's aggregate version; an event with a version not above it is ignored. */
    @Column(nullable = false)
    public long version;
}
