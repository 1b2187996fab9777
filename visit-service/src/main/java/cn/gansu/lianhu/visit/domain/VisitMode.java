package cn.gansu.lianhu.visit.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a visit was made (issue 4 point 2). IN_HOME and VILLAGE_MEETING are in person (全年联系不断 counts them). */
@Schema(description = "How a visit was made: IN_HOME (at the household's home) and VILLAGE_MEETING are in person and count "
        + "for 全年联系不断 (continuity); BY_PHONE and OTHER do not.")
public enum VisitMode {
    IN_HOME, BY_PHONE, VILLAGE_MEETING, OTHER;

    /** True for IN_HOME and VILLAGE_MEETING. */
    public boolean inPerson() {
        return this == IN_HOME || this == VILLAGE_MEETING;
    }
}
