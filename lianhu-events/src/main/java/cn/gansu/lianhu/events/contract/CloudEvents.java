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
     * Parses and checks one record value.
     *
     * @throws IllegalArgumentException if it is not JSON, not CloudEvents 1.0, or lacks id, type or data
     */
    public static CloudEvent parse(ObjectMapper mapper, String json) {
        CloudEvent event;
        try {
            // decimals stay exact (yuan): a double would turn 100999999999998.99 into …98.98
            event = mapper.readerFor(CloudEvent.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON CloudEvent: " + e.getOriginalMessage(), e);
        }
        if (!CloudEvent.SPEC_VERSION.equals(event.specversion())) {
            throw new IllegalArgumentException("unsupported specversion " + event.specversion());
        }
        if (event.id() == null || event.type() == null || event.data() == null) {
            throw new IllegalArgumentException("CloudEvent without id, type or data");
        }
        return event;
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
