package cn.gansu.lianhu.registry.service;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.registry.domain.Region;
import cn.gansu.lianhu.events.contract.RegionLevel;

/**
 * Registry's rules on NBS statistical division codes (统计用区划代码, DESIGN.md §1); the code arithmetic
 * itself lives in {@link cn.gansu.lianhu.events.contract.RegionCodes}: 2 digits province, 4 prefecture, 6 county,
 * 9 township, 12 village; stored as 12 digits, zero-padded on the right. A real region never has an
 * all-zero segment below its own level (county 01–99, township 001–599, village 001–599), so the level of a
 * 12-digit code can be read from its trailing zeros.
 *
 * <p>Kinds derived from the code follow the NBS coding rule: townships 001–099 街道 {@code subdistrict},
 * 100–199 镇 {@code town}, 200–399 乡 {@code township}, 400–599 乡级类似单位 {@code township_like} (farms,
 * forest stations, parks); villages 001–199 居委会 {@code residents_committee}, 200–399 村委会
 * {@code village_committee}, 400–599 村级类似单位 {@code village_like}.
 */
public final class RegionCodes {
    /** Problem rule of a code that is not 2, 4, 6, 9 or 12 digits. */
    public static final String RULE_FORMAT = "region-code.format";

    private RegionCodes() {
    }

    /**
     * Normalises a code from a request (2/4/6/9-digit short form or 12 digits) to 12 digits.
     *
     * @param field name of the parameter, reported in the problem
     * @throws ApiException 400 {@code region-code.format} naming {@code field}
     */
    public static String normalize(String field, String code) {
        String full = Region.toFullCode(code);
        if (full == null) {
            throw ApiException.invalid(field, RULE_FORMAT,
                    field + " must be an NBS division code of 2, 4, 6, 9 or 12 digits, not '" + abbreviate(code) + "'");
        }
        return full;
    }

    /** Level of a 12-digit code, read from its trailing zero segments (620000000000 → PROVINCE). */
    public static RegionLevel levelOf(String fullCode) {
        return cn.gansu.lianhu.events.contract.RegionCodes.levelOf(fullCode);
    }

    /** Significant prefix of a 12-digit code: 621100000000 → 6211, 620102001000 → 620102001. */
    public static String prefixOf(String fullCode) {
        return cn.gansu.lianhu.events.contract.RegionCodes.prefixOf(fullCode);
    }

    /** Pads a short code to 12 digits (6211 → 621100000000). */
    public static String pad(String shortCode) {
        return cn.gansu.lianhu.events.contract.RegionCodes.pad(shortCode);
    }

    /** Kind of a township from digits 7–9 of its code (NBS rule, see class doc). */
    public static String townshipKind(String code9) {
        int n = Integer.parseInt(code9.substring(6, 9));
        return n < 100 ? "subdistrict" : n < 200 ? "town" : n < 400 ? "township" : "township_like";
    }

    /** Kind of a village from digits 10–12 of its code (NBS rule, see class doc). */
    public static String villageKind(String code12) {
        int n = Integer.parseInt(code12.substring(9, 12));
        return n < 200 ? "residents_committee" : n < 400 ? "village_committee" : "village_like";
    }

    /** Kind of a prefecture from its name: 自治州 → autonomous_prefecture, otherwise prefecture_city. */
    public static String prefectureKind(String name) {
        return name.endsWith("州") ? "autonomous_prefecture" : "prefecture_city";
    }


    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
