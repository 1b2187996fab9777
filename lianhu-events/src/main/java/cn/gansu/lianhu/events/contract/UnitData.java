package cn.gansu.lianhu.events.contract;

/**
 * Payload of the {@code pairing.unit.*} events: a unit's state after the change.
 *
 * @param id                 unit id (UUID), also the record key
 * @param name               official name
 * @param level              PROVINCE, PREFECTURE, COUNTY or TOWNSHIP
 * @param kind               PARTY_GOVERNMENT, PUBLIC_INSTITUTION, PEOPLES_ORGANISATION, MILITARY_DISTRICT,
 *                           ARMED_POLICE, CENTRAL_UNIT or STATE_OWNED_ENTERPRISE
 * @param regionCode         12-digit NBS code of the region the unit sits in
 * @param creditCode         unified social credit code (统一社会信用代码, GB 32100), or null
 * @param activeCadres       number of its cadres with status ACTIVE
 * @param requiredVillages   poor villages it must link, from the cadre-count band table (DESIGN.md §1 部门联村)
 * @param pairingsConfirmed  true once its pairings were confirmed (一次确定联系对象)
 * @param version            aggregate version, increasing by one per event
 */
public record UnitData(String id, String name, String level, String kind, String regionCode, String creditCode,
        int activeCadres, int requiredVillages, boolean pairingsConfirmed, long version) {
}
