package cn.gansu.lianhu.api.security;

/** A caller's role (DESIGN.md §5); see {@link Roles} for what each may do. */
public enum Role {
    PROVINCE_ADMIN, REGION_ADMIN, UNIT_ADMIN, CADRE, AUDITOR, INTEGRATION;

    /** True for the roles that read everything in the province. */
    public boolean readsAll() {
        return this == PROVINCE_ADMIN || this == AUDITOR || this == INTEGRATION;
    }

    /** True for the roles that never change anything. */
    public boolean readOnly() {
        return this == AUDITOR || this == INTEGRATION;
    }
}
