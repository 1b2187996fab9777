package cn.gansu.lianhu.pairing.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One entry of a pairing's history (issue 3 point 6: full history kept and queryable). Written with every
 * change of a {@link Pairing}, never updated or deleted.
 */
@Entity
@Table(name = "pairing_change")
public class PairingChange extends PanacheEntityBase {
    /** What happened. */
    public enum Action {
        /** created as a draft */
        DRAFTED,
        /** draft withdrawn before confirmation */
        WITHDRAWN,
        /** became active */
        ACTIVATED,
        /** became the household's primary responsible cadre */
        PRIMARY_SET,
        /** stopped being primary */
        PRIMARY_CLEARED,
        /** ended with a reason */
        ENDED,
        /** ended because the cadre left; {@code relatedId} = the successor's pairing */
        HANDED_OVER,
        /** created by a hand-over; {@code relatedId} = the leaving cadre's pairing */
        TAKEN_OVER
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "pairing_id", nullable = false)
    public UUID pairingId;
    @Column(nullable = false)
    public OffsetDateTime at;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Action action;
    /** The date the change took effect (start or end date). */
    @Column(name = "effective_on")
    public LocalDate effectiveOn;
    /** End reason code, for ENDED and HANDED_OVER. */
    public String reason;
    /** Who made or approved the change. */
    public String actor;
    public String note;
    /** The other pairing of a hand-over, or the plan a pairing came from. */
    @Column(name = "related_id")
    public UUID relatedId;

    /** Records one change. */
    public static PairingChange record(UUID pairingId, OffsetDateTime at, Action action, LocalDate effectiveOn,
            String reason, String actor, String note, UUID relatedId) {
        PairingChange c = new PairingChange();
        c.pairingId = pairingId;
        c.at = at;
        c.action = action;
        c.effectiveOn = effectiveOn;
        c.reason = reason;
        c.actor = actor;
        c.note = note;
        c.relatedId = relatedId;
        c.persist();
        return c;
    }
}
