package cn.gansu.lianhu.registry.service;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.HouseholdData;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.outbox.Outbox;
import cn.gansu.lianhu.imports.ImportContext;
import cn.gansu.lianhu.imports.ImportDefinition;
import cn.gansu.lianhu.imports.ImportHeader;
import cn.gansu.lianhu.imports.ImportJob;
import cn.gansu.lianhu.imports.ImportRunner;
import cn.gansu.lianhu.imports.ImportWork;
import cn.gansu.lianhu.registry.domain.HouseholdStatus;
import cn.gansu.lianhu.registry.domain.PovertyCause;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Bulk import of households from CSV or XLSX (issue point 7; DESIGN.md §4 "Bulk import"): the household part
 * of an import job run by the shared {@link ImportRunner} of lianhu-imports (upload checks, 429, job state,
 * modes, dry run, progress, error report).
 *
 * <p>Here: the header ({@link HouseholdImportColumn}), row-by-row validation ({@link HouseholdImportParser}),
 * COPY into staging tables, set-based checks and insert-select ({@link HouseholdImportStaging}) —
 * households, members, their registration in the status history (IN_POVERTY since today) and one
 * {@code HOUSEHOLD_REGISTERED} outbox event per household, all in the ONE transaction of the job's
 * connection.
 */
@ApplicationScoped
public class HouseholdImportService implements ImportDefinition {

    @Inject
    ImportRunner runner;
    @Inject
    DataSource dataSource;
    @Inject
    Outbox outbox;

    @Override
    public String kind() {
        return "HOUSEHOLDS";
    }

    @Override
    public String noun() {
        return "households";
    }

    @Override
    public void checkHeader(String[] cells) {
        ImportHeader.of(cells, HouseholdImportColumn.class);
    }

    @Override
    public String conflictMessage() {
        return "a household or person of this file was registered by someone else while the import ran";
    }

    /** A multipart upload; see {@link ImportRunner#submitUpload}. */
    public ImportJob submitUpload(FileUpload file, boolean dryRun, String mode, String charset) throws IOException {
        return runner.submitUpload(this, file, dryRun, mode, charset);
    }

    /** A raw body; see {@link ImportRunner#submitBody}. */
    public ImportJob submitBody(InputStream body, String contentType, boolean dryRun, String mode, String charset)
            throws IOException {
        return runner.submitBody(this, body, contentType, dryRun, mode, charset);
    }

    @Override
    public ImportWork start(ImportContext context) throws SQLException {
        Map<String, Boolean> villages = villages();
        HouseholdImportStaging staging = new HouseholdImportStaging(context.connection(), context.stagingChunk());
        staging.createTables();
        HouseholdImportParser parser = new HouseholdImportParser(villages, context.today(),
                new HouseholdImportParser.Output() {
                    @Override
                    public void household(HouseholdImportParser.Household h) {
                        try {
                            stage(staging, h, context);
                        } catch (SQLException e) {
                            throw new ImportWork.StagingFailed(e);
                        }
                    }

                    @Override
                    public void error(cn.gansu.lianhu.imports.ImportError e) {
                        context.error(e);
                    }
                });
        return new ImportWork() {
            @Override
            public boolean row(long rowNo, String[] cells) {
                return parser.row(rowNo, cells);
            }

            @Override
            public void endOfFile() throws SQLException {
                parser.finish();
                staging.flush();
            }

            @Override
            public long rowsRead() {
                return parser.rowsRead();
            }

            @Override
            public long recordsRead() {
                return parser.householdsRead();
            }

            @Override
            public long check() throws SQLException {
                return staging.check(parser.lateInvalid(), context::error);
            }

            @Override
            public long write() throws SQLException {
                return staging.write(context.jobId(), context.today(), context.now());
            }

            @Override
            public void committed() {
                outbox.notifyWritten(Topics.REGISTRY_HOUSEHOLDS);
            }
        };
    }

    private void stage(HouseholdImportStaging staging, HouseholdImportParser.Household h, ImportContext context)
            throws SQLException {
        if (!h.valid()) {
            staging.add(h, null, null, null);
            return;
        }
        UUID id = UUID.randomUUID();
        HouseholdImportParser.Member head = h.members().get(0);
        List<String> others = new ArrayList<>(h.otherCauses().size());
        for (PovertyCause c : h.otherCauses()) {
            others.add(c.name());
        }
        HouseholdData data = new HouseholdData(id.toString(), h.villageCode(), head.name(),
                IdNumbers.mask(head.idNumber()), h.members().size(), h.mainCause().name(), others,
                h.incomePerCapita(), HouseholdStatus.IN_POVERTY.name(), null, context.today(), 1L);
        CloudEvent event = outbox.envelope(EventTypes.HOUSEHOLD_REGISTERED, id.toString(), data);
        staging.add(h, id, event, outbox.toJson(event));
    }

    /** Every village code → designated poor village or not; loaded once per job. */
    private Map<String, Boolean> villages() throws SQLException {
        Map<String, Boolean> villages = new HashMap<>(32_768);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select code, poor_village from region where level = 'VILLAGE'")) {
            while (rs.next()) {
                villages.put(rs.getString(1), rs.getBoolean(2));
            }
        }
        return villages;
    }
}
