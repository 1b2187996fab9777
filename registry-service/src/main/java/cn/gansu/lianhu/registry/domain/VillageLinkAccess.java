package cn.gansu.lianhu.registry.domain;

import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Registry's copy of one unit ↔ poor village link (部门联村, issue 6 point 2), kept by
 * {@link cn.gansu.lianhu.registry.events.AccessEventsConsumer} from {@code pairing.links}: while ACTIVE every
 * household of the village is in the unit's scope (UNIT_ADMIN).
 */
@Entity
@Table(name = "village_link_access")
public class VillageLinkAccess extends PanacheEntityBase {
    @Id
    @Column(name = "link_id")
    public UUID linkId;
    @Column(name = "unit_id", nullable = false)
    public UUID unitId;
    @Column(name = "village_code", nullable = false)
    public String villageCode;
    /** ACTIVE or ENDED. */
    @Column(nullable = false)
    public String status;
    /** 1 while linked, 2 once ended. */
    @Column(nullable = false)
    public long version;
}
