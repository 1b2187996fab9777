package cn.gansu.lianhu.pairing.service;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.contract.EventTypes;
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
import cn.gansu.lianhu.pairing.domain.Cadre;
import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.pairing.domain.CadreStatus;
import cn.gansu.lianhu.pairing.domain.CreditCodes;
import cn.gansu.lianhu.pairing.domain.Unit;
import cn.gansu.lianhu.pairing.domain.UnitKind;
import cn.gansu.lianhu.pairing.domain.UnitLevel;
import cn.gansu.lianhu.pairing.events.PairingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Bulk import of cadres from CSV or XLSX (issue 3 point 2), run by the shared {@link ImportRunner} of
 * lianhu-imports with the household import's behaviour (upload checks, 429, modes, dry run, progress, error
 * report). Imported cadres are ACTIVE, as registered by {@link CadreService}. ID numbers never leave in full: the
 * error report masks them ({@code 620102********123X}), events carry them masked.
 *
 * <p>Columns: {@link CadreImportColumn}. Rules, each reported with row, column and rule id:
 * <ul>
 * <li>{@code name}: required, ≤ 50 characters;</li>
 * <li>{@code id_number}: GB 11643 ({@code id-number.format|region|birth-date|check-digit}, {@link IdNumbers});</li>
 * <li>{@code unit_credit_code} or {@code unit_id}: one is required ({@code value.required}); the credit code's
 * form ({@code credit-code.format}, {@code credit-code.check-character}), the id's form ({@code unit-id.format});
 * the unit must exist ({@code cadre.unknown-unit}); both given but naming two units: {@code unit.mismatch};</li>
 * <li>{@code rank}: English code or Chinese term ({@code value.unknown});</li>
 * <li>{@code phone}: optional, {@code \+?[0-9][0-9 -]{4,19}} as in the REST request ({@code phone.format}, not
 * echoed back);</li>
 * <li>{@code status}: optional column; blank or ACTIVE/在岗 ({@code value.unknown}, {@code cadre.status-on-create});</li>
 * <li>set-based: the same ID number twice in the file ({@code cadre.duplicate-id-number-in-file}) or already a
 * cadre's ({@code cadre.duplicate-id-number}).</li>
 * </ul>
 * The rules are those of {@link CadreService#register}, with its rule ids where the REST answer names one
 * (id-number.*, cadre.unknown-unit, cadre.duplicate-id-number, cadre.status-on-create); cell-level ids follow
 * the household import (value.required, value.too-long, value.unknown where REST says enum.value).
 * Valid rows are staged with COPY and written with insert-select in one transaction: cadres at version 1 with one
 * {@code CADRE_REGISTERED} event each on {@code pairing.cadres} ({@link PairingEvents#cadreData}); then every unit
 * that gained cadres gets version + 1 and one {@code UNIT_UPDATED} event on {@code pairing.units} with its new
 * ACTIVE cadre count and required villages ({@link PairingEvents#unitData}).
 */
@ApplicationScoped
public class CadreImportService implements ImportDefinition {
    /** {@code import_job.kind} of cadre imports. */
    public static final String KIND = "CADRES";
    /** Phone numbers, as in the REST request (CadreRequest): an optional +, then 5–20 digits, spaces or -. */
    static final String PHONE = "\\+?[0-9][0-9 -]{4,19}";

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
        return "cadres";
    }

    @Override
    public void checkHeader(String[] cells) {
        header(cells);
    }

    /** The header, which must also name the unit by one of its two columns. */
    static ImportHeader<CadreImportColumn> header(String[] cells) {
        ImportHeader<CadreImportColumn> h = ImportHeader.of(cells, CadreImportColumn.class);
        if (!h.has(CadreImportColumn.UNIT_CREDIT_CODE) && !h.has(CadreImportColumn.UNIT_ID)) {
            throw ApiException.invalid("header." + CadreImportColumn.UNIT_CREDIT_CODE.header(), "header.missing-column",
                    "column 'unit_credit_code' (单位统一社会信用代码) or 'unit_id' is missing: one of them names each "
                            + "cadre's unit");
        }
        return h;
    }

    @Override
    public String conflictMessage() {
        return "a cadre of this file (same ID number) was registered by someone else while the import ran";
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
        Connection c = context.connection();
        Map<String, UUID> byCreditCode = new HashMap<>();
        Set<UUID> units = new HashSet<>();
        try (Statement st = c.createStatement()) {
            st.execute("""
                    create temp table imp_cadre (
                        row_no bigint primary key, valid boolean not null, id uuid, name varchar(50),
                        id_number varchar(18), unit_id uuid, rank varchar(20), phone varchar(20), event_id uuid,
                        payload text, event_time timestamptz) on commit drop""");
            // units outside the caller's scope are not offered: a row naming one fails as for an unknown unit
            String where = who.readsAll() || who.province() ? ""
                    : who.is(Role.REGION_ADMIN) ? " where region_code like '" + who.region().replaceAll("\\D", "") + "%'"
                    : " where id = '" + (who.unit() == null ? new UUID(0, 0) : who.unit()) + "'";
            try (ResultSet rs = st.executeQuery("select id, credit_code from unit" + where)) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    units.add(id);
                    if (rs.getString(2) != null) {
                        byCreditCode.put(rs.getString(2), id);
                    }
                }
            }
        }
        return new Work(context, byCreditCode, units, who, fileName);
    }

    private final class Work implements ImportWork {
        private final ImportContext context;
        private final Connection c;
        private final Map<String, UUID> byCreditCode;
        private final Set<UUID> units;
        private final CopyBuffer staged;
        private ImportHeader<CadreImportColumn> header;
        private long rows;

        private final Access.Scope who;
        private final String fileName;

        Work(ImportContext context, Map<String, UUID> byCreditCode, Set<UUID> units, Access.Scope who,
                String fileName) throws SQLException {
            this.context = context;
            this.who = who;
            this.fileName = fileName;
            this.c = context.connection();
            this.byCreditCode = byCreditCode;
            this.units = units;
            this.staged = new CopyBuffer(c, "imp_cadre");
        }

        @Override
        public boolean row(long rowNo, String[] cells) {
            if (header == null) {
                header = header(cells);
                return true;
            }
            if (ImportRow.blank(cells)) {
                return true;
            }
            rows++;
            ImportRow<CadreImportColumn> r = new ImportRow<>(header, rowNo, cells, context.errors());
            String name = r.text(CadreImportColumn.NAME, true, 50);
            String id = idNumber(r);
            UUID unit = unit(r);
            CadreRank rank = r.term(CadreImportColumn.RANK, CadreRank.class, CadreRank::parse);
            String phone = r.cell(CadreImportColumn.PHONE);
            if (phone.isEmpty()) {
                phone = null;
            } else if (phone.length() > 20 || !phone.matches(PHONE)) {
                r.error(CadreImportColumn.PHONE, "phone.format",
                        "phone: at most 20 characters, an optional + then digits, spaces and - only", null);
                phone = null;
            }
            String status = r.cell(CadreImportColumn.STATUS);
            if (!status.isEmpty()) {
                CadreStatus s = r.term(CadreImportColumn.STATUS, CadreStatus.class, CadreStatus::parse);
                if (s != null && s != CadreStatus.ACTIVE) {
                    r.error(CadreImportColumn.STATUS, "cadre.status-on-create", "a cadre is registered ACTIVE ("
                            + CadreStatus.ACTIVE.chinese() + "); " + s + " is reached through the departure/hand-over "
                            + "operation", status);
                }
            }
            if (!r.ok()) {
                staged.add(rowNo, false, null, name, id, null, null, null, null, null, null);
            } else {
                Cadre cadre = new Cadre();
                cadre.id = UUID.randomUUID();
                cadre.name = name;
                cadre.idNumber = id;
                cadre.unitId = unit;
                cadre.rank = rank;
                cadre.status = CadreStatus.ACTIVE;
                cadre.phone = phone;
                cadre.version = 1;
                cadre.createdAt = context.now();
                cadre.updatedAt = context.now();
                CloudEvent event = outbox.envelope(EventTypes.CADRE_REGISTERED, cadre.id.toString(),
                        events.cadreData(cadre));
                staged.add(rowNo, true, cadre.id, name, id, unit, rank.name(), phone, event.id(), outbox.toJson(event),
                        event.time());
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

        /** The normalised ID number; null if blank or broken. */
        private String idNumber(ImportRow<CadreImportColumn> r) {
            String id = IdNumbers.normalise(r.cell(CadreImportColumn.ID_NUMBER));
            if (id.isEmpty()) {
                r.error(CadreImportColumn.ID_NUMBER, "value.required", "id_number is required", null);
                return null;
            }
            Optional<IdNumbers.Violation> v = IdNumbers.validate(id, context.today());
            if (v.isPresent()) {
                r.error(CadreImportColumn.ID_NUMBER, v.get().rule(), v.get().message(), IdNumbers.mask(id));
                return null;
            }
            return id;
        }

        /** The unit named by credit code or id; null if none or unknown. */
        private UUID unit(ImportRow<CadreImportColumn> r) {
            String creditCell = r.cell(CadreImportColumn.UNIT_CREDIT_CODE);
            String idCell = r.cell(CadreImportColumn.UNIT_ID);
            if (creditCell.isEmpty() && idCell.isEmpty()) {
                CadreImportColumn col = header.has(CadreImportColumn.UNIT_CREDIT_CODE)
                        ? CadreImportColumn.UNIT_CREDIT_CODE : CadreImportColumn.UNIT_ID;
                r.error(col, "value.required", "the cadre's unit is required: unit_credit_code or unit_id", null);
                return null;
            }
            UUID byCredit = null;
            boolean ok = true;
            if (!creditCell.isEmpty()) {
                String code = ImportChecks.creditCode(r, CadreImportColumn.UNIT_CREDIT_CODE);
                if (code == null) {
                    ok = false;
                } else {
                    byCredit = byCreditCode.get(code);
                    if (byCredit == null) {
                        r.error(CadreImportColumn.UNIT_CREDIT_CODE, "cadre.unknown-unit",
                                "no unit has the credit code " + code, code);
                        ok = false;
                    }
                }
            }
            UUID byId = null;
            if (!idCell.isEmpty()) {
                try {
                    byId = UUID.fromString(idCell);
                    if (!units.contains(byId)) {
                        r.error(CadreImportColumn.UNIT_ID, "cadre.unknown-unit", "unit " + idCell + " does not exist",
                                idCell);
                        byId = null;
                        ok = false;
                    }
                } catch (IllegalArgumentException e) {
                    r.error(CadreImportColumn.UNIT_ID, "unit-id.format", "unit_id must be a unit's id (a UUID)",
                            idCell);
                    ok = false;
                }
            }
            if (!ok) {
                return null;
            }
            if (byCredit != null && byId != null && !byCredit.equals(byId)) {
                r.error(CadreImportColumn.UNIT_ID, "unit.mismatch", "unit_id " + byId
                        + " is not the unit with credit code " + CreditCodes.normalise(creditCell) + " (" + byCredit
                        + "): give one of them, or both for the same unit", idCell);
                return null;
            }
            return byCredit != null ? byCredit : byId;
        }

        @Override
        public void endOfFile() throws SQLException {
            if (header == null) {
                header = header(null);
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
                st.execute("create index on imp_cadre (id_number)");
                st.execute("analyze imp_cadre");
            }
            Set<Long> invalid = new HashSet<>();
            // 1. the same person twice in the file
            try (PreparedStatement ps = c.prepareStatement("""
                    with dup as (select id_number from imp_cadre where id_number is not null group by id_number
                                 having count(*) > 1)
                    select row_no, id_number, count(*) over w, min(row_no) over w,
                           lead(row_no) over (partition by id_number order by row_no)
                    from imp_cadre join dup using (id_number)
                    window w as (partition by id_number) order by row_no""");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long row = rs.getLong(1);
                    invalid.add(row);
                    String masked = IdNumbers.mask(rs.getString(2));
                    long other = row == rs.getLong(4) ? rs.getLong(5) : rs.getLong(4);
                    context.error(new ImportError(row, CadreImportColumn.ID_NUMBER.header(),
                            "cadre.duplicate-id-number-in-file", "the person " + masked + " appears " + rs.getLong(3)
                                    + " times in this file (also on row " + other + "): a person is one cadre",
                            masked));
                }
            }
            // 2. the person is already a cadre
            try (PreparedStatement ps = c.prepareStatement("""
                    select i.row_no, i.id_number, d.id, d.status, d.unit_id, u.region_code from imp_cadre i
                    join cadre d on d.id_number = i.id_number
                    left join unit u on u.id = d.unit_id order by i.row_no""");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    invalid.add(rs.getLong(1));
                    String masked = IdNumbers.mask(rs.getString(2));
                    // province-wide rule; the other cadre (id, status) is named only when the submitter may see it
                    boolean named = who.seesCadre(rs.getObject(3, UUID.class), rs.getObject(5, UUID.class),
                            rs.getString(6));
                    context.error(new ImportError(rs.getLong(1), CadreImportColumn.ID_NUMBER.header(),
                            "cadre.duplicate-id-number", "ID number " + masked + " is already registered for "
                                    + (named ? "cadre " + rs.getString(3) + " (" + rs.getString(4) + ")"
                                            : "another cadre"),
                            masked));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("delete from imp_cadre where not valid or row_no = any(?)")) {
                Array rowsArray = c.createArrayOf("int8", invalid.toArray());
                ps.setArray(1, rowsArray);
                ps.executeUpdate();
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from imp_cadre")) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Override
        public long write() throws SQLException {
            // lock the units first, in id order, as the REST registration does (no deadlock with it; consecutive
            // unit versions)
            try (PreparedStatement ps = c.prepareStatement("""
                    select id from unit where id in (select distinct unit_id from imp_cadre) order by id for update""")) {
                ps.executeQuery().close();
            }
            long written;
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into cadre (id, name, id_number, unit_id, rank, status, phone, version, created_at, updated_at)
                    select id, name, id_number, unit_id, rank, 'ACTIVE', phone, 1, ?, ? from imp_cadre order by row_no""")) {
                ps.setObject(1, context.now());
                ps.setObject(2, context.now());
                written = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at)
                    select event_id, ?, id::text, ?, payload, event_time from imp_cadre order by row_no""")) {
                ps.setString(1, Topics.PAIRING_CADRES);
                ps.setString(2, EventTypes.CADRE_REGISTERED);
                ps.executeUpdate();
            }
            unitsUpdated();
            audit.record(c, who, "cadre-import", context.jobId(), "IMPORTED", null, new JdbcAudit.ImportSummary(
                    context.jobId(), KIND, fileName, context.mode().name(), rows, written));
            return written;
        }

        /** Every unit that gained cadres: version + 1 and a UNIT_UPDATED event with its new figures. */
        private void unitsUpdated() throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("""
                    update unit set version = version + 1, updated_at = ?
                    where id in (select distinct unit_id from imp_cadre)""")) {
                ps.setObject(1, context.now());
                ps.executeUpdate();
            }
            CopyBuffer outboxRows = new CopyBuffer(c,
                    "outbox_event (event_id, topic, event_key, event_type, payload, created_at)");
            try (PreparedStatement ps = c.prepareStatement("""
                    select u.id, u.name, u.level, u.kind, u.region_code, u.credit_code, u.pairings_confirmed_at,
                           u.pairings_confirmed_by, u.version, u.created_at, u.updated_at,
                           (select count(*) from cadre k where k.unit_id = u.id and k.status = 'ACTIVE')
                    from unit u where u.id in (select distinct unit_id from imp_cadre) order by u.id""");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Unit u = new Unit();
                    u.id = rs.getObject(1, UUID.class);
                    u.name = rs.getString(2);
                    u.level = UnitLevel.valueOf(rs.getString(3));
                    u.kind = UnitKind.valueOf(rs.getString(4));
                    u.regionCode = rs.getString(5);
                    u.creditCode = rs.getString(6);
                    u.pairingsConfirmedAt = rs.getObject(7, OffsetDateTime.class);
                    u.pairingsConfirmedBy = rs.getString(8);
                    u.version = rs.getLong(9);
                    u.createdAt = rs.getObject(10, OffsetDateTime.class);
                    u.updatedAt = rs.getObject(11, OffsetDateTime.class);
                    CloudEvent event = outbox.envelope(EventTypes.UNIT_UPDATED, u.id.toString(),
                            events.unitData(u, rs.getLong(12)));
                    outboxRows.add(event.id(), Topics.PAIRING_UNITS, u.id, EventTypes.UNIT_UPDATED,
                            outbox.toJson(event), event.time());
                }
            }
            outboxRows.flush();
        }

        @Override
        public void committed() {
            outbox.notifyWritten(Topics.PAIRING_CADRES);
            outbox.notifyWritten(Topics.PAIRING_UNITS);
        }
    }
}
