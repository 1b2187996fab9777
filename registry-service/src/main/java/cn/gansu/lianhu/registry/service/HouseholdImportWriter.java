package cn.gansu.lianhu.registry.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.imports.ImportError;
import cn.gansu.lianhu.imports.ImportWork;
import cn.gansu.lianhu.registry.domain.HouseholdStatus;
import cn.gansu.lianhu.registry.domain.PovertyCause;

/**
 * The fast path of the bulk household import (issue point 7.5, issue 7 full-province scale): households,
 * members, their registration in the status history and their outbox events go with PostgreSQL {@code COPY}
 * straight into {@code household}, {@code household_member}, {@code household_status_change} and
 * {@code outbox_event}, chunk by chunk, on a writer thread of the job's connection while the job thread reads
 * and checks the next chunk. Everything stays in the ONE transaction of the job's connection: the runner commits
 * it, or rolls it back (dry run, errors in ALL_OR_NOTHING mode, failure), so nothing is ever half-written.
 *
 * <p>The checks against the database are set-based, one query per chunk and kind: persons (ID numbers of the
 * chunk, valid ones also of invalid households) already active members of a stored household, household numbers
 * already stored. A household so found, or with a person twice in its chunk, is not written. The same person
 * twice in the file (the exact rule: every occurrence is an error, and its household invalid) is found after the
 * file from the ID numbers of all rows; households written before a later duplicate or a later reuse of their
 * number proved them invalid are deleted again before the commit (SKIP_INVALID only: in ALL_OR_NOTHING any error
 * rolls everything back, and nothing is written any more once one is known). The errors are reported after the
 * file, in the order of the former staging-table checks: duplicates in the file, persons already registered,
 * household numbers already stored, each by row.
 *
 * <p>Ids are {@link TimeOrderedIds} so that the index inserts are appends.
 */
final class HouseholdImportWriter {
    private static final String COPY_HOUSEHOLD = "copy household (id, village_code, household_no, main_cause, "
            + "other_causes, income_per_capita, status, status_since, address, phone, version, created_at, updated_at) "
            + "from stdin (format csv)";
    private static final String COPY_MEMBER = "copy household_member (id, household_id, name, id_number, sex, "
            + "birth_date, relation, health, education, labour_ability, active, position) from stdin (format csv)";
    private static final String COPY_STATUS = "copy household_status_change (household_id, from_status, to_status, "
            + "effective_date, basis, recorded_at) from stdin (format csv)";
    private static final String COPY_EVENT = "copy outbox_event (event_id, topic, event_key, event_type, payload, "
            + "created_at) from stdin (format csv)";
    private static final int HOUSEHOLDS = 0;
    private static final int MEMBERS = 1;
    private static final int STATUSES = 2;
    private static final int EVENTS = 3;
    private static final String[] COPIES = {COPY_HOUSEHOLD, COPY_MEMBER, COPY_STATUS, COPY_EVENT};
    private static final Chunk END = new Chunk();

    private final Connection connection;
    private final CopyManager copy;
    private final int chunkSize;
    private final boolean writes;
    private final boolean stopAtFirstError;
    private final LocalDate today;
    private final OffsetDateTime now;
    private final String basis;

    // ---- job thread
    private Chunk chunk;
    /** Members with a valid ID number, in the order staged: ID number as a number (first 17 digits), row, household. */
    private long[] keys = new long[1 << 16];
    private long[] rows = new long[1 << 16];
    private int[] ords = new int[1 << 16];
    private int members;
    /** Households that passed the row rules, by ordinal; their ids and event ids (for deleting them again). */
    private final BitSet staged = new BitSet();
    private long[] ids = new long[1 << 16];
    private final TimeOrderedIds idSource = new TimeOrderedIds();
    private Set<Integer> invalid = Set.of();
    private long valid;

    // ---- both threads
    private volatile boolean anyError;
    private volatile Throwable failure;
    private volatile boolean aborted;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(2);
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(2);
    private final Thread writer;

    // ---- writer thread (read by the job thread after it has ended)
    private final BitSet written = new BitSet();
    private final List<PersonFound> personsFound = new ArrayList<>();
    private final List<NumberFound> numbersFound = new ArrayList<>();

