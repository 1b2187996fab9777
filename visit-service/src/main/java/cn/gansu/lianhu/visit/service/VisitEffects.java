package cn.gansu.lianhu.visit.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a new or corrected visit changes beyond itself (issue 4 points 1 and 5): the pairing's latest in-person
 * visit (continuity) and the plan items of the pairing (visited or pending). Recomputed from the {@code visit} table
 * for the pairing, so calling it twice, or for a visit that moved to another date, gives the same state. Called in
 * the transaction that wrote the visit.
 */
@ApplicationScoped
public class VisitEffects {

    /**
     * Recomputes what depends on the visits of one pairing.
     *
     * @param pairingId the pairing whose visits changed
     */
    public void visitsChanged(UUID pairingId) {
        // filled in by visit plans and continuity (issue 4 points 1 and 5)
    }
}
