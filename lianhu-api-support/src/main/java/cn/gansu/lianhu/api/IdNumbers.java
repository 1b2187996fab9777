package cn.gansu.lianhu.api;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Chinese resident ID numbers (居民身份证号码, GB 11643-1999): 6-digit region of first registration,
 * 8-digit birth date, 3-digit sequence (odd = male, even = female), ISO 7064 MOD 11-2 check character.
 * DESIGN.md §4: validated, never returned in full, the key for finding duplicate people.
 */
public final class IdNumbers {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    /** Province-level codes of GB/T 2260 (plus 71 Taiwan, 81 Hong Kong, 82 Macao, 83 residence permits). */
    private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32",
            "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61",
            "62", "63", "64", "65", "71", "81", "82", "83");
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private IdNumbers() {
    }

    /** A broken rule: {@code rule} is a stable id such as {@code id-number.check-digit}. */
    public record Violation(String rule, String message) {
    }

    /** Upper-cases a trailing x and trims; null stays null. */
    public static String normalise(String idNumber) {
        return idNumber == null ? null : idNumber.trim().toUpperCase(Locale.ROOT);
    }

    /**
     * Checks format, region prefix, birth date (a real date, not after {@code today}, not before 1900) and
     * check character, in that order; returns the first rule broken.
     */
    public static Optional<Violation> validate(String idNumber, LocalDate today) {
        String id = normalise(idNumber);
        if (id == null || !id.matches("\\d{17}[\\dX]")) {
            return Optional.of(new Violation("id-number.format",
                    "an ID number has 18 characters: 17 digits and a digit or X"));
        }
        if (!PROVINCES.contains(id.substring(0, 2)) || id.substring(2, 6).equals("0000")) {
            return Optional.of(new Violation("id-number.region",
                    "region prefix " + id.substring(0, 6) + " is not a plausible GB/T 2260 division code"));
        }
        LocalDate birth;
        try {
            birth = birthDate(id);
        } catch (DateTimeException e) {
            return Optional.of(new Violation("id-number.birth-date",
                    "birth date " + id.substring(6, 14) + " is not a real date"));
        }
        if (birth.isAfter(today) || birth.isBefore(EARLIEST_BIRTH)) {
            return Optional.of(new Violation("id-number.birth-date",
                    "birth date " + birth + " is impossible (after today or before 1900)"));
        }
        char expected = checkCharacter(id);
        if (id.charAt(17) != expected) {
            return Optional.of(new Violation("id-number.check-digit",
                    "check character should be " + expected + ", not " + id.charAt(17)));
        }
        return Optional.empty();
    }

    /** The MOD 11-2 check character for the first 17 digits. */
    public static char checkCharacter(String id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /** Birth date encoded in digits 7–14; throws {@link DateTimeException} if it is not a date. */
    public static LocalDate birthDate(String id) {
        return LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                Integer.parseInt(id.substring(12, 14)));
    }

    /** Sex encoded by digit 17: odd male, even female. */
    public static boolean isMale(String id) {
        return (id.charAt(16) - '0') % 2 == 1;
    }

    /** {@code 620102199001011234} → {@code 620102********1234}: the only form an ID number leaves the service in. */
    public static String mask(String id) {
        if (id == null || id.length() != 18) {
            return id == null ? null : "*".repeat(id.length());
        }
        return id.substring(0, 6) + "********" + id.substring(14);
    }
}
