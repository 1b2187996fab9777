package cn.gansu.lianhu.visit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
