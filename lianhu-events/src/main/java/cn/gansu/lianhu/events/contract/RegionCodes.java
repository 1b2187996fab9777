package cn.gansu.lianhu.events.contract;

import java.util.regex.Pattern;

/**
 * NBS statistical division codes (统计用区划代码, DESIGN.md §1): 2 digits province, 4 prefecture, 6 county,
 * 9 township, 12 village. Events and databases carry the 12-digit form, zero-padded on the right; APIs also
 * accept the short form. A real region never has an all-zero segment below its own level, so the level of a
 * 12-digit code can be read from its trailing zeros.
 */
public final class RegionCodes {
    private static final Pattern ACCEPTED = Pattern.compile("\\d{2}|\\d{4}|\\d{6}|\\d{9}|\\d{12}");
    private static final Pattern FULL = Pattern.compile("\\d{12}");

    private RegionCodes() {
    }

    /**
     * Normalises a code given in short or full form to 12 digits ({@code 6211} → {@code 621100000000});
     * null if it is not 2, 4, 6, 9 or 12 digits.
     */
    public static String toFullCode(String code) {
        if (code == null || !ACCEPTED.matcher(code).matches()) {
            return null;
        }
        return pad(code);
    }

    /** Pads a short code to 12 digits (6211 → 621100000000). */
    public static String pad(String shortCode) {
        return (shortCode + "000000000000").substring(0, 12);
    }

    /** True for a 12-digit code. */
    public static boolean isFull(String code) {
        return code != null && FULL.matcher(code).matches();
    }

    /** Level of a 12-digit code, read from its trailing zero segments (620000000000 → PROVINCE). */
    public static RegionLevel levelOf(String fullCode) {
        for (RegionLevel level : RegionLevel.values()) {
            if (zerosFrom(fullCode, level.digits)) {
                return level;
            }
        }
        return RegionLevel.VILLAGE;
    }

    /** The significant prefix of a code at a level ({@code 621100000000}, PREFECTURE → {@code 6211}). */
    public static String prefix(String fullCode, RegionLevel level) {
        return fullCode.substring(0, level.digits);
    }

    /** Significant prefix of a 12-digit code by its trailing zeros: 621100000000 → 6211. */
    public static String prefixOf(String fullCode) {
        return prefix(fullCode, levelOf(fullCode));
    }

    private static boolean zerosFrom(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
