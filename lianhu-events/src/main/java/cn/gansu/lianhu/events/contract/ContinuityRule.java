package cn.gansu.lianhu.events.contract;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The one definition of "overdue" for year-round contact (全年联系不断, DESIGN.md §1; issue 4 point 5), shared by
 * visit-service (its overdue lists) and reporting-service (continuity figures) so both count the same pairings.
 * Keys {@code lianhu.continuity.*}; set them the same way for every service (e.g. environment variables
 * {@code LIANHU_CONTINUITY_OVERDUE_DAYS} and {@code LIANHU_CONTINUITY_LIFTED_OVERDUE_DAYS}).
 * <p>
 * A pairing is <b>active on day D</b> when it started on or before D and has not ended on or before D (status
 * ACTIVE, or ENDED with an end date after D); DRAFT and WITHDRAWN pairings never count.
 * An active pairing is <b>overdue</b> on day {@code D} when more than {@code N} days have passed since its
 * <i>reference date</i>: the date of the paired cadre's latest in-person visit (mode IN_HOME or VILLAGE_MEETING) to
 * the household, or, if there was none since the pairing started, the pairing's start date. {@code N} is
 * {@link #overdueDays()} for households IN_POVERTY or RELAPSED, {@link #liftedOverdueDays()} for households LIFTED
 * out of poverty (contact continues at a slower cadence, 脱贫不脱钩). A pairing is <b>visited within the window</b>
 * when it has an in-person visit no more than {@code N} days before {@code D}.
 */
@ConfigMapping(prefix = "lianhu.continuity")
public interface ContinuityRule {

    /** Days without an in-person visit after which a pairing with a household in (or back in) poverty is overdue. */
    @WithDefault("90")
    int overdueDays();

    /** Days without an in-person visit after which a pairing with a household lifted out of poverty is overdue. */
    @WithDefault("180")
    int liftedOverdueDays();

    /** The window N in days for a household of this status (IN_POVERTY, LIFTED, RELAPSED; null = IN_POVERTY). */
    default int windowDays(String householdStatus) {
        return "LIFTED".equals(householdStatus) ? liftedOverdueDays() : overdueDays();
    }

    /** Days from {@code reference} to {@code day} (0 if the reference is that day). */
    static long daysSince(LocalDate reference, LocalDate day) {
        return ChronoUnit.DAYS.between(reference, day);
    }

    /**
     * @param lastInPerson  the cadre's latest in-person visit to the household, or null
     * @param startedOn     the pairing's start date
     * @param day           the day of the figure (usually today, Beijing time)
     * @param householdStatus the household's poverty status
     * @return true if the pairing is overdue on {@code day}
     */
    default boolean overdue(LocalDate lastInPerson, LocalDate startedOn, LocalDate day, String householdStatus) {
        LocalDate reference = lastInPerson != null ? lastInPerson : startedOn;
        return reference != null && daysSince(reference, day) > windowDays(householdStatus);
    }

    /** True if the pairing had an in-person visit within the window before {@code day}. */
    default boolean visitedWithinWindow(LocalDate lastInPerson, LocalDate day, String householdStatus) {
        return lastInPerson != null && daysSince(lastInPerson, day) <= windowDays(householdStatus);
    }
}
