package cn.gansu.lianhu.visit.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * What a new or corrected visit changes beyond itself (issue 4 points 1 and 5): the pairing's latest in-person
 * visit (continuity) and the plan items of the pairing (visited — in person only — or pending). Recomputed from the {@code visit} table
 * for the pairing, so calling it twice, or for a visit that moved to another date, gives the same state. Called in
 * the transaction that wrote the visit.
 */
@ApplicationScoped
public class VisitEffects {

    @Inject
    VisitPlans plans;

    @Inject
    RoundTrip roundTrip;

    /**
     * Recomputes what depends on the visits of one pairing: {@code known_pairing.last_in_person_on} = the latest
     * {@code visited_on} of its in-person visits (IN_HOME, VILLAGE_MEETING; null if none), and its plan items
     * ({@link VisitPlans#recomputePairing}).
     *
     * @param pairingId the pairing whose visits changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void visitsChanged(UUID pairingId) {
        roundTrip.run(statements(pairingId));
    }

    /**
     * The statements of {@link #visitsChanged}, for a caller that sends them with its own (issue 7: one round trip).
     */
    List<RoundTrip.Statement> statements(UUID pairingId) {
        return List.of(new RoundTrip.Statement("""
                update known_pairing set last_in_person_on = (select max(v.visited_on) from visit v
                  where v.pairing_id = ? and v.mode in ('IN_HOME', 'VILLAGE_MEETING'))
                where id = ?""", pairingId, pairingId), plans.recomputePairingStatement(pairingId));
    }
}
