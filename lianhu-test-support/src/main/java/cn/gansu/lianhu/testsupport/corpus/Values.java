package cn.gansu.lianhu.testsupport.corpus;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The malformed values of the corpus (issue 8 point 4), and percent-encoding that can carry broken UTF-8. */
final class Values {
    private Values() {
    }

    /** Injection strings: SQL, script, JNDI lookup, path traversal, template, CSV formula. */
    static final List<String> INJECTIONS = List.of(
            "' OR 1=1 --",
            "\"; DROP TABLE household; --",
            "1; SELECT pg_sleep(5)--",
            "<script>alert(1)</script>",
            "${jndi:ldap://x.example/a}",
            "../../etc/passwd",
            "=cmd|' /C calc'!A0",
            "{{7*7}}${7*7}#{7*7}",
            "%s%s%s%n",
            "\\' OR \\'1\\'=\\'1");

    /**
     * Placeholders inside generated JSON text, replaced after serialisation: {@code "@@RAW:x@@"} (quotes included)
     * by the raw token x (1e309, NaN, 2^63); {@code @@LONE@@} by the escape of an unpaired surrogate; {@code @@FF@@}
     * by the bytes 0xFF 0xFE (never valid UTF-8).
     */
    static String raw(String token) {
        return "@@RAW:" + token + "@@";
    }

    static final String LONE_SURROGATE = "@@LONE@@";
    static final String INVALID_UTF8 = "@@FF@@";

    /** Text that no stored string may hold (TextRules): NUL, unpaired surrogate, bidi override, C1 control. */
    static final List<String[]> FORBIDDEN_TEXT = List.of(
            new String[] { "NUL", "a\u0000b" },
            new String[] { "lone surrogate", "a" + LONE_SURROGATE + "b" },
            new String[] { "RTL override", "abc\u202Efdp.exe" },
            new String[] { "C1 control", "a\u0085b" },
            new String[] { "escape control", "a\u001Bb" });

    /** Unicode that is valid text but never a code, number, date or enum value. */
    static final List<String[]> UNICODE_ODDITIES = List.of(
            new String[] { "emoji", "😀🇨🇳" },
            new String[] { "combining marks", "e\u0301\u0301\u0301\u0301" },
            new String[] { "zero-width joiner", "\u200D\u200B\uFEFF" },
            new String[] { "full-width digits", "６２０１０２" });

    static String fullWidthDigits(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= '0' && c <= '9' ? (char) ('０' + (c - '0')) : c);
        }
        return sb.toString();
    }

    static String repeat(String unit, int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            sb.append(unit);
        }
        sb.setLength(length);
        return sb.toString();
    }

    /** RFC 3986 percent-encoding of the UTF-8 bytes (unreserved characters kept). */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    /** Raw (already encoded) URL values that are not valid UTF-8 or hold forbidden characters. */
    static final List<String[]> RAW_URL_ODDITIES = List.of(
            new String[] { "NUL", "a%00b" },
            new String[] { "invalid UTF-8", "a%FF%FEb" },
            new String[] { "lone surrogate (CESU)", "a%ED%A0%80b" },
            new String[] { "overlong slash", "%C0%AF" },
            new String[] { "RTL override", "abc%E2%80%AEfdp" },
            new String[] { "encoded slash traversal", "..%2F..%2Fetc%2Fpasswd" });
}
