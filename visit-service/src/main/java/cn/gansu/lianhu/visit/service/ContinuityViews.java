package cn.gansu.lianhu.visit.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the continuity API returns (全年联系不断, issue 4 point 5). */
public final class ContinuityViews {
    private ContinuityViews() {
    }

    /**
     * Continuity of the active pairings in a scope on a day (rule: lianhu-events {@code ContinuityRule}).
     *
     * @param day                 the day of the figures (today, Beijing time)
     * @param overdueDays         window N in days for households in (or back in) poverty
     * @param liftedOverdueDays   window N in days for households lifted out of poverty
     * @param activePairings      pairings ACTIVE on the day (status ACTIVE, not ended on or before it)
     * @param visitedWithinWindow of those, pairings with an in-person visit at most N days before the day
     * @param share               visitedWithinWindow / activePairings, 0..1 rounded half-up to 4 decimals; null when
     *                            there are no active pairings
     * @param overdue             active pairings with more than N days since the latest in-person visit (or, never
     *                            visited in person, since the pairing started)
     * @param neverVisited        active pairings without any in-person visit
     */
    @Schema(name = "Continuity", example = """
            {"day":"2026-11-29","overdueDays":90,"liftedOverdueDays":180,"activePairings":4,
             "visitedWithinWindow":2,"share":0.5000,"overdue":1,"neverVisited":1}""")
    public record Summary(LocalDate day, int overdueDays, int liftedOverdueDays, long activePairings,
            long visitedWithinWindow, BigDecimal share, long overdue, long neverVisited) {
    }

    /**
     * One overdue pairing.
     *
     * @param pairingId          the pairing
     * @param cadreId            its cadre
     * @param unitId             the cadre's unit
     * @param householdId        the household
     * @param villageCode        12-digit village code
     * @param householdStatus    IN_POVERTY, LIFTED, RELAPSED, or null if no household event arrived yet (then
     *                           counted as IN_POVERTY)
     * @param startedOn          the pairing's start date
     * @param lastInPersonOn     date of the latest in-person visit, or null if none
     * @param daysSinceLastVisit days from lastInPersonOn (or startedOn when never visited in person) to the day
     * @param windowDays         the window N that applies to the household (90 or, lifted, 180 by default)
     */
    @Schema(name = "OverduePairing", example = """
            {"pairingId":"3a0d7f52-6c1b-4e8a-9f20-1d2c3b4a5e6f","cadreId":"0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e",
             "unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4","householdId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718",
             "villageCode":"621121100201","householdStatus":"IN_POVERTY","startedOn":"2026-03-01",
             "lastInPersonOn":"2026-07-01","daysSinceLastVisit":151,"windowDays":90}""")
    public record OverduePairing(UUID pairingId, UUID cadreId, UUID unitId, UUID householdId, String villageCode,
            String householdStatus, LocalDate startedOn, LocalDate lastInPersonOn, long daysSinceLastVisit,
            int windowDays) {
    }
}
