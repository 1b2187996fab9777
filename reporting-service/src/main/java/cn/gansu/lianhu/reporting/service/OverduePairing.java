package cn.gansu.lianhu.reporting.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An ACTIVE pairing overdue today by the one shared rule (lianhu-events ContinuityRule; 全年联系不断, issue 4 point 7):
 * more than N days since the cadre's latest in-person visit to the household, or since the pairing started if
 * there was none.
 *
 * @param pairingId          pairing id
 * @param cadreId            the paired cadre
 * @param cadreName          the cadre's name, or null if reporting has not received the cadre
 * @param unitId             the unit that made the pairing
 * @param unitName           its name, or null if not received
 * @param householdId        the household
 * @param householdHead      the head of household (户主), masked: first character, then {@code *} for each further
 *                           character; null if not yet known
 * @param householdStatus    IN_POVERTY, LIFTED or RELAPSED (LIFTED: window N is the lifted one); null if not known
 * @param villageCode        12-digit code of its village
 * @param startedOn          the pairing's start date
 * @param lastInPersonOn     date of the latest in-person visit (IN_HOME, VILLAGE_MEETING), or null if none
 * @param daysSinceLastVisit days from {@code lastInPersonOn} (or {@code startedOn} if none) to today
 * @param windowDays         the window N that applies (90 or 180 by default)
 */
@Schema(name = "OverduePairing", example = OverduePairing.EXAMPLE)
public record OverduePairing(
        @Schema(description = "pairing id", example = "3f2e1d0c-9b8a-4765-a4b3-c2d1e0f9a8b7")
        UUID pairingId,
        @Schema(description = "the paired cadre", example = "0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e")
        UUID cadreId,
        @Schema(description = "the cadre's name, or null if not received", example = "王立新")
        String cadreName,
        @Schema(description = "the unit that made the pairing", example = "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4")
        UUID unitId,
        @Schema(description = "the unit's name, or null if not received", example = "定西市民政局")
        String unitName,
        @Schema(description = "the household", example = "7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718")
        UUID householdId,
        @Schema(description = "head of household, masked: first character, then * per further character; null if not "
                + "known", example = "马**")
        String householdHead,
        @Schema(description = "IN_POVERTY, LIFTED or RELAPSED; null if not known", example = "IN_POVERTY")
        String householdStatus,
        @Schema(description = "12-digit code of the household's village", example = "621121100201")
        String villageCode,
        @Schema(description = "the pairing's start date", example = "2026-03-01")
        LocalDate startedOn,
        @Schema(description = "date of the latest in-person visit, or null if none", example = "2026-08-20",
                nullable = true)
        LocalDate lastInPersonOn,
        @Schema(description = "days from lastInPersonOn (or startedOn if none) to today", example = "101")
        long daysSinceLastVisit,
        @Schema(description = "the window N in days that applies to the household", example = "90")
        int windowDays) {

    static final String EXAMPLE = """
            {"pairingId":"3f2e1d0c-9b8a-4765-a4b3-c2d1e0f9a8b7","cadreId":"0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e",
             "cadreName":"王立新","unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4","unitName":"定西市民政局",
             "householdId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718","householdHead":"马**","householdStatus":"IN_POVERTY",
             "villageCode":"621121100201","startedOn":"2026-03-01","lastInPersonOn":"2026-08-20",
             "daysSinceLastVisit":101,"windowDays":90}""";

    /** {@code name} masked: its first character, then {@code *} for each further character; null stays null. */
    public static String mask(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.codePointAt(0);
        int rest = name.codePointCount(0, name.length()) - 1;
        return new String(Character.toChars(first)) + "*".repeat(rest);
    }

    /**
     * One page of overdue pairings.
     *
     * @param items rows of this page, most days since the last visit first
     * @param page  zero-based page index
     * @param size  page size asked for (1–500)
     * @param total rows of the whole list; without unit or cadre filter it equals {@code continuity.overdue} of the
     *              region's visit figures for today
     * @param asOf  time of the latest event reporting has applied (UTC), read before the rows; null if none yet
     */
    @Schema(name = "OverduePairingPage", description = "One page of overdue pairings, most days first")
    public record Page(
            @Schema(description = "rows of this page, most days since the last visit first")
            List<OverduePairing> items,
            @Schema(description = "zero-based page index", example = "0")
            int page,
            @Schema(description = "page size asked for (1–500)", example = "50")
            int size,
            @Schema(description = "rows of the whole list; without filters it equals continuity.overdue of the region's "
                    + "figures for today", example = "1")
            long total,
            @Schema(description = "time of the latest event reporting has applied (UTC), read before the rows; null if "
                    + "none yet", example = "2026-11-29T03:12:45.120Z")
            OffsetDateTime asOf) {
    }
}
