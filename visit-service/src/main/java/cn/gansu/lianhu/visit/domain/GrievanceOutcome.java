package cn.gansu.lianhu.visit.domain;

/** Outcome of a grievance or dispute mediated on a visit (疏导情绪). */
public enum GrievanceOutcome {
    RESOLVED, ONGOING, ESCALATED
}
