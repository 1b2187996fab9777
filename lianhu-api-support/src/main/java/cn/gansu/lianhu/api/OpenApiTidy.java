package cn.gansu.lianhu.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import cn.gansu.lianhu.api.limits.BodyLimits;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Two fixes every service's OpenAPI document needs to lint clean under Spectral's {@code spectral:oas} ruleset
 * (issue 9 point 1; the lint runs in module lianhu-api-docs):
 * <ul>
 * <li>a response header declared with {@code @Header(name, description)} and no schema gets
 * {@code schema: {type: string}} (OpenAPI requires a schema or a content on a header; Spectral
 * {@code oas3-schema}); {@code Location}, {@code ETag} and {@code Content-Disposition} are strings;</li>
 * <li>a property whose value is {@code null} in a body example (request or response) is left out of that example
 * (Spectral {@code oas3-valid-media-example}: the schemas type such properties {@code string}, {@code integer}
 * or a {@code $ref}, not {@code null}). The answers do carry them as {@code null}; the property descriptions say
 * when. The schemas stay as they are: marking those properties nullable would change the types of the generated
 * Java clients (issue 9 point 2).</li>
 * <li>every operation with a request body and no 413 of its own gets the 413 that {@code BodyLimits} answers
 * (issue 8 point 2) for a body over {@code lianhu.http.limits.max-json-body-size}, as
 * {@code application/problem+json} with the {@code Problem} schema and an example (the upload operations declare
 * their own, with the upload limit);</li>
 * <li>every enum schema of {@code components} lists its values in its description, each with its Chinese term
 * when the Java enum implements {@link ChineseTerm} ({@code IN_POVERTY = 未脱贫; …}), so that a client sees the
 * terms of DESIGN.md beside the codes. The enum is looked up by the schema's name in the packages of
 * {@link #ENUM_PACKAGES} (where the project's enums live); one not found there gets its values without terms; one
 * whose {@code @Schema(description)} already gives each value as {@code VALUE = term} is left as it is.</li>
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiTidy implements OASFilter {

    /** Packages searched for the Java enum of an enum schema (by the schema's name). */
    static final List<String> ENUM_PACKAGES = List.of("cn.gansu.lianhu.registry.domain",
            "cn.gansu.lianhu.registry.service", "cn.gansu.lianhu.pairing.domain", "cn.gansu.lianhu.pairing.service",
            "cn.gansu.lianhu.visit.domain", "cn.gansu.lianhu.visit.service", "cn.gansu.lianhu.reporting.domain",
            "cn.gansu.lianhu.reporting.service", "cn.gansu.lianhu.imports", "cn.gansu.lianhu.api.security",
            "cn.gansu.lianhu.events.contract");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().forEach(OpenApiTidy::describeEnum);
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Operation op : path.getValue().getOperations().values()) {
                if (op.getRequestBody() != null) {
                    examplesWithoutNulls(op.getRequestBody().getContent());
                    if (op.getResponses() != null && !op.getResponses().hasAPIResponse("413")) {
                        op.getResponses().addAPIResponse("413", tooLarge(path.getKey()));
                    }
                }
                if (op.getResponses() == null || op.getResponses().getAPIResponses() == null) {
                    continue;
                }
                for (APIResponse response : op.getResponses().getAPIResponses().values()) {
                    examplesWithoutNulls(response.getContent());
                    if (response.getHeaders() != null) {
                        for (Header header : response.getHeaders().values()) {
                            if (header.getRef() == null && header.getSchema() == null && header.getContent() == null) {
                                header.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
                            }
                        }
                    }
                }
            }
        }
    }

    private static void examplesWithoutNulls(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        for (MediaType media : content.getMediaTypes().values()) {
            if (media.getExample() != null) {
                media.setExample(withoutNulls(media.getExample()));
            }
            if (media.getExamples() != null) {
                for (Example example : media.getExamples().values()) {
                    if (example.getValue() != null) {
                        example.setValue(withoutNulls(example.getValue()));
                    }
                }
            }
        }
    }

    private static APIResponse tooLarge(String path) {
        String message = "the request body of 2097153 bytes is over the limit of 2097152 bytes (2 MiB) of this "
                + "operation";
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", "body");
        error.put("rule", BodyLimits.RULE);
        error.put("message", message);
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", BodyLimits.TOO_LARGE);
        example.put("title", "Request body too large");
        example.put("status", 413);
        example.put("detail", message);
        example.put("instance", path);
        example.put("errors", List.of(error));
        return OASFactory.createAPIResponse()
                .description("Request body larger than lianhu.http.limits.max-json-body-size (2 MiB unless configured; "
                        + "rule body.too-large, issue 8): answered before anything is read or written")
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))
                        .addExample("body too large", OASFactory.createExample().value(example))));
    }

    private static void describeEnum(String name, Schema schema) {
        if (schema.getEnumeration() == null || schema.getEnumeration().isEmpty()) {
            return;
        }
        Class<?> type = enumClass(name);
        List<String> values = new ArrayList<>();
        for (Object value : schema.getEnumeration()) {
            String term = null;
            if (type != null && ChineseTerm.class.isAssignableFrom(type)) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(String.valueOf(value))) {
                        term = ((ChineseTerm) constant).chinese();
                    }
                }
            }
            values.add(term == null ? String.valueOf(value) : value + " = " + term);
        }
        String description = schema.getDescription();
        if (description != null && schema.getEnumeration().stream().allMatch(v -> description.contains(v + " = "))) {
            return; // its own description already gives every value with its term
        }
        String list = "Values: " + String.join("; ", values) + ".";
        schema.setDescription(description == null || description.isBlank() ? list : description + " " + list);
    }

    private static Class<?> enumClass(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String pkg : ENUM_PACKAGES) {
            try {
                Class<?> c = Class.forName(pkg + "." + name, false, loader);
                if (c.isEnum()) {
                    return c;
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // not in this package
            }
        }
        return null;
    }

    /** A copy of a parsed JSON value (maps, lists, scalars) with every null-valued object property removed. */
    static Object withoutNulls(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    copy.put(k, withoutNulls(v));
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(withoutNulls(v)));
            return copy;
        }
        return value;
    }
}
