package cn.gansu.lianhu.testsupport;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.response.Response;

/**
 * Page size limits of every list operation of a service (issue 8 point 2), found in its OpenAPI document: each GET
 * with a {@code size} or {@code page} query parameter is called with {@code size=501} (over
 * {@code Page.MAX_SIZE} = 500), {@code size=0} and {@code page=-1}, and must answer 400 problem+json whose errors
 * name that parameter. A GET whose 200 body has the page shape ({@code items}, {@code page}, {@code size},
 * {@code total}) without both parameters is a gap too.
 */
public final class PageLimitAudit {
    private PageLimitAudit() {
    }

    /** The result: list operations checked (method and path) and what failed, one line each. */
    public record Result(List<String> checked, List<String> failures) {
    }

    /** {@link #check} of the running service's own document ({@code /q/openapi?format=json}). */
    public static Result checkThisService(Map<String, String> pathValues) {
        Map<String, Object> doc = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        return check(doc, pathValues);
    }

    /**
     * Calls every list operation of {@code doc} (as REST Assured is set up: port, default token).
     *
     * @param pathValues values for path parameters by name (e.g. {@code code → 620102}); UUID-typed ones not named
     *                   get a random UUID, enums their first value, others {@code 1}
     */
    @SuppressWarnings("unchecked")
    public static Result check(Map<String, Object> doc, Map<String, String> pathValues) {
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) path.getValue()).get("get");
            if (get == null) {
                continue;
            }
            List<Map<String, Object>> params = get.get("parameters") == null ? List.of()
                    : (List<Map<String, Object>>) get.get("parameters");
            boolean hasSize = params.stream().anyMatch(p -> "query".equals(p.get("in")) && "size".equals(p.get("name")));
            boolean hasPage = params.stream().anyMatch(p -> "query".equals(p.get("in")) && "page".equals(p.get("name")));
            String where = "GET " + path.getKey();
            if (!hasSize && !hasPage) {
                if (returnsPage(get, schemas)) {
                    failures.add(where + ": returns a page but has no size and page parameters");
                }
                continue;
            }
            if (!hasSize || !hasPage) {
                failures.add(where + ": has " + (hasSize ? "size" : "page") + " but not " + (hasSize ? "page" : "size"));
            }
            String url = path.getKey();
            for (Map<String, Object> p : params) {
                if ("path".equals(p.get("in"))) {
                    String name = (String) p.get("name");
                    url = url.replace("{" + name + "}", pathValue(name, (Map<String, Object>) p.get("schema"),
                            schemas, pathValues));
                }
            }
            checked.add(where);
            if (hasSize) {
                expect400(failures, where, url, "size", "501");
                expect400(failures, where, url, "size", "0");
            }
            if (hasPage) {
                expect400(failures, where, url, "page", "-1");
            }
        }
        return new Result(checked, failures);
    }

    private static void expect400(List<String> failures, String where, String url, String param, String value) {
        Response r = given().urlEncodingEnabled(false).queryParam(param, value).when().get(url);
        String what = where + " ?" + param + "=" + value + ": ";
        if (r.statusCode() != 400) {
            failures.add(what + "status " + r.statusCode() + " " + r.asString());
            return;
        }
        if (!String.valueOf(r.contentType()).startsWith("application/problem+json")) {
            failures.add(what + "content type " + r.contentType());
            return;
        }
        List<String> fields = r.jsonPath().getList("errors.field");
        if (fields == null || !fields.contains(param)) {
            failures.add(what + "errors name " + fields + ", not " + param);
        }
    }

    @SuppressWarnings("unchecked")
    private static String pathValue(String name, Map<String, Object> schema, Map<String, Object> schemas,
            Map<String, String> values) {
        if (values.containsKey(name)) {
            return values.get(name);
        }
        Map<String, Object> s = resolve(schema, schemas);
        if (s != null && s.get("enum") instanceof List<?> e && !e.isEmpty()) {
            return String.valueOf(e.get(0));
        }
        if (s != null && "uuid".equals(s.get("format"))) {
            return UUID.randomUUID().toString();
        }
        return "1";
    }

    @SuppressWarnings("unchecked")
    private static boolean returnsPage(Map<String, Object> op, Map<String, Object> schemas) {
        Map<String, Object> responses = (Map<String, Object>) op.get("responses");
        Map<String, Object> ok = responses == null ? null : (Map<String, Object>) responses.get("200");
        Map<String, Object> content = ok == null ? null : (Map<String, Object>) ok.get("content");
        Map<String, Object> json = content == null ? null : (Map<String, Object>) content.get("application/json");
        Map<String, Object> schema = json == null ? null : resolve((Map<String, Object>) json.get("schema"), schemas);
        Map<String, Object> props = schema == null ? null : (Map<String, Object>) schema.get("properties");
        return props != null && props.keySet().containsAll(List.of("items", "page", "size", "total"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolve(Map<String, Object> schema, Map<String, Object> schemas) {
        if (schema == null) {
            return null;
        }
        Object ref = schema.get("$ref");
        if (ref instanceof String r && r.startsWith("#/components/schemas/")) {
            return (Map<String, Object>) schemas.get(r.substring("#/components/schemas/".length()));
        }
        return schema;
    }
}
