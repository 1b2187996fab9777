package cn.gansu.lianhu.pairing.domain;

import cn.gansu.lianhu.api.ChineseTerm;

/** Why an active pairing or link ended (不脱钩: only with one of these and a date; issue 3 point 6). */
public enum EndReason implements ChineseTerm {
    /** 户销户 — the household was dissolved */
    HOUSEHOLD_DISSOLVED("户销户"),
    /** 户合并 — the household merged into another */
    HOUSEHOLD_MERGED("户合并"),
    /** 户迁出 — the household moved away */
    HOUSEHOLD_MOVED("户迁出"),
    /** 干部调离 — the cadre was transferred */
    CADRE_TRANSFERRED("干部调离"),
    /** 干部退休 — the cadre retired */
    CADRE_RETIRED("干部退休"),
    /** 干部去世 — the cadre died */
    CADRE_DECEASED("干部去世"),
    /** 批准更正 — a correction approved by a named person (approvedBy required) */
    CORRECTION_APPROVED("批准更正");

    /** Chinese term, accepted in requests and import files as well as the English name. */
    public final String chinese;

    EndReason(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    /** Finds a value by its English name (any case) or its Chinese term; null if none. */
    public static EndReason parse(String s) {
        return ChineseTerm.parse(EndReason.class, s);
    }

    /** True for the reasons about the household: it no longer needs a cadre, so no successor is required. */
    public boolean householdGone() {
        return this == HOUSEHOLD_DISSOLVED || this == HOUSEHOLD_MERGED || this == HOUSEHOLD_MOVED;
    }

    /** True for the reasons about the cadre leaving: those go through a hand-over. */
    public boolean cadreLeft() {
        return this == CADRE_TRANSFERRED || this == CADRE_RETIRED || this == CADRE_DECEASED;
    }
}
