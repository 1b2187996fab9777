package cn.gansu.lianhu.registry.domain;

import cn.gansu.lianhu.api.ChineseTerm;

/** Education (文化程度) as recorded in 建档立卡. */
public enum Education implements ChineseTerm {
    /** 学龄前儿童 */
    PRESCHOOL("学龄前儿童"),
    /** 文盲或半文盲 */
    ILLITERATE("文盲或半文盲"),
    /** 小学 */
    PRIMARY("小学"),
    /** 初中 */
    JUNIOR_SECONDARY("初中"),
    /** 高中 */
    SENIOR_SECONDARY("高中"),
    /** 大专及以上 */
    TERTIARY("大专及以上");

    /** Chinese term as used in the 建档立卡 forms. */
    public final String chinese;

    Education(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    /** Finds a value by its English name or its Chinese term; null if none. */
    public static Education parse(String s) {
        return ChineseTerm.parse(Education.class, s);
    }
}
