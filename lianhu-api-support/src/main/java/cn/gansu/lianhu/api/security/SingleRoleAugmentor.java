package cn.gansu.lianhu.api.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Makes "exactly one role" (DESIGN.md §5) hold for every operation, including those any role may call: a
 * verified token whose {@code groups} name exactly one of the six roles gains the marker role {@link Roles#ANY};
 * a token naming none or several keeps no role at all, so every {@code @RolesAllowed} operation answers it 403
 * ({@code token.role}, see {@link SecurityProblemMappers}).
 */
@ApplicationScoped
public class SingleRoleAugmentor implements SecurityIdentityAugmentor {
    private static final Set<String> KNOWN = Set.of(Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN,
            Roles.CADRE, Roles.AUDITOR, Roles.INTEGRATION);

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        long known = identity.getRoles().stream().filter(KNOWN::contains).count();
        if (known == 1) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRole(Roles.ANY).build());
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .setAnonymous(false)
                .build());
    }

    /** True when the identity kept a role (its token named exactly one known role). */
    static boolean hasSingleRole(SecurityIdentity identity) {
        return identity != null && identity.hasRole(Roles.ANY);
    }
}
