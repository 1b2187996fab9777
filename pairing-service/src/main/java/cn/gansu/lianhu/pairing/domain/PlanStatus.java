package cn.gansu.lianhu.pairing.domain;

/** Life of a planner draft (issue 3 point 7). */
public enum PlanStatus {
    /** Proposed, to review; can be confirmed (if feasible) or discarded. */
    DRAFT,
    /** Its pairings were created and its units confirmed. */
    CONFIRMED,
    /** Dropped by a reviewer. */
    DISCARDED,
    /** A pairing changed after it was made; confirming it was refused. Plan again. */
    STALE
}
