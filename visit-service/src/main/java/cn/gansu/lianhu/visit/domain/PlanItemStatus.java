package cn.gansu.lianhu.visit.domain;

/**
 * State of one pairing in a visit batch (分期分批, issue 4 point 1): PENDING until the pairing's cadre logs a visit
 * dated inside the batch period (VISITED, any mode); CANCELLED when the batch is cancelled or the pairing ends before
 * the visit (issue 4 point 5).
 */
public enum PlanItemStatus {
    PENDING, VISITED, CANCELLED
}
