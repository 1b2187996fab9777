package cn.gansu.lianhu.visit.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Outcome of a grievance or dispute mediated on a visit (疏导情绪). */
@Schema(description = "Outcome of a grievance or dispute mediated on a visit (疏导情绪).")
public enum GrievanceOutcome {
    RESOLVED, ONGOING, ESCALATED
}
