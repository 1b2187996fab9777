package cn.gansu.lianhu.events.contract;

/**
 * Payload of the {@code pairing.cadre.*} events: a cadre's state after the change. The ID number travels
 * only masked and the phone number not at all (DESIGN.md §4, §5).
 *
 * @param id                 cadre id (UUID), also the record key
 * @param name               name
 * @param idNumberMasked     GB 11643 ID number, masked ({@code 620102********123X})
 * @param unitId             id of the cadre's unit
 * @param rank               PROVINCIAL_LEADER, PREFECTURE_BUREAU (地厅级), COUNTY_DIVISION (县处级) or OTHER
 * @param status             ACTIVE, TRANSFERRED, RETIRED or DECEASED
 * @param minimumHouseholds  households the cadre must pair with at this rank (configuration); 0 unless ACTIVE
 * @param version            aggregate version, increasing by one per event
 */
public record CadreData(String id, String name, String idNumberMasked, String unitId, String rank, String status,
        int minimumHouseholds, long version) {
}
