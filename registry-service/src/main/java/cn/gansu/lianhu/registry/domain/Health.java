package cn.gansu.lianhu.registry.domain;

import cn.gansu.lianhu.api.ChineseTerm;

/** Health (健康状况) as recorded in 建档立卡. */
public enum Health implements ChineseTerm {
    /** 健康 */
    HEALTHY("健康"),
    /** 长期慢性病 */
    CHRONIC_ILLNESS("长期慢性病"),
    /** 患有大病 */
    SERIOUS_ILLNESS("患有大病"),
    /** 残疾 */
    DISABLED("残疾");

    /** Chinese term as used in the 建档立卡 forms. */
    public final String chinese;

    Health(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    /** Finds a value by its English name or its Chinese term; null if none. */
    public static Health parse(String s) {
        return ChineseTerm.parse(Health.class, s);
    }
}
