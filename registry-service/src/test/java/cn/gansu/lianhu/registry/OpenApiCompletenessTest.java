package cn.gansu.lianhu.registry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.OpenApiAudit;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation of the OpenAPI document (rules in {@link OpenApiAudit}): an operation id; an example on every JSON
 * success body; every error status as {@code application/problem+json} with the {@code Problem} schema and an
 * example; and, when a path or query parameter is typed (integer, UUID), a 400 whose examples show rule
 * {@code param.type}.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class OpenApiCompletenessTest {

    @Test
    void everyOperationDocumentsItsErrorsWithProblemExamples() {
        Map<String, Object> doc = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        assertEquals(List.of(), OpenApiAudit.gaps(doc));
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
}