    /** A person of the file who is an active member of a stored household. */
    private record PersonFound(long row, int ord, String idNumber, String householdNo, String householdId,
            String villageCode) {
    }

    /** A household number of the file that is already stored. */
    private record NumberFound(long row, int ord, String householdNo) {
    }

    /** One member with a valid ID number to check against the stored members. */
    private record Person(String idNumber, long row, int ord) {
    }

    /** Rows of up to {@code chunkSize} households, as COPY bytes, and what to check before they are written. */
    private static final class Chunk {
        final CopyRows[] tables = {new CopyRows(1 << 19), new CopyRows(1 << 21), new CopyRows(1 << 18),
                new CopyRows(1 << 21)};
        /** Staged households: ordinal, first row, number, start of their rows in each table (index + 1: the end). */
        int[] ord = new int[256];
        long[] firstRow = new long[256];
        String[] number = new String[256];
        int[][] start = new int[4][257];
        int count;
        final List<Person> persons = new ArrayList<>();
        /** Ordinals not to write: a person twice in this chunk. */
        final Set<Integer> blocked = new HashSet<>();
        /** ID number → ordinal, to find a person twice in this chunk. */
        final Map<String, Integer> seen = new HashMap<>();

        void reset() {
            for (CopyRows t : tables) {
                t.reset();
            }
            count = 0;
            persons.clear();
            blocked.clear();
            seen.clear();
            Arrays.fill(number, null);
        }

        int households() {
            return count;
        }
    }

    /**
     * @param chunkSize households per chunk ({@code lianhu.imports.staging-chunk})
     * @param writes    false for a dry run: check only
     * @param stopAtFirstError ALL_OR_NOTHING: nothing is written once an error is known (the job will roll back)
     */
    HouseholdImportWriter(Connection connection, int chunkSize, boolean writes, boolean stopAtFirstError, UUID jobId,
            LocalDate today, OffsetDateTime now) throws SQLException {
        this.connection = connection;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        this.chunkSize = Math.max(1, chunkSize);
        this.writes = writes;
        this.stopAtFirstError = stopAtFirstError;
        this.today = today;
        this.now = now;
        this.basis = "registered by bulk import " + jobId;
        free.add(new Chunk());
        free.add(new Chunk());
        this.writer = new Thread(this::runWriter, "household-import-writer-" + jobId);
        writer.setDaemon(true);
        writer.start();
    }

    /** Some rule is broken (row rules: reported by the parser); in ALL_OR_NOTHING nothing more is written. */
    void errorSeen() {
        anyError = true;
    }

    // ------------------------------------------------------------------ job thread: staging

    /**
     * Stages one household: its rows when it passed the row rules, and the persons of its members with a valid ID
     * number (also of an invalid household: they take part in the duplicate checks).
     *
     * @param id        the household's id (null when invalid)
     * @param eventId   its event's id
     * @param eventTime its event's time
     * @param eventJson its event, as published
     */
    void add(HouseholdImportParser.Household h, UUID id, UUID eventId, OffsetDateTime eventTime, String eventJson) {
        if (chunk == null) {
            chunk = take(free);
        }
        Chunk c = chunk;
        int ord = h.ordinal();
        for (HouseholdImportParser.Member m : h.members()) {
            if (m.idValid()) {
                person(m.idNumber(), m.rowNo(), ord);
                c.persons.add(new Person(m.idNumber(), m.rowNo(), ord));
                Integer other = c.seen.putIfAbsent(m.idNumber(), ord);
                if (other != null) {
                    c.blocked.add(other);
                    c.blocked.add(ord);
                    anyError = true;
                }
            }
        }
        if (h.valid()) {
            stage(c, h, id, eventId, eventTime, eventJson);
        }
        if (c.households() >= chunkSize || c.persons.size() >= 8 * chunkSize
                || c.tables[MEMBERS].position() > (16 << 20)
                || c.tables[EVENTS].position() > (16 << 20)) {
            submit();
        }
    }

    private void person(String idNumber, long row, int ord) {
        if (members == keys.length) {
            keys = Arrays.copyOf(keys, members * 2);
            rows = Arrays.copyOf(rows, members * 2);
            ords = Arrays.copyOf(ords, members * 2);
        }
        keys[members] = key(idNumber);
        rows[members] = row;
        ords[members] = ord;
        members++;
    }

