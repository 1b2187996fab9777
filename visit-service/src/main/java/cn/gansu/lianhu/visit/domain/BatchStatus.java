package cn.gansu.lianhu.visit.domain;

/** State of a visit batch: ACTIVE, or CANCELLED (its pending items cancelled with reason BATCH_CANCELLED). */
public enum BatchStatus {
    ACTIVE, CANCELLED
}
