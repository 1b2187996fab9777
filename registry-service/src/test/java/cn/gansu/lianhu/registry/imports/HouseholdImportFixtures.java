package cn.gansu.lianhu.registry.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javax.sql.DataSource;

import cn.gansu.lianhu.api.IdNumbers;

/**
 * Test data for the household import: a generator of N valid households (real Gansu poor village codes
 * from data/gansu/poor_villages.csv, ID numbers with a correct GB 11643 check character), and the region
 * rows they need.
 */
final class HouseholdImportFixtures {
    /** Header in the documented order. */
    static final String[] HEADER = {"household_no", "village_code", "main_cause", "other_causes",
            "income_per_capita", "address", "phone", "name", "id_number", "sex", "birth_date", "relation", "health",
            "education", "labour_ability"};

    /** Real poor villages (poor_villages.csv). */
    static final String[][] POOR_VILLAGES = {
            {"620121100201", "南街村委会"}, {"620421108200", "下滩村村民委员会"}, {"620503103220", "杨赵村委会"},
            {"620522103215", "娲皇村民委员会"}, {"620523109202", "杨家坡村民委员会"}, {"620525109214", "毛寨村民委员会"},
            {"620802205202", "清明村委会"}, {"620825103212", "崔坪村委会"}, {"621021100208", "东王塬村委会"},
            {"621024204201", "关良村委会"}, {"621027209203", "毛庄村委会"}, {"621121113201", "芦鲜村民委员会"},
            {"621124102211", "阴山子村民委员会"}, {"621126107214", "沟门村民委员会"}, {"621202117203", "石门街村委会"},
            {"621222103207", "松坪村委会"}, {"621223223216", "刘家沟村村民委员会"}, {"621225109241", "孟川村委会"},
            {"621226117207", "高河村民委员会"}, {"622921102208", "长坡沿村委会"}};
    /** A real village of Lanzhou's Chengguan district that is not a poor village (villages.csv). */
    static final String NOT_POOR_VILLAGE = "620102010201";

    private static final String[] SURNAMES = {"张", "王", "李", "赵", "刘", "陈", "杨", "马", "何", "郭"};
    private static final String[] GIVEN = {"建国", "秀兰", "明", "桂英", "志强", "玉梅", "海军", "春花", "德福", "小燕"};
    private static final String[] CAUSES = {"因病", "ILLNESS", "缺资金", "LACK_OF_SKILLS", "因学", "缺水", "因残"};
    private static final String[] OTHER = {"", "缺资金;缺技术", "LACK_OF_WATER", "因灾；缺土地", ""};
    private static final String[] RELATIONS = {"户主", "配偶", "子女", "CHILD", "父母"};
    private static final String[] HEALTH = {"健康", "长期慢性病", "HEALTHY", "残疾"};
    private static final String[] EDUCATION = {"小学", "初中", "文盲或半文盲", "SENIOR_SECONDARY"};
    private static final String[] LABOUR = {"普通劳动力", "技能劳动力", "GENERAL", "丧失劳动力"};

    /** Person counter of this JVM: every generated person gets a different ID number. */
    private static final AtomicLong PERSON = new AtomicLong();
    private static final LocalDate FIRST_BIRTH = LocalDate.of(1940, 1, 1);

    private HouseholdImportFixtures() {
    }

    /** A new valid ID number of a person registered in the county of {@code villageCode}. */
    static String idNumber(String villageCode, boolean male) {
        long k = PERSON.getAndIncrement();
        LocalDate birth = FIRST_BIRTH.plusDays(k / 500);
        long seq = (k % 500) * 2 + (male ? 1 : 0);
        String first17 = villageCode.substring(0, 6) + birth.toString().replace("-", "") + String.format("%03d", seq);
        return first17 + IdNumbers.checkCharacter(first17);
    }

    /** The same number with a wrong check character. */
    static String withWrongCheck(String id) {
        char c = id.charAt(17);
        return id.substring(0, 17) + (c == '0' ? '1' : '0');
    }

    /**
     * Generates {@code households} valid households, {@code 1 + i % 5} members each (3 on average), head first;
     * rows in {@link #HEADER} order, numbered {@code <batch>-<i>}.
     */
    static void generate(int households, String batch, Consumer<String[]> rows) {
        for (int h = 0; h < households; h++) {
            String village = POOR_VILLAGES[h % POOR_VILLAGES.length][0];
            String no = batch + "-" + h;
            int size = 1 + h % 5;
            for (int m = 0; m < size; m++) {
                boolean male = (h + m) % 2 == 0;
                String id = idNumber(village, male);
                boolean head = m == 0;
                rows.accept(new String[] {no, head ? village : "", head ? CAUSES[h % CAUSES.length] : "",
                        head ? OTHER[h % OTHER.length] : "", head ? (1200 + h % 3000) + "." + (h % 100 < 10 ? "0" : "")
                                + (h % 100) : "",
                        head ? "甘肃省" + POOR_VILLAGES[h % POOR_VILLAGES.length][1] + h + "号" : "",
                        head ? "139" + String.format("%08d", h % 100_000_000) : "",
                        SURNAMES[h % SURNAMES.length] + GIVEN[(h + m) % GIVEN.length], id, male ? "男" : "FEMALE",
                        m % 2 == 0 ? IdNumbers.birthDate(id).toString() : "",
                        RELATIONS[m], HEALTH[(h + m) % HEALTH.length], EDUCATION[(h + m) % EDUCATION.length],
                        LABOUR[(h + m) % LABOUR.length]});
            }
        }
    }

    /** {@link #generate} collected into a list. */
    static List<String[]> rows(int households, String batch) {
        List<String[]> rows = new ArrayList<>();
        generate(households, batch, rows::add);
        return rows;
    }

    /** Rows with the header as CSV text (quoted where needed). */
    static String csv(List<String[]> rows) {
        StringBuilder sb = new StringBuilder();
        line(sb, HEADER);
        for (String[] r : rows) {
            line(sb, r);
        }
        return sb.toString();
    }

    static void line(StringBuilder sb, String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells[i] == null ? "" : cells[i];
            if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        sb.append('\n');
    }

    /** Writes a large generated file (the benchmark). */
    static void writeCsv(Writer w, int households, String batch) {
        StringBuilder sb = new StringBuilder();
        line(sb, HEADER);
        generate(households, batch, r -> {
            line(sb, r);
            if (sb.length() > 1 << 16) {
                flush(w, sb);
            }
        });
        flush(w, sb);
    }

    private static void flush(Writer w, StringBuilder sb) {
        try {
            w.write(sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sb.setLength(0);
    }

    /**
     * Inserts the village rows the tests need (until the regions loader provides them): the poor villages
     * above and one village that is not poor. Idempotent.
     */
    static void insertVillages(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into region (code, name, level, parent_code, poor_village, updated_at)
                values (?, ?, 'VILLAGE', null, ?, ?) on conflict do nothing""")) {
            for (String[] v : POOR_VILLAGES) {
                ps.setString(1, v[0]);
                ps.setString(2, v[1]);
                ps.setBoolean(3, true);
                ps.setObject(4, OffsetDateTime.now());
                ps.addBatch();
            }
            ps.setString(1, NOT_POOR_VILLAGE);
            ps.setString(2, "红沟村民委员会");
            ps.setBoolean(3, false);
            ps.setObject(4, OffsetDateTime.now());
            ps.addBatch();
            ps.executeBatch();
        }
    }
}
