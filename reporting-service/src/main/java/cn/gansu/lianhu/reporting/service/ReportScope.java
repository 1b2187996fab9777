package cn.gansu.lianhu.reporting.service;

import java.util.List;
import java.util.UUID;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.security.Caller;
import cn.gansu.lianhu.api.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Who may see which report (issue 6 point 2; ISSUE6-PLAN2 "reporting-service"). The roles allowed on each operation
 * are declared by {@code @RolesAllowed} on the resources; this class bounds the subject of a report for the roles
 * that have a scope:
 * <ul>
 * <li>a region: PROVINCE_ADMIN, AUDITOR and INTEGRATION every region; REGION_ADMIN the regions at or under its
 * prefix (a prefecture admin of {@code 6211} may ask for {@code 6211} or {@code 621102}, not for {@code 62} or
 * {@code 6212});</li>
 * <li>a unit: readsAll roles every unit; REGION_ADMIN units whose region (where the unit sits) is under its prefix;
 * UNIT_ADMIN its own unit;</li>
 * <li>a cadre: readsAll roles every cadre; REGION_ADMIN cadres of units in its scope; UNIT_ADMIN cadres of its own
 * unit; CADRE itself.</li>
 * </ul>
 * A subject outside the caller's scope is answered exactly like one reporting has not received: the same 404
 * problem ({@code "<kind> <id> does not exist"}), raised at the same point of the request.
 */
@ApplicationScoped
public class ReportScope {

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    /**
     * 404 {@code region <code> does not exist} unless the caller may see the region.
     *
     * @param full 12-digit code of a region reporting has received
     */
    public void region(String full) {
        if (!caller.coversRegion(full)) {
            throw ApiException.notFound("region", full);
        }
    }

    /**
     * The name of the unit {@code id}.
     *
     * @throws ApiException 404 {@code unit <id> does not exist} if reporting has not received it or the caller may
     *                      not see it
     */
    public String unitName(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select name, region_code from unit where id = :id")
                .setParameter("id", id).getResultList();
        if (found.isEmpty() || !seesUnit(id, (String) found.get(0)[1])) {
            throw ApiException.notFound("unit", id.toString());
        }
        return (String) found.get(0)[0];
    }

    /**
     * The name of the cadre {@code id}.
     *
     * @throws ApiException 404 {@code cadre <id> does not exist} if reporting has not received it or the caller may
     *                      not see it
     */
    public String cadreName(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("""
                select c.name, c.unit_id, u.region_code from cadre c left join unit u on u.id = c.unit_id
                where c.id = :id""").setParameter("id", id).getResultList();
        if (found.isEmpty()) {
            throw ApiException.notFound("cadre", id.toString());
        }
        Object[] row = found.get(0);
        boolean sees = switch (caller.role()) {
        case CADRE -> caller.cadre().filter(id::equals).isPresent();
        default -> seesUnit((UUID) row[1], (String) row[2]);
        };
        if (!sees) {
            throw ApiException.notFound("cadre", id.toString());
        }
        return (String) row[0];
    }

    private boolean seesUnit(UUID unit, String regionCode) {
        Role role = caller.role();
        if (role.readsAll()) {
            return true;
        }
        return switch (role) {
        case REGION_ADMIN -> regionCode != null && caller.covers(regionCode);
        case UNIT_ADMIN -> caller.unit().filter(u -> u.equals(unit)).isPresent();
        default -> false;
        };
    }
}
