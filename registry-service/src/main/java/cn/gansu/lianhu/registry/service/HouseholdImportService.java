package cn.gansu.lianhu.registry.service;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;

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
import cn.gansu.lianhu.imports.ImportMode;
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
 * set-based checks and COPY straight into the tables ({@link HouseholdImportWriter}) — households, members,
 * their registration in the status history (IN_POVERTY since today) and one {@code HOUSEHOLD_REGISTERED} outbox
 * event per household, all in the ONE transaction of the job's connection.
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
    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "lianhu.events.source")
    String eventSource;

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
        HouseholdImportWriter writer = new HouseholdImportWriter(context.connection(), context.stagingChunk(),
                !context.dryRun(), context.mode() == ImportMode.ALL_OR_NOTHING, context.jobId(), context.today(),
                context.now());
        HouseholdImportParser parser = new HouseholdImportParser(villages, context.today(),
                new HouseholdImportParser.Output() {
                    @Override
                    public void household(HouseholdImportParser.Household h) {
                        stage(writer, h, context);
                    }

                    @Override
                    public void error(cn.gansu.lianhu.imports.ImportError e) {
                        writer.errorSeen();
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
                writer.finish();
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
            public long check() {
                return writer.check(parser.lateInvalid(), submitter.regionPrefix(), context::error);
            }

            @Override
            public long write() throws SQLException {
                long written = writer.write();
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
            public void abort() {
                writer.abort();
            }

            @Override
            public void committed() {
                outbox.notifyWritten(Topics.REGISTRY_HOUSEHOLDS);
            }
        };
    }

    private void stage(HouseholdImportWriter writer, HouseholdImportParser.Household h, ImportContext context) {
        if (!h.valid()) {
            writer.add(h, null, null, null, null);
            return;
        }
        UUID id = writer.newId();
        UUID eventId = writer.newId();
        HouseholdImportParser.Member head = h.members().get(0);
        List<String> others = new ArrayList<>(h.otherCauses().size());
        for (PovertyCause c : h.otherCauses()) {
            others.add(c.name());
        }
        HouseholdData data = new HouseholdData(id.toString(), h.villageCode(), head.name(),
                IdNumbers.mask(head.idNumber()), h.members().size(), h.mainCause().name(), others,
                h.incomePerCapita(), HouseholdStatus.IN_POVERTY.name(), null, context.today(), 1L);
        // stamped like Outbox.envelope: now, in UTC
        OffsetDateTime time = OffsetDateTime.now(Clock.systemUTC()).withOffsetSameInstant(ZoneOffset.UTC);
        writer.add(h, id, eventId, time, registeredEventJson(eventId.toString(), time, data));
    }

    /**
     * The {@code HOUSEHOLD_REGISTERED} CloudEvent as published: the same JSON as
     * {@code outbox.toJson(outbox.envelope(HOUSEHOLD_REGISTERED, data.id(), data))} with this id and time, but with
     * the data serialised once, straight from the record, rather than through a JSON tree (issue 7: 400,000 events
     * per full-province import).
     */
    public String registeredEventJson(String eventId, OffsetDateTime time, HouseholdData data) {
        try {
            // the envelope's JSON tree normalises decimals (1200.00 → 1.2E+3): the same number here
            HouseholdData normalised = data.incomePerCapita() == null ? data : new HouseholdData(data.id(),
                    data.villageCode(), data.headName(), data.headIdNumberMasked(), data.memberCount(),
                    data.mainCause(), data.otherCauses(),
                    mapper.valueToTree(data.incomePerCapita()).decimalValue(), data.status(), data.previousStatus(),
                    data.statusSince(), data.version());
            String payload = mapper.writeValueAsString(normalised);
            CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, eventId, eventSource,
                    EventTypes.HOUSEHOLD_REGISTERED, data.id(), time, CloudEvent.JSON,
                    mapper.getNodeFactory().rawValueNode(new RawValue(payload)));
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + EventTypes.HOUSEHOLD_REGISTERED + " cannot be serialised", e);
        }
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
