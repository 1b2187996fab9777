package cn.gansu.lianhu.registry.service;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.api.security.Caller;
import cn.gansu.lianhu.api.security.Role;
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
 *
 * <p>Security (issue 6): each submission runs with its submitter's scope — a REGION_ADMIN's rows for villages
 * outside its prefix fail with {@code village.unknown} exactly like unknown villages — and a job that writes
 * records one audit entry ({@code household-import}, IMPORTED, after = file name and counts) in the same
 * transaction as its households. The submitter is stored ({@code import_job_submitter}): a REGION_ADMIN sees only
 * its own jobs.
 */
@ApplicationScoped
public class HouseholdImportService implements ImportDefinition {

    @Inject
    ImportRunner runner;
    @Inject
    DataSource dataSource;
    @Inject
    Outbox outbox;
    @Inject
    Caller caller;
    @Inject
    ImportSubmitters submitters;

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

    /**
     * Who submitted a job, taken from the token on the request thread (the job runs on a worker thread):
     * the actor and role for the audit entry, and the region prefix bounding the villages of the file (null for
     * PROVINCE_ADMIN, who may import anywhere).
     */
    public record Submitter(String actor, String role, String regionPrefix) {
    }

    /** A multipart upload; see {@link ImportRunner#submitUpload}. */
    public ImportJob submitUpload(FileUpload file, boolean dryRun, String mode, String charset) throws IOException {
        Submitter submitter = submitter();
        ImportJob job = runner.submitUpload(new Submitted(submitter, file == null ? null : file.fileName()), file,
                dryRun, mode, charset);
        submitters.remember(job.id(), submitter);
        return job;
    }

    /** A raw body; see {@link ImportRunner#submitBody}. */
    public ImportJob submitBody(InputStream body, String contentType, boolean dryRun, String mode, String charset)
            throws IOException {
        Submitter submitter = submitter();
        ImportJob job = runner.submitBody(new Submitted(submitter, null), body, contentType, dryRun, mode, charset);
        submitters.remember(job.id(), submitter);
        return job;
    }

    private Submitter submitter() {
        return new Submitter(caller.actor(), caller.role().name(),
                caller.role() == Role.PROVINCE_ADMIN ? null : caller.regionPrefix().orElse("-"));
    }

    /**
     * True when the caller may see this job: PROVINCE_ADMIN, AUDITOR and INTEGRATION every job, REGION_ADMIN
     * only the jobs it submitted (issue 6 point 2); others never.
     */
    public boolean visible(String jobId) {
        if (caller.readsAll()) {
            return true;
        }
        return caller.role() == Role.REGION_ADMIN && submitters.actorOf(UUID.fromString(jobId))
                .filter(caller.actor()::equals).isPresent();
    }

    /** This definition bound to one submission: its scope and audit entry. */
    private final class Submitted implements ImportDefinition {
        private final Submitter submitter;
        private final String fileName;

        Submitted(Submitter submitter, String fileName) {
            this.submitter = submitter;
            this.fileName = fileName;
        }

        @Override
        public String kind() {
            return HouseholdImportService.this.kind();
        }

        @Override
        public String noun() {
            return HouseholdImportService.this.noun();
        }

        @Override
        public void checkHeader(String[] cells) {
            HouseholdImportService.this.checkHeader(cells);
        }

        @Override
        public String conflictMessage() {
            return HouseholdImportService.this.conflictMessage();
        }

        @Override
        public ImportWork start(ImportContext context) throws SQLException {
            return HouseholdImportService.this.start(context, submitter, fileName);
        }
    }

    @Override
    public ImportWork start(ImportContext context) throws SQLException {
        return start(context, new Submitter("system", "SYSTEM", null), null);
    }

    private ImportWork start(ImportContext context, Submitter submitter, String fileName) throws SQLException {
        Map<String, Boolean> villages = villages();
        if (submitter.regionPrefix() != null) {
            // rows for villages outside the submitter's region fail exactly like rows for unknown villages
            villages.keySet().removeIf(code -> !code.startsWith(submitter.regionPrefix()));
        }
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
                return staging.check(parser.lateInvalid(), submitter.regionPrefix(), context::error);
            }

            @Override
            public long write() throws SQLException {
                long written = staging.write(context.jobId(), context.today(), context.now());
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("jobId", context.jobId().toString());
                summary.put("fileName", fileName);
                summary.put("mode", context.mode().name());
                summary.put("rowsRead", parser.rowsRead());
                summary.put("householdsRead", parser.householdsRead());
                summary.put("householdsImported", written);
                submitters.audit(context.connection(), submitter, context.jobId(), summary);
                return written;
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
