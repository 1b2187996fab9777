package cn.gansu.lianhu.registry.domain;

import cn.gansu.lianhu.api.ChineseTerm;

/** Poverty cause (致贫原因), the standard 建档立卡 list (issue 2, DESIGN.md §2). */
public enum PovertyCause implements ChineseTerm {
    /** 因病 */
    ILLNESS("因病"),
    /** 因残 */
    DISABILITY("因残"),
    /** 因学 */
    SCHOOLING("因学"),
    /** 因灾 */
    DISASTER("因灾"),
    /** 缺土地 */
    LACK_OF_LAND("缺土地"),
    /** 缺水 */
    LACK_OF_WATER("缺水"),
    /** 缺技术 */
    LACK_OF_SKILLS("缺技术"),
    /** 缺劳力 */
    LACK_OF_LABOUR("缺劳力"),
    /** 缺资金 */
    LACK_OF_CAPITAL("缺资金"),
    /** 交通条件落后 */
    POOR_TRANSPORT("交通条件落后"),
    /** 自身发展动力不足 */
    LACK_OF_DRIVE("自身发展动力不足");

    /** Chinese term as used in the 建档立卡 forms. */
    public final String chinese;

    PovertyCause(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    /** Finds a value by its English name or its Chinese term; null if none. */
    public static PovertyCause parse(String s) {
        return ChineseTerm.parse(PovertyCause.class, s);
    }
}
