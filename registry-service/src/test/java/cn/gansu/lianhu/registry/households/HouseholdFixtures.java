package cn.gansu.lianhu.registry.households;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.registry.domain.Sex;
import cn.gansu.lianhu.testsupport.LianhuTestResource;

/**
 * Test data for the household tests: the few real Gansu regions they need (inserted with {@code on conflict do
 * nothing}, so the tests also pass once the full Gansu data is loaded), valid ID numbers computed with
 * {@link IdNumbers#checkCharacter}, request bodies and row counts.
 */
final class HouseholdFixtures {
    /** 永登县 城关镇 南街村委会: a poor village (poor_villages.csv). */
    static final String POOR_VILLAGE = "620121100201";
    /** 永登县 红城镇 野泉村委会: a village committee that is not a poor village. */
    static final String NON_POOR_VILLAGE = "620121101205";
    /** 临潭县 城关镇 范家咀 / 青崖, and 岷县 岷阳镇 瓦窑沟: poor villages used only by the list test. */
    static final String LIST_VILLAGE_A = "623021100200";
    static final String LIST_VILLAGE_B = "623021100201";
    static final String LIST_VILLAGE_C = "621126100201";

    private static final String[][] REGIONS = {
            // code, name, level, parent, poor county, poor village
            { "620000000000", "甘肃省", "PROVINCE", null, "f", "f" },
            { "620100000000", "兰州市", "PREFECTURE", "620000000000", "f", "f" },
            { "620121000000", "永登县", "COUNTY", "620100000000", "t", "f" },
            { "620121100000", "城关镇", "TOWNSHIP", "620121000000", "f", "f" },
            { "620121101000", "红城镇", "TOWNSHIP", "620121000000", "f", "f" },
            { POOR_VILLAGE, "南街村委会", "VILLAGE", "620121100000", "f", "t" },
            { NON_POOR_VILLAGE, "野泉村委会", "VILLAGE", "620121101000", "f", "f" },
            { "623000000000", "甘南藏族自治州", "PREFECTURE", "620000000000", "f", "f" },
            { "623021000000", "临潭县", "COUNTY", "623000000000", "t", "f" },
            { "623021100000", "城关镇", "TOWNSHIP", "623021000000", "f", "f" },
            { LIST_VILLAGE_A, "范家咀村民委员会", "VILLAGE", "623021100000", "f", "t" },
            { LIST_VILLAGE_B, "青崖村民委员会", "VILLAGE", "623021100000", "f", "t" },
            { "621100000000", "定西市", "PREFECTURE", "620000000000", "f", "f" },
            { "621126000000", "岷县", "COUNTY", "621100000000", "t", "f" },
            { "621126100000", "岷阳镇", "TOWNSHIP", "621126000000", "f", "f" },
            { LIST_VILLAGE_C, "瓦窑沟村民委员会", "VILLAGE", "621126100000", "f", "t" },
    };

    /** Random start, so ID numbers of repeated runs and of other test classes do not meet. */
    private static final AtomicInteger COUNTER = new AtomicInteger(ThreadLocalRandom.current().nextInt(8_000_000));

    private HouseholdFixtures() {
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(LianhuTestResource.jdbcUrl(), LianhuTestResource.dbUser(),
                LianhuTestResource.dbPassword());
    }

    static void ensureRegions() throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "insert into region (code, name, level, parent_code, poor_county, poor_village, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, now()) on conflict (code) do nothing")) {
            for (String[] r : REGIONS) {
                ps.setString(1, r[0]);
                ps.setString(2, r[1]);
                ps.setString(3, r[2]);
                ps.setString(4, r[3]);
                ps.setBoolean(5, r[4].equals("t"));
                ps.setBoolean(6, r[5].equals("t"));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A valid ID number registered in 永登县 (620121) for a person of {@code sex}; a new one on every call. */
    static String idNumber(Sex sex) {
        int n = COUNTER.incrementAndGet();
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(n % 18_000);
        int seq = ((n / 18_000) % 500) * 2 + (sex == Sex.MALE ? 1 : 0);
        return idNumber("620121", birth, seq);
    }

    /** ID number with the right check character for region, birth date (yyyyMMdd) and sequence. */
    static String idNumber(String region6, String birthDigits, int seq) {
        String first17 = region6 + birthDigits + String.format("%03d", seq);
        return first17 + IdNumbers.checkCharacter(first17);
    }

    static String idNumber(String region6, LocalDate birth, int seq) {
        return idNumber(region6, birth.format(DateTimeFormatter.BASIC_ISO_DATE), seq);
    }

    static Map<String, Object> member(String name, String idNumber, String relation) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("idNumber", idNumber);
        m.put("sex", Sex.ofIdNumber(idNumber).name());
        m.put("birthDate", IdNumbers.birthDate(idNumber).toString());
        m.put("relation", relation);
        m.put("health", "HEALTHY");
        m.put("education", "PRIMARY");
        m.put("labourAbility", "GENERAL");
        return m;
    }

    /** A household of {@code village} with the given members (first is the head unless stated otherwise). */
    @SafeVarargs
    static Map<String, Object> household(String village, Map<String, Object>... members) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("villageCode", village);
        h.put("mainCause", "ILLNESS");
        h.put("otherCauses", List.of("LACK_OF_SKILLS"));
        h.put("incomePerCapita", 2860.50);
        h.put("address", "南街村三社12号");
        h.put("phone", "13812345678");
        h.put("members", new ArrayList<>(List.of(members)));
        return h;
    }

    /** A one-person household (a fresh male head) in {@code village}. */
    static Map<String, Object> household(String village) {
        return household(village, member("张建国", idNumber(Sex.MALE), "HEAD"));
    }

    /** Rows in the tables a household write touches: household, member, status change, outbox. */
    static List<Long> counts() throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = connect()) {
            for (String t : List.of("household", "household_member", "household_status_change", "outbox_event")) {
                try (ResultSet rs = c.createStatement().executeQuery("select count(*) from " + t)) {
                    rs.next();
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    static long count(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Column values of the first column, in order. */
    static List<String> strings(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
