package cn.gansu.lianhu.pairing.service;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.RegionCodes;
import cn.gansu.lianhu.events.contract.RegionLevel;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.outbox.Outbox;
import cn.gansu.lianhu.api.security.Role;
import cn.gansu.lianhu.imports.CopyBuffer;
import cn.gansu.lianhu.imports.ImportContext;
import cn.gansu.lianhu.imports.ImportDefinition;
import cn.gansu.lianhu.imports.ImportError;
import cn.gansu.lianhu.imports.ImportHeader;
import cn.gansu.lianhu.imports.ImportJob;
import cn.gansu.lianhu.imports.ImportRow;
import cn.gansu.lianhu.imports.ImportRunner;
import cn.gansu.lianhu.imports.ImportWork;
import cn.gansu.lianhu.pairing.domain.Unit;
import cn.gansu.lianhu.pairing.domain.UnitKind;
import cn.gansu.lianhu.pairing.domain.UnitLevel;
import cn.gansu.lianhu.pairing.events.PairingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Bulk import of units from CSV or XLSX (issue 3 point 1: "CSV/XLSX import with the same row-level behaviour as
 * household import"), run by the shared {@link ImportRunner} of lianhu-imports: upload checks, 429, job state,
 * ALL_OR_NOTHING / SKIP_INVALID, dry run, progress and the error report are the household import's.
 *
 * <p>Columns: {@link UnitImportColumn}. Rules, each reported with row, column and rule id:
 * <ul>
 * <li>{@code name}: required, ≤ 200 characters ({@code value.required}, {@code value.too-long});</li>
 * <li>{@code level}, {@code kind}: English code or Chinese term ({@code value.required}, {@code value.unknown});</li>
 * <li>{@code region_code}: 2/4/6/9/12 digits ({@code region-code.format}), in Gansu, i.e. starting with 62
 * ({@code unit.region-outside-gansu}), and at the unit's level — PROVINCE 2 digits, PREFECTURE 4, COUNTY 6,
 * TOWNSHIP 9 ({@code unit.region-level-mismatch});</li>
 * <li>{@code credit_code}: optional; GB 32100 form and check character ({@code credit-code.format},
 * {@code credit-code.check-character});</li>
 * <li>set-based: a credit code twice in the file ({@code unit.duplicate-credit-code-in-file}) or already a
 * unit's ({@code unit.duplicate-credit-code}); the same name twice in one region in the file
 * ({@code unit.duplicate-name-in-file}, column name) or already in the database ({@code unit.duplicate-name}).</li>
 * </ul>
 * The rules are those of {@link UnitService} (the REST operations), with the same rule ids where the REST answer
 * names one (unit.region-outside-gansu, unit.region-level-mismatch, unit.duplicate-credit-code,
 * unit.duplicate-name, region-code.format, credit-code.*); cell-level ids follow the household import
 * (value.required, value.too-long, value.unknown where REST says enum.value).
 * Valid rows are staged with COPY and written with insert-select in one transaction: units at version 1 and one
 * {@code UNIT_REGISTERED} event each on {@code pairing.units} (payload of {@link PairingEvents#unitData}, 0 active
 * cadres).
 */
@ApplicationScoped
public class UnitImportService implements ImportDefinition {
    /** {@code import_job.kind} of unit imports. */
    public static final String KIND = "UNITS";

    @Inject
    ImportRunner runner;
    @Inject
    Access access;
    @Inject
    JdbcAudit audit;
    @Inject
    Outbox outbox;
    @Inject
    PairingEvents events;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String noun() {
        return "units";
    }

    @Override
    public void checkHeader(String[] cells) {
        ImportHeader.of(cells, UnitImportColumn.class);
    }

    @Override
    public String conflictMessage() {
        return "a unit of this file (same credit code, or same name in the same region) was registered by someone "
                + "else while the import ran";
    }

    /** A multipart upload; see {@link ImportRunner#submitUpload}. */
    public ImportJob submitUpload(FileUpload file, boolean dryRun, String mode, String charset) throws IOException {
        return runner.submitUpload(new ScopedImport(this, this::start, access.scope(), file == null ? null : file.fileName()), file, dryRun,
                mode, charset);
    }

    /** A raw body; see {@link ImportRunner#submitBody}. */
    public ImportJob submitBody(InputStream body, String contentType, boolean dryRun, String mode, String charset)
            throws IOException {
        return runner.submitBody(new ScopedImport(this, this::start, access.scope(), null), body, contentType, dryRun, mode, charset);
    }

    @Override
    public ImportWork start(ImportContext context) throws SQLException {
        return start(context, Access.Scope.SYSTEM, null);
    }

    private ImportWork start(ImportContext context, Access.Scope who, String fileName) throws SQLException {
        try (Statement st = context.connection().createStatement()) {
            st.execute("""
                    create temp table imp_unit (
                        row_no bigint primary key, valid boolean not null, id uuid, name varchar(200), level varchar(10),
                        kind varchar(24), region_code varchar(12), credit_code varchar(18), event_id uuid, payload text,
                        event_time timestamptz) on commit drop""");
        }
        return new Work(context, who, fileName);
    }

    /** Region level a unit of {@code level} sits at. */
    static RegionLevel regionLevel(UnitLevel level) {
        return RegionLevel.valueOf(level.name());
    }

    private final class Work implements ImportWork {
        private final ImportContext context;
        private final Connection c;
        private final CopyBuffer staged;
        private ImportHeader<UnitImportColumn> header;
        private long rows;

        private final Access.Scope who;
        private final String fileName;

        Work(ImportContext context, Access.Scope who, String fileName) throws SQLException {
            this.context = context;
            this.who = who;
            this.fileName = fileName;
            this.c = context.connection();
            this.staged = new CopyBuffer(c, "imp_unit");
        }

        @Override
        public boolean row(long rowNo, String[] cells) {
            if (header == null) {
                header = ImportHeader.of(cells, UnitImportColumn.class);
                return true;
            }
            if (ImportRow.blank(cells)) {
                return true;
            }
            rows++;
            ImportRow<UnitImportColumn> r = new ImportRow<>(header, rowNo, cells, context.errors());
            String name = r.text(UnitImportColumn.NAME, true, 200);
            UnitLevel level = r.term(UnitImportColumn.LEVEL, UnitLevel.class, UnitLevel::parse);
            UnitKind kind = r.term(UnitImportColumn.KIND, UnitKind.class, UnitKind::parse);
            String region = region(r, level);
            String credit = ImportChecks.creditCode(r, UnitImportColumn.CREDIT_CODE);
            if (!r.ok()) {
                staged.add(rowNo, false, null, name, null, null, region, credit, null, null, null);
            } else {
                Unit u = new Unit();
                u.id = UUID.randomUUID();
                u.name = name;
                u.level = level;
                u.kind = kind;
                u.regionCode = region;
                u.creditCode = credit;
                u.version = 1;
                u.createdAt = context.now();
                u.updatedAt = context.now();
                CloudEvent event = outbox.envelope(EventTypes.UNIT_REGISTERED, u.id.toString(), events.unitData(u, 0));
                staged.add(rowNo, true, u.id, name, level.name(), kind.name(), region, credit, event.id(),
                        outbox.toJson(event), event.time());
            }
            if (staged.buffered() >= context.stagingChunk()) {
                try {
                    staged.flush();
                } catch (SQLException e) {
                    throw new StagingFailed(e);
                }
            }
            return true;
        }

        /** The 12-digit region code; null if blank or broken. */
        private String region(ImportRow<UnitImportColumn> r, UnitLevel level) {
            UnitImportColumn col = UnitImportColumn.REGION_CODE;
            String v = r.cell(col);
            if (v.isEmpty()) {
                r.error(col, "value.required", "region_code is required", null);
                return null;
            }
            String full = RegionCodes.toFullCode(v);
            if (full == null) {
                r.error(col, "region-code.format",
                        "a region code has 2, 4, 6, 9 or 12 digits (NBS statistical division code)", v);
                return null;
            }
            if (!full.startsWith("62")) {
                r.error(col, "unit.region-outside-gansu", "region_code " + v
                        + " is not in Gansu: units sit in a region whose code starts with 62", v);
                return null;
            }
            if (who.is(Role.REGION_ADMIN) && !who.underRegion(full)) {
                r.error(col, "unit.region-outside-scope", "region_code " + v + " is outside region " + who.region()
                        + " of the caller who submitted this import", v);
                return null;
            }
            RegionLevel at = RegionCodes.levelOf(full);
            if (level != null && at != regionLevel(level)) {
                r.error(col, "unit.region-level-mismatch", "a " + level + " (" + level.chinese()
                        + ") unit sits in a region of " + level.regionDigits() + " significant digits, but " + v
                        + " is a " + at + " code", v);
                return null;
            }
            return full;
        }

        @Override
        public void endOfFile() throws SQLException {
            if (header == null) {
                header = ImportHeader.of(null, UnitImportColumn.class);
            }
            staged.flush();
        }

        @Override
        public long rowsRead() {
            return rows;
        }

        @Override
        public long recordsRead() {
            return rows;
        }

        @Override
        public long check() throws SQLException {
            try (Statement st = c.createStatement()) {
                st.execute("create index on imp_unit (credit_code)");
                st.execute("create index on imp_unit (region_code, name)");
                st.execute("analyze imp_unit");
            }
            Set<Long> invalid = new HashSet<>();
            // 1. the same credit code twice in the file
            try (PreparedStatement ps = c.prepareStatement("""
                    with dup as (select credit_code from imp_unit where credit_code is not null group by credit_code
                                 having count(*) > 1)
                    select row_no, credit_code, count(*) over w, min(row_no) over w,
                           lead(row_no) over (partition by credit_code order by row_no)
                    from imp_unit join dup using (credit_code)
                    window w as (partition by credit_code) order by row_no""");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long row = rs.getLong(1);
                    invalid.add(row);
                    long other = row == rs.getLong(4) ? rs.getLong(5) : rs.getLong(4);
                    context.error(new ImportError(row, UnitImportColumn.CREDIT_CODE.header(),
                            "unit.duplicate-credit-code-in-file", "credit code " + rs.getString(2) + " appears "
                                    + rs.getLong(3) + " times in this file (also on row " + other
                                    + "): a credit code names one unit",
                            rs.getString(2)));
                }
            }
            // 2. the same name twice in one region in the file
            try (PreparedStatement ps = c.prepareStatement("""
                    with dup as (select region_code, name from imp_unit where region_code is not null and name is not null
                                 group by region_code, name having count(*) > 1)
                    select row_no, name, region_code, count(*) over w, min(row_no) over w,
                           lead(row_no) over (partition by region_code, name order by row_no)
                    from imp_unit join dup using (region_code, name)
                    window w as (partition by region_code, name) order by row_no""");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long row = rs.getLong(1);
                    invalid.add(row);
                    long other = row == rs.getLong(5) ? rs.getLong(6) : rs.getLong(5);
                    context.error(new ImportError(row, UnitImportColumn.NAME.header(), "unit.duplicate-name-in-file",
                            "unit '" + rs.getString(2) + "' in region " + rs.getString(3) + " appears " + rs.getLong(4)
                                    + " times in this file (also on row " + other
                                    + "): unit names are unique within a region",
                            rs.getString(2)));
                }
            }
            // 3. the credit code is already a unit's
            try (PreparedStatement ps = c.prepareStatement("""
                    select i.row_no, i.credit_code, u.id, u.name, u.region_code from imp_unit i
                    join unit u on u.credit_code = i.credit_code order by i.row_no""");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    invalid.add(rs.getLong(1));
                    // the unit is named only to a submitter who may see it (issue 6: out of scope is unknown)
                    boolean named = who.readsAll() || who.underRegion(rs.getString(5));
                    context.error(new ImportError(rs.getLong(1), UnitImportColumn.CREDIT_CODE.header(),
                            "unit.duplicate-credit-code", "credit code " + rs.getString(2)
                                    + " is already registered for " + (named
                                            ? "unit " + rs.getString(3) + " (" + rs.getString(4) + ")"
                                            : "another unit"),
                            rs.getString(2)));
                }
            }
            // 4. a unit of this name already sits in the region
            try (PreparedStatement ps = c.prepareStatement("""
                    select i.row_no, i.name, i.region_code, u.id from imp_unit i
                    join unit u on u.region_code = i.region_code and u.name = i.name order by i.row_no""");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    invalid.add(rs.getLong(1));
                    context.error(new ImportError(rs.getLong(1), UnitImportColumn.NAME.header(), "unit.duplicate-name",
                            "a unit named " + rs.getString(2) + " is already registered in region " + rs.getString(3)
                                    + ": " + rs.getString(4),
                            rs.getString(2)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("delete from imp_unit where not valid or row_no = any(?)")) {
                Array rowsArray = c.createArrayOf("int8", invalid.toArray());
                ps.setArray(1, rowsArray);
                ps.executeUpdate();
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from imp_unit")) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Override
        public long write() throws SQLException {
            long written;
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into unit (id, name, level, kind, region_code, credit_code, version, created_at, updated_at)
                    select id, name, level, kind, region_code, credit_code, 1, ?, ? from imp_unit order by row_no""")) {
                ps.setObject(1, context.now());
                ps.setObject(2, context.now());
                written = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at)
                    select event_id, ?, id::text, ?, payload, event_time from imp_unit order by row_no""")) {
                ps.setString(1, Topics.PAIRING_UNITS);
                ps.setString(2, EventTypes.UNIT_REGISTERED);
                ps.executeUpdate();
            }
            audit.record(c, who, "unit-import", context.jobId(), "IMPORTED", null, new JdbcAudit.ImportSummary(
                    context.jobId(), KIND, fileName, context.mode().name(), rows, written));
            return written;
        }

        @Override
        public void committed() {
            outbox.notifyWritten(Topics.PAIRING_UNITS);
        }
    }
}