    /** A valid ID number as a number: its first 17 digits (the 18th is their check character). */
    private static long key(String idNumber) {
        long k = 0;
        for (int i = 0; i < 17; i++) {
            k = k * 10 + (idNumber.charAt(i) - '0');
        }
        return k;
    }

    private static String idNumber(long key) {
        String first17 = String.format("%017d", key);
        return first17 + IdNumbers.checkCharacter(first17);
    }

    private void stage(Chunk c, HouseholdImportParser.Household h, UUID id, UUID eventId, OffsetDateTime eventTime,
            String eventJson) {
        int ord = h.ordinal();
        staged.set(ord);
        if (ids.length < 4 * (ord + 1)) {
            ids = Arrays.copyOf(ids, Math.max(ids.length * 2, 4 * (ord + 1)));
        }
        ids[4 * ord] = id.getMostSignificantBits();
        ids[4 * ord + 1] = id.getLeastSignificantBits();
        ids[4 * ord + 2] = eventId.getMostSignificantBits();
        ids[4 * ord + 3] = eventId.getLeastSignificantBits();
        int i = c.count;
        if (i == c.ord.length) {
            int n = i * 2;
            c.ord = Arrays.copyOf(c.ord, n);
            c.firstRow = Arrays.copyOf(c.firstRow, n);
            c.number = Arrays.copyOf(c.number, n);
            for (int t = 0; t < 4; t++) {
                c.start[t] = Arrays.copyOf(c.start[t], n + 1);
            }
        }
        c.ord[i] = ord;
        c.firstRow[i] = h.firstRow();
        c.number[i] = h.householdNo();
        for (int t = 0; t < 4; t++) {
            c.start[t][i] = c.tables[t].position();
        }
        StringBuilder causes = new StringBuilder();
        for (PovertyCause cause : h.otherCauses()) {
            causes.append(',').append(cause.name());
        }
        if (causes.length() > 0) {
            causes.append(',');
        }
        CopyRows hh = c.tables[HOUSEHOLDS];
        hh.uuid(id).ascii(h.villageCode()).text(h.householdNo()).ascii(h.mainCause().name()).text(causes.toString())
                .decimal(h.incomePerCapita()).ascii(HouseholdStatus.IN_POVERTY.name()).date(today).text(h.address())
                .text(h.phone()).number(1).timestamp(now).timestamp(now).end();
        CopyRows mm = c.tables[MEMBERS];
        int position = 0;
        for (HouseholdImportParser.Member m : h.members()) {
            mm.uuid(idSource.next()).uuid(id).text(m.name()).ascii(m.idNumber()).ascii(m.sex().name())
                    .date(m.birthDate()).ascii(m.relation().name()).ascii(m.health().name())
                    .ascii(m.education().name()).ascii(m.labourAbility().name()).bool(true).number(position++).end();
        }
        c.tables[STATUSES].uuid(id).nul().ascii(HouseholdStatus.IN_POVERTY.name()).date(today).text(basis)
                .timestamp(now).end();
        c.tables[EVENTS].uuid(eventId).ascii(Topics.REGISTRY_HOUSEHOLDS).uuid(id)
                .ascii(EventTypes.HOUSEHOLD_REGISTERED).text(eventJson).timestamp(eventTime).end();
        c.count++;
        for (int t = 0; t < 4; t++) {
            c.start[t][c.count] = c.tables[t].position();
        }
    }

    /** A new id for a household, member or event of this job (job thread only). */
    UUID newId() {
        return idSource.next();
    }

    private void submit() {
        Chunk c = chunk;
        chunk = null;
        if (failure != null) {
            rethrowInRow();
        }
        put(queue, c);
    }

    private void rethrowInRow() {
        Throwable f = failure;
        if (f instanceof SQLException e) {
            throw new ImportWork.StagingFailed(e);
        }
        throw new ImportWork.StagingFailed(new SQLException("household import writer failed: " + f, f));
    }

    /** After the last household: writes what is pending and waits for the writer. */
    void finish() throws SQLException {
        if (chunk != null && (chunk.count > 0 || !chunk.persons.isEmpty())) {
            submit();
        }
        put(queue, END);
        join();
        Throwable f = failure;
        if (f instanceof SQLException e) {
            throw e;
        } else if (f instanceof RuntimeException e) {
            throw e;
        } else if (f instanceof Error e) {
            throw e;
        } else if (f != null) {
            throw new SQLException("household import writer failed: " + f, f);
        }
    }

