package cn.gansu.lianhu.pairing;

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

    /** getKnownVillage shows a real poor village of 通渭县 and a real village that is not poor. */
    @Test
    void knownVillageExamplesAreRealVillages() {
        String examples = "paths.'/api/v1/villages/{code}'.get.responses.'200'.content.'application/json'.examples";
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body(examples + ".'poor village'.value.name", equalTo("城关村民委员会"))
                .body(examples + ".'poor village'.value.poor", equalTo(true))
                .body(examples + ".'not a poor village'.value.code", equalTo("620121101205"))
                .body(examples + ".'not a poor village'.value.poor", equalTo(false));
    }
}
