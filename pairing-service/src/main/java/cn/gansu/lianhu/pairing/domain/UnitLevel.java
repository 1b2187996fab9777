package cn.gansu.lianhu.pairing.domain;

import cn.gansu.lianhu.api.ChineseTerm;

/** Level of a unit (单位层级), DESIGN.md §1 "Who takes part": the region level it sits at. */
public enum UnitLevel implements ChineseTerm {
    /** 省直 — provincial unit; sits in 62 */
    PROVINCE("省直"),
    /** 市州 — prefecture/city unit; sits in a 4-digit prefecture */
    PREFECTURE("市州"),
    /** 县区 — county unit; sits in a 6-digit county */
    COUNTY("县区"),
    /** 乡镇 — township unit; sits in a 9-digit township */
    TOWNSHIP("乡镇");

    /** Chinese term, accepted in requests and import files as well as the English name. */
    public final String chinese;

    UnitLevel(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    /** Finds a value by its English name (any case) or its Chinese term; null if none. */
    public static UnitLevel parse(String s) {
        return ChineseTerm.parse(UnitLevel.class, s);
    }

    /** Digits of the NBS code of the region a unit of this level sits in (2, 4, 6, 9). */
    public int regionDigits() {
        return switch (this) {
            case PROVINCE -> 2;
            case PREFECTURE -> 4;
            case COUNTY -> 6;
            case TOWNSHIP -> 9;
        };
    }
}
