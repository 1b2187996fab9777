package cn.gansu.lianhu.pairing.domain;

import cn.gansu.lianhu.api.ChineseTerm;

/** Kind of unit (单位类别), DESIGN.md §1 "Who takes part". */
public enum UnitKind implements ChineseTerm {
    /** 党政机关 — party and government department */
    PARTY_GOVERNMENT("党政机关"),
    /** 事业单位 — public institution */
    PUBLIC_INSTITUTION("事业单位"),
    /** 人民团体 — people's organisation */
    PEOPLES_ORGANISATION("人民团体"),
    /** 省军区 — the provincial military district and its sub-districts */
    MILITARY_DISTRICT("省军区"),
    /** 武警 — the armed police */
    ARMED_POLICE("武警"),
    /** 中央在甘单位 — central unit stationed in Gansu */
    CENTRAL_UNIT("中央在甘单位"),
    /** 国有企业 — large or medium state-owned enterprise */
    STATE_OWNED_ENTERPRISE("国有企业");

    /** Chinese term, accepted in requests and import files as well as the English name. */
    public final String chinese;

    UnitKind(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    /** Finds a value by its English name (any case) or its Chinese term; null if none. */
    public static UnitKind parse(String s) {
        return ChineseTerm.parse(UnitKind.class, s);
    }
}
