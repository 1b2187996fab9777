package cn.gansu.lianhu.visit.domain;

/** Poverty status of a household as registry-service publishes it ({@code HouseholdData.status}). */
public enum HouseholdStatus {
    /** 贫困户 */
    IN_POVERTY,
    /** 脱贫 */
    LIFTED,
    /** 返贫 */
    RELAPSED
}
