package cn.gansu.lianhu.api.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import cn.gansu.lianhu.api.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Declares, once for every secured operation of a service, the two answers security adds (DESIGN.md §5):
 * 401 (no valid bearer token) and 403 (the role may not use the operation, or the token lacks the claim its
 * role needs), each as {@code application/problem+json} with the {@code Problem} schema and an example.
 * An operation is secured when the document gives it a security requirement (Quarkus adds one to every
 * {@code @RolesAllowed} operation).
 * <p>
 * Quarkus lists the {@code @RolesAllowed} roles as the requirement's scopes ({@code bearer: [PROVINCE_ADMIN]}), but
 * the scheme is HTTP bearer, whose requirements carry no scopes (Spectral {@code oas3-operation-security-defined}),
 * and the marker role {@link Roles#ANY} means nothing to a client. So the requirement becomes {@code bearer: []} and
 * the roles move to the extension {@code x-roles}, {@link Roles#ANY} spelt out as the six roles (issue 9 point 1).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SecurityResponses implements OASFilter {

    /** {@link Roles#ANY} spelt out, in the order of DESIGN.md §5. */
    static final List<String> ALL_ROLES = List.of(Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN,
            Roles.CADRE, Roles.AUDITOR, Roles.INTEGRATION);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Operation op : path.getValue().getOperations().values()) {
                if (op.getSecurity() == null || op.getSecurity().isEmpty()) {
                    continue;
                }
                List<String> roles = new ArrayList<>();
                for (SecurityRequirement requirement : op.getSecurity()) {
                    for (Map.Entry<String, List<String>> scheme : requirement.getSchemes().entrySet()) {
                        for (String role : scheme.getValue() == null ? List.<String> of() : scheme.getValue()) {
                            for (String r : Roles.ANY.equals(role) ? ALL_ROLES : List.of(role)) {
                                if (!roles.contains(r)) {
                                    roles.add(r);
                                }
                            }
                        }
                    }
                }
                List<SecurityRequirement> bare = new ArrayList<>();
                for (SecurityRequirement requirement : op.getSecurity()) {
                    SecurityRequirement b = OASFactory.createSecurityRequirement();
                    requirement.getSchemes().keySet().forEach(b::addScheme);
                    bare.add(b);
                }
                op.setSecurity(bare);
                if (!roles.isEmpty()) {
                    op.addExtension("x-roles", roles);
                }
                APIResponses responses = op.getResponses();
                responses.addAPIResponse("401", response(
                        "No bearer token (`token.missing`), or one that is expired, malformed, wrongly signed or from "
                                + "another issuer (`token.invalid`); the answer carries `WWW-Authenticate: Bearer`",
                        "no token", path.getKey(), 401, "urn:lianhu:problem:unauthenticated", "Unauthenticated",
                        "Authorization", "token.missing", "a bearer token is required (Authorization: Bearer <JWT>)"));
                responses.addAPIResponse("403", response(
                        "The caller's role may not use this operation (`role.not-allowed`), or the token names no "
                                + "single known role (`token.role`) or lacks the scope claim its role needs "
                                + "(`token.scope`). Something outside the caller's scope is answered 404, as if it "
                                + "did not exist.",
                        "role not allowed", path.getKey(), 403, "urn:lianhu:problem:forbidden", "Forbidden", "role",
                        "role.not-allowed", "this role may not use this operation"));
            }
        }
    }

    private static APIResponse response(String description, String exampleName, String path, int status, String type,
            String title, String field, String rule, String message) {
        // a JSON object, not a string holding JSON (Spectral oas3-valid-media-example checks it against Problem)
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("rule", rule);
        error.put("message", message);
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", type);
        example.put("title", title);
        example.put("status", status);
        example.put("detail", message);
        example.put("instance", path);
        example.put("errors", List.of(error));
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))
                .addExample(exampleName, OASFactory.createExample().value(example)));
        return OASFactory.createAPIResponse().description(description).content(content);
    }

}
