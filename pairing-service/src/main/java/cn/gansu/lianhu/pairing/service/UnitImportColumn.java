package cn.gansu.lianhu.pairing.service;

import java.util.List;

import cn.gansu.lianhu.imports.ImportColumn;

/**
 * Columns of the unit import file (issue 3 point 1): one row per unit. Each header may be written in English
 * (snake_case or camelCase, any case) or in Chinese; order is free. {@code credit_code} may be left out.
 */
public enum UnitImportColumn implements ImportColumn {
    /** Official name, at most 200 characters; unique within its region. 单位名称 */
    NAME("name", false, "unitName", "unit_name", "单位名称", "名称"),
    /** PROVINCE/省直, PREFECTURE/市州, COUNTY/县区, TOWNSHIP/乡镇. 层级 */
    LEVEL("level", false, "层级", "单位层级"),
    /** PARTY_GOVERNMENT/党政机关, PUBLIC_INSTITUTION/事业单位, …. 类别 */
    KIND("kind", false, "类别", "单位类别"),
    /** NBS code (2/4/6/9/12 digits) of the Gansu region it sits in, at the unit's level. 所在地区代码 */
    REGION_CODE("region_code", false, "regionCode", "所在地区代码", "地区代码"),
    /** Unified social credit code (GB 32100), optional, unique. 统一社会信用代码 */
    CREDIT_CODE("credit_code", true, "creditCode", "统一社会信用代码");

    private final String header;
    private final boolean optional;
    private final List<String> aliases;

    UnitImportColumn(String header, boolean optional, String... aliases) {
        this.header = header;
        this.optional = optional;
        this.aliases = List.of(aliases);
    }

    @Override
    public String header() {
        return header;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    @Override
    public boolean optional() {
        return optional;
    }
}
