package cn.gansu.lianhu.registry.domain;

import cn.gansu.lianhu.api.ChineseTerm;

import cn.gansu.lianhu.api.IdNumbers;

/** Sex (性别), as encoded by the 17th digit of the ID number (odd male, even female). */
public enum Sex implements ChineseTerm {
    /** 男 */
    MALE("男"),
    /** 女 */
    FEMALE("女");

    /** Chinese term as used in the 建档立卡 forms. */
    public final String chinese;

    Sex(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    /** The sex a valid GB 11643 ID number encodes. */
    public static Sex ofIdNumber(String idNumber) {
        return cn.gansu.lianhu.api.IdNumbers.isMale(idNumber) ? MALE : FEMALE;
    }

    /** Finds a value by its English name or its Chinese term; null if none. */
    public static Sex parse(String s) {
        return ChineseTerm.parse(Sex.class, s);
    }
}
