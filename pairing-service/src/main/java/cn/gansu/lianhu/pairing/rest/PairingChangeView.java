package cn.gansu.lianhu.pairing.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.pairing.domain.PairingChange;

/**
 * One entry of a pairing's history (issue 3 point 6: full history kept and queryable).
 *
 * @param seq         increasing number of the entry (history is ordered by it)
 * @param at          when it was recorded
 * @param action      DRAFTED, WITHDRAWN, ACTIVATED, PRIMARY_SET, PRIMARY_CLEARED, ENDED, HANDED_OVER, TAKEN_OVER
 * @param effectiveOn the date the change took effect (start or end date), or null
 * @param reason      end reason code for ENDED, HANDED_OVER and a withdrawal by hand-over, else null
 * @param actor       who confirmed or approved the change, or null
 * @param note        note given with the change, or null
 * @param relatedId   HANDED_OVER: the successor's pairing; TAKEN_OVER: the leaving cadre's pairing;
 *                    PRIMARY_SET/PRIMARY_CLEARED: the other pairing of the household involved; else null
 */
@Schema(name = "PairingChange")
public record PairingChangeView(long seq, OffsetDateTime at, PairingChange.Action action, LocalDate effectiveOn,
        String reason, String actor, String note, UUID relatedId) {

    /** The view of one history row. */
    public static PairingChangeView of(PairingChange c) {
        return new PairingChangeView(c.id, c.at, c.action, c.effectiveOn, c.reason, c.actor, c.note, c.relatedId);
    }
}
