package cn.gansu.lianhu.reporting.service;

/**
 * What applying one polled batch did.
 *
 * @param applied    events delivered for the first time (inbox) and written
 * @param duplicates events already applied before (same id), skipped
 * @param stale      first deliveries that changed nothing: an equal or newer state was already stored
 */
public record BatchOutcome(int applied, int duplicates, int stale) {
}
