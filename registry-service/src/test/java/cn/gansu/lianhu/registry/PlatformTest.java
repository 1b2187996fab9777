package cn.gansu.lianhu.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The platform endpoints every service serves (issue 2 point 1) and the problem shape of unknown paths. */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class PlatformTest {

    @Test
    void healthIsUpWithDatabaseAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiAndSwaggerAndMetricsAreServed() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void unknownApiPathIsAProblem() {
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("urn:lianhu:problem:not-found"));
    }
}
