package cn.gansu.lianhu.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.corpus.BadInputCorpus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Issue 8 point 4 for reporting-service: a deterministic corpus of malformed requests generated from this service's
 * OpenAPI document, sent to every operation (see {@link BadInputCorpus}). Asserts: every operation covered, no 5xx,
 * every 4xx an application/problem+json Problem whose status is the HTTP status, no malformed request accepted,
 * 401 for missing and bad tokens, and every table of the database unchanged.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class BadInputCorpusTest {

    @Test
    void malformedRequestsAreRefusedWithProblemsAndChangeNothing() {
        BadInputCorpus.Report report = BadInputCorpus.forService("reporting-service", "http://localhost:" + RestAssured.port)
                .run();
        System.out.println(report.summary());
        assertEquals(report.documented(), report.covered(), "operations covered");
        assertEquals(List.of(), report.failures(), "answers that break a rule (see the summary above)");
        assertEquals(0, report.serverErrors(), "5xx answers");
        assertEquals(List.of(), report.databaseChange(), "tables changed by refused requests");
    }
}
