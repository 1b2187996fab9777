package cn.gansu.lianhu.events.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Payload of the {@code visit.visit.*} events: a visit after the change (issue 4 point 2). Notes and the
 * location do not travel; figures do.
 *
 * @param id               visit id (UUID), also the record key
 * @param cadreId          the visiting cadre
 * @param unitId           the cadre's unit
 * @param householdId      the household visited
 * @param villageCode      12-digit code of the household's village
 * @param pairingId        the pairing that allowed the visit
 * @param visitedOn        date of the visit (Beijing time)
 * @param mode             IN_HOME, BY_PHONE, VILLAGE_MEETING or OTHER
 * @param inPerson         true for IN_HOME and VILLAGE_MEETING: what continuity (全年联系不断) counts
 * @param durationMinutes  length of the visit in minutes
 * @param tasks            the six tasks done: POLICY_PUBLICITY, PUBLIC_OPINION, DEVELOPMENT, EMOTION_EASING,
 *                         GRASSROOTS, MODEL_PROMOTION
 * @param helpYuan         development help delivered on the visit, in yuan (sum of {@code help})
 * @param help             the development help items (促进发展) of the visit as it stands after this event: a
 *                         correction replaces the whole list, so consumers sum help from the latest version of each
 *                         visit rather than from {@code visit.help.recorded} events
 * @param demandsRaised    demands opened from this visit
 * @param version          aggregate version: 1 when logged, +1 per correction
 */
public record VisitData(String id, String cadreId, String unitId, String householdId, String villageCode,
        String pairingId, LocalDate visitedOn, String mode, boolean inPerson, int durationMinutes, List<String> tasks,
        BigDecimal helpYuan, List<HelpItem> help, int demandsRaised, long version) {

    /**
     * One item of development help on the visit.
     *
     * @param kind             INDUSTRY_PROJECT, FUNDS, EMPLOYMENT, SKILLS_TRAINING, MARKET_ACCESS or INFRASTRUCTURE
     * @param amountYuan       value in yuan, ≥ 0, two decimals
     * @param peopleBenefiting people who benefit, ≥ 0
     */
    public record HelpItem(String kind, BigDecimal amountYuan, int peopleBenefiting) {
    }
}
