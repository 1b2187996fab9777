package cn.gansu.lianhu.events.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Payload of the {@code registry.household.*} events: the household's state after the change.
 * ID numbers never travel in full: only masked ({@code 620102********123X}).
 *
 * @param id               household id (UUID), also the record key
 * @param villageCode      12-digit code of the poor village it belongs to
 * @param headName         name of the head of household (户主)
 * @param headIdNumberMasked head's ID number, masked
 * @param memberCount      number of active members, head included
 * @param mainCause        main poverty cause (主要致贫原因), e.g. ILLNESS
 * @param otherCauses      other poverty causes
 * @param incomePerCapita  per-capita annual net income in yuan
 * @param status           IN_POVERTY, LIFTED or RELAPSED
 * @param previousStatus   status before this event (status-changed events only)
 * @param statusSince      date the current status took effect
 * @param version          aggregate version, increasing by one per event
 */
public record HouseholdData(String id, String villageCode, String headName, String headIdNumberMasked,
        int memberCount, String mainCause, List<String> otherCauses, BigDecimal incomePerCapita, String status,
        String previousStatus, LocalDate statusSince, long version) {
}
