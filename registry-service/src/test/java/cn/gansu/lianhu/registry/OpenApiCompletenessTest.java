package cn.gansu.lianhu.registry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation of the OpenAPI document (PREAMBLE "How we build"): an operation id; an example on every JSON
 * success body; every error status as {@code application/problem+json} with the {@code Problem} schema and an
 * example; and, when a path or query parameter is typed (integer, UUID), a 400 whose examples show rule
 * {@code param.type}.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class OpenApiCompletenessTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationDocumentsItsErrorsWithProblemExamples() {
        Map<String, Object> doc = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("$");
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
                Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
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
        assertTrue(operations > 0, "the document lists no operation");
        assertEquals(List.of(), gaps);
    }

    /** The examples the reviewer asked for carry the real Gansu figures of the bundled files. */
    @Test
    void regionAndImportExamplesCarryRealFigures() {
        String regions = "paths.'/api/v1/regions/{code}'.get.responses.'200'.content.'application/json'.examples";
        String counts = "paths.'/api/v1/regions/{code}/counts'.get.responses.'200'.content.'application/json'.examples";
        String imports = "paths.'/api/v1/regions/imports/{kind}'.post.responses.'200'.content.'application/json'.examples";
        String job = "paths.'/api/v1/households/imports/{id}'.get.responses";
        String upload = "paths.'/api/v1/households/imports'.post.responses";
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body(regions + ".county.value.name", equalTo("永登县"))
                .body(regions + ".county.value.contiguousArea", equalTo("六盘山区"))
                .body(regions + ".village.value.poorVillage", equalTo(true))
                .body(counts + ".county.value.townships", equalTo(15))
                .body(counts + ".county.value.villages", equalTo(196))
                .body(counts + ".county.value.poorVillages", equalTo(130))
                .body(counts + ".prefecture.value.poorVillages", equalTo(1326))
                .body(counts + ".province.value.villages", equalTo(17718))
                .body(imports + ".'counties, first import'.value.created", equalTo(103))
                .body(job + ".'200'.content.'application/json'.examples.running.value.status", equalTo("RUNNING"))
                .body(job + ".'200'.content.'application/json'.examples.running.value.percent", equalTo(37))
                .body(job + ".'200'.content.'application/json'.examples.succeeded.value.status", equalTo("SUCCEEDED"))
                .body(upload + ".'413'.content.'application/problem+json'.examples.'too large'.value.status", equalTo(413))
                .body(upload + ".'415'.content.'application/problem+json'.examples.'unsupported type'.value.status",
                        equalTo(415))
                .body("paths.'/api/v1/households/imports/{id}/errors'.get.responses.'400'.content."
                        + "'application/problem+json'.examples.'wrong parameter type'.value.errors[0].rule",
                        equalTo("param.type"));
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
