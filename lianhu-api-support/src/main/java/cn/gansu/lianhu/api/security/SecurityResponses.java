package cn.gansu.lianhu.api.security;

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

import cn.gansu.lianhu.api.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Declares, once for every secured operation of a service, the two answers security adds (DESIGN.md §5):
 * 401 (no valid bearer token) and 403 (the role may not use the operation, or the token lacks the claim its
 * role needs), each as {@code application/problem+json} with the {@code Problem} schema and an example.
 * An operation is secured when the document gives it a security requirement (Quarkus adds one to every
 * {@code @RolesAllowed} operation).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SecurityResponses implements OASFilter {

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
        String example = "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + message + "\",\"instance\":\"" + path + "\",\"errors\":[{\"field\":\"" + field
                + "\",\"rule\":\"" + rule + "\",\"message\":\"" + message + "\"}]}";
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))
                .addExample(exampleName, OASFactory.createExample().value(example)));
        return OASFactory.createAPIResponse().description(description).content(content);
    }

}
