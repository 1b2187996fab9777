package cn.gansu.lianhu.api.security;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.api.ProblemTypes;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * RFC 9457 bodies for authentication and role failures (DESIGN.md §5). Needs
 * {@code quarkus.http.auth.proactive=false}, so that tokens are verified when an operation needs them and
 * failures reach these mappers instead of ending as an empty 401.
 * <ul>
 * <li>401 {@code token.missing} / {@code token.invalid} with {@code WWW-Authenticate: Bearer}: no token, or
 * one that is expired, malformed, wrongly signed or from another issuer — the body never says which;</li>
 * <li>403 {@code role.not-allowed}: the role may not use this operation (an AUDITOR writing, say);</li>
 * <li>403 {@code token.role}: the token names none of the six roles, or several.</li>
 * </ul>
 */
public class SecurityProblemMappers {
    @Inject
    SecurityIdentity identity;

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        return unauthenticated(uri, headers);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return unauthenticated(uri, headers);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        boolean singleRole = SingleRoleAugmentor.hasSingleRole(identity);
        String message = singleRole ? "this role may not use this operation"
                : "the token must name exactly one of the roles " + List.of(Role.values());
        return Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(new Problem(ProblemTypes.FORBIDDEN, "Forbidden", 403, message, path(uri),
                        List.of(singleRole ? new Problem.FieldError("role", "role.not-allowed", message)
                                : new Problem.FieldError("groups", "token.role", message))))
                .build();
    }

    private static Response unauthenticated(UriInfo uri, HttpHeaders headers) {
        boolean sent = headers != null && headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        String rule = sent ? "token.invalid" : "token.missing";
        String message = sent
                ? "the bearer token is not valid (expired, malformed, wrongly signed or from another issuer)"
                : "a bearer token is required (Authorization: Bearer <JWT>)";
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lianhu\"")
                .entity(new Problem(ProblemTypes.UNAUTHENTICATED, "Unauthenticated", 401, message, path(uri),
                        List.of(new Problem.FieldError("Authorization", rule, message))))
                .build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
