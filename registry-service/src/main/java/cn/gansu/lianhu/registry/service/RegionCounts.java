package cn.gansu.lianhu.registry.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Numbers of regions strictly below one region (the region itself is not counted).
 *
 * @param code          12-digit code of the region counted under
 * @param name          its name
 * @param level         its level
 * @param prefectures   prefectures (市/州) below it
 * @param counties      county-level units below it (Gansu: 88, including 兰州新区 and 嘉峪关市)
 * @param poorCounties  designated poor counties below it (Gansu: 58)
 * @param townships     townships below it
 * @param villages      villages below it
 * @param poorVillages  designated poor villages below it (Gansu: 8,790)
 */
@Schema(name = "RegionCounts", example = """
        {"code":"620000000000","name":"甘肃省","level":"PROVINCE","prefectures":14,"counties":88,"poorCounties":58,
         "townships":1403,"villages":17718,"poorVillages":8790}""")
public record RegionCounts(String code, String name, String level, long prefectures, long counties,
        long poorCounties, long townships, long villages, long poorVillages) {
}
