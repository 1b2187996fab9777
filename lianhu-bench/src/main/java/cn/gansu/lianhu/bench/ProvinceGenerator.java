package cn.gansu.lianhu.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.pairing.domain.CreditCodes;
import cn.gansu.lianhu.pairing.domain.UnitKind;
import cn.gansu.lianhu.pairing.domain.UnitLevel;
import cn.gansu.lianhu.registry.domain.Education;
import cn.gansu.lianhu.registry.domain.Health;
import cn.gansu.lianhu.registry.domain.LabourAbility;
import cn.gansu.lianhu.registry.domain.PovertyCause;
import cn.gansu.lianhu.registry.domain.Relation;
import cn.gansu.lianhu.registry.service.HouseholdImportColumn;
import cn.gansu.lianhu.pairing.service.CadreImportColumn;
import cn.gansu.lianhu.pairing.service.UnitImportColumn;

/**
 * Writes a synthetic province (issue 7 point 1) on top of the real hierarchy ({@link Province}): the files the
 * importers take, byte-identical for the same seed, scale and as-of date.
 *
 * <ul>
 * <li>{@code households.csv} — registry household import ({@link HouseholdImportColumn}, one row per member, head
 * first): at 100 % every one of the 8,790 poor villages gets 30–62 households (≈ 404,000 in all, 46 a village),
 * 1–7 members (mean ≈ 3.9), ID numbers of the village's county; at s % below 100, round(total × s / 100)
 * households over every (100 / s)-th village (whole villages, not a fraction of every one); above 100 %, every
 * village's share of round(total × s / 100).</li>
 * <li>{@code units.csv} — pairing unit import ({@link UnitImportColumn}): 620 PROVINCE, 2,240 PREFECTURE, 8,360
 * COUNTY, 3,900 TOWNSHIP units at 100 % (15,120), spread evenly over the regions of each level, kinds by
 * {@link Templates#kindWeights}, every unit a GB 32100 credit code.</li>
 * <li>{@code cadres.csv} — pairing cadre import ({@link CadreImportColumn}): 404,000 cadres at 100 % over the units
 * (a province unit weighs 60, prefecture 40, county 28, township 14), ranks by the unit's level (≈ 0.8 % 地厅级,
 * ≈ 8 % 县处级, the rest 其他), plus 40 省级领导 in the provincial party and government offices.</li>
 * <li>{@code visits.csv} (with visits only) — visit history for the benchmarks: household_no, visited_on, mode,
 * duration_minutes, tasks (VisitTask names separated by {@code ;}); 0–16 visits a household (mean 8) in the 365
 * days before as-of. No cadre column: pairings come from the planner, so a bench posts each visit as the cadre
 * then paired with the household.</li>
 * </ul>
 */
