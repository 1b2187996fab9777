package cn.gansu.lianhu.registry.service;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import cn.gansu.lianhu.api.ApiException;

/**
 * The five region files an import accepts (issue point 5), in the format of the bundled Gansu files
 * ({@code classpath:gansu/}, see its README.md): UTF-8 (a BOM is tolerated), comma separated, one header row
 * with exactly these columns in any order.
 */
public enum RegionImportKind {
    /** County-level units with their prefecture; also creates the province and the prefectures. */
    COUNTIES("counties", "counties.csv", List.of("code", "name", "city_code", "city_name", "kind")),
    /** Townships (乡/镇/街道 and township-like units) under registered counties. */
    TOWNSHIPS("townships", "townships.csv", List.of("code", "name", "parent_code")),
    /** Villages (村委会/居委会 and village-like units) under registered townships. */
    VILLAGES("villages", "villages.csv", List.of("code", "name", "parent_code")),
    /** The full list of poor counties (贫困县); a county absent from it loses the designation. */
    POOR_COUNTIES("poor-counties", "poor_counties.csv", List.of("code", "name", "city_code", "city_name",
            "contiguous_area", "national_key_county_2012", "key_flag_status")),
    /** The full list of poor villages (贫困村); a village absent from it loses the designation. */
    POOR_VILLAGES("poor-villages", "poor_villages.csv", List.of("code", "name", "township_code", "county_code"));

    /** Name in the URL: {@code POST /api/v1/regions/imports/{path}}. */
    public final String path;
    /** File name of the bundled copy. */
    public final String fileName;
    /** Required header columns. */
    public final List<String> columns;

    RegionImportKind(String path, String fileName, List<String> columns) {
        this.path = path;
        this.fileName = fileName;
        this.columns = columns;
    }

    /** True for the full-list designation files (poor counties, poor villages). */
    public boolean isDesignationList() {
        return this == POOR_COUNTIES || this == POOR_VILLAGES;
    }

    /**
     * The kind named in a URL.
     *
     * @throws ApiException 400 {@code import-kind.unknown} naming field {@code kind}
     */
    public static RegionImportKind ofPath(String path) {
        for (RegionImportKind k : values()) {
            if (k.path.equals(path)) {
                return k;
            }
        }
        throw ApiException.invalid("kind", "import-kind.unknown", "kind must be one of "
                + Arrays.stream(values()).map(k -> k.path).collect(Collectors.joining(", ")) + ", not '"
                + RegionCodes.abbreviate(path) + "'");
    }
}
