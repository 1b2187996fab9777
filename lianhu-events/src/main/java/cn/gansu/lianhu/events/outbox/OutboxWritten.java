package cn.gansu.lianhu.events.outbox;

/** CDI event fired when a transaction wrote outbox rows; the relay wakes up once it commits. */
public record OutboxWritten(String topic) {
}
