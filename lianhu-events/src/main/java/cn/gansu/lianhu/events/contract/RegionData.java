package cn.gansu.lianhu.events.contract;

/**
 * Payload of the {@code registry.region.*} events: the full state of one administrative region after
 * the change, so a consumer can rebuild from the topic alone.
 *
 * @param code            12-digit NBS statistical division code (统计用区划代码), zero-padded
 * @param name            official name
 * @param level           PROVINCE, PREFECTURE, COUNTY, TOWNSHIP or VILLAGE
 * @param parentCode      12-digit code of the parent region; null for the province
 * @param poorCounty      designated poor county (贫困县) — counties only
 * @param contiguousArea  contiguous poverty area (集中连片特困地区) of a poor county, e.g. 六盘山区; else null
 * @param nationalKeyCounty national key county for poverty alleviation (国家扶贫开发工作重点县), poor counties only
 * @param poorVillage     designated poor village (贫困村) — villages only
 */
public record RegionData(String code, String name, String level, String parentCode, boolean poorCounty,
        String contiguousArea, boolean nationalKeyCounty, boolean poorVillage) {
}
