package cn.gansu.lianhu.registry.domain;

import cn.gansu.lianhu.api.ChineseTerm;

/** Poverty status of a household: in poverty, lifted out (脱贫) or relapsed (返贫) (DESIGN.md §2). */
public enum HouseholdStatus implements ChineseTerm {
    /** 贫困 */
    IN_POVERTY("贫困"),
    /** 脱贫 */
    LIFTED("脱贫"),
    /** 返贫 */
    RELAPSED("返贫");

    /** Chinese term as used in the 建档立卡 forms. */
    public final String chinese;

    HouseholdStatus(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    /** Finds a value by its English name or its Chinese term; null if none. */
    public static HouseholdStatus parse(String s) {
        return ChineseTerm.parse(HouseholdStatus.class, s);
    }
}
