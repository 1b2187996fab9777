package cn.gansu.lianhu.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 9 point 4: a rebuild rewinds the consumers of ONE replica, so it is refused (409 {@code rebuild.replicas})
 * while another replica of reporting is a member of its consumer group {@code reporting-service} — here a plain
 * consumer of that group on {@code visit.visits}, as a second replica's channel would be. Once it has left, the
 * rebuild starts (202) and succeeds.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class RebuildReplicasTest {

    @Test
    void aRebuildIsRefusedWhileAnotherReplicaConsumesAndStartsOnceItLeft() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LianhuTestResource.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reporting-service");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "second-replica");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> other = new KafkaConsumer<>(p)) {
            other.subscribe(List.of(Topics.VISIT_VISITS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (other.groupMetadata().memberId().isEmpty() && System.nanoTime() < deadline) {
                other.poll(Duration.ofMillis(200)); // joins the group; never commits
            }
            given().when().post("/api/v1/admin/rebuilds").then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("rebuild"))
                    .body("errors[0].rule", equalTo("rebuild.replicas"))
                    .body("detail", startsWith("another replica of reporting consumes beside this one (consumer "
                            + "group reporting-service, other members: second-replica"))
                    .body("detail", containsString("scale reporting to 1 replica, then start the rebuild"));
        }
        // the other member left the group (a dynamic member leaves at close): the rebuild runs
        String id = given().when().post("/api/v1/admin/rebuilds").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().when().get("/api/v1/admin/rebuilds/{id}", id).then().statusCode(200).extract()
                        .path("status"), s -> !"RUNNING".equals(s));
        given().when().get("/api/v1/admin/rebuilds/{id}", id).then().statusCode(200).body("status",
                equalTo("SUCCEEDED"));
    }
}
