package cn.gansu.lianhu.visit.domain;

/**
 * Status of a pairing as pairing-service publishes it ({@code PairingData.status}, docs/events.md): a DRAFT
 * before the unit confirms, WITHDRAWN a draft taken back, ACTIVE once confirmed, ENDED with a reason and a date.
 */
public enum PairingStatus {
    DRAFT, ACTIVE, WITHDRAWN, ENDED
}
