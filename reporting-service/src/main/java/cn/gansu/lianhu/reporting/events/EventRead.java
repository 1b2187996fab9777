package cn.gansu.lianhu.reporting.events;

/**
 * Outcome of reading one record value of a topic reporting consumes: {@link Accepted accepted} (valid and of
 * a type handled on that topic), {@link Unknown of a type not handled there} (skipped), or {@link Rejected
 * rejected} with the reason (not a CloudEvent, id not a UUID, payload not the contract record, values out of
 * range). Readers never throw, so one bad record can never fail a batch.
 *
 * @param <E> the checked event type of the topic
 */
public sealed interface EventRead<E> {

    /** Valid and of a handled type. */
    record Accepted<E>(E event) implements EventRead<E> {
    }

    /** A valid CloudEvent of a type this consumer does not handle on this topic. */
    record Unknown<E>(String type) implements EventRead<E> {
    }

    /** Not applicable: {@code reason} says why. */
    record Rejected<E>(String reason) implements EventRead<E> {
    }
}
