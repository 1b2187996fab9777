package cn.gansu.lianhu.visit.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The household's satisfaction with how its demand was closed (issue 4 point 4; DemandData.satisfaction). */
@Schema(description = "The household's satisfaction with how its demand was closed.")
public enum Satisfaction {
    SATISFIED, BASICALLY_SATISFIED, DISSATISFIED
}
