package cn.gansu.lianhu.pairing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The platform endpoints every service serves: health with database and Kafka, OpenAPI, Swagger UI, metrics. */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class PlatformTest {

    @Test
    void healthIsUpWithDatabaseAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"))
                .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"));
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiListsTheVillageOperation() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Lianhu pairing-service"))
                .body("paths.'/api/v1/villages/{code}'.get.operationId", equalTo("getKnownVillage"))
                .body("paths.'/api/v1/villages/{code}'.get.responses.'404'.content.'application/problem+json'",
                        notNullValue())
                .body("paths.'/api/v1/villages/{code}'.get.responses.'400'.content.'application/problem+json'",
                        notNullValue());
    }

    @Test
    void swaggerUiAndMetricsAreServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
