package cn.gansu.lianhu.pairing.service;

import java.util.Optional;
import java.util.UUID;

import cn.gansu.lianhu.api.security.Caller;
import cn.gansu.lianhu.api.security.Role;
import cn.gansu.lianhu.pairing.domain.Cadre;
import cn.gansu.lianhu.pairing.domain.Pairing;
import cn.gansu.lianhu.pairing.domain.Unit;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What the current caller may see and change in pairing-service (DESIGN.md §5, issue 6 point 2; the scope table
 * of ISSUE6-PLAN2 "pairing-service"). Every answer about one entity is a plain yes/no: services answer an
 * entity the caller may not see exactly as they answer an unknown one (same 404 or 422).
 * <ul>
 * <li>units: roles reading all — all; REGION_ADMIN — units whose region code starts with its prefix;
 * UNIT_ADMIN — its unit; CADRE — its own unit;</li>
 * <li>cadres: REGION_ADMIN — cadres of units in scope; UNIT_ADMIN — its unit's; CADRE — itself;</li>
 * <li>pairings (and their history, a household's pairings): REGION_ADMIN — household village under the prefix;
 * UNIT_ADMIN — its unit's; CADRE — its own;</li>
 * <li>villages and their links: REGION_ADMIN — village under the prefix; UNIT_ADMIN and CADRE — the villages
 * of their unit's links.</li>
 * </ul>
 * Outside a request (event consumers, start-up) there is no caller and nothing is restricted.
 */
@ApplicationScoped
public class Access {
    /** The request's caller (a client proxy; injected so that the bean is kept and resolved per request). */
    @Inject
    Caller caller;

    /** The caller's scope, resolved once per call site; {@link Scope#SYSTEM} outside a request. */
    public Scope scope() {
        if (!Arc.container().requestContext().isActive()) {
            return Scope.SYSTEM;
        }
        Role role = caller.role();
        UUID cadre = caller.cadre().orElse(null);
        UUID unit = caller.unit().orElse(null);
        if (role == Role.CADRE) {
            Cadre c = cadre == null ? null : Cadre.findById(cadre);
            unit = c == null ? null : c.unitId;
        }
        return new Scope(role, caller.regionPrefix().orElse(null), role == Role.UNIT_ADMIN || role == Role.CADRE
                ? unit : null, role == Role.CADRE ? cadre : null, caller.actor(), caller.seesPersonalNumbers());
    }

    /**
     * One caller's scope.
     *
     * @param role   the role, null for the system itself
     * @param region REGION_ADMIN's region code prefix (significant digits), else null
     * @param unit   UNIT_ADMIN's unit, or CADRE's own unit; else null
     * @param cadre  CADRE's own id, else null
     * @param actor  the name recorded in audit entries
     * @param pii    true when full ID and phone numbers may be shown
     */
    public record Scope(Role role, String region, UUID unit, UUID cadre, String actor, boolean pii) {
        /** No caller: event consumers, start-up. */
        public static final Scope SYSTEM = new Scope(null, null, null, null, "system", false);

        /** Province admin, auditor, integration, or the system. */
        public boolean readsAll() {
            return role == null || role.readsAll();
        }

        public boolean is(Role r) {
            return role == r;
        }

        /** PROVINCE_ADMIN or the system. */
        public boolean province() {
            return role == null || role == Role.PROVINCE_ADMIN;
        }

        /** True when a 12-digit region/village code lies under REGION_ADMIN's prefix (false for other roles). */
        public boolean underRegion(String code) {
            return region != null && code != null && code.startsWith(region);
        }

        /** The caller may see this unit. */
        public boolean seesUnit(Unit u) {
            if (u == null) {
                return false;
            }
            if (readsAll()) {
                return true;
            }
            return switch (role) {
                case REGION_ADMIN -> underRegion(u.regionCode);
                case UNIT_ADMIN, CADRE -> u.id.equals(unit);
                default -> false;
            };
        }

        /** The caller may change this unit's details, links, pairings and cadres (never for read-only roles). */
        public boolean managesUnit(Unit u) {
            if (u == null || (role != null && role.readOnly())) {
                return false;
            }
            if (province()) {
                return true;
            }
            return switch (role) {
                case REGION_ADMIN -> underRegion(u.regionCode);
                case UNIT_ADMIN -> u.id.equals(unit);
                default -> false;
            };
        }

        /** The caller may see this cadre (of unit {@code u}). */
        public boolean seesCadre(Cadre c, Unit u) {
            return c != null && seesCadre(c.id, c.unitId, u == null ? null : u.regionCode);
        }

        /**
         * The caller may see the cadre {@code id} of unit {@code unitId} whose region code is {@code unitRegion}
         * (for set-based checks that read these columns in SQL, e.g. the cadre import).
         */
        public boolean seesCadre(UUID id, UUID unitId, String unitRegion) {
            if (readsAll()) {
                return true;
            }
            return switch (role) {
                case REGION_ADMIN -> underRegion(unitRegion);
                case UNIT_ADMIN -> unitId != null && unitId.equals(unit);
                case CADRE -> id != null && id.equals(cadre);
                default -> false;
            };
        }

        /** The caller may see this cadre. */
        public boolean seesCadre(Cadre c) {
            return c != null && seesCadre(c, readsAll() ? null : Unit.findById(c.unitId));
        }

        /** The caller may see this pairing. */
        public boolean seesPairing(Pairing p) {
            if (p == null) {
                return false;
            }
            if (readsAll()) {
                return true;
            }
            return switch (role) {
                case REGION_ADMIN -> underRegion(p.villageCode);
                case UNIT_ADMIN -> p.unitId.equals(unit);
                case CADRE -> p.cadreId.equals(cadre);
                default -> false;
            };
        }

        /** The caller may change this pairing: it sees it and manages its unit. */
        public boolean managesPairing(Pairing p) {
            return seesPairing(p) && managesUnit(Unit.findById(p.unitId));
        }

        /**
         * The caller may see this village: REGION_ADMIN under its prefix; UNIT_ADMIN and CADRE when their unit
         * links or linked it, or one of their pairings lies there.
         */
        public boolean seesVillage(String code) {
            if (readsAll()) {
                return true;
            }
            return switch (role) {
                case REGION_ADMIN -> underRegion(code);
                case UNIT_ADMIN -> unit != null && (cn.gansu.lianhu.pairing.domain.VillageLink
                        .count("unitId = ?1 and villageCode = ?2", unit, code) > 0
                        || Pairing.count("unitId = ?1 and villageCode = ?2", unit, code) > 0);
                case CADRE -> (unit != null && cn.gansu.lianhu.pairing.domain.VillageLink
                        .count("unitId = ?1 and villageCode = ?2", unit, code) > 0)
                        || Pairing.count("cadreId = ?1 and villageCode = ?2", cadre, code) > 0;
                default -> false;
            };
        }

        /** Optional unit as a filter value for lists: the only unit a UNIT_ADMIN or CADRE sees. */
        public Optional<UUID> ownUnit() {
            return Optional.ofNullable(unit);
        }
    }
}
