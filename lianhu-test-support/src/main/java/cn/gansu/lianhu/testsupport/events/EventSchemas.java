package cn.gansu.lianhu.testsupport.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks Kafka records against the AsyncAPI document of the suite, {@code asyncapi/lianhu.asyncapi.yaml} in the
 * lianhu-events jar (issue 9 point 3). For a record it finds the channel by topic ({@code address}) and the message
 * by CloudEvents type ({@code payload.properties.type.const}; on a dead-letter topic the one dead-letter message), then
 * validates, with the JSON Schema validator com.networknt:json-schema-validator (draft-07):
 * <ul>
 * <li>the value: parsed as JSON against the message's {@code payload} (envelope and {@code data}); on a dead-letter
 * topic, as a string;</li>
 * <li>the key against the message's Kafka binding {@code key} schema;</li>
 * <li>the headers (UTF-8 strings, the last value of each name) against the message's {@code headers} schema.</li>
 * </ul>
 * Every problem comes back as one line naming the record ({@code topic-partition@offset}), the type and the place.
 * Local {@code $ref}s are inlined before validation; the document has no recursive schema.
 */
public final class EventSchemas {
    /** Class-path location of the AsyncAPI document. */
    public static final String DOCUMENT = "asyncapi/lianhu.asyncapi.yaml";

    private static volatile EventSchemas loaded;

    private final ObjectMapper json = new ObjectMapper();
    private final JsonNode doc;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
            .build();
    /** topic → (type → message); a dead-letter topic maps its one message under type {@code null}. */
    private final Map<String, Map<String, Message>> channels = new LinkedHashMap<>();

    /** One message of a channel, with its compiled schemas. */
    private record Message(String name, boolean structuredCloudEvent, JsonSchema payload, JsonSchema headers,
            JsonSchema key) {
    }

    private EventSchemas(JsonNode doc) {
        this.doc = doc;
        for (Iterator<JsonNode> it = doc.path("channels").elements(); it.hasNext();) {
            JsonNode channel = it.next();
            Map<String, Message> byType = new LinkedHashMap<>();
            for (JsonNode ref : channel.path("messages")) {
                JsonNode m = resolve(ref);
                boolean structured = m.path("contentType").asText(doc.path("defaultContentType").asText())
                        .startsWith("application/cloudevents+json");
                String type = structured ? resolve(m.path("payload")).at("/properties/type/const").asText(null) : null;
                byType.put(type, new Message(m.path("name").asText(), structured, compile(m.path("payload")),
                        compile(m.path("headers")), compile(m.at("/bindings/kafka/key"))));
            }
            channels.put(channel.path("address").asText(), byType);
        }
    }

