package cn.gansu.lianhu.pairing.service;

import java.util.List;

import cn.gansu.lianhu.imports.ImportColumn;

/**
 * Columns of the cadre import file (issue 3 point 2): one row per cadre. Each header may be written in English
 * (snake_case or camelCase, any case) or in Chinese; order is free. The unit is named by
 * {@code unit_credit_code} or {@code unit_id} (at least one of the two columns); {@code phone} may be left
 * out, and so may {@code status}: cadres are registered ACTIVE, as by the REST operation.
 */
public enum CadreImportColumn implements ImportColumn {
    /** Name, at most 50 characters. 姓名 */
    NAME("name", false, "姓名"),
    /** GB 11643 ID number (18 characters, check character); unique among cadres. 身份证号 */
    ID_NUMBER("id_number", false, "idNumber", "身份证号", "身份证号码", "公民身份号码"),
    /** Unified social credit code of the cadre's unit. 单位统一社会信用代码 */
    UNIT_CREDIT_CODE("unit_credit_code", true, "unitCreditCode", "单位统一社会信用代码"),
    /** Id (UUID) of the cadre's unit. 单位ID */
    UNIT_ID("unit_id", true, "unitId", "单位ID", "单位编号"),
    /** PROVINCIAL_LEADER/省级领导, PREFECTURE_BUREAU/地厅级, COUNTY_DIVISION/县处级, OTHER/其他. 级别 */
    RANK("rank", false, "级别", "职级"),
    /** Phone, optional: an optional +, then 5–20 digits, spaces or - (the REST rule). 联系电话 */
    PHONE("phone", true, "联系电话", "电话"),
    /** Optional; blank or ACTIVE/在岗 only: a cadre is registered ACTIVE (rule cadre.status-on-create). 状态 */
    STATUS("status", true, "状态");

    private final String header;
    private final boolean optional;
    private final List<String> aliases;

    CadreImportColumn(String header, boolean optional, String... aliases) {
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
