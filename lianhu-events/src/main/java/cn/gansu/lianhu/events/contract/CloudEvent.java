package cn.gansu.lianhu.events.contract;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The envelope of every event on every Lianhu topic: a CloudEvents 1.0 record in structured JSON mode
 * (DESIGN.md §3). The Kafka record key is the aggregate id; {@code subject} repeats it.
 *
 * <pre>
 * {"specversion":"1.0","id":"7c6f…","source":"/lianhu/registry-service",
 *  "type":"cn.gansu.lianhu.registry.household.registered.v1","subject":"0b1e…",
 *  "time":"2026-11-29T08:00:00Z","datacontenttype":"application/json","data":{…}}
 * </pre>
 *
 * @param specversion always {@code 1.0}
 * @param id          unique per event (UUID); consumers use it to apply an event once
 * @param source      producing service, e.g. {@code /lianhu/registry-service}
 * @param type        versioned type, one of {@link EventTypes}
 * @param subject     aggregate id (also the record key)
 * @param time        when the state change was committed (UTC)
 * @param datacontenttype always {@code application/json}
 * @param data        the payload record of {@code type}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(String specversion, String id, String source, String type, String subject,
        OffsetDateTime time, String datacontenttype, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";
    /** Kafka header {@code content-type} of a structured-mode CloudEvent. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
}
