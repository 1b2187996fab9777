package cn.gansu.lianhu.api;

import java.util.Optional;

/**
 * Characters no stored text may hold (DESIGN.md §4: bad input is refused, never stored or turned into a
 * 500): NUL and the other C0/C1 control characters except tab, line feed and carriage return; unpaired
 * UTF-16 surrogates (not a character at all; they would be stored as '?'); and the bidirectional override
 * and isolate controls U+202A–U+202E, U+2066–U+2069, which make a name display as something else.
 */
public final class TextRules {
    /** Rule id reported in problems and import error reports. */
    public static final String RULE = "text.forbidden-character";

    private TextRules() {
    }

    /** Why {@code s} may not be stored, or empty if it may. */
    public static Optional<String> violation(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of(describe(c, i) + " is an unpaired surrogate, not a character");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of(describe(c, i) + " is an unpaired surrogate, not a character");
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
                return Optional.of(describe(c, i) + " is a control character");
            }
            if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                return Optional.of(describe(c, i) + " is a bidirectional text control");
            }
        }
        return Optional.empty();
    }

    /** {@code s} without the characters {@link #violation} objects to (for reporting one error per cell). */
    public static String strip(String s) {
        return s == null ? null : FORBIDDEN.matcher(s).replaceAll("");
    }

    private static final java.util.regex.Pattern FORBIDDEN = java.util.regex.Pattern
            .compile("[\\p{Cc}&&[^\\t\\n\\r]]|[\\u202A-\\u202E\\u2066-\\u2069]|\\p{Cs}");

    private static String describe(char c, int index) {
        return String.format("character U+%04X at position %d", (int) c, index + 1);
    }
}
