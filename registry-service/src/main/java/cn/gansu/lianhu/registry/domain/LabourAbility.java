package cn.gansu.lianhu.registry.domain;

import cn.gansu.lianhu.api.ChineseTerm;

/** Labour ability (劳动技能) as recorded in 建档立卡. */
public enum LabourAbility implements ChineseTerm {
    /** 技能劳动力 */
    SKILLED("技能劳动力"),
    /** 普通劳动力 */
    GENERAL("普通劳动力"),
    /** 弱劳动力或半劳动力 */
    LIMITED("弱劳动力或半劳动力"),
    /** 丧失劳动力 */
    UNABLE("丧失劳动力"),
    /** 无劳动力 */
    NONE("无劳动力");

    /** Chinese term as used in the 建档立卡 forms. */
    public final String chinese;

    LabourAbility(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    /** Finds a value by its English name or its Chinese term; null if none. */
    public static LabourAbility parse(String s) {
        return ChineseTerm.parse(LabourAbility.class, s);
    }
}
