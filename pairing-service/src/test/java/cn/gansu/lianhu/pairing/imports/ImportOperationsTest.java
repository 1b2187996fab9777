package cn.gansu.lianhu.pairing.imports;

import static cn.gansu.lianhu.pairing.imports.ImportFixtures.UNITS;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.count;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.creditCode;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.csv;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.tag;
import static cn.gansu.lianhu.pairing.imports.ImportFixtures.utf8;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.OperatorProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Operator comfort (issue 9 point 5) in pairing-service: {@code lianhu_imports_total{kind,outcome}} and
 * {@code lianhu_imports_rows_total{kind}} count each ended import once, the unit events an import writes carry the
 * upload's correlation id; {@code /q/info}.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class ImportOperationsTest {

    @Inject
    DataSource ds;

    @Test
    void unitImportsAreCountedByOutcomeAndTheirEventsCarryTheUploadsCorrelationId() throws Exception {
        double succeeded = OperatorProbe.metric("lianhu_imports_total", "kind", "UNITS", "outcome", "SUCCEEDED");
        double failed = OperatorProbe.metric("lianhu_imports_total", "kind", "UNITS", "outcome", "FAILED");
        double rows = OperatorProbe.metric("lianhu_imports_rows_total", "kind", "UNITS");
        String tag = tag();
        byte[] good = utf8(csv(List.of(UnitImportTest.HEADER,
                new String[] {"马营镇妇联" + tag, "乡镇", "人民团体", "621121101000", creditCode()},
                new String[] {"定西市国有资产投资公司" + tag, "PREFECTURE", "国有企业", "6211", creditCode()})));
        byte[] bad = utf8(csv(List.of(UnitImportTest.HEADER,
                new String[] {"北京市某局" + tag, "COUNTY", "PUBLIC_INSTITUTION", "110101", ""})));

        String ok = given().header("X-Correlation-Id", "units-call-1").multiPart("file", "u.csv", good, "text/csv")
                .when().post(UNITS).then().statusCode(202).header("X-Correlation-Id", "units-call-1")
                .extract().path("id");
        assertEquals("SUCCEEDED", ImportFixtures.await(ok).get("status").asText());
        String ko = given().multiPart("file", "u.csv", bad, "text/csv").when().post(UNITS).then().statusCode(202)
                .extract().path("id");
        assertEquals("FAILED", ImportFixtures.await(ko).get("status").asText());

        assertEquals(succeeded + 1, OperatorProbe.metric("lianhu_imports_total", "kind", "UNITS", "outcome", "SUCCEEDED"));
        assertEquals(failed + 1, OperatorProbe.metric("lianhu_imports_total", "kind", "UNITS", "outcome", "FAILED"));
        assertEquals(rows + 2, OperatorProbe.metric("lianhu_imports_rows_total", "kind", "UNITS"));
        assertEquals(2, count(ds, "select count(*) from outbox_event e join unit u on u.id::text = e.event_key "
                + "where u.name like ? and e.topic = 'pairing.units' and e.correlation_id = 'units-call-1'", "%" + tag));
    }

    @Test
    void infoNamesTheBuildTheCommitAndJava() {
        OperatorProbe.assertInfo("pairing-service");
    }
}
