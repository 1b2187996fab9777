package cn.gansu.lianhu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.imports.ImportCsvSource;
import cn.gansu.lianhu.imports.ImportError;
import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.pairing.domain.CreditCodes;
import cn.gansu.lianhu.pairing.domain.UnitKind;
import cn.gansu.lianhu.pairing.domain.UnitLevel;
import cn.gansu.lianhu.registry.service.HouseholdImportParser;

/**
 * The generator at 1 % (issue 7 point 1): valid and unique ID numbers and credit codes, real poor villages, the
 * expected counts, the rank mix, determinism, and the registry import's own row parser accepting every row.
 * Plain JUnit, no Quarkus: a few seconds.
 */
class ProvinceGeneratorTest {
    static final long SEED = 42;
    @TempDir
    static Path dir;
    static Province province;
    static ProvinceGenerator.Counts counts;
    static Path out;

    @BeforeAll
    static void generate() throws IOException {
        province = Province.load();
        out = dir.resolve("a");
        counts = new ProvinceGenerator(province,
                new ProvinceGenerator.Options(SEED, 1, out, true, ProvinceGenerator.DEFAULT_AS_OF)).generate();
    }

    @Test
    void theBundledHierarchyIsRead() {
        assertEquals(8_790, province.poorVillages().size());
        assertEquals(88, province.counties().size());
        assertEquals(1_403, province.townships().size());
        assertEquals(14, province.prefectures().size());
    }

    @Test
    void householdsHaveValidUniqueIdNumbersOfTheirVillagesCountyInRealPoorVillages() throws IOException {
        Set<String> poor = new HashSet<>();
        province.poorVillages().forEach(v -> poor.add(v.code()));
        Set<String> ids = new HashSet<>();
        Set<String> households = new HashSet<>();
        Map<String, Integer> sizes = new HashMap<>();
        Map<String, Integer> heads = new HashMap<>();
        String village = null;
        List<CSVRecord> rows = read(out.resolve("households.csv"));
        for (CSVRecord r : rows) {
            String no = r.get("household_no");
            if (households.add(no)) {
                village = r.get("village_code");
                assertTrue(poor.contains(village), "not a poor village: " + village);
                assertTrue(no.startsWith(village), no);
            } else {
                assertEquals("", r.get("village_code"), "household-level cells only on the head's row");
            }
            String id = r.get("id_number");
            assertEquals(java.util.Optional.empty(), IdNumbers.validate(id, ProvinceGenerator.DEFAULT_AS_OF), id);
            assertTrue(ids.add(id), "duplicate ID number " + id);
            assertEquals(village.substring(0, 6), id.substring(0, 6), "region prefix = the village's county");
            assertEquals(IdNumbers.birthDate(id).toString(), r.get("birth_date"));
            assertEquals(IdNumbers.isMale(id) ? "男" : "女", r.get("sex"));
            sizes.merge(no, 1, Integer::sum);
            if (r.get("relation").equals("户主")) {
                heads.merge(no, 1, Integer::sum);
            }
        }
        assertEquals(counts.households(), households.size());
        assertEquals(counts.members(), rows.size());
        // 8,790 villages × 30–62 households (mean 46) ≈ 404,000 at 100 %: about 4,040 at 1 %
        assertTrue(counts.households() >= 4_000 && counts.households() <= 4_090, "households " + counts.households());
        sizes.values().forEach(s -> assertTrue(s >= 1 && s <= 7, "size " + s));
        households.forEach(h -> assertEquals(1, heads.get(h), "exactly one head in " + h));
        double mean = (double) rows.size() / households.size();
        assertTrue(mean > 3.3 && mean < 4.3, "mean household size " + mean);
        // cadres share the province-wide uniqueness with household members
        for (CSVRecord r : read(out.resolve("cadres.csv"))) {
            String id = r.get("id_number");
            assertEquals(java.util.Optional.empty(), IdNumbers.validate(id, ProvinceGenerator.DEFAULT_AS_OF), id);
            assertTrue(ids.add(id), "duplicate ID number " + id);
        }
    }

    @Test
    void unitsAtAllFourLevelsAndSevenKindsWithValidUniqueCreditCodes() throws IOException {
        List<CSVRecord> units = read(out.resolve("units.csv"));
        // 620 / 2,240 / 8,360 / 3,900 at 100 %: 6 → 7 (one of each kind), 22, 84, 39 at 1 %
        assertEquals(152, units.size());
        assertEquals(152, counts.units());
        Map<UnitLevel, Integer> levels = new EnumMap<>(UnitLevel.class);
        Map<UnitKind, Integer> kinds = new EnumMap<>(UnitKind.class);
        Set<String> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (CSVRecord r : units) {
            UnitLevel level = UnitLevel.valueOf(r.get("level"));
            levels.merge(level, 1, Integer::sum);
            kinds.merge(UnitKind.valueOf(r.get("kind")), 1, Integer::sum);
            assertEquals(level.regionDigits(), r.get("region_code").length(), r.toString());
            assertTrue(r.get("region_code").startsWith("62"));
            String code = r.get("credit_code");
            assertEquals(java.util.Optional.empty(), CreditCodes.validate(code), code);
            assertTrue(codes.add(code), "duplicate credit code " + code);
            assertTrue(names.add(r.get("region_code") + "/" + r.get("name")), "duplicate name " + r);
        }
        assertEquals(Map.of(UnitLevel.PROVINCE, 7, UnitLevel.PREFECTURE, 22, UnitLevel.COUNTY, 84,
                UnitLevel.TOWNSHIP, 39), levels);
        assertEquals(7, kinds.size(), kinds.toString());
        assertEquals(counts.unitsByKind(), kinds);
        for (CSVRecord r : read(out.resolve("cadres.csv"))) {
            assertTrue(codes.contains(r.get("unit_credit_code")), r.toString());
        }
    }

