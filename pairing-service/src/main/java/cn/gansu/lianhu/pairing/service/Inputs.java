package cn.gansu.lianhu.pairing.service;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.ChineseTerm;
import cn.gansu.lianhu.events.contract.RegionCodes;
import cn.gansu.lianhu.events.contract.RegionLevel;
import cn.gansu.lianhu.pairing.domain.EndReason;

/**
 * Checks of request values shared by the unit, cadre and link operations (issue 3 points 1–4). Each
 * failure is an {@link ApiException} naming the field and a stable rule id:
 * <ul>
 * <li>400 {@code enum.value} — not a code (English name, any case) nor a Chinese term of the list;</li>
 * <li>400 {@code region-code.format} — not a 2/4/6/9/12-digit NBS code, or not one of the level asked for;</li>
 * <li>400 {@code if-match.format} — If-Match does not carry a version;</li>
 * <li>400 {@code end.reason-required}, {@code end.date-required}, {@code end.approved-by-required} — ending
 * a link without a reason, a date, or (for CORRECTION_APPROVED) the approver;</li>
 * <li>422 {@code date.future} — a date after today (DESIGN.md: today from the injected clock).</li>
 * </ul>
 */
public final class Inputs {
    private Inputs() {
    }

    /**
     * Parses a code-list value given as English name or Chinese term; null/blank gives null.
     *
     * @throws ApiException 400 {@code enum.value} naming {@code field} and listing the accepted values
     */
    public static <E extends Enum<E> & ChineseTerm> E enumValue(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        E e = ChineseTerm.parse(type, value);
        if (e == null) {
            throw ApiException.invalid(field, "enum.value", field + " is one of " + accepted(type) + ", not '"
                    + abbreviate(value) + "'");
        }
        return e;
    }

    /** {@code PROVINCE (省直), PREFECTURE (市州), …}: the values of a code list with their Chinese terms. */
    public static <E extends Enum<E> & ChineseTerm> String accepted(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(v -> v.name() + " (" + v.chinese() + ")")
                .collect(Collectors.joining(", "));
    }

    /**
     * The significant digits of a region code for prefix matching ({@code 62} → {@code 62},
     * {@code 621121000000} → {@code 621121}); null/blank gives null.
     *
     * @throws ApiException 400 {@code region-code.format} if it is not 2, 4, 6, 9 or 12 digits
     */
    public static String regionPrefix(String field, String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String full = RegionCodes.toFullCode(code.trim());
        if (full == null) {
            throw ApiException.invalid(field, "region-code.format",
                    field + " is a division code of 2, 4, 6, 9 or 12 digits, not '" + abbreviate(code) + "'");
        }
        return RegionCodes.prefixOf(full);
    }

    /**
     * A 12-digit village code (only that form names a village).
     *
     * @throws ApiException 400 {@code region-code.format}
     */
    public static String villageCode(String field, String code) {
        String c = code == null ? "" : code.trim();
        if (!RegionCodes.isFull(c) || RegionCodes.levelOf(c) != RegionLevel.VILLAGE) {
            throw ApiException.invalid(field, "region-code.format",
                    field + " must be a 12-digit village code, not '" + abbreviate(c) + "'");
        }
        return c;
    }

    /**
     * A county code in short (6-digit) or 12-digit form, returned as 12 digits.
     *
     * @throws ApiException 400 {@code region-code.format}
     */
    public static String countyCode(String field, String code) {
        String c = code == null ? "" : code.trim();
        String full = c.length() == 6 || c.length() == 12 ? RegionCodes.toFullCode(c) : null;
        if (full == null || RegionCodes.levelOf(full) != RegionLevel.COUNTY) {
            throw ApiException.invalid(field, "region-code.format",
                    field + " must be a county code of 6 or 12 digits (e.g. 623021 or 623021000000), not '"
                            + abbreviate(c) + "'");
        }
        return full;
    }

    /**
     * A date that is not after today.
     *
     * @throws ApiException 422 {@code date.future}
     */
    public static LocalDate notFuture(String field, LocalDate date, LocalDate today) {
        if (date != null && date.isAfter(today)) {
            throw ApiException.unprocessable(field, "date.future",
                    field + " " + date + " is in the future (today is " + today + ")");
        }
        return date;
    }


    /**
     * The version a client says it read (If-Match wins over the body field); 409 {@code version.stale} if the
     * stored one differs. Absent: no check.
     */
    public static void checkVersion(String what, Object id, long stored, Long headerVersion, Long bodyVersion) {
        Long expected = headerVersion != null ? headerVersion : bodyVersion;
        if (expected != null && expected != stored) {
            throw ApiException.conflict("version", "version.stale", what + " " + id + " is at version " + stored
                    + ", not " + expected + ": read it again and repeat the change");
        }
    }

    /**
     * The parts of an end request, checked: reason required and one of {@code allowed}, date required and not
     * in the future nor before {@code start}, approver required for CORRECTION_APPROVED.
     *
     * @return the parsed reason
     */
    public static EndReason endReason(String reason, LocalDate date, String approvedBy, LocalDate start,
            LocalDate today, String what, EndReason... allowed) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.invalid("reason", "end.reason-required", what + " ends only with a reason: one of "
                    + Arrays.stream(allowed).map(Enum::name).collect(Collectors.joining(", ")));
        }
        EndReason r = enumValue(EndReason.class, "reason", reason);
        if (date == null) {
            throw ApiException.invalid("date", "end.date-required", what + " ends only with the date it ended");
        }
        if (r == EndReason.CORRECTION_APPROVED && (approvedBy == null || approvedBy.isBlank())) {
            throw ApiException.invalid("approvedBy", "end.approved-by-required",
                    "CORRECTION_APPROVED needs approvedBy: the person who approved the correction");
        }
        if (!Arrays.asList(allowed).contains(r)) {
            throw ApiException.unprocessable("reason", "end.reason-not-applicable", what + " cannot end with " + r
                    + "; allowed: " + Arrays.stream(allowed).map(Enum::name).collect(Collectors.joining(", ")));
        }
        notFuture("date", date, today);
        if (start != null && date.isBefore(start)) {
            throw ApiException.unprocessable("date", "end.before-start",
                    "date " + date + " is before the link began (" + start + ")");
        }
        return r;
    }

    /** A LIKE pattern matching names containing {@code q} (case-insensitive for Latin letters), escaped with \. */
    public static String containsPattern(String q) {
        String escaped = q.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
