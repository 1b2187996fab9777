package cn.gansu.lianhu.reporting.domain;

import java.util.regex.Pattern;

/**
 * NBS statistical division codes (统计用区划代码, DESIGN.md §1): stored as 12-digit zero-padded strings;
 * APIs also accept the short form of 2 (province), 4 (prefecture), 6 (county) or 9 (township) digits.
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
        return (code + "000000000000").substring(0, 12);
    }

    /** True for a 12-digit code. */
    public static boolean isFull(String code) {
        return code != null && FULL.matcher(code).matches();
    }

    /** The significant prefix of a region's code at its level ({@code 621100000000}, PREFECTURE → {@code 6211}). */
    public static String prefix(String fullCode, RegionLevel level) {
        return fullCode.substring(0, level.digits);
    }
}
