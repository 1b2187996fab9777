package cn.gansu.lianhu.visit.domain;

/** What a demand (民意诉求) is about (docs/events.md, DemandData). */
public enum DemandCategory {
    HOUSING, MEDICAL, EDUCATION, INFRASTRUCTURE, EMPLOYMENT, OTHER
}
