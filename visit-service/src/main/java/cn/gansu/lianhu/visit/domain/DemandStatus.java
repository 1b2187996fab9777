package cn.gansu.lianhu.visit.domain;

import java.util.EnumSet;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where a demand (民意诉求) stands (issue 4 point 4): OPEN → ACCEPTED → IN_PROGRESS → RESOLVED, or REJECTED (with an
 * answer) from any of the first three. RESOLVED and REJECTED are final.
 */
@Schema(description = "Where a demand (民意诉求) stands: OPEN → ACCEPTED → IN_PROGRESS → RESOLVED, or REJECTED (with an answer)"
        + " from any of the first three; RESOLVED and REJECTED are final.")
public enum DemandStatus {
    OPEN, ACCEPTED, IN_PROGRESS, RESOLVED, REJECTED;

    /** The statuses this one may move to (empty for RESOLVED and REJECTED). */
    public Set<DemandStatus> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(ACCEPTED, REJECTED);
            case ACCEPTED -> EnumSet.of(IN_PROGRESS, REJECTED);
            case IN_PROGRESS -> EnumSet.of(RESOLVED, REJECTED);
            case RESOLVED, REJECTED -> EnumSet.noneOf(DemandStatus.class);
        };
    }

    /** RESOLVED or REJECTED: the demand has been answered. */
    public boolean closed() {
        return this == RESOLVED || this == REJECTED;
    }
}
