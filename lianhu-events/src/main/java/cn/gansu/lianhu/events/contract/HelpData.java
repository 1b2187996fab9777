package cn.gansu.lianhu.events.contract;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Payload of {@code visit.help.recorded.v1}: one item of development help (促进发展) delivered on a visit.
 *
 * @param id                help item id (UUID), also the record key
 * @param visitId           the visit it was delivered on
 * @param cadreId           the cadre
 * @param unitId            the cadre's unit
 * @param householdId       the household helped
 * @param villageCode       12-digit code of the household's village
 * @param deliveredOn       date (the visit's date)
 * @param kind              INDUSTRY_PROJECT, FUNDS, EMPLOYMENT, SKILLS_TRAINING, MARKET_ACCESS or INFRASTRUCTURE
 * @param amountYuan        value in yuan, ≥ 0
 * @param peopleBenefiting  people who benefit, ≥ 0
 */
public record HelpData(String id, String visitId, String cadreId, String unitId, String householdId,
        String villageCode, LocalDate deliveredOn, String kind, BigDecimal amountYuan, int peopleBenefiting) {
}
