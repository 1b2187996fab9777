package cn.gansu.lianhu.registry.households;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The household operations are documented with operation ids, problem responses and examples. */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class HouseholdOpenApiTest {

    @Test
    void operationsCarryIdsErrorsAndExamples() {
        String base = "paths.'/api/v1/households'";
        String one = "paths.'/api/v1/households/{id}'";
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body(base + ".post.operationId", equalTo("registerHousehold"))
                .body(base + ".post.requestBody.content.'application/json'.examples", notNullValue())
                .body(base + ".post.responses", hasKey("201"))
                .body(base + ".post.responses.'400'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"))
                .body(base + ".post.responses.'409'.content.'application/problem+json'.examples", notNullValue())
                .body(base + ".post.responses.'422'.content.'application/problem+json'.examples", notNullValue())
                .body(base + ".get.operationId", equalTo("listHouseholds"))
                .body(base + ".get.responses.'400'.content.'application/problem+json'.examples", notNullValue())
                .body(one + ".get.operationId", equalTo("getHousehold"))
                .body(one + ".get.responses", hasKey("404"))
                .body(one + ".put.operationId", equalTo("updateHousehold"))
                .body(one + ".put.responses.'409'.content.'application/problem+json'.examples", notNullValue())
                .body("paths.'/api/v1/households/{id}/status'.post.operationId", equalTo("changeHouseholdStatus"))
                .body("paths.'/api/v1/households/{id}/status'.post.responses", hasKey("422"))
                .body("paths.'/api/v1/households/{id}/status-history'.get.operationId",
                        equalTo("getHouseholdStatusHistory"))
                .body("components.schemas.Household", anyOf(hasKey("example"), hasKey("examples")));
    }
}
