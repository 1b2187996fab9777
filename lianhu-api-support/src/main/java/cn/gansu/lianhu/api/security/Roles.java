package cn.gansu.lianhu.api.security;

/**
 * The six roles of DESIGN.md §5, as they appear in a token's {@code groups} claim. String constants so that
 * {@code @RolesAllowed} can name them.
 * <ul>
 * <li>{@link #PROVINCE_ADMIN} — reads and changes everything;</li>
 * <li>{@link #REGION_ADMIN} — reads and changes what lies under the region code prefix in its {@code region}
 * claim (a prefecture {@code 6211}, a county {@code 621102}, …);</li>
 * <li>{@link #UNIT_ADMIN} — one unit (claim {@code unit}): its cadres, village links, pairings, their
 * households, visits and demands;</li>
 * <li>{@link #CADRE} — one cadre (claim {@code cadre}): own pairings, own households, own visits;</li>
 * <li>{@link #AUDITOR} — reads everything, changes nothing; reads the audit trail;</li>
 * <li>{@link #INTEGRATION} — other government systems: reads everything, changes nothing.</li>
 * </ul>
 */
public final class Roles {
    public static final String PROVINCE_ADMIN = "PROVINCE_ADMIN";
    public static final String REGION_ADMIN = "REGION_ADMIN";
    public static final String UNIT_ADMIN = "UNIT_ADMIN";
    public static final String CADRE = "CADRE";
    public static final String AUDITOR = "AUDITOR";
    public static final String INTEGRATION = "INTEGRATION";
    /**
     * Any caller whose token names exactly one of the six roles (a marker role added by
     * {@link SingleRoleAugmentor}); scope is then checked per entity. Tokens naming no known role or several get
     * 403 {@code token.role}.
     */
    public static final String ANY = "ANY_ROLE";

    private Roles() {
    }
}
