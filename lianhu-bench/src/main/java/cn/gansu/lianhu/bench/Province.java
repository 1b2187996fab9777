package cn.gansu.lianhu.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The real Gansu hierarchy the synthetic province sits on: the NBS 2023 files and the 8,790 poor villages that
 * registry-service bundles under {@code gansu/} on its classpath (registry-service/src/main/resources/gansu,
 * described in its README.md). Read, never copied.
 *
 * @param prefectures 4-digit code → name (14)
 * @param counties    county-level units in file order (88, incl. 620171 兰州新区 and 620201 嘉峪关市)
 * @param townships   townships in file order (1,403)
 * @param poorVillages designated poor villages in file order (8,790)
 */
public record Province(Map<String, String> prefectures, List<County> counties, List<Township> townships,
        List<PoorVillage> poorVillages) {

    /** A county-level unit: 6-digit code, name, 4-digit prefecture code. */
    public record County(String code, String name, String prefectureCode) {
    }

    /** A township: 9-digit code, name, 6-digit county code. */
    public record Township(String code, String name, String countyCode) {
    }

    /** A poor village: 12-digit code, name, 9-digit township code, 6-digit county code. */
    public record PoorVillage(String code, String name, String townshipCode, String countyCode) {
    }

    /** Loads the bundled files from the classpath. */
    public static Province load() {
        Map<String, String> prefectures = new LinkedHashMap<>();
        List<County> counties = new ArrayList<>();
        for (CSVRecord r : read("gansu/counties.csv")) {
            prefectures.putIfAbsent(r.get("city_code"), r.get("city_name"));
            counties.add(new County(r.get("code"), r.get("name"), r.get("city_code")));
        }
        List<Township> townships = new ArrayList<>();
        for (CSVRecord r : read("gansu/townships.csv")) {
            townships.add(new Township(r.get("code"), r.get("name"), r.get("parent_code")));
        }
        List<PoorVillage> villages = new ArrayList<>();
        for (CSVRecord r : read("gansu/poor_villages.csv")) {
            villages.add(new PoorVillage(r.get("code"), r.get("name"), r.get("township_code"), r.get("county_code")));
        }
        return new Province(prefectures, List.copyOf(counties), List.copyOf(townships), List.copyOf(villages));
    }

    private static List<CSVRecord> read(String resource) {
        InputStream in = Province.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the classpath: lianhu-bench reads the region data "
                    + "bundled in registry-service's jar");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
