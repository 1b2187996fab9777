package cn.gansu.lianhu.events.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads structured-mode CloudEvents from a topic and checks the envelope.
 */
public final class CloudEvents {
    private CloudEvents() {
    }

    /**
     * Parses and checks one record value: the envelope must be JSON, CloudEvents 1.0, with an id, a type and
     * data. Whether the consumer applies the type, and the checks that only matter then (id a UUID, a source),
     * are left to {@link #checkApplied}.
     *
     * @throws IllegalArgumentException with the reason a dead letter carries: {@code record has no value (a
     *         tombstone)}, {@code not a JSON CloudEvent: …}, {@code not a CloudEvent: specversion is missing},
     *         {@code unknown event version: specversion X; this consumer reads CloudEvents 1.0},
     *         {@code CloudEvent without id} / {@code type} / {@code data}
     */
    public static CloudEvent parse(ObjectMapper mapper, String json) {
        if (json == null) {
            throw new IllegalArgumentException(NO_VALUE);
        }
        CloudEvent event;
        try {
            // decimals stay exact (yuan): a double would turn 100999999999998.99 into …98.98
            event = mapper.readerFor(CloudEvent.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON CloudEvent: " + e.getOriginalMessage(), e);
        }
        if (event == null) {
            throw new IllegalArgumentException("not a JSON CloudEvent: the value is JSON null");
        }
        if (event.specversion() == null) {
            throw new IllegalArgumentException("not a CloudEvent: specversion is missing");
        }
        if (!CloudEvent.SPEC_VERSION.equals(event.specversion())) {
            throw new IllegalArgumentException("unknown event version: specversion " + event.specversion()
                    + "; this consumer reads CloudEvents " + CloudEvent.SPEC_VERSION);
        }
        if (event.id() == null) {
            throw new IllegalArgumentException("CloudEvent without id");
        }
        if (event.type() == null) {
            throw new IllegalArgumentException("CloudEvent without type");
        }
        if (event.data() == null || event.data().isNull()) {
            throw new IllegalArgumentException("CloudEvent without data");
        }
        return event;
    }

    /** Reason of a record without a value (a Kafka tombstone). */
    public static final String NO_VALUE = "record has no value (a tombstone)";

    /**
     * The checks of an event the consumer is about to apply (issue 8 point 3), the same in every consumer: a
     * {@code source}, an id that is a UUID.
     *
     * @return the event id
     * @throws IllegalArgumentException {@code CloudEvent without source}, {@code event id 'x' is not a UUID}
     */
    public static java.util.UUID checkApplied(CloudEvent event) {
        if (event.source() == null || event.source().isBlank()) {
            throw new IllegalArgumentException("CloudEvent without source");
        }
        try {
            return java.util.UUID.fromString(event.id());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("event id '" + event.id() + "' is not a UUID");
        }
    }

    /**
     * Converts the event's data to its payload record. Fields the record does not know are ignored, so a consumer
     * keeps reading a v1 payload that gained a field (additive changes stay within a version).
     */
    public static <T> T data(ObjectMapper mapper, CloudEvent event, Class<T> type) {
        try {
            return mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .treeToValue(event.data(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("data of " + event.type() + " is not a " + type.getSimpleName(), e);
        }
    }
}