    /** The document from the class path, read once per JVM. */
    public static EventSchemas load() {
        EventSchemas s = loaded;
        if (s == null) {
            try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
                if (in == null) {
                    throw new IllegalStateException(DOCUMENT + " is not on the class path (lianhu-events jar)");
                }
                s = new EventSchemas(new ObjectMapper(new YAMLFactory()).readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            loaded = s;
        }
        return s;
    }

    /** The parsed AsyncAPI document. */
    public JsonNode document() {
        return doc;
    }

    /** Every topic (channel address) of the document, dead-letter topics included. */
    public Set<String> topics() {
        return channels.keySet();
    }

    /**
     * The topics {@code service} publishes events on (operations with {@code action: send} tagged with the service,
     * dead-letter topics left out).
     */
    public Set<String> topicsSentBy(String service) {
        Set<String> topics = new LinkedHashSet<>();
        for (JsonNode op : doc.path("operations")) {
            if ("send".equals(op.path("action").asText()) && tagged(op, service)) {
                String address = resolve(op.path("channel")).path("address").asText();
                if (!address.endsWith(".dead-letter")) {
                    topics.add(address);
                }
            }
        }
        return topics;
    }

    /** The CloudEvents types {@code service} publishes, as the document lists them, sorted. */
    public Set<String> typesSentBy(String service) {
        Set<String> types = new TreeSet<>();
        for (String topic : topicsSentBy(service)) {
            channels.get(topic).keySet().forEach(types::add);
        }
        return types;
    }

    /** The dead-letter topic of a service, {@code <service>.dead-letter}, if the document has it. */
    public String deadLetterTopic(String service) {
        String topic = service + ".dead-letter";
        if (!channels.containsKey(topic)) {
            throw new IllegalArgumentException("no channel " + topic + " in " + DOCUMENT);
        }
        return topic;
    }

    /** The CloudEvents type of a record value ({@code type} of the JSON, else header {@code ce_type}), or null. */
    public String typeOf(ConsumerRecord<String, String> record) {
        try {
            JsonNode value = record.value() == null ? null : json.readTree(record.value());
            if (value != null && value.path("type").isTextual()) {
                return value.path("type").asText();
            }
        } catch (JsonProcessingException e) {
            // not JSON: fall back to the header
        }
        return headers(record).get("ce_type");
    }

    /** Validates a record as it was read; see {@link #validate(String, String, String, Map)}. */
    public List<String> validate(ConsumerRecord<String, String> record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        return validate(where, record.topic(), record.key(), record.value(), headers(record));
    }

    /**
     * Validates one record against the document.
     *
     * @param topic   the topic it is (or would be) on
     * @param key     record key, null if none
     * @param value   record value (UTF-8 text), null for a tombstone
     * @param headers header name → UTF-8 value
     * @return the violations, one line each; empty if the record matches its message
     */
    public List<String> validate(String topic, String key, String value, Map<String, String> headers) {
        return validate(topic, topic, key, value, headers);
    }

    private List<String> validate(String where, String topic, String key, String value, Map<String, String> headers) {
        List<String> violations = new ArrayList<>();
        Map<String, Message> byType = channels.get(topic);
        if (byType == null) {
            violations.add(where + ": topic " + topic + " is not a channel of " + DOCUMENT);
            return violations;
        }
        Message message;
        JsonNode valueNode;
        if (byType.containsKey(null)) { // dead-letter topic: the value is any text
            message = byType.get(null);
            valueNode = JsonNodeFactory.instance.textNode(value == null ? "" : value);
        } else {
            if (value == null) {
                violations.add(where + ": tombstone (null value) on an event topic");
                return violations;
            }
            try {
                valueNode = json.readTree(value);
            } catch (JsonProcessingException e) {
                violations.add(where + ": value is not JSON: " + e.getOriginalMessage());
                return violations;
            }
            String type = valueNode.path("type").asText(null);
            message = type == null ? null : byType.get(type);
            if (message == null) {
                violations.add(where + ": type " + type + " is not a message of channel " + topic + " (documented: "
                        + byType.keySet() + ")");
                return violations;
            }
        }
        String prefix = where + " " + message.name() + " ";
        message.payload().validate(valueNode).forEach(m -> violations.add(prefix + "value " + text(m)));
        ObjectNode headerNode = JsonNodeFactory.instance.objectNode();
        headers.forEach(headerNode::put);
        message.headers().validate(headerNode).forEach(m -> violations.add(prefix + "headers " + text(m)));
        JsonNode keyNode = key == null ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(key);
        message.key().validate(keyNode).forEach(m -> violations.add(prefix + "key " + text(m)));
        if (message.structuredCloudEvent() && key != null && valueNode.path("subject").isTextual()
                && !key.equals(valueNode.path("subject").asText())) {
            violations.add(prefix + "key " + key + " differs from subject " + valueNode.path("subject").asText());
        }
        return violations;
    }

    /** The headers of a record as UTF-8 strings (the last value of each name). */
    public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static String text(ValidationMessage m) {
        return m.getMessage(); // "<instance location>: <what is wrong>"
    }

    private static boolean tagged(JsonNode op, String name) {
        for (JsonNode t : op.path("tags")) {
            if (name.equals(t.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private JsonSchema compile(JsonNode schema) {
        return factory.getSchema(schema.isMissingNode() ? JsonNodeFactory.instance.objectNode() : inline(schema),
                config);
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            JsonNode target = doc.at(node.get("$ref").asText().substring(1));
            if (target.isMissingNode()) {
                throw new IllegalStateException("unresolved $ref " + node.get("$ref").asText() + " in " + DOCUMENT);
            }
            node = target;
        }
        return node;
    }

    private JsonNode inline(JsonNode node) {
        if (node.isObject()) {
            if (node.has("$ref")) {
                return inline(resolve(node));
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), inline(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> copy.add(inline(n)));
            return copy;
        }
        return node;
    }
}
