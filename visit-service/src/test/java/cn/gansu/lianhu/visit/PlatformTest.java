package cn.gansu.lianhu.visit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** visit-service's platform endpoints and its first operation, the (still empty) list of visits. */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class PlatformTest {

    @Test
    void healthIsUpWithDatabaseKafkaAndOutbox() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox' }.data.backlog", equalTo(0));
    }

    @Test
    void openApiListsTheVisitOperation() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Lianhu visit-service"))
                .body("paths.'/api/v1/visits'.get.operationId", equalTo("listVisits"))
                .body("paths.'/api/v1/visits'.get.responses.'400'.content.'application/problem+json'", notNullValue());
    }

    @Test
    void swaggerUiAndMetricsAreServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void visitsAreAnEmptyPageWithTheRequestedPaging() {
        // a cadre with no visits: other test classes (run before this one) log visits
        given().when().get("/api/v1/visits?page=2&size=20&cadre=" + java.util.UUID.randomUUID())
                .then().statusCode(200)
                .body("items", empty())
                .body("page", equalTo(2))
                .body("size", equalTo(20))
                .body("total", equalTo(0));
        given().when().get("/api/v1/visits")
                .then().statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(50));
    }

    @Test
    void aPageSizeAbove500IsA400ProblemNamingSize() {
        given().when().get("/api/v1/visits?size=501")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("size"))
                .body("errors[0].rule", equalTo("max"));
        given().when().get("/api/v1/visits?page=-1")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("page"))
                .body("errors[0].rule", equalTo("min"));
    }
}
