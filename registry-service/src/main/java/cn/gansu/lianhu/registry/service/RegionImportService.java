package cn.gansu.lianhu.registry.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.jboss.logging.Logger;

import cn.gansu.lianhu.api.TextRules;
import cn.gansu.lianhu.api.audit.Audit;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.RegionData;
import cn.gansu.lianhu.registry.config.RegionConfig;
import cn.gansu.lianhu.events.contract.RegionLevel;
import cn.gansu.lianhu.registry.events.RegionCopy;
import cn.gansu.lianhu.registry.events.RegionEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Imports the region files of {@link RegionImportKind} (issue points 5 and 8; DESIGN.md §1, §4).
 *
 * <p><b>Validation.</b> Every row is checked (code format and province, parent code equal to the code's
 * prefix, parent registered, names not blank and at most 100 characters, flags Y/N, no duplicate code). Any
 * broken rule rejects the whole file with a 400 problem listing row, column and rule for each error
 * ({@link RegionImportErrors}); nothing is written. Names are stored exactly as given (suffixes, full-width
 * brackets and typos of the source included); codes are the only keys.
 *
 * <p><b>Effect.</b> In one transaction (serialised by a PostgreSQL advisory lock, so concurrent imports or
 * replicas never interleave): a new code is registered ({@code REGION_REGISTERED}); a changed name renames
 * the region ({@code REGION_RENAMED}); an unchanged row changes nothing and publishes nothing. Region files
 * are additive: a region absent from a re-imported counties/townships/villages file is kept (households may
 * refer to it). Designation files are the <em>full list</em>: a poor county or poor village absent from a
 * re-imported poor-counties/poor-villages file loses its designation ({@code REGION_DESIGNATION_CHANGED}),
 * so import the whole list, never a part of it. The names and city columns of the designation files are
 * informational and not compared with the registry.
 *
 * <p><b>Speed.</b> Regions and outbox events are written with {@code COPY} and set-based updates
 * ({@code unnest} of arrays) on the transaction's connection;
 * the first full import of Gansu (~19,200 regions, ~28,000 events) takes a few seconds.
 */
@ApplicationScoped
public class RegionImportService {
    private static final Logger LOG = Logger.getLogger(RegionImportService.class);
    private static final int MAX_NAME = 100;
    private static final int MAX_AREA = 40;
    private static final Pattern KIND = Pattern.compile("[a-z][a-z_]{0,39}");
    /** Advisory lock key serialising region imports (any constant; "region" in ASCII). */
    private static final long LOCK_KEY = 0x726567696f6eL;

    @Inject
    DataSource dataSource;

    @Inject
    RegionEvents events;

    @Inject
    RegionConfig config;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    /** Entity name of region imports in the audit trail (entity id: a fresh UUID per import). */
    public static final String AUDIT_ENTITY = "region-import";

    /**
     * Validates and imports one file.
     *
     * @param kind   which file it is
     * @param csv    the file's bytes (UTF-8)
     * @param dryRun validate and count only; write and publish nothing
     * @param audited record the import in the audit trail ({@code region-import}, IMPORTED, after = the counts) in
     *                its transaction, as the caller of the request; false for the bundled files loaded at start
     * @return the counts
     * @throws cn.gansu.lianhu.api.ApiException 400 listing every broken rule by row and column
     */
    public RegionImportResult importCsv(RegionImportKind kind, InputStream csv, boolean dryRun, boolean audited) {
        long start = System.nanoTime();
        RegionImportErrors errors = new RegionImportErrors(kind.path, config.maxListedErrors());
        List<Row> rows = read(kind, csv, errors);
        if (rows.isEmpty()) {
            errors.throwIfAny(); // header or file errors: rows cannot be checked
        }
        checkRows(kind, rows, errors);
        // rows that broke a format rule are left out; the others are still checked against the registry
        // (parents, designated regions) so that one answer lists every error of the file
        List<Row> valid = rows.stream().filter(r -> !errors.isBad(r.number())).toList();
        long[] phases = new long[4]; // read+check, load+plan, write regions, write events (ms)
        phases[0] = (System.nanoTime() - start) / 1_000_000;
        RegionImportResult result = QuarkusTransaction.requiringNew().timeout(600).call(() -> {
            try (Connection c = dataSource.getConnection()) {
                RegionImportResult applied = apply(c, kind, valid, rows.size(), errors, dryRun, start, phases);
                if (audited && !dryRun) {
                    audit.record(AUDIT_ENTITY, UUID.randomUUID(), "IMPORTED", null, applied);
                }
                return applied;
            } catch (SQLException e) {
                throw new IllegalStateException("region import of " + kind.path + " failed: " + e.getMessage(), e);
            }
        });
        LOG.infof("region import %s%s: %d rows, %d created, %d renamed, %d reclassified, %d designation changes,"
                + " %d unchanged, %d ms (read and check %d, load and plan %d, write regions %d, write events %d)",
                kind.path, dryRun ? " (dry run)" : "", result.rows(), result.created(), result.renamed(),
                result.reclassified(), result.designationChanged(), result.unchanged(), result.millis(), phases[0],
                phases[1], phases[2], phases[3]);
        return result;
    }

