package cn.gansu.lianhu.registry.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.imports.CopyBuffer;
import cn.gansu.lianhu.imports.ImportError;
import cn.gansu.lianhu.registry.domain.PovertyCause;

/**
 * The fast path of the bulk import (issue point 7.5): households, members and their outbox events are
 * streamed with PostgreSQL {@code COPY} into temporary tables of the job's connection, checked set-based
 * (duplicate ID numbers in the file and against active stored members, household numbers already stored),
 * then written with {@code insert … select} into {@code household}, {@code household_member},
 * {@code household_status_change} and {@code outbox_event}. Everything runs in the one transaction of the
 * job's connection: the temporary tables are dropped at its end, and a crash leaves nothing half-written.
 */
final class HouseholdImportStaging {
    private final Connection connection;
    private final int chunk;
    private CopyBuffer households;
    private CopyBuffer members;
    private CopyBuffer events;

    /** @param chunk households staged per COPY round trip */
    HouseholdImportStaging(Connection connection, int chunk) {
        this.connection = connection;
        this.chunk = chunk;
    }

    void createTables() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("""
                    create temp table imp_household (
                        ord int primary key, id uuid not null, household_no varchar(40) not null, first_row bigint not null,
                        village_code varchar(12) not null, main_cause varchar(20) not null, other_causes varchar(300) not null,
                        income numeric(12, 2) not null, address varchar(200), phone varchar(20)) on commit drop""");
            st.execute("""
                    create temp table imp_member (
                        row_no bigint not null, ord int not null, id uuid not null, name varchar(50), id_number varchar(18) not null,
                        sex varchar(6), birth_date date, relation varchar(20), health varchar(20), education varchar(20),
                        labour_ability varchar(20), position int not null) on commit drop""");
            st.execute("""
                    create temp table imp_event (
                        ord int not null, event_id uuid not null, event_key varchar(120) not null, payload text not null,
                        created_at timestamptz not null) on commit drop""");
        }
        households = new CopyBuffer(connection, "imp_household");
        members = new CopyBuffer(connection, "imp_member");
        events = new CopyBuffer(connection, "imp_event");
    }

    /**
     * Stages one household. Members with a valid ID number are staged even for an invalid household (they
     * take part in the duplicate checks); the household row and its event only when it is valid.
     */
    void add(HouseholdImportParser.Household h, UUID id, CloudEvent event, String eventJson) throws SQLException {
        if (h.valid()) {
            StringBuilder causes = new StringBuilder();
            for (PovertyCause c : h.otherCauses()) {
                causes.append(',').append(c.name());
            }
            if (causes.length() > 0) {
                causes.append(',');
            }
            households.add(h.ordinal(), id, h.householdNo(), h.firstRow(), h.villageCode(), h.mainCause().name(),
                    causes.toString(), h.incomePerCapita().toPlainString(), h.address(), h.phone());
            events.add(h.ordinal(), event.id(), id, eventJson, event.time());
        }
        int position = 0;
        for (HouseholdImportParser.Member m : h.members()) {
            if (m.idValid()) {
                members.add(m.rowNo(), h.ordinal(), UUID.randomUUID(), m.name(), m.idNumber(), name(m.sex()),
                        m.birthDate(), name(m.relation()), name(m.health()), name(m.education()),
                        name(m.labourAbility()), position);
            }
            position++;
        }
        if (households.buffered() >= chunk || members.length() > (8 << 20)) {
            flush();
        }
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    /** Sends the buffered rows with COPY. */
    void flush() throws SQLException {
        households.flush();
        members.flush();
        events.flush();
    }

    /**
     * Runs the set-based checks, reports every violation to {@code errors} and removes the households
     * concerned from the staging table. {@code alsoInvalid}: households found invalid after they were
     * staged (household_no reused further down the file). A person already active in a stored household is an
     * error province-wide, but the row error names that household (number and id) only when its village lies
     * under {@code scopePrefix}; otherwise it says "another household" (issue 6 review).
     *
     * @param scopePrefix the submitter's region prefix; null for a submitter who sees every household
     * @return the number of households still valid
     */
    long check(Collection<Integer> alsoInvalid, String scopePrefix, Consumer<ImportError> errors) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("create index on imp_member (id_number)");
            st.execute("create index on imp_member (ord)");
            st.execute("analyze imp_household");
            st.execute("analyze imp_member");
            st.execute("analyze imp_event");
        }
        Set<Integer> invalid = new HashSet<>(alsoInvalid);
        // 1. the same person twice in the file
        try (PreparedStatement ps = connection.prepareStatement("""
                with dup as (select id_number from imp_member group by id_number having count(*) > 1)
                select row_no, ord, id_number, count(*) over w as n, min(row_no) over w as first_row,
                       lead(row_no) over (partition by id_number order by row_no) as next_row
                from imp_member join dup using (id_number)
                window w as (partition by id_number)
                order by row_no""")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long row = rs.getLong(1);
                    invalid.add(rs.getInt(2));
                    String masked = IdNumbers.mask(rs.getString(3));
                    long first = rs.getLong(5);
                    long other = row == first ? rs.getLong(6) : first;
                    errors.accept(new ImportError(row, HouseholdImportColumn.ID_NUMBER.header(), "id-number.duplicate-in-file",
                            "the person " + masked + " appears " + rs.getLong(4) + " times in this file (also on row "
                                    + other + "): a person belongs to one household only",
                            masked));
                }
            }
        }
        // 2. the person is already an active member of a stored household
        try (PreparedStatement ps = connection.prepareStatement("""
                select m.row_no, m.ord, m.id_number, h.household_no, h.id, h.village_code
                from imp_member m
                join household_member hm on hm.id_number = m.id_number and hm.active
                join household h on h.id = hm.household_id
                order by m.row_no""")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    invalid.add(rs.getInt(2));
                    String masked = IdNumbers.mask(rs.getString(3));
                    boolean visible = scopePrefix == null || rs.getString(6).startsWith(scopePrefix);
                    String where = !visible ? "another household"
                            : rs.getString(4) != null ? "household " + rs.getString(4) + " (id " + rs.getString(5) + ")"
                            : "household " + rs.getString(5) + " (id " + rs.getString(5) + ")";
                    errors.accept(new ImportError(rs.getLong(1), HouseholdImportColumn.ID_NUMBER.header(),
                            "id-number.already-registered", "the person " + masked
                                    + " is already an active member of " + where,
                            masked));
                }
            }
        }
        // 3. the household number is already stored
        try (PreparedStatement ps = connection.prepareStatement("""
                select i.first_row, i.ord, i.household_no from imp_household i
                join household h on h.household_no = i.household_no order by i.first_row""")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    invalid.add(rs.getInt(2));
                    errors.accept(new ImportError(rs.getLong(1), HouseholdImportColumn.HOUSEHOLD_NO.header(),
                            "household-no.exists", "household " + rs.getString(3) + " is already registered",
                            rs.getString(3)));
                }
            }
        }
        if (!invalid.isEmpty()) {
            Array ords = connection.createArrayOf("int4", invalid.toArray());
            try (PreparedStatement ps = connection.prepareStatement("delete from imp_household where ord = any(?)")) {
                ps.setArray(1, ords);
                ps.executeUpdate();
            }
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "select count(*) from imp_household")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Writes the valid households; returns how many. The caller commits. */
    long write(UUID jobId, LocalDate today, OffsetDateTime now) throws SQLException {
        long written;
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into household (id, village_code, household_no, main_cause, other_causes, income_per_capita,
                    status, status_since, address, phone, version, created_at, updated_at)
                select id, village_code, household_no, main_cause, other_causes, income, 'IN_POVERTY', ?, address,
                    phone, 1, ?, ? from imp_household order by ord""")) {
            ps.setObject(1, today);
            ps.setObject(2, now);
            ps.setObject(3, now);
            written = ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into household_member (id, household_id, name, id_number, sex, birth_date, relation, health,
                    education, labour_ability, active, position)
                select m.id, h.id, m.name, m.id_number, m.sex, m.birth_date, m.relation, m.health, m.education,
                    m.labour_ability, true, m.position
                from imp_member m join imp_household h on h.ord = m.ord order by m.ord, m.position""")) {
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into household_status_change (household_id, from_status, to_status, effective_date, basis,
                    recorded_at)
                select id, null, 'IN_POVERTY', ?, ?, ? from imp_household order by ord""")) {
            ps.setObject(1, today);
            ps.setString(2, "registered by bulk import " + jobId);
            ps.setObject(3, now);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at)
                select e.event_id, ?, e.event_key, ?, e.payload, e.created_at
                from imp_event e join imp_household h on h.ord = e.ord order by e.ord""")) {
            ps.setString(1, Topics.REGISTRY_HOUSEHOLDS);
            ps.setString(2, EventTypes.HOUSEHOLD_REGISTERED);
            ps.executeUpdate();
        }
        return written;
    }
}
