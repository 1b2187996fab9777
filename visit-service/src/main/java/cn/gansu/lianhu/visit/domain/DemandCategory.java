package cn.gansu.lianhu.visit.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a demand (民意诉求) is about (docs/events.md, DemandData). */
@Schema(description = "What a demand (民意诉求) is about.")
public enum DemandCategory {
    HOUSING, MEDICAL, EDUCATION, INFRASTRUCTURE, EMPLOYMENT, OTHER
}
