package cn.gansu.lianhu.pairing.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters from the 31-character set
 * {@code 0-9 A-H J-N P-R T U W-Y} (no I, O, Z, S, V): registration authority, organisation kind, 6-digit
 * region, 9-character organisation code, and a check character computed with weights 3^i mod 31.
 */
public final class CreditCodes {
    private static final String CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCodes() {
    }

    /** A broken rule: {@code rule} is {@code credit-code.format} or {@code credit-code.check-character}. */
    public record Violation(String rule, String message) {
    }

    /** Trims and upper-cases; null and blank become null. */
    public static String normalise(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return code.trim().toUpperCase(Locale.ROOT);
    }

    /** Checks the form and the check character of a normalised code; empty if it is valid. */
    public static Optional<Violation> validate(String code) {
        if (code == null || code.length() != 18 || !code.chars().allMatch(c -> CHARS.indexOf(c) >= 0)) {
            return Optional.of(new Violation("credit-code.format", "a unified social credit code has 18 characters "
                    + "from 0-9 and A-Y without I, O, S, V and Z (GB 32100)"));
        }
        char expected = checkCharacter(code);
        if (code.charAt(17) != expected) {
            return Optional.of(new Violation("credit-code.check-character",
                    "check character should be " + expected + ", not " + code.charAt(17) + " (GB 32100)"));
        }
        return Optional.empty();
    }

    /** The check character for the first 17 characters (all from the GB 32100 set). */
    public static char checkCharacter(String code) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARS.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return CHARS.charAt(c == 31 ? 0 : c);
    }
}
