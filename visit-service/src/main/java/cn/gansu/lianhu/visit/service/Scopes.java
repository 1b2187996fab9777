package cn.gansu.lianhu.visit.service;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import cn.gansu.lianhu.api.security.Caller;
import cn.gansu.lianhu.api.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The caller's scope in visit-service (issue 6 point 2; ISSUE6-PLAN2 "visit-service"): what a token may see and
 * change among pairings, visits, corrections, demands and continuity lists, each of which carries the household's
 * village code, the pairing's (or handling) unit and the cadre.
 * <ul>
 * <li>PROVINCE_ADMIN, AUDITOR, INTEGRATION — everything;</li>
 * <li>REGION_ADMIN — rows whose household village code starts with the {@code region} claim's prefix;</li>
 * <li>UNIT_ADMIN — rows whose unit is the {@code unit} claim;</li>
 * <li>CADRE — rows whose cadre is the {@code cadre} claim (a demand: raised on one of the cadre's visits).</li>
 * </ul>
 * Single entities outside the scope are answered exactly like unknown ones (the service throws its usual 404 or
 * 422); lists are filtered in SQL, so totals count only what the caller may see. Only for REST requests: event
 * consumers never call it.
 */
@ApplicationScoped
public class Scopes {
    /** Named parameters the conditions use. */
    static final String PREFIX = "scopePrefix";
    static final String UNIT = "scopeUnit";
    static final String CADRE = "scopeCadre";

    @Inject
    Caller caller;

    /** The caller's role. */
    public Role role() {
        return caller.role();
    }

    /** True if the caller may see a row with this household village code, unit and cadre. */
    public boolean sees(String villageCode, UUID unitId, UUID cadreId) {
        return switch (caller.role()) {
            case PROVINCE_ADMIN, AUDITOR, INTEGRATION -> true;
            case REGION_ADMIN -> villageCode != null && villageCode.startsWith(caller.regionPrefix().orElseThrow());
            case UNIT_ADMIN -> Objects.equals(unitId, caller.unit().orElseThrow());
            case CADRE -> Objects.equals(cadreId, caller.cadre().orElseThrow());
        };
    }

    /**
     * An SQL (or JPQL) condition, starting with {@code " and "} (empty for roles that see everything), restricting
     * rows to the caller's scope; its named parameters are added to {@code params}.
     *
     * @param villageColumn the household's 12-digit village code
     * @param unitColumn    the unit
     * @param cadreCondition condition true for the CADRE's own rows, using the parameter {@code :scopeCadre}
     */
    public String condition(String villageColumn, String unitColumn, String cadreCondition, Map<String, Object> params) {
        switch (caller.role()) {
            case REGION_ADMIN -> {
                params.put(PREFIX, caller.regionPrefix().orElseThrow() + "%");
                return " and " + villageColumn + " like :" + PREFIX;
            }
            case UNIT_ADMIN -> {
                params.put(UNIT, caller.unit().orElseThrow());
                return " and " + unitColumn + " = :" + UNIT;
            }
            case CADRE -> {
                params.put(CADRE, caller.cadre().orElseThrow());
                return " and " + cadreCondition;
            }
            default -> {
                return "";
            }
        }
    }

    /** {@link #condition} for tables with a cadre column ({@code cadreColumn = :scopeCadre}). */
    public String columns(String villageColumn, String unitColumn, String cadreColumn, Map<String, Object> params) {
        return condition(villageColumn, unitColumn, cadreColumn + " = :" + CADRE, params);
    }

    /** REGION_ADMIN's prefix followed by {@code %} for LIKE, or null for other roles. */
    String regionLike() {
        return caller.role() == Role.REGION_ADMIN ? caller.regionPrefix().orElseThrow() + "%" : null;
    }

    /** UNIT_ADMIN's unit, or null. */
    UUID unit() {
        return caller.role() == Role.UNIT_ADMIN ? caller.unit().orElseThrow() : null;
    }

    /** CADRE's own id, or null. */
    UUID cadre() {
        return caller.role() == Role.CADRE ? caller.cadre().orElseThrow() : null;
    }
}
