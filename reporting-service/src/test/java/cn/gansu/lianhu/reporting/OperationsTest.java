package cn.gansu.lianhu.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.OperatorProbe;
import cn.gansu.lianhu.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Operator comfort (issue 9 point 5) in reporting-service: the log lines reporting writes about a record carry the
 * {@code correlation-id} header of that record (the REST call in visit-service that wrote it), and the per-topic
 * counter {@code lianhu_reporting_events_total{topic,outcome}} counts it; {@code /q/info}.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class OperationsTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void reportingLogsARecordWithItsCorrelationId() throws Exception {
        double unknown = OperatorProbe.metric("lianhu_reporting_events_total", "topic", Topics.VISIT_VISITS,
                "outcome", "unknown-type");
        double rejected = OperatorProbe.metric("lianhu_reporting_events_total", "topic", Topics.VISIT_VISITS,
                "outcome", "rejected");
        String key = UUID.randomUUID().toString();
        ReportingEvents events = new ReportingEvents(mapper);
        try (OperatorProbe.LogCapture log = new OperatorProbe.LogCapture("cn.gansu.lianhu", Level.FINE);
                KafkaProducer<String, String> producer = TestKafka.producer()) {
            // a help item: not applied by reporting on this topic (skipped, logged at DEBUG)
            ProducerRecord<String, String> help = new ProducerRecord<>(Topics.VISIT_VISITS, key,
                    events.json(Topics.VISIT_VISITS, key, EventTypes.HELP_RECORDED, Map.of("visitId", key)));
            help.headers().add("correlation-id", "visit-call-11".getBytes(StandardCharsets.UTF_8));
            producer.send(help).get();
            // not an event: dead-lettered with a warning
            ProducerRecord<String, String> bad = new ProducerRecord<>(Topics.VISIT_VISITS, key, "{\"no\":\"event\"}");
            bad.headers().add("correlation-id", "visit-call-12".getBytes(StandardCharsets.UTF_8));
            producer.send(bad).get();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> log.lines().stream().anyMatch(
                    l -> l.message().contains("(key " + key + ") cannot be applied")));
            assertEquals("visit-call-11", log.lines().stream()
                    .filter(l -> l.message().contains(EventTypes.HELP_RECORDED + " is not handled by reporting"))
                    .reduce((a, b) -> b).orElseThrow().correlationId());
            assertEquals("visit-call-12", log.lines().stream()
                    .filter(l -> l.message().contains("(key " + key + ") cannot be applied"))
                    .findFirst().orElseThrow().correlationId());
        }
        assertEquals(unknown + 1, OperatorProbe.metric("lianhu_reporting_events_total", "topic", Topics.VISIT_VISITS,
                "outcome", "unknown-type"));
        assertEquals(rejected + 1, OperatorProbe.metric("lianhu_reporting_events_total", "topic", Topics.VISIT_VISITS,
                "outcome", "rejected"));
    }

    @Test
    void infoNamesTheBuildTheCommitAndJava() {
        OperatorProbe.assertInfo("reporting-service");
    }
}
