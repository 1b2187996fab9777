package cn.gansu.lianhu.visit.domain;

/** The household's satisfaction with how its demand was closed (issue 4 point 4; DemandData.satisfaction). */
public enum Satisfaction {
    SATISFIED, BASICALLY_SATISFIED, DISSATISFIED
}
