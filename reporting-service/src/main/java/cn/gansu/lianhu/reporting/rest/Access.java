package cn.gansu.lianhu.reporting.rest;

/**
 * Who may call each report (issue 6 point 2; ISSUE6-PLAN2 "reporting-service"), as the last sentence of the
 * operations' OpenAPI descriptions. The roles are enforced by {@code @RolesAllowed} on each operation, the scope by
 * {@link cn.gansu.lianhu.reporting.service.ReportScope}.
 */
final class Access {
    /** Region reports, lists and their downloads. */
    static final String REGION = " Who may call: PROVINCE_ADMIN, AUDITOR and INTEGRATION (every region) and"
            + " REGION_ADMIN (regions at or under the prefix of its region claim); UNIT_ADMIN and CADRE get 403. A region"
            + " outside the caller's scope answers 404 exactly like an unknown region.";
    /** The overdue list: a region report with unit and cadre filters. */
    static final String OVERDUE = REGION + " A unit or cadre filter outside the caller's scope answers 404 like an"
            + " unknown unit or cadre.";
    /** Unit reports and their downloads. */
    static final String UNIT = " Who may call: PROVINCE_ADMIN, AUDITOR and INTEGRATION (every unit), REGION_ADMIN"
            + " (units whose region is under its prefix) and UNIT_ADMIN (its own unit); CADRE gets 403. A unit outside"
            + " the caller's scope answers 404 exactly like an unknown unit.";
    /** Cadre reports and their downloads. */
    static final String CADRE = " Who may call: every role; PROVINCE_ADMIN, AUDITOR and INTEGRATION every cadre,"
            + " REGION_ADMIN cadres of units whose region is under its prefix, UNIT_ADMIN cadres of its own unit, CADRE"
            + " itself. A cadre outside the caller's scope answers 404 exactly like an unknown cadre.";
    /** Reference data any caller may read. */
    static final String ANY = " Who may call: any authenticated role.";
    /** Starting a rebuild. */
    static final String REBUILD = " Who may call: PROVINCE_ADMIN only; each start is recorded in the audit trail"
            + " (entity rebuild, action REBUILT, GET /api/v1/audit).";
    /** Reading a rebuild. */
    static final String PROVINCE_ADMIN = " Who may call: PROVINCE_ADMIN only.";

    private Access() {
    }
}
