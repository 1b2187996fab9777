package cn.gansu.lianhu.pairing.domain;

import cn.gansu.lianhu.api.ChineseTerm;

/** Rank of a cadre (干部级别), DESIGN.md §1: decides the minimum households (configuration). */
public enum CadreRank implements ChineseTerm {
    /** 省级领导 — provincial leader: links 1–2 poor counties, one poor village in each, ≥ 5 households */
    PROVINCIAL_LEADER("省级领导"),
    /** 地厅级 — prefecture/bureau level: ≥ 3 households by default */
    PREFECTURE_BUREAU("地厅级"),
    /** 县处级 — county/division level: ≥ 2 households by default */
    COUNTY_DIVISION("县处级"),
    /** 其他 — other cadres: ≥ 1 household by default */
    OTHER("其他");

    /** Chinese term, accepted in requests and import files as well as the English name. */
    public final String chinese;

    CadreRank(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    /** Finds a value by its English name (any case) or its Chinese term; null if none. */
    public static CadreRank parse(String s) {
        return ChineseTerm.parse(CadreRank.class, s);
    }
}
