package cn.gansu.lianhu.registry.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.registry.domain.Region;

/**
 * A region as the API shows it.
 *
 * @param code              12-digit NBS statistical division code (统计用区划代码), zero-padded
 * @param shortCode         significant digits: 2 province, 4 prefecture, 6 county, 9 township, 12 village
 * @param name              name exactly as in the source (suffixes and brackets kept)
 * @param level             PROVINCE, PREFECTURE, COUNTY, TOWNSHIP or VILLAGE
 * @param parentCode        12-digit code of the parent; null for the province
 * @param kind              province; prefecture_city / autonomous_prefecture; counties: district, county,
 *                          county_level_city, autonomous_county, prefecture_city_no_districts,
 *                          stat_only_function_zone; townships: subdistrict, town, township, township_like;
 *                          villages: residents_committee, village_committee, village_like
 * @param poorCounty        designated poor county (贫困县), counties only
 * @param contiguousArea    contiguous poverty area (集中连片特困地区) of a poor county, else null
 * @param nationalKeyCounty national key county (国家扶贫开发工作重点县, 2012 list)
 * @param poorVillage       designated poor village (贫困村), villages only
 */
@Schema(name = "Region", example = """
        {"code":"621121000000","shortCode":"621121","name":"通渭县","level":"COUNTY","parentCode":"621100000000",
         "kind":"county","poorCounty":true,"contiguousArea":"六盘山区","nationalKeyCounty":true,"poorVillage":false}""")
public record RegionView(String code, String shortCode, String name, String level, String parentCode, String kind,
        boolean poorCounty, String contiguousArea, boolean nationalKeyCounty, boolean poorVillage) {

    static RegionView of(Region r) {
        return new RegionView(r.code, r.prefix(), r.name, r.level.name(), r.parentCode, r.kind, r.poorCounty,
                r.contiguousArea, r.nationalKeyCounty, r.poorVillage);
    }
}
