package cn.gansu.lianhu.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a service's OpenAPI document (as parsed JSON) against the project's rules for every operation: an
 * operation id; an example on every JSON success body; every error status as
 * {@code application/problem+json} with the {@code Problem} schema and an example; and, when a path or query
 * parameter is typed (integer, UUID), a 400 whose examples show rule {@code param.type}. Also (issue 9 point 1, what
 * Spectral's ruleset does not check): a summary, a description and a tag on every operation; at least one 4xx
 * answer (a client always has a problem to handle); and a bearer security requirement without scopes (HTTP bearer
 * has none; the roles are in {@code x-roles}).
 */
public final class OpenApiAudit {
    private OpenApiAudit() {
    }

    /** What the document lacks, one line per gap; empty when complete. Throws if it lists no operation. */
    @SuppressWarnings("unchecked")
    public static List<String> gaps(Map<String, Object> doc) {
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
        List<String> gaps = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            for (Map.Entry<String, Object> op : ((Map<String, Object>) path.getValue()).entrySet()) {
                if (!List.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                    continue;
                }
                operations++;
                Map<String, Object> operation = (Map<String, Object>) op.getValue();
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                if (operation.get("operationId") == null) {
                    gaps.add(where + ": no operationId");
                }
                for (String text : List.of("summary", "description")) {
                    if (!(operation.get(text) instanceof String t) || t.isBlank()) {
                        gaps.add(where + ": no " + text);
                    }
                }
                if (!(operation.get("tags") instanceof List<?> tags) || tags.isEmpty()) {
                    gaps.add(where + ": no tag");
                }
                List<Map<String, Object>> security = (List<Map<String, Object>>) operation.get("security");
                if (security != null) {
                    for (Map<String, Object> requirement : security) {
                        requirement.forEach((scheme, scopes) -> {
                            if (scopes instanceof List<?> l && !l.isEmpty()) {
                                gaps.add(where + ": scopes " + l + " on HTTP bearer scheme " + scheme);
                            }
                        });
                    }
                    if (!security.isEmpty() && operation.get("x-roles") == null) {
                        gaps.add(where + ": secured but no x-roles");
                    }
                }
                Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
                if (responses.keySet().stream().noneMatch(s -> s.startsWith("4"))) {
                    gaps.add(where + ": no 4xx answer");
                }
                for (Map.Entry<String, Object> r : responses.entrySet()) {
                    Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) r.getValue()).get("content");
                    int status = Integer.parseInt(r.getKey());
                    if (status >= 400) {
                        Map<String, Object> problem = content == null ? null
                                : (Map<String, Object>) content.get("application/problem+json");
                        if (problem == null) {
                            gaps.add(where + " " + status + ": no application/problem+json");
                            continue;
                        }
                        if (!"#/components/schemas/Problem".equals(((Map<String, Object>) problem.get("schema")).get("$ref"))) {
                            gaps.add(where + " " + status + ": schema is not Problem");
                        }
                        if (!hasExamples(problem)) {
                            gaps.add(where + " " + status + ": no example");
                        }
                    } else if (content != null && content.get("application/json") != null) {
                        Map<String, Object> json = (Map<String, Object>) content.get("application/json");
                        if (!hasExamples(json) && !schemaHasExample(json, schemas)) {
                            gaps.add(where + " " + status + ": no example");
                        }
                    }
                }
                List<Map<String, Object>> params = (List<Map<String, Object>>) operation.get("parameters");
                boolean typed = params != null && params.stream()
                        .filter(p -> "path".equals(p.get("in")) || "query".equals(p.get("in")))
                        .anyMatch(p -> typed((Map<String, Object>) p.get("schema"), schemas));
                if (typed) {
                    Map<String, Object> bad = (Map<String, Object>) responses.get("400");
                    if (bad == null || !String.valueOf(bad).contains("param.type")) {
                        gaps.add(where + ": typed parameter but no 400 example with rule param.type");
                    }
                }
            }
        }
        if (operations == 0) {
            throw new IllegalStateException("the document lists no operation");
        }
        return gaps;
    }

    private static boolean hasExamples(Map<String, Object> media) {
        Object examples = media.get("examples");
        return media.get("example") != null || (examples instanceof Map<?, ?> m && !m.isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static boolean schemaHasExample(Map<String, Object> media, Map<String, Object> schemas) {
        Map<String, Object> schema = resolve((Map<String, Object>) media.get("schema"), schemas);
        return schema != null && schema.get("example") != null;
    }

    private static boolean typed(Map<String, Object> schema, Map<String, Object> schemas) {
        Map<String, Object> s = resolve(schema, schemas);
        return s != null && ("integer".equals(s.get("type")) || "uuid".equals(s.get("format")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolve(Map<String, Object> schema, Map<String, Object> schemas) {
        if (schema != null && schema.get("$ref") instanceof String ref && schemas != null) {
            return (Map<String, Object>) schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }
}