    /** The job failed: stop the writer before the runner rolls the connection back. */
    void abort() {
        aborted = true;
        queue.clear();
        queue.offer(END);
        join();
    }

    private void join() {
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Chunk take(BlockingQueue<Chunk> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("household import interrupted", e);
        }
    }

    private static void put(BlockingQueue<Chunk> q, Chunk c) {
        try {
            q.put(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("household import interrupted", e);
        }
    }

    // ------------------------------------------------------------------ writer thread

    private void runWriter() {
        while (true) {
            Chunk c = take(queue);
            if (c == END) {
                return;
            }
            if (failure == null && !aborted) {
                try {
                    write(c);
                } catch (Throwable e) {
                    failure = e;
                }
            }
            c.reset();
            free.offer(c);
        }
    }

    private void write(Chunk c) throws SQLException {
        Set<Integer> blocked = c.blocked;
        if (!c.persons.isEmpty()) {
            Map<String, String[]> found = new HashMap<>();
            String[] numbers = new String[c.persons.size()];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = c.persons.get(i).idNumber();
            }
            try (PreparedStatement ps = connection.prepareStatement("""
                    select m.id_number, h.household_no, h.id, h.village_code
                    from household_member m join household h on h.id = m.household_id
                    where m.active and m.id_number = any(?)""")) {
                ps.setArray(1, connection.createArrayOf("varchar", numbers));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                    }
                }
            }
            for (Person p : c.persons) {
                String[] f = found.get(p.idNumber());
                if (f != null) {
                    personsFound.add(new PersonFound(p.row(), p.ord(), p.idNumber(), f[0], f[1], f[2]));
                    blocked.add(p.ord());
                    anyError = true;
                }
            }
        }
        if (c.count > 0) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "select household_no from household where household_no = any(?)")) {
                ps.setArray(1, connection.createArrayOf("varchar", Arrays.copyOf(c.number, c.count)));
                Set<String> found = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
                for (int i = 0; i < c.count && !found.isEmpty(); i++) {
                    if (found.contains(c.number[i])) {
                        numbersFound.add(new NumberFound(c.firstRow[i], c.ord[i], c.number[i]));
                        blocked.add(c.ord[i]);
                        anyError = true;
                    }
                }
            }
        }
        if (!writes || c.count == 0 || (stopAtFirstError && anyError) || aborted) {
            return;
        }
        for (int t = 0; t < 4; t++) {
            CopyIn in = copy.copyIn(COPIES[t]);
            try {
                int from = -1;
                for (int i = 0; i < c.count; i++) {
                    boolean keep = blocked.isEmpty() || !blocked.contains(c.ord[i]);
                    if (keep && from < 0) {
                        from = c.start[t][i];
                    } else if (!keep && from >= 0) {
                        c.tables[t].writeTo(in, from, c.start[t][i]);
                        from = -1;
                    }
                }
                if (from >= 0) {
                    c.tables[t].writeTo(in, from, c.start[t][c.count]);
                }
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        }
        for (int i = 0; i < c.count; i++) {
            if (blocked.isEmpty() || !blocked.contains(c.ord[i])) {
                written.set(c.ord[i]);
            }
        }
    }

    // ------------------------------------------------------------------ job thread: after the file

    /**
     * Reports the set-based violations to {@code errors} (in the order: the same person twice in the file, persons
     * already registered, household numbers already stored; each by row) and works out which households are
     * still valid. {@code alsoInvalid}: households found invalid by a later block (household_no reused). A person
     * already active in a stored household is an error province-wide, but the row error names that household
     * (number and id) only when its village lies under {@code scopePrefix}; otherwise it says "another household"
     * (issue 6 review).
     *
     * @param scopePrefix the submitter's region prefix; null for a submitter who sees every household
     * @return the number of households still valid
     */
    long check(Collection<Integer> alsoInvalid, String scopePrefix, Consumer<ImportError> errors) {
        Set<Integer> bad = new HashSet<>(alsoInvalid);
        // 1. the same person twice in the file
        long[] sorted = Arrays.copyOf(keys, members);
        Arrays.sort(sorted);
        Set<Long> duplicated = new HashSet<>();
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                duplicated.add(sorted[i]);
            }
        }
        Map<Long, List<Long>> rowsOf = new HashMap<>();
        if (!duplicated.isEmpty()) {
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                if (duplicated.contains(keys[i])) {
                    at.add(i);
                }
            }
            at.sort(Comparator.comparingLong(i -> rows[i]));
            for (int i : at) {
                rowsOf.computeIfAbsent(keys[i], k -> new ArrayList<>()).add(rows[i]);
            }
            for (int i : at) {
                List<Long> same = rowsOf.get(keys[i]);
                long row = rows[i];
                long first = same.get(0);
                long other = row == first ? same.get(1) : first;
                bad.add(ords[i]);
                String masked = IdNumbers.mask(idNumber(keys[i]));
                errors.accept(new ImportError(row, HouseholdImportColumn.ID_NUMBER.header(), "id-number.duplicate-in-file",
                        "the person " + masked + " appears " + same.size() + " times in this file (also on row "
                                + other + "): a person belongs to one household only",
                        masked));
            }
        }
        // 2. the person is already an active member of a stored household; a later occurrence of a person of the
        // file finds the household this import wrote for an earlier one: not a stored household
        Set<Long> foundRows = new HashSet<>();
        for (PersonFound p : personsFound) {
            foundRows.add(p.row());
        }
        personsFound.sort(Comparator.comparingLong(PersonFound::row));
        for (PersonFound p : personsFound) {
            List<Long> same = rowsOf.get(key(p.idNumber()));
            if (same != null && !foundRows.contains(same.get(0))) {
                continue;
            }
            bad.add(p.ord());
            String masked = IdNumbers.mask(p.idNumber());
            boolean visible = scopePrefix == null || p.villageCode().startsWith(scopePrefix);
            String where = !visible ? "another household"
                    : p.householdNo() != null ? "household " + p.householdNo() + " (id " + p.householdId() + ")"
                    : "household " + p.householdId() + " (id " + p.householdId() + ")";
            errors.accept(new ImportError(p.row(), HouseholdImportColumn.ID_NUMBER.header(), "id-number.already-registered",
                    "the person " + masked + " is already an active member of " + where, masked));
        }
        // 3. the household number is already stored
        numbersFound.sort(Comparator.comparingLong(NumberFound::row));
        for (NumberFound n : numbersFound) {
            bad.add(n.ord());
            errors.accept(new ImportError(n.row(), HouseholdImportColumn.HOUSEHOLD_NO.header(), "household-no.exists",
                    "household " + n.householdNo() + " is already registered", n.householdNo()));
        }
        long count = staged.cardinality();
        for (int ord : bad) {
            if (staged.get(ord)) {
                count--;
            }
        }
        invalid = bad;
        valid = count;
        return count;
    }

    /**
     * Deletes the households written before they proved invalid (with their members, history and events) and
     * returns how many households stay written. The caller commits.
     *
     * @throws IllegalStateException if a valid household was not written (never expected: the job rolls back)
     */
    long write() throws SQLException {
        List<Integer> drop = new ArrayList<>();
        for (int ord : invalid) {
            if (written.get(ord)) {
                drop.add(ord);
            }
        }
        if (!drop.isEmpty()) {
            UUID[] households = new UUID[drop.size()];
            UUID[] events = new UUID[drop.size()];
            for (int i = 0; i < households.length; i++) {
                int ord = drop.get(i);
                households[i] = new UUID(ids[4 * ord], ids[4 * ord + 1]);
                events[i] = new UUID(ids[4 * ord + 2], ids[4 * ord + 3]);
            }
            Array hh = connection.createArrayOf("uuid", households);
            delete("delete from outbox_event where event_id = any(?)", connection.createArrayOf("uuid", events));
            delete("delete from household_status_change where household_id = any(?)", hh);
            delete("delete from household_member where household_id = any(?)", hh);
            delete("delete from household where id = any(?)", hh);
        }
        long kept = written.cardinality() - drop.size();
        if (kept != valid) {
            throw new IllegalStateException("household import: " + kept + " households written but " + valid
                    + " valid; nothing is committed");
        }
        return kept;
    }

    private void delete(String sql, Array ids) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setArray(1, ids);
            ps.executeUpdate();
        }
    }
}
