package cn.gansu.lianhu.api.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.api.PhoneNumbers;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.api.ProblemTypes;
import cn.gansu.lianhu.events.contract.RegionCodes;
import io.quarkus.arc.Unremovable;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, read from the verified JWT bearer token (DESIGN.md §5, issue 6). Claims:
 * <ul>
 * <li>{@code groups} — exactly one of the roles in {@link Roles};</li>
 * <li>{@code region} — for REGION_ADMIN: NBS division code (2, 4, 6, 9 or 12 digits) whose prefix bounds
 * the scope, e.g. {@code 6211} for 定西市;</li>
 * <li>{@code unit} — for UNIT_ADMIN (and optionally CADRE): the unit's id;</li>
 * <li>{@code cadre} — for CADRE: the cadre's id;</li>
 * <li>{@code pii} — {@code true} to see full ID and phone numbers; everyone else sees them masked;</li>
 * <li>{@code preferred_username}, else {@code upn}, else {@code sub} — the actor named in the audit trail.</li>
 * </ul>
 * A token without exactly one known role, or without the scope claim its role needs, is answered 403
 * {@code token.role} / {@code token.scope}. Out-of-scope entities are answered exactly like missing ones:
 * services call {@link #covers(String)} and throw their usual 404.
 */
@RequestScoped
@Unremovable
public class Caller {
    public static final String REGION_CLAIM = "region";
    public static final String UNIT_CLAIM = "unit";
    public static final String CADRE_CLAIM = "cadre";
    public static final String PII_CLAIM = "pii";

    @Inject
    SecurityIdentity identity;

    private Role role;
    private String regionPrefix;
    private UUID unit;
    private UUID cadre;
    private boolean resolved;

    /** The caller's role; 403 {@code token.role} unless the token names exactly one known role. */
    public Role role() {
        resolve();
        return role;
    }

    /** The name recorded in the audit trail. */
    public String actor() {
        JsonWebToken jwt = jwt();
        if (jwt == null) {
            return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        }
        for (String claim : List.of("preferred_username", "upn", "sub")) {
            Object value = jwt.getClaim(claim);
            if (value != null && !value.toString().isBlank()) {
                return value.toString();
            }
        }
        return "unnamed";
    }

    /** True for PROVINCE_ADMIN, AUDITOR and INTEGRATION: no scope restriction on reads. */
    public boolean readsAll() {
        return role().readsAll();
    }

    /** REGION_ADMIN's region code prefix (6211, 621102, …); empty for every other role. */
    public Optional<String> regionPrefix() {
        resolve();
        return Optional.ofNullable(regionPrefix);
    }

    /** UNIT_ADMIN's unit (CADRE's too when the token names it). */
    public Optional<UUID> unit() {
        resolve();
        return Optional.ofNullable(unit);
    }

    /** CADRE's own cadre id. */
    public Optional<UUID> cadre() {
        resolve();
        return Optional.ofNullable(cadre);
    }

    /**
     * True when the caller may see something that lies in this region by region alone: roles that read all,
     * and REGION_ADMIN for codes under its prefix. UNIT_ADMIN and CADRE are never covered by region alone;
     * each service decides their scope from units, pairings and cadres.
     *
     * @param regionCode NBS code, short or 12-digit
     */
    public boolean covers(String regionCode) {
        if (readsAll()) {
            return true;
        }
        return regionPrefix != null && regionCode != null && regionCode.startsWith(regionPrefix);
    }

    /**
     * True when a region-admin's scope includes the whole of this region (the region is at or below its
     * prefix); for a report on a region, a REGION_ADMIN of 6211 may ask for 6211 or 621102 but not 62.
     */
    public boolean coversRegion(String regionCode) {
        if (regionCode == null) {
            return readsAll();
        }
        String full = RegionCodes.toFullCode(regionCode);
        return full != null && covers(full);
    }

    /** True when the token carries {@code pii=true}: full ID and phone numbers in responses. */
    public boolean seesPersonalNumbers() {
        JsonWebToken jwt = jwt();
        if (jwt == null) {
            return false;
        }
        Object pii = jwt.getClaim(PII_CLAIM);
        return pii != null && ("true".equalsIgnoreCase(pii.toString().replace("\"", "")));
    }

    /** The ID number as this caller may see it: full with the {@code pii} claim, masked otherwise. */
    public String idNumber(String full) {
        return full == null || seesPersonalNumbers() ? full : IdNumbers.mask(full);
    }

    /** The phone number as this caller may see it: full with the {@code pii} claim, masked otherwise. */
    public String phone(String full) {
        return full == null || seesPersonalNumbers() ? full : PhoneNumbers.mask(full);
    }

    /** 403 unless the caller's role is one of these (for checks that depend on the request body). */
    public void requireRole(Role... allowed) {
        Role r = role();
        for (Role a : allowed) {
            if (a == r) {
                return;
            }
        }
        throw forbidden("role", "role.not-allowed", "role " + r + " may not do this");
    }

    private void resolve() {
        if (resolved) {
            return;
        }
        List<Role> roles = new ArrayList<>();
        JsonWebToken token = jwt();
        for (String name : token != null && token.getGroups() != null ? token.getGroups() : identity.getRoles()) {
            for (Role r : Role.values()) {
                if (r.name().equals(name)) {
                    roles.add(r);
                }
            }
        }
        if (roles.size() != 1) {
            throw forbidden("groups", "token.role", roles.isEmpty()
                    ? "the token names none of the roles " + List.of(Role.values())
                    : "the token names " + roles.size() + " roles " + roles + "; one is expected");
        }
        Role r = roles.get(0);
        String region = claim(REGION_CLAIM);
        String unitClaim = claim(UNIT_CLAIM);
        String cadreClaim = claim(CADRE_CLAIM);
        if (r == Role.REGION_ADMIN) {
            regionPrefix = regionPrefixOf(region);
            if (regionPrefix == null) {
                throw forbidden(REGION_CLAIM, "token.scope", "REGION_ADMIN needs a region claim: the NBS code of a "
                        + "Gansu region, 2, 4, 6, 9 or 12 digits with no all-zero level (6211, 621102, 621102000000)");
            }
        }
        unit = uuid(unitClaim, r == Role.UNIT_ADMIN ? UNIT_CLAIM : null);
        cadre = uuid(cadreClaim, r == Role.CADRE ? CADRE_CLAIM : null);
        role = r;
        resolved = true;
    }

    /**
     * The code prefix a region claim stands for, or null when the claim is not the code of a Gansu region: short
     * forms must end at their own level ({@code 6211}; not {@code 6200} or {@code 620000}, which would silently
     * mean the whole province), 12-digit forms are read by their trailing zeros ({@code 621100000000} → 6211).
     */
    public static String regionPrefixOf(String claim) {
        String full = claim == null ? null : RegionCodes.toFullCode(claim);
        if (full == null || !full.startsWith("62")) {
            return null;
        }
        String prefix = RegionCodes.prefixOf(full);
        return claim.length() == 12 || claim.equals(prefix) ? prefix : null;
    }

    private UUID uuid(String value, String requiredClaim) {
        if (value == null) {
            if (requiredClaim != null) {
                throw forbidden(requiredClaim, "token.scope", "this role needs a " + requiredClaim + " claim (a UUID)");
            }
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            if (requiredClaim != null) {
                throw forbidden(requiredClaim, "token.scope", "the " + requiredClaim + " claim is not a UUID");
            }
            return null;
        }
    }

    private String claim(String name) {
        JsonWebToken jwt = jwt();
        Object v = jwt == null ? null : jwt.getClaim(name);
        if (v == null) {
            return null;
        }
        String s = v.toString().replace("\"", "").trim();
        return s.isEmpty() ? null : s;
    }

    private JsonWebToken jwt() {
        return identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
    }

    /** A 403 problem naming the claim or role and the rule. */
    public static ApiException forbidden(String field, String rule, String message) {
        return new ApiException(403, ProblemTypes.FORBIDDEN, "Forbidden", message,
                List.of(new Problem.FieldError(field, rule, message)));
    }
}
