package cn.gansu.lianhu.reporting.events;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.contract.CloudEvents;
import cn.gansu.lianhu.events.contract.EventTypes;

/**
 * Outcome of reading one record value of a topic reporting consumes: {@link Accepted accepted} (valid and of
 * a type handled on that topic), {@link Unknown of a type not handled there} (skipped; but a type of a family
 * handled there in another version is rejected, {@link EventTypes#unknownVersion}), or {@link Rejected
 * rejected} with the reason (not a CloudEvent, no source, id not a UUID, payload not the contract record, values out of
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

    /** Builds a topic's event from a checked envelope and payload. */
    @FunctionalInterface
    interface Factory<E> {
        E make(UUID id, String type, OffsetDateTime time, Object data);
    }

    /**
     * Reads one record value the same way on every topic: a CloudEvent, of a type the topic handles (else
     * {@link Unknown}), with a UUID id and a time, whose data is the contract record of its type and passes
     * {@code check}. Never throws.
     *
     * @param payloadOf the contract record class of an event type on this topic, null if not handled
     * @param check     what is wrong with a payload, or null if it can be applied
     */
    static <E> EventRead<E> read(ObjectMapper mapper, String value, Function<String, Class<?>> payloadOf,
            Function<Object, String> check, Factory<E> factory) {
        if (value == null) {
            return new Rejected<>(CloudEvents.NO_VALUE);
        }
        CloudEvent event;
        try {
            event = CloudEvents.parse(mapper, value);
        } catch (IllegalArgumentException e) {
            return new Rejected<>(e.getMessage());
        } catch (RuntimeException e) {
            return new Rejected<>("not a CloudEvent: " + e);
        }
        Class<?> payload = payloadOf.apply(event.type());
        if (payload == null) {
            String unknownVersion = EventTypes.unknownVersion(event.type(), t -> payloadOf.apply(t) != null);
            return unknownVersion != null ? new Rejected<>(unknownVersion) : new Unknown<>(event.type());
        }
        UUID id;
        try {
            id = CloudEvents.checkApplied(event);
        } catch (IllegalArgumentException e) {
            return new Rejected<>(e.getMessage());
        }
        OffsetDateTime time = event.time();
        if (time == null) {
            return new Rejected<>("event " + id + " has no time");
        }
        Object data;
        try {
            data = CloudEvents.data(mapper, event, payload);
        } catch (IllegalArgumentException e) {
            return new Rejected<>(e.getMessage());
        }
        String problem;
        try {
            problem = check.apply(data);
        } catch (RuntimeException e) {
            problem = "payload cannot be checked: " + e;
        }
        return problem == null ? new Accepted<>(factory.make(id, event.type(), time, data))
                : new Rejected<>(event.type() + " " + id + ": " + problem);
    }
}
