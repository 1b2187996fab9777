package cn.gansu.lianhu.registry.domain;

import cn.gansu.lianhu.api.ChineseTerm;

/** Relation to the head of household (与户主关系). */
public enum Relation implements ChineseTerm {
    /** 户主 */
    HEAD("户主"),
    /** 配偶 */
    SPOUSE("配偶"),
    /** 子女 */
    CHILD("子女"),
    /** 儿媳女婿 */
    CHILD_IN_LAW("儿媳女婿"),
    /** 孙子女 */
    GRANDCHILD("孙子女"),
    /** 父母 */
    PARENT("父母"),
    /** 岳父母公婆 */
    PARENT_IN_LAW("岳父母公婆"),
    /** 祖父母 */
    GRANDPARENT("祖父母"),
    /** 兄弟姐妹 */
    SIBLING("兄弟姐妹"),
    /** 其他 */
    OTHER("其他");

    /** Chinese term as used in the 建档立卡 forms. */
    public final String chinese;

    Relation(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    /** Finds a value by its English name or its Chinese term; null if none. */
    public static Relation parse(String s) {
        return ChineseTerm.parse(Relation.class, s);
    }
}