    @Test
    void cadresHaveARealisticRankMix() throws IOException {
        List<CSVRecord> cadres = read(out.resolve("cadres.csv"));
        // 404,000 × 1 % + max(1, 40 × 1 %) provincial leader
        assertEquals(4_041, cadres.size());
        assertEquals(4_041, counts.cadres());
        Map<CadreRank, Integer> ranks = new EnumMap<>(CadreRank.class);
        for (CSVRecord r : cadres) {
            ranks.merge(CadreRank.parse(r.get("rank")), 1, Integer::sum);
        }
        assertEquals(counts.cadresByRank(), ranks);
        assertEquals(1, ranks.get(CadreRank.PROVINCIAL_LEADER));
        double n = cadres.size();
        double bureau = ranks.get(CadreRank.PREFECTURE_BUREAU) / n;
        double division = ranks.get(CadreRank.COUNTY_DIVISION) / n;
        double other = ranks.get(CadreRank.OTHER) / n;
        assertTrue(bureau >= 0.003 && bureau <= 0.02, "地厅级 " + bureau);
        assertTrue(division >= 0.04 && division <= 0.12, "县处级 " + division);
        assertTrue(other >= 0.86, "其他 " + other);
    }

    @Test
    void theSameSeedAndScaleGiveByteIdenticalFilesAndAnotherSeedDoesNot() throws Exception {
        Path again = dir.resolve("b");
        new ProvinceGenerator(province, new ProvinceGenerator.Options(SEED, 1, again, true,
                ProvinceGenerator.DEFAULT_AS_OF)).generate();
        Path other = dir.resolve("c");
        new ProvinceGenerator(province, new ProvinceGenerator.Options(SEED + 1, 1, other, false,
                ProvinceGenerator.DEFAULT_AS_OF)).generate();
        for (String f : List.of("households.csv", "units.csv", "cadres.csv", "visits.csv")) {
            assertEquals(sha256(out.resolve(f)), sha256(again.resolve(f)), f);
        }
        for (String f : List.of("households.csv", "cadres.csv")) {
            assertNotEquals(sha256(out.resolve(f)), sha256(other.resolve(f)), f);
        }
        assertFalse(Files.exists(other.resolve("visits.csv")));
    }

    @Test
    void visitHistoryIsOfKnownHouseholdsBeforeAsOf() throws IOException {
        Set<String> households = new HashSet<>();
        read(out.resolve("households.csv")).forEach(r -> households.add(r.get("household_no")));
        List<CSVRecord> visits = read(out.resolve("visits.csv"));
        assertEquals(counts.visits(), visits.size());
        double perHousehold = (double) visits.size() / households.size();
        assertTrue(perHousehold > 7 && perHousehold < 9, "visits per household " + perHousehold);
        for (CSVRecord r : visits) {
            assertTrue(households.contains(r.get("household_no")));
            assertTrue(java.time.LocalDate.parse(r.get("visited_on")).isBefore(ProvinceGenerator.DEFAULT_AS_OF));
        }
    }

    /** The registry import's own row rules (HouseholdImportParser, as HouseholdImportService runs it) accept every row. */
    @Test
    void theRegistryImportParserAcceptsEveryHousehold() throws IOException {
        Map<String, Boolean> villages = new HashMap<>();
        try (Reader in = new java.io.InputStreamReader(
                getClass().getClassLoader().getResourceAsStream("gansu/villages.csv"), StandardCharsets.UTF_8)) {
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)
                    .forEach(r -> villages.put(r.get("code"), false));
        }
        province.poorVillages().forEach(v -> villages.put(v.code(), true));
        List<ImportError> errors = new ArrayList<>();
        int[] valid = new int[2];
        HouseholdImportParser parser = new HouseholdImportParser(villages, java.time.LocalDate.of(2026, 11, 29),
                new HouseholdImportParser.Output() {
                    @Override
                    public void household(HouseholdImportParser.Household h) {
                        valid[h.valid() ? 0 : 1]++;
                    }

                    @Override
                    public void error(ImportError error) {
                        errors.add(error);
                    }
                });
        new ImportCsvSource(out.resolve("households.csv"), StandardCharsets.UTF_8).read(parser);
        parser.finish();
        assertEquals(List.of(), errors.subList(0, Math.min(5, errors.size())));
        assertEquals(counts.households(), valid[0]);
        assertEquals(0, valid[1]);
        assertEquals(counts.members(), parser.rowsRead());
        assertEquals(Set.of(), parser.lateInvalid());
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
