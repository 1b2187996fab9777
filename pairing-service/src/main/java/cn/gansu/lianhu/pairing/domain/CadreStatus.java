package cn.gansu.lianhu.pairing.domain;

import cn.gansu.lianhu.api.ChineseTerm;

/** Status of a cadre. Only ACTIVE cadres pair; leaving (any other status) hands their households over in the same step (issue 3 point 6). */
public enum CadreStatus implements ChineseTerm {
    /** 在岗 — in post */
    ACTIVE("在岗"),
    /** 调离 — transferred away */
    TRANSFERRED("调离"),
    /** 退休 — retired */
    RETIRED("退休"),
    /** 去世 — deceased */
    DECEASED("去世");

    /** Chinese term, accepted in requests and import files as well as the English name. */
    public final String chinese;

    CadreStatus(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    /** Finds a value by its English name (any case) or its Chinese term; null if none. */
    public static CadreStatus parse(String s) {
        return ChineseTerm.parse(CadreStatus.class, s);
    }

    /** The pairing end reason that goes with leaving in this status; null for ACTIVE. */
    public EndReason endReason() {
        return switch (this) {
            case ACTIVE -> null;
            case TRANSFERRED -> EndReason.CADRE_TRANSFERRED;
            case RETIRED -> EndReason.CADRE_RETIRED;
            case DECEASED -> EndReason.CADRE_DECEASED;
        };
    }
}
