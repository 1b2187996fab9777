package cn.gansu.lianhu.registry.service;

import java.util.Map;
import java.util.UUID;

import cn.gansu.lianhu.api.security.Caller;
import cn.gansu.lianhu.api.security.Role;
import cn.gansu.lianhu.registry.domain.Household;
import cn.gansu.lianhu.registry.domain.HouseholdAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Which households the caller may see and change (issue 6 point 2; DESIGN.md §5):
 * <ul>
 * <li>PROVINCE_ADMIN, AUDITOR, INTEGRATION — every household;</li>
 * <li>REGION_ADMIN — households whose village code starts with the token's region prefix;</li>
 * <li>UNIT_ADMIN — households with a DRAFT or ACTIVE pairing to a cadre of its unit, and every household of a
 * village its unit holds an ACTIVE village link to ({@code household_access}, {@code village_link_access}, kept
 * from pairing-service's events);</li>
 * <li>CADRE — households with a DRAFT or ACTIVE pairing to that cadre.</li>
 * </ul>
 * Writing (register, update, status change, import) is for PROVINCE_ADMIN (everywhere) and REGION_ADMIN (villages
 * under its prefix) only; the other roles are refused by {@code @RolesAllowed}. Out of scope is answered exactly
 * like unknown: 404 for a household, 422 {@code village.unknown} for a village in a body or file row.
 */
@ApplicationScoped
public class HouseholdScope {
    @Inject
    Caller caller;
    @Inject
    EntityManager em;

    /** True when the caller may see this household. */
    public boolean sees(Household h) {
        Role role = caller.role();
        if (role.readsAll()) {
            return true;
        }
        return switch (role) {
            case REGION_ADMIN -> caller.covers(h.villageCode);
            case UNIT_ADMIN -> {
                UUID unit = caller.unit().orElseThrow();
                yield em.createQuery("select count(a) from HouseholdAccess a where a.householdId = :h"
                        + " and a.unitId = :u and a.status in :live", Long.class).setParameter("h", h.id)
                        .setParameter("u", unit).setParameter("live", HouseholdAccess.LIVE).getSingleResult() > 0
                        || em.createQuery("select count(l) from VillageLinkAccess l where l.unitId = :u"
                                + " and l.villageCode = :v and l.status = 'ACTIVE'", Long.class)
                                .setParameter("u", unit).setParameter("v", h.villageCode).getSingleResult() > 0;
            }
            case CADRE -> em.createQuery("select count(a) from HouseholdAccess a where a.householdId = :h"
                    + " and a.cadreId = :c and a.status in :live", Long.class).setParameter("h", h.id)
                    .setParameter("c", caller.cadre().orElseThrow()).setParameter("live", HouseholdAccess.LIVE)
                    .getSingleResult() > 0;
            default -> false;
        };
    }

    /**
     * Adds the caller's scope to a JPQL where clause over {@code Household h} (lists are filtered in SQL, so
     * totals count only what the caller may see).
     */
    public void restrict(StringBuilder where, Map<String, Object> params) {
        Role role = caller.role();
        if (role.readsAll()) {
            return;
        }
        switch (role) {
            case REGION_ADMIN -> {
                where.append(" and h.villageCode like :scopePrefix");
                params.put("scopePrefix", caller.regionPrefix().orElseThrow() + "%");
            }
            case UNIT_ADMIN -> {
                where.append(" and (exists (select a.pairingId from HouseholdAccess a where a.householdId = h.id"
                        + " and a.unitId = :scopeUnit and a.status in :scopeLive)"
                        + " or exists (select l.linkId from VillageLinkAccess l where l.unitId = :scopeUnit"
                        + " and l.villageCode = h.villageCode and l.status = 'ACTIVE'))");
                params.put("scopeUnit", caller.unit().orElseThrow());
                params.put("scopeLive", HouseholdAccess.LIVE);
            }
            case CADRE -> {
                where.append(" and exists (select a.pairingId from HouseholdAccess a where a.householdId = h.id"
                        + " and a.cadreId = :scopeCadre and a.status in :scopeLive)");
                params.put("scopeCadre", caller.cadre().orElseThrow());
                params.put("scopeLive", HouseholdAccess.LIVE);
            }
            default -> where.append(" and 1 = 0");
        }
    }

    /**
     * True when the caller may register households in, or move households to, this village (12 digits):
     * PROVINCE_ADMIN everywhere, REGION_ADMIN under its prefix, nobody else.
     */
    public boolean writes(String village) {
        Role role = caller.role();
        return role == Role.PROVINCE_ADMIN || (role == Role.REGION_ADMIN && caller.covers(village));
    }

    /** The region prefix that bounds the caller's writes: null for PROVINCE_ADMIN (everywhere). */
    public String writePrefix() {
        return caller.role() == Role.PROVINCE_ADMIN ? null : caller.regionPrefix().orElse("-");
    }

    /** True when the caller gets full ID and phone numbers (claim {@code pii}). */
    public boolean pii() {
        return caller.seesPersonalNumbers();
    }
}