    // ------------------------------------------------------------------------------------------------
    // Reading and row rules that need no database
    // ------------------------------------------------------------------------------------------------

    /** One data row: its spreadsheet row number (header = 1) and its values by column. */
    record Row(int number, Map<String, String> values) {
        String get(String column) {
            return values.get(column);
        }
    }

    private List<Row> read(RegionImportKind kind, InputStream in, RegionImportErrors errors) {
        List<Row> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).setIgnoreSurroundingSpaces(false)
                .get();
        try (Reader reader = withoutBom(in); CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                errors.addFile("csv.empty", "the body is empty; expected a header row " + String.join(",", kind.columns)
                        + " and data rows");
                return rows;
            }
            if (!checkHeader(kind, header, errors)) {
                return rows;
            }
            int number = 1;
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    record = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    errors.add(number + 1, "*", "csv.syntax", "not valid CSV: " + e.getMessage());
                    break;
                }
                number++;
                if (record.size() != header.size()) {
                    errors.add(number, "*", "csv.column-count",
                            "has " + record.size() + " values, the header has " + header.size() + " columns");
                    continue;
                }
                Map<String, String> values = new HashMap<>(header.size() * 2);
                for (int i = 0; i < header.size(); i++) {
                    values.put(header.get(i), record.get(i));
                }
                rows.add(new Row(number, values));
            }
        } catch (IllegalArgumentException e) {
            errors.add(1, "*", "csv.header.malformed", "header row cannot be read: " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            errors.add(1, "*", "csv.syntax", "file cannot be read: " + e.getMessage());
        }
        if (rows.isEmpty() && !errors.any()) {
            errors.addFile("csv.no-rows", "the file has a header but no data rows");
        }
        return rows;
    }

    private static Reader withoutBom(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static boolean checkHeader(RegionImportKind kind, List<String> header, RegionImportErrors errors) {
        boolean ok = true;
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            String name = column == null ? "" : column;
            if (!seen.add(name)) {
                errors.add(1, name, "csv.header.duplicate-column", "column '" + name + "' appears twice");
                ok = false;
            } else if (!kind.columns.contains(name)) {
                errors.add(1, name.isEmpty() ? "*" : name, "csv.header.unknown-column", "column '" + name
                        + "' is not a column of a " + kind.path + " file; expected " + String.join(",", kind.columns));
                ok = false;
            }
        }
        for (String column : kind.columns) {
            if (!seen.contains(column)) {
                errors.add(1, column, "csv.header.missing-column", "column '" + column + "' is missing; expected "
                        + String.join(",", kind.columns));
                ok = false;
            }
        }
        return ok;
    }

    private void checkRows(RegionImportKind kind, List<Row> rows, RegionImportErrors errors) {
        Set<String> codes = new HashSet<>();
        Map<String, String> cityNames = new HashMap<>();
        int digits = switch (kind) {
            case COUNTIES, POOR_COUNTIES -> 6;
            case TOWNSHIPS -> 9;
            case VILLAGES, POOR_VILLAGES -> 12;
        };
        for (Row row : rows) {
            String code = row.get("code");
            boolean codeOk = checkCode(row, "code", code, digits, errors);
            if (codeOk && !codes.add(code)) {
                errors.add(row.number(), "code", "region-code.duplicate", "code " + code + " appears twice in the file");
                codeOk = false;
            }
            checkName(row, "name", errors);
            switch (kind) {
                case COUNTIES -> {
                    checkPrefix(row, "city_code", code, codeOk, 4, errors);
                    if (checkName(row, "city_name", errors) && codeOk) {
                        String previous = cityNames.putIfAbsent(code.substring(0, 4), row.get("city_name"));
                        if (previous != null && !previous.equals(row.get("city_name"))) {
                            errors.add(row.number(), "city_name", "city-name.inconsistent", "prefecture "
                                    + code.substring(0, 4) + " is named '" + previous + "' in an earlier row");
                        }
                    }
                    if (!KIND.matcher(row.get("kind")).matches()) {
                        errors.add(row.number(), "kind", "kind.format",
                                "kind must be lower-case letters and '_' (at most 40), e.g. county, district");
                    }
                }
                case TOWNSHIPS -> checkPrefix(row, "parent_code", code, codeOk, 6, errors);
                case VILLAGES -> checkPrefix(row, "parent_code", code, codeOk, 9, errors);
                case POOR_COUNTIES -> {
                    checkPrefix(row, "city_code", code, codeOk, 4, errors);
                    String area = row.get("contiguous_area");
                    if (area.isBlank() || area.length() > MAX_AREA) {
                        errors.add(row.number(), "contiguous_area", "contiguous-area.format",
                                "contiguous poverty area (集中连片特困地区) must be given, at most " + MAX_AREA
                                        + " characters, e.g. 六盘山区");
                    }
                    String key = row.get("national_key_county_2012");
                    if (!"Y".equals(key) && !"N".equals(key)) {
                        errors.add(row.number(), "national_key_county_2012", "flag.format",
                                "must be Y or N, not '" + RegionCodes.abbreviate(key) + "'");
                    }
                }
                case POOR_VILLAGES -> {
                    checkPrefix(row, "township_code", code, codeOk, 9, errors);
                    checkPrefix(row, "county_code", code, codeOk, 6, errors);
                }
            }
        }
    }

    private boolean checkCode(Row row, String column, String code, int digits, RegionImportErrors errors) {
        if (code.length() != digits || !code.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            errors.add(row.number(), column, RegionCodes.RULE_FORMAT,
                    "must be a " + digits + "-digit NBS division code, not '" + RegionCodes.abbreviate(code) + "'");
            return false;
        }
        if (!code.startsWith(config.provinceCode())) {
            errors.add(row.number(), column, "region-code.outside-province", "code " + code
                    + " is not in province " + config.provinceCode() + " (" + config.provinceName() + ")");
            return false;
        }
        // every segment below the province must be non-zero: 6200xx, 6201 00, 620102 000 are not regions
        int[] ends = {4, 6, 9, 12};
        int from = 2;
        for (int end : ends) {
            if (end > digits) {
                break;
            }
            if (code.substring(from, end).chars().allMatch(ch -> ch == '0')) {
                errors.add(row.number(), column, RegionCodes.RULE_FORMAT, "code " + code + " has an all-zero segment at"
                        + " digits " + (from + 1) + "–" + end + "; a " + digits + "-digit region code has none");
                return false;
            }
            from = end;
        }
        return true;
    }

    private static void checkPrefix(Row row, String column, String code, boolean codeOk, int digits,
            RegionImportErrors errors) {
        String value = row.get(column);
        if (value.length() != digits || !value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            errors.add(row.number(), column, RegionCodes.RULE_FORMAT,
                    "must be a " + digits + "-digit NBS division code, not '" + RegionCodes.abbreviate(value) + "'");
        } else if (codeOk && !code.startsWith(value)) {
            errors.add(row.number(), column, "region-code.parent-mismatch", value
                    + " is not the first " + digits + " digits of code " + code);
        }
    }

    private static boolean checkName(Row row, String column, RegionImportErrors errors) {
        String name = row.get(column);
        if (name.isBlank()) {
            errors.add(row.number(), column, "name.blank", column + " must not be blank");
            return false;
        }
        Optional<String> bad = TextRules.violation(name);
        if (bad.isPresent()) {
            errors.add(row.number(), column, TextRules.RULE, column + ": " + bad.get());
            return false;
        }
        if (name.length() > MAX_NAME) {
            errors.add(row.number(), column, "name.too-long",
                    column + " has " + name.length() + " characters, at most " + MAX_NAME + " are allowed");
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------
    // Applying a valid file
    // ------------------------------------------------------------------------------------------------

    /** State of one region as stored (or to be stored). */
    static final class Node {
        final String code;
        String name;
        final RegionLevel level;
        final String parentCode;
        String kind;
        boolean poorCounty;
        String contiguousArea;
        boolean nationalKeyCounty;
        boolean poorVillage;

        Node(String code, String name, RegionLevel level, String parentCode, String kind) {
            this.code = code;
            this.name = name;
            this.level = level;
            this.parentCode = parentCode;
            this.kind = kind;
        }

        RegionData data() {
            return new RegionData(code, name, level.name(), parentCode, poorCounty, contiguousArea, nationalKeyCounty,
                    poorVillage);
        }
    }

    /** What a file changes. */
    private static final class Plan {
        final List<Node> inserts = new ArrayList<>();
        final Map<String, Node> renamedOrReclassified = new LinkedHashMap<>();
        final List<Node> designations = new ArrayList<>();
        final List<RegionEvents.Pending> events = new ArrayList<>();
        final Set<String> touched = new HashSet<>();
        int renamed;
        int reclassified;
        int unchanged;
    }

    private RegionImportResult apply(Connection c, RegionImportKind kind, List<Row> rows, int rowCount,
            RegionImportErrors errors, boolean dryRun, long start, long[] phases) throws SQLException {
        long t = System.nanoTime();
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            lock.execute();
        }
        Map<String, Node> stored = load(c, switch (kind) {
            case COUNTIES -> List.of(RegionLevel.PROVINCE, RegionLevel.PREFECTURE, RegionLevel.COUNTY);
            case TOWNSHIPS -> List.of(RegionLevel.COUNTY, RegionLevel.TOWNSHIP);
            case VILLAGES -> List.of(RegionLevel.TOWNSHIP, RegionLevel.VILLAGE);
            case POOR_COUNTIES -> List.of(RegionLevel.COUNTY);
            case POOR_VILLAGES -> List.of(RegionLevel.VILLAGE);
        });
        Plan plan = new Plan();
        switch (kind) {
            case COUNTIES -> planCounties(rows, stored, plan);
            case TOWNSHIPS -> planChildren(rows, stored, plan, RegionLevel.TOWNSHIP, errors);
            case VILLAGES -> planChildren(rows, stored, plan, RegionLevel.VILLAGE, errors);
            case POOR_COUNTIES -> planPoorCounties(rows, stored, plan, errors);
            case POOR_VILLAGES -> planPoorVillages(rows, stored, plan, errors);
        }
        errors.throwIfAny();
        phases[1] = (System.nanoTime() - t) / 1_000_000;
        if (!dryRun) {
            write(c, plan, phases);
        }
        return new RegionImportResult(kind.path, rowCount, plan.inserts.size(), plan.renamed, plan.reclassified,
                plan.designations.size(), plan.unchanged, dryRun, (System.nanoTime() - start) / 1_000_000);
    }

    /** Stored regions of the levels a file kind reads or writes (the file's level and its parents'). */
    private static Map<String, Node> load(Connection c, List<RegionLevel> levels) throws SQLException {
        Map<String, Node> stored = new HashMap<>(40_000);
        try (PreparedStatement ps = c.prepareStatement("select code, name, level, parent_code, kind, poor_county,"
                + " contiguous_area, national_key_county, poor_village from region where level = any (?)")) {
            ps.setArray(1, c.createArrayOf("varchar", levels.stream().map(Enum::name).toArray()));
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                Node n = new Node(rs.getString(1), rs.getString(2), RegionLevel.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5));
                n.poorCounty = rs.getBoolean(6);
                n.contiguousArea = rs.getString(7);
                n.nationalKeyCounty = rs.getBoolean(8);
                n.poorVillage = rs.getBoolean(9);
                stored.put(n.code, n);
                }
            }
        }
        return stored;
    }

    /** Registers a new region or renames/reclassifies a stored one; counts an unchanged one once. */
    private static void ensure(Map<String, Node> stored, Plan plan, String code, String name, RegionLevel level,
            String parentCode, String kind) {
        if (!plan.touched.add(code)) {
            return; // the province or a prefecture, already handled by an earlier row
        }
        Node n = stored.get(code);
        if (n == null) {
            n = new Node(code, name, level, parentCode, kind);
            stored.put(code, n);
            plan.inserts.add(n);
            plan.events.add(new RegionEvents.Pending(code, EventTypes.REGION_REGISTERED, n.data()));
            return;
        }
        boolean rename = !n.name.equals(name);
        boolean reclassify = !Objects.equals(n.kind, kind);
        if (rename) {
            n.name = name;
            plan.renamed++;
            plan.events.add(new RegionEvents.Pending(code, EventTypes.REGION_RENAMED, n.data()));
        }
        if (reclassify) {
            n.kind = kind;
            plan.reclassified++;
        }
        if (rename || reclassify) {
            plan.renamedOrReclassified.put(code, n);
        } else {
            plan.unchanged++;
        }
    }

    private void planCounties(List<Row> rows, Map<String, Node> stored, Plan plan) {
        String province = RegionCodes.pad(config.provinceCode());
        ensure(stored, plan, province, config.provinceName(), RegionLevel.PROVINCE, null, "province");
        for (Row row : rows) {
            String cityCode = row.get("city_code");
            String cityName = row.get("city_name");
            ensure(stored, plan, RegionCodes.pad(cityCode), cityName, RegionLevel.PREFECTURE, province,
                    RegionCodes.prefectureKind(cityName));
            ensure(stored, plan, RegionCodes.pad(row.get("code")), row.get("name"), RegionLevel.COUNTY,
                    RegionCodes.pad(cityCode), row.get("kind"));
        }
    }

    private static void planChildren(List<Row> rows, Map<String, Node> stored, Plan plan, RegionLevel level,
            RegionImportErrors errors) {
        RegionLevel parentLevel = level == RegionLevel.TOWNSHIP ? RegionLevel.COUNTY : RegionLevel.TOWNSHIP;
        for (Row row : rows) {
            String parent = RegionCodes.pad(row.get("parent_code"));
            Node p = stored.get(parent);
            if (p == null || p.level != parentLevel) {
                errors.add(row.number(), "parent_code", "region.unknown-parent", parentLevel.name().toLowerCase()
                        + " " + row.get("parent_code") + " is not registered; import the "
                        + (parentLevel == RegionLevel.COUNTY ? "counties" : "townships") + " file first");
                continue;
            }
            String code = RegionCodes.pad(row.get("code"));
            ensure(stored, plan, code, row.get("name"), level, parent,
                    level == RegionLevel.TOWNSHIP ? RegionCodes.townshipKind(row.get("code"))
                            : RegionCodes.villageKind(code));
        }
    }

    private static void planPoorCounties(List<Row> rows, Map<String, Node> stored, Plan plan,
            RegionImportErrors errors) {
        Set<String> listed = new HashSet<>();
        for (Row row : rows) {
            String code = RegionCodes.pad(row.get("code"));
            Node n = stored.get(code);
            if (n == null || n.level != RegionLevel.COUNTY) {
                errors.add(row.number(), "code", "region.unknown",
                        "county " + row.get("code") + " is not registered; import the counties file first");
                continue;
            }
            listed.add(code);
            designateCounty(n, true, row.get("contiguous_area"), "Y".equals(row.get("national_key_county_2012")), plan);
        }
        if (errors.any()) {
            return;
        }
        for (Node n : stored.values()) {
            if (n.level == RegionLevel.COUNTY && n.poorCounty && !listed.contains(n.code)) {
                designateCounty(n, false, null, false, plan); // absent from the full list: withdrawn
            }
        }
    }

    private static void designateCounty(Node n, boolean poor, String area, boolean key, Plan plan) {
        if (n.poorCounty == poor && Objects.equals(n.contiguousArea, area) && n.nationalKeyCounty == key) {
            plan.unchanged++;
            return;
        }
        n.poorCounty = poor;
        n.contiguousArea = area;
        n.nationalKeyCounty = key;
        plan.designations.add(n);
        plan.events.add(new RegionEvents.Pending(n.code, EventTypes.REGION_DESIGNATION_CHANGED, n.data()));
    }

    private static void planPoorVillages(List<Row> rows, Map<String, Node> stored, Plan plan,
            RegionImportErrors errors) {
        Set<String> listed = new HashSet<>();
        for (Row row : rows) {
            String code = row.get("code");
            Node n = stored.get(code);
            if (n == null || n.level != RegionLevel.VILLAGE) {
                errors.add(row.number(), "code", "region.unknown",
                        "village " + code + " is not registered; import the villages file first");
                continue;
            }
            listed.add(code);
            designateVillage(n, true, plan);
        }
        if (errors.any()) {
            return;
        }
        for (Node n : stored.values()) {
            if (n.level == RegionLevel.VILLAGE && n.poorVillage && !listed.contains(n.code)) {
                designateVillage(n, false, plan); // absent from the full list: withdrawn
            }
        }
    }

    private static void designateVillage(Node n, boolean poor, Plan plan) {
        if (n.poorVillage == poor) {
            plan.unchanged++;
            return;
        }
        n.poorVillage = poor;
        plan.designations.add(n);
        plan.events.add(new RegionEvents.Pending(n.code, EventTypes.REGION_DESIGNATION_CHANGED, n.data()));
    }

    private void write(Connection c, Plan plan, long[] phases) throws SQLException {
        long t = System.nanoTime();
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!plan.inserts.isEmpty()) {
            StringBuilder csv = new StringBuilder(plan.inserts.size() * 120);
            for (Node r : plan.inserts) {
                RegionCopy.field(csv, r.code, false);
                RegionCopy.field(csv, r.name, false);
                RegionCopy.field(csv, r.level.name(), false);
                RegionCopy.field(csv, r.parentCode, false);
                RegionCopy.field(csv, r.kind, false);
                RegionCopy.field(csv, r.poorCounty, false);
                RegionCopy.field(csv, r.contiguousArea, false);
                RegionCopy.field(csv, r.nationalKeyCounty, false);
                RegionCopy.field(csv, r.poorVillage, false);
                RegionCopy.field(csv, now, true);
            }
            RegionCopy.copy(c, "region (code, name, level, parent_code, kind, poor_county, contiguous_area,"
                    + " national_key_county, poor_village, updated_at)", csv);
        }
        if (!plan.renamedOrReclassified.isEmpty()) {
            List<Node> nodes = new ArrayList<>(plan.renamedOrReclassified.values());
            try (PreparedStatement ps = c.prepareStatement("update region r set name = v.name, kind = v.kind,"
                    + " updated_at = ? from unnest(?::varchar[], ?::varchar[], ?::varchar[]) as v (code, name, kind)"
                    + " where r.code = v.code")) {
                ps.setObject(1, now);
                ps.setArray(2, c.createArrayOf("varchar", nodes.stream().map(n -> n.code).toArray()));
                ps.setArray(3, c.createArrayOf("varchar", nodes.stream().map(n -> n.name).toArray()));
                ps.setArray(4, c.createArrayOf("varchar", nodes.stream().map(n -> n.kind).toArray()));
                ps.executeUpdate();
            }
        }
        if (!plan.designations.isEmpty()) {
            List<Node> nodes = plan.designations;
            try (PreparedStatement ps = c.prepareStatement("update region r set poor_county = v.pc,"
                    + " contiguous_area = v.area, national_key_county = v.nk, poor_village = v.pv, updated_at = ?"
                    + " from unnest(?::varchar[], ?::boolean[], ?::varchar[], ?::boolean[], ?::boolean[])"
                    + " as v (code, pc, area, nk, pv) where r.code = v.code")) {
                ps.setObject(1, now);
                ps.setArray(2, c.createArrayOf("varchar", nodes.stream().map(n -> n.code).toArray()));
                ps.setArray(3, c.createArrayOf("boolean", nodes.stream().map(n -> n.poorCounty).toArray()));
                ps.setArray(4, c.createArrayOf("varchar", nodes.stream().map(n -> n.contiguousArea).toArray()));
                ps.setArray(5, c.createArrayOf("boolean", nodes.stream().map(n -> n.nationalKeyCounty).toArray()));
                ps.setArray(6, c.createArrayOf("boolean", nodes.stream().map(n -> n.poorVillage).toArray()));
                ps.executeUpdate();
            }
        }
        long te = System.nanoTime();
        phases[2] = (te - t) / 1_000_000;
        events.write(c, plan.events);
        phases[3] = (System.nanoTime() - te) / 1_000_000;
    }
}
