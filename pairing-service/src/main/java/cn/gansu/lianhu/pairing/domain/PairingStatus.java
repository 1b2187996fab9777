package cn.gansu.lianhu.pairing.domain;

import cn.gansu.lianhu.api.ChineseTerm;

/** Life of a cadre ↔ household pairing (干部联户): DRAFT → ACTIVE → ENDED, or DRAFT → WITHDRAWN before confirmation (issue 3 point 6). */
public enum PairingStatus implements ChineseTerm {
    /** 草拟 — proposed, not yet confirmed by the unit; may be withdrawn */
    DRAFT("草拟"),
    /** 在联 — confirmed; ends only with a reason and a date */
    ACTIVE("在联"),
    /** 撤回 — a draft withdrawn before confirmation */
    WITHDRAWN("撤回"),
    /** 终止 — ended with a reason code and a date */
    ENDED("终止");

    /** Chinese term, accepted in requests and import files as well as the English name. */
    public final String chinese;

    PairingStatus(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    /** Finds a value by its English name (any case) or its Chinese term; null if none. */
    public static PairingStatus parse(String s) {
        return ChineseTerm.parse(PairingStatus.class, s);
    }

    /** DRAFT and ACTIVE pairings are live: they count towards maximums, minimums and uniqueness. */
    public boolean live() {
        return this == DRAFT || this == ACTIVE;
    }
}