public final class ProvinceGenerator {
    /** Default as-of day: births and visits are before it. */
    public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2026, 11, 1);
    static final int FULL_CADRES = 404_000;
    static final int FULL_LEADERS = 40;
    static final Map<UnitLevel, Integer> FULL_UNITS = Map.of(UnitLevel.PROVINCE, 620, UnitLevel.PREFECTURE, 2_240,
            UnitLevel.COUNTY, 8_360, UnitLevel.TOWNSHIP, 3_900);
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    /** What to generate. */
    public record Options(long seed, double scalePercent, Path out, boolean visits, LocalDate asOf) {
        public Options {
            if (!(scalePercent > 0) || scalePercent > 1000) {
                throw new IllegalArgumentException("scale is a percentage in (0, 1000], not " + scalePercent);
            }
        }
    }

    /** What was written. */
    public record Counts(int households, int members, Map<UnitLevel, Integer> unitsByLevel,
            Map<UnitKind, Integer> unitsByKind, int units, Map<CadreRank, Integer> cadresByRank, int cadres,
            long visits, int villageLinks, int leaderLinks) {
    }

    private record Unit(String creditCode, UnitLevel level, UnitKind kind, String region, String county) {
    }

    private final Province province;
    private final Options o;
    private final IdNumberAllocator ids;
    private final Map<String, Province.County> countyByCode = new HashMap<>();
    private final Map<String, List<String>> countiesByPrefecture = new HashMap<>();
    /** Households generated per poor village (order of {@link Province#poorVillages()}). */
    private int[] villageHouseholds;
    /** Cadres and the sum of their minimum households, per unit (order of {@link #units()}). */
    private int[] unitCadres;
    private int[] unitNeed;
    private final List<String> leaderIdNumbers = new ArrayList<>();

    public ProvinceGenerator(Province province, Options options) {
        this.province = province;
        this.o = options;
        this.ids = new IdNumberAllocator(options.seed(), options.asOf().minusDays(1));
        for (Province.County c : province.counties()) {
            countyByCode.put(c.code(), c);
            countiesByPrefecture.computeIfAbsent(c.prefectureCode(), k -> new ArrayList<>()).add(c.code());
        }
    }

    /** Writes the files into {@code out} (created if missing) and returns the counts. */
    public Counts generate() throws IOException {
        Files.createDirectories(o.out());
        int[] hh = households();
        List<Unit> units = units();
        Map<UnitLevel, Integer> byLevel = new EnumMap<>(UnitLevel.class);
        Map<UnitKind, Integer> byKind = new EnumMap<>(UnitKind.class);
        for (Unit u : units) {
            byLevel.merge(u.level(), 1, Integer::sum);
            byKind.merge(u.kind(), 1, Integer::sum);
        }
        Map<CadreRank, Integer> ranks = new EnumMap<>(CadreRank.class);
        int cadres = cadres(units, ranks);
        int[] links = links(units);
        return new Counts(hh[0], hh[1], byLevel, byKind, units.size(), ranks, cadres, hh[2] & 0xffffffffL,
                links[0], links[1]);
    }

    /** round(total × scale / 100), spread over the weights so the parts sum to exactly that (largest-remainder free). */
    static int[] spread(long total, int[] weights) {
        long w = 0;
        for (int x : weights) {
            w += x;
        }
        int[] parts = new int[weights.length];
        long cum = 0;
        long before = 0;
        for (int i = 0; i < weights.length; i++) {
            cum += weights[i];
            long upTo = cum * total / w;
            parts[i] = (int) (upTo - before);
            before = upTo;
        }
        return parts;
    }

    private long scaled(long full) {
        return Math.round(full * o.scalePercent() / 100.0);
    }

    // ------------------------------------------------------------------ households

    /** @return households, members, visits */
    private int[] households() throws IOException {
        List<Province.PoorVillage> villages = province.poorVillages();
        Rng sizes = new Rng(o.seed(), "village-sizes");
        int[] full = new int[villages.size()];
        long sum = 0;
        for (int i = 0; i < full.length; i++) {
            full[i] = sizes.between(30, 62);
            sum += full[i];
        }
        // below 100 %, a sample of whole villages (evenly spaced in code order, so every county keeps some) holds
        // the households, rather than every village a fraction of one: villages of realistic size, in which
        // units and leaders can find the households their cadres' minimums need
        int[] weights = full.clone();
        if (o.scalePercent() < 100) {
            double share = o.scalePercent() / 100.0;
            for (int i = 0; i < weights.length; i++) {
                if (Math.floor((i + 1) * share) == Math.floor(i * share) && !(i == 0 && share * weights.length < 1)) {
                    weights[i] = 0;
                }
            }
        }
        int[] per = spread(scaled(sum), weights);
        villageHouseholds = per;
        Rng rng = new Rng(o.seed(), "households");
        Rng vr = new Rng(o.seed(), "visits");
        Map<String, Province.Township> townships = new HashMap<>();
        for (Province.Township t : province.townships()) {
            townships.put(t.code(), t);
        }
        int households = 0;
        int members = 0;
        int visits = 0;
        try (CSVPrinter p = printer("households.csv", HouseholdImportColumn.values());
                CSVPrinter v = o.visits() ? printer("visits.csv", "household_no", "visited_on", "mode",
                        "duration_minutes", "tasks") : null) {
            for (int i = 0; i < villages.size(); i++) {
                Province.PoorVillage village = villages.get(i);
                String place = countyByCode.get(village.countyCode()).name()
                        + townships.get(village.townshipCode()).name() + villageName(village.name());
                for (int h = 1; h <= per[i]; h++) {
                    String no = village.code() + String.format("%04d", h);
                    members += household(p, rng, village, no, place);
                    households++;
                    if (v != null) {
                        visits += visits(v, vr, no);
                    }
                }
            }
        }
        return new int[] {households, members, visits};
    }

    private static String villageName(String name) {
        for (String suffix : new String[] {"村民委员会", "村委会", "居民委员会", "社区居委会"}) {
            if (name.endsWith(suffix)) {
                String stem = name.substring(0, name.length() - suffix.length());
                return stem.endsWith("村") || suffix.startsWith("居") || suffix.startsWith("社") ? stem : stem + "村";
            }
        }
        return name;
    }

    private record Person(Relation relation, boolean male, int age) {
    }

    private static final int[] SIZE_WEIGHTS = {8, 17, 20, 24, 17, 9, 5};
    private static final PovertyCause[] OTHER_CAUSES = {PovertyCause.LACK_OF_CAPITAL, PovertyCause.LACK_OF_SKILLS,
            PovertyCause.LACK_OF_LABOUR, PovertyCause.LACK_OF_LAND, PovertyCause.LACK_OF_WATER,
            PovertyCause.POOR_TRANSPORT, PovertyCause.DISASTER, PovertyCause.LACK_OF_DRIVE, PovertyCause.ILLNESS,
            PovertyCause.SCHOOLING};
    private static final int[] CAUSE_WEIGHTS = {30, 20, 12, 6, 8, 8, 6, 6, 4, 5};

    /** Writes one household (head first), returns its number of members. */
    private int household(CSVPrinter p, Rng rng, Province.PoorVillage village, String no, String place)
            throws IOException {
        int size = 1 + rng.weighted(SIZE_WEIGHTS);
        List<Person> people = new ArrayList<>(size);
        boolean headMale = rng.chance(0.85);
        int headAge = size == 1 ? rng.between(50, 88) : rng.between(26, 76);
        people.add(new Person(Relation.HEAD, headMale, headAge));
        if (people.size() < size && rng.chance(0.85)) {
            people.add(new Person(Relation.SPOUSE, !headMale, clamp(headAge + rng.between(-3, 5) * (headMale ? -1 : 1), 20, 95)));
        }
        if (headAge < 52) {
            while (people.size() < size && people.size() < 4 && rng.chance(0.3)) {
                people.add(new Person(Relation.PARENT, rng.chance(0.45), clamp(headAge + rng.between(22, 32), 42, 99)));
            }
            while (people.size() < size) {
                people.add(headAge >= 20 ? new Person(Relation.CHILD, rng.chance(0.52), clamp(headAge - rng.between(20, 34), 0, 60))
                        : new Person(Relation.SIBLING, rng.chance(0.5), rng.between(5, 25)));
            }
        } else {
            if (people.size() < size) {
                boolean childMale = rng.chance(0.7);
                int childAge = clamp(headAge - rng.between(22, 32), 18, 60);
                people.add(new Person(Relation.CHILD, childMale, childAge));
                if (people.size() < size && rng.chance(0.8)) {
                    people.add(new Person(Relation.CHILD_IN_LAW, !childMale, clamp(childAge + rng.between(-4, 3), 18, 60)));
                }
                while (people.size() < size) {
                    people.add(rng.chance(0.85)
                            ? new Person(Relation.GRANDCHILD, rng.chance(0.52), clamp(childAge - rng.between(20, 30), 0, 40))
                            : new Person(Relation.CHILD, rng.chance(0.5), clamp(headAge - rng.between(18, 34), 14, 60)));
                }
            }
        }
        String surname = Names.surname(rng);
        PovertyCause main = null;
        String[][] rows = new String[people.size()][];
        boolean ill = false;
        boolean disabled = false;
        boolean student = false;
        for (int m = 0; m < people.size(); m++) {
            Person person = people.get(m);
            LocalDate birth = o.asOf().minusYears(person.age()).minusDays(1 + rng.nextInt(365));
            String id = ids.next(village.countyCode(), birth, person.male());
            boolean ownSurname = person.relation() == Relation.SPOUSE || person.relation() == Relation.CHILD_IN_LAW
                    || (person.relation() == Relation.PARENT && !person.male());
            String name = (ownSurname ? Names.surname(rng) : surname) + Names.given(rng, person.male());
            Health health = health(rng, person.age());
            Education education = education(rng, person.age());
            ill |= health == Health.CHRONIC_ILLNESS || health == Health.SERIOUS_ILLNESS;
            disabled |= health == Health.DISABLED;
            student |= education == Education.SENIOR_SECONDARY && person.age() < 19
                    || education == Education.TERTIARY && person.age() < 24;
            rows[m] = new String[] {name, id, person.male() ? "男" : "女", birth.toString(), person.relation().chinese,
                    health.chinese, education.chinese, labour(rng, person.age(), health).chinese};
        }
        if (ill && rng.chance(0.7)) {
            main = PovertyCause.ILLNESS;
        } else if (disabled && rng.chance(0.7)) {
            main = PovertyCause.DISABILITY;
        } else if (student && rng.chance(0.4)) {
            main = PovertyCause.SCHOOLING;
        } else {
            main = OTHER_CAUSES[rng.weighted(CAUSE_WEIGHTS)];
        }
        StringBuilder others = new StringBuilder();
        int extra = rng.weighted(new int[] {45, 40, 15});
        for (int k = 0; k < extra; k++) {
            PovertyCause c = OTHER_CAUSES[rng.weighted(CAUSE_WEIGHTS)];
            if (c != main && others.indexOf(c.chinese) < 0) {
                others.append(others.length() == 0 ? "" : ";").append(c.chinese);
            }
        }
        int fen = rng.between(120_000, 420_000);
        String income = (fen / 100) + "." + (fen % 100 < 10 ? "0" : "") + (fen % 100);
        String address = place + rng.between(1, 12) + "社" + rng.between(1, 80) + "号";
        String phone = rng.chance(0.8) ? Names.mobile(rng) : "";
        for (int m = 0; m < rows.length; m++) {
            String[] r = rows[m];
            if (m == 0) {
                p.printRecord(no, village.code(), main.chinese, others, income, address, phone, r[0], r[1], r[2], r[3],
                        r[4], r[5], r[6], r[7]);
            } else {
                p.printRecord(no, "", "", "", "", "", "", r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]);
            }
        }
        return rows.length;
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    private static Health health(Rng rng, int age) {
        int[] w = age > 65 ? new int[] {45, 35, 8, 12} : new int[] {80, 9, 5, 6};
        return Health.values()[rng.weighted(w)];
    }

    private static Education education(Rng rng, int age) {
        if (age < 6) {
            return Education.PRESCHOOL;
        } else if (age < 12) {
            return Education.PRIMARY;
        } else if (age < 15) {
            return Education.JUNIOR_SECONDARY;
        } else if (age < 18) {
            return rng.chance(0.6) ? Education.SENIOR_SECONDARY : Education.JUNIOR_SECONDARY;
        }
        // ILLITERATE, PRIMARY, JUNIOR, SENIOR, TERTIARY by birth cohort
        int[] w = age >= 60 ? new int[] {55, 35, 10, 0, 0} : age >= 40 ? new int[] {15, 45, 33, 7, 0}
                : new int[] {2, 15, 48, 22, 13};
        return Education.values()[1 + rng.weighted(w)];
    }

    private static LabourAbility labour(Rng rng, int age, Health health) {
        if (age < 16) {
            return LabourAbility.NONE;
        }
        if (age < 60) {
            if (health == Health.DISABLED || health == Health.SERIOUS_ILLNESS) {
                return rng.chance(0.5) ? LabourAbility.LIMITED : LabourAbility.UNABLE;
            }
            return LabourAbility.values()[rng.weighted(new int[] {12, 75, 13, 0, 0})];
        }
        if (age < 70) {
            return LabourAbility.values()[rng.weighted(new int[] {0, 25, 60, 15, 0})];
        }
        return LabourAbility.values()[rng.weighted(new int[] {0, 0, 20, 50, 30})];
    }

    private static final String[] MODES = {"IN_HOME", "BY_PHONE", "VILLAGE_MEETING", "OTHER"};
    private static final String[] TASKS = {"POLICY_PUBLICITY", "PUBLIC_OPINION", "DEVELOPMENT", "EMOTION_EASING",
            "GRASSROOTS", "MODEL_PROMOTION"};

    private int visits(CSVPrinter v, Rng rng, String no) throws IOException {
        int n = rng.nextInt(17);
        int[] days = new int[n];
        for (int i = 0; i < n; i++) {
            days[i] = rng.between(1, 365);
        }
        java.util.Arrays.sort(days);
        for (int i = n - 1; i >= 0; i--) {
            StringBuilder tasks = new StringBuilder(TASKS[rng.weighted(new int[] {40, 25, 15, 10, 6, 4})]);
            if (rng.chance(0.4)) {
                String t = TASKS[rng.nextInt(TASKS.length)];
                if (tasks.indexOf(t) < 0) {
                    tasks.append(';').append(t);
                }
            }
            v.printRecord(no, o.asOf().minusDays(days[i]), MODES[rng.weighted(new int[] {60, 25, 10, 5})],
                    rng.between(20, 180), tasks);
        }
        return n;
    }

    // ------------------------------------------------------------------ units

    private List<Unit> units() throws IOException {
        Rng rng = new Rng(o.seed(), "units");
        List<Unit> units = new ArrayList<>();
        long org = 0;
        try (CSVPrinter p = printer("units.csv", UnitImportColumn.values())) {
            for (UnitLevel level : UnitLevel.values()) {
                List<String[]> regions = regions(level); // code, name, county for ID numbers (or null)
                long n = scaled(FULL_UNITS.get(level));
                n = Math.max(level == UnitLevel.PROVINCE ? UnitKind.values().length : 1, n);
                int[] weights = new int[regions.size()];
                java.util.Arrays.fill(weights, 1);
                int[] per = spread(n, weights);
                int[] kindWeights = Templates.kindWeights(level);
                for (int r = 0; r < regions.size(); r++) {
                    String[] region = regions.get(r);
                    Map<UnitKind, Integer> used = new EnumMap<>(UnitKind.class);
                    for (int k = 0; k < per[r]; k++) {
                        // the province gets one unit of every kind first, so even 1 % has all seven
                        UnitKind kind = level == UnitLevel.PROVINCE && k < UnitKind.values().length
                                ? UnitKind.values()[k] : UnitKind.values()[rng.weighted(kindWeights)];
                        int i = used.merge(kind, 1, Integer::sum) - 1;
                        String[] names = Templates.NAMES.get(kind);
                        String name = names[i % names.length].replace("{r}", region[1])
                                + (i >= names.length ? "（" + (i / names.length + 1) + "）" : "");
                        String credit = creditCode(kind, region[0], org++);
                        String county = region[2] != null ? region[2] : anyCounty(rng, region[0]);
                        units.add(new Unit(credit, level, kind, region[0], county));
                        p.printRecord(name, level.name(), kind.name(), region[0], credit);
                    }
                }
            }
        }
        return units;
    }

    private String anyCounty(Rng rng, String region) {
        List<String> counties = region.length() == 4 ? countiesByPrefecture.get(region)
                : province.counties().stream().map(Province.County::code).toList();
        return counties.get(rng.nextInt(counties.size()));
    }

    private List<String[]> regions(UnitLevel level) {
        List<String[]> out = new ArrayList<>();
        switch (level) {
            case PROVINCE -> out.add(new String[] {"62", "甘肃省", null});
            case PREFECTURE -> province.prefectures().forEach((code, name) -> out.add(new String[] {code, name, null}));
            case COUNTY -> province.counties().forEach(c -> out.add(new String[] {c.code(), c.name(), c.code()}));
            case TOWNSHIP -> province.townships().forEach(t -> out.add(new String[] {t.code(),
                    countyByCode.get(t.countyCode()).name() + t.name(), t.countyCode()}));
        }
        return out;
    }

    /**
     * GB 32100: 2 characters of authority and kind, the 6-digit region, a 9-character GB 11714 organisation code
     * (8 digits from a bijection of the running number, so never repeated, and its MOD 11 check character), and
     * the check character ({@link CreditCodes#checkCharacter}).
     */
    String creditCode(UnitKind kind, String region, long n) {
        String region6 = (region + "000000").substring(0, 6);
        long body = Math.floorMod(n * 48_271L + Rng.mix(o.seed()) , 100_000_000L);
        String digits = String.format("%08d", body);
        int[] w = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (digits.charAt(i) - '0') * w[i];
        }
        int c = 11 - sum % 11;
        char orgCheck = c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
        String first17 = Templates.creditPrefix(kind) + region6 + digits + orgCheck;
        return first17 + CreditCodes.checkCharacter(first17);
    }

    // ------------------------------------------------------------------ cadres

    private int cadres(List<Unit> units, Map<CadreRank, Integer> ranks) throws IOException {
        Rng rng = new Rng(o.seed(), "cadres");
        int[] weights = new int[units.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = switch (units.get(i).level()) {
                case PROVINCE -> 60;
                case PREFECTURE -> 40;
                case COUNTY -> 28;
                case TOWNSHIP -> 14;
            };
        }
        int[] per = spread(scaled(FULL_CADRES), weights);
        long leaders = Math.max(1, scaled(FULL_LEADERS));
        List<Unit> offices = units.stream().filter(u -> u.level() == UnitLevel.PROVINCE
                && u.kind() == UnitKind.PARTY_GOVERNMENT).limit(2).toList();
        int count = 0;
        unitCadres = new int[units.size()];
        unitNeed = new int[units.size()];
        try (CSVPrinter p = printer("cadres.csv", CadreImportColumn.NAME, CadreImportColumn.ID_NUMBER,
                CadreImportColumn.UNIT_CREDIT_CODE, CadreImportColumn.RANK, CadreImportColumn.PHONE)) {
            for (int l = 0; l < leaders; l++) {
                leaderIdNumbers.add(cadre(p, rng, offices.get(l % offices.size()), CadreRank.PROVINCIAL_LEADER, ranks));
                count++;
            }
            for (int i = 0; i < units.size(); i++) {
                Unit u = units.get(i);
                int[] rankPermille = switch (u.level()) {
                    case PROVINCE -> new int[] {50, 200};
                    case PREFECTURE -> new int[] {15, 120};
                    case COUNTY -> new int[] {1, 60};
                    case TOWNSHIP -> new int[] {0, 5};
                };
                for (int k = 0; k < per[i]; k++) {
                    int r = rng.nextInt(1000);
                    CadreRank rank = r < rankPermille[0] ? CadreRank.PREFECTURE_BUREAU
                            : r < rankPermille[0] + rankPermille[1] ? CadreRank.COUNTY_DIVISION : CadreRank.OTHER;
                    cadre(p, rng, u, rank, ranks);
                    unitCadres[i]++;
                    unitNeed[i] += Links.minimum(rank);
                    count++;
                }
            }
        }
        return count;
    }

    /** Writes one cadre and returns the ID number. */
    private String cadre(CSVPrinter p, Rng rng, Unit unit, CadreRank rank, Map<CadreRank, Integer> ranks)
            throws IOException {
        int age = switch (rank) {
            case PROVINCIAL_LEADER -> rng.between(52, 64);
            case PREFECTURE_BUREAU -> rng.between(45, 59);
            case COUNTY_DIVISION -> rng.between(35, 59);
            case OTHER -> rng.between(23, 59);
        };
        boolean male = rng.chance(rank == CadreRank.OTHER ? 0.65 : 0.82);
        LocalDate birth = o.asOf().minusYears(age).minusDays(1 + rng.nextInt(365));
        String county = unit.level() == UnitLevel.COUNTY || unit.level() == UnitLevel.TOWNSHIP || rng.chance(0.3)
                ? unit.county() : anyCounty(rng, "62");
        String id = ids.next(county, birth, male);
        p.printRecord(Names.surname(rng) + Names.given(rng, male), id, unit.creditCode(), rank.chinese,
                Names.mobile(rng));
        ranks.merge(rank, 1, Integer::sum);
        return id;
    }

    // ------------------------------------------------------------------ links

    /**
     * Writes {@code village_links.csv} (unit_credit_code, village_code: 部门联村) and {@code leader_links.csv}
     * (leader_id_number, county_code, village_code: 联县联村), chosen by {@link Links} so the province plan is
     * feasible. Neither has an importer: the bench posts them to pairing's link operations.
     *
     * @return village links, leader links
     */
    private int[] links(List<Unit> units) throws IOException {
        Links links = new Links(province.poorVillages(), villageHouseholds);
        List<Links.Unit> linkUnits = units.stream()
                .map(u -> new Links.Unit(u.creditCode(), u.level(), u.region(), u.county())).toList();
        List<Links.VillageLink> villageLinks = links.villageLinks(linkUnits, unitCadres, unitNeed);
        try (CSVPrinter p = printer("village_links.csv", "unit_credit_code", "village_code")) {
            for (Links.VillageLink l : villageLinks) {
                p.printRecord(l.unitCreditCode(), l.villageCode());
            }
        }
        List<Links.LeaderLink> leaderLinks = links.leaderLinks(leaderIdNumbers);
        try (CSVPrinter p = printer("leader_links.csv", "leader_id_number", "county_code", "village_code")) {
            for (Links.LeaderLink l : leaderLinks) {
                p.printRecord(l.leaderIdNumber(), l.countyCode(), l.villageCode());
            }
        }
        return new int[] {villageLinks.size(), leaderLinks.size()};
    }

    // ------------------------------------------------------------------ files

    private CSVPrinter printer(String file, Object... header) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(o.out().resolve(file), StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSV);
        Object[] names = new Object[header.length];
        for (int i = 0; i < header.length; i++) {
            names[i] = header[i] instanceof cn.gansu.lianhu.imports.ImportColumn c ? c.header() : header[i];
        }
        p.printRecord(names);
        return p;
    }
}
