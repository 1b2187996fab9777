package cn.gansu.lianhu.events.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The AsyncAPI document {@code asyncapi/lianhu.asyncapi.yaml} (issue 9 point 3) is a valid AsyncAPI 3.0.0 document
 * and describes exactly the contract of this module: every topic of {@link Topics} and every type of
 * {@link EventTypes} is in it and nothing else; each payload schema has exactly the fields of its Java record; its
 * examples validate against their own schemas. The official JSON Schema is a copy of {@code @asyncapi/specs}
 * (src/test/resources/asyncapi-spec/README.md).
 */
class EventSchemaDocumentTest {
    static final String DOCUMENT = "asyncapi/lianhu.asyncapi.yaml";
    static final Set<String> SERVICES = Set.of("registry-service", "pairing-service", "visit-service",
            "reporting-service");

    static JsonNode doc;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = EventSchemaDocumentTest.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            assertNotNull(in, DOCUMENT + " is not on the class path");
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void isAValidAsyncApi300Document() throws IOException {
        JsonNode spec;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("asyncapi-spec/asyncapi-3.0.0.schema.json")) {
            spec = new ObjectMapper().readTree(in);
        }
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(spec,
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        Set<ValidationMessage> errors = schema.validate(doc);
        assertEquals("", errors.stream().map(ValidationMessage::toString).sorted().collect(Collectors.joining("\n")));
        assertEquals("3.0.0", doc.path("asyncapi").asText());

        // a document missing a required member is refused by the same schema (the check can fail)
        ObjectNode broken = doc.deepCopy();
        broken.remove("info");
        assertTrue(schema.validate(broken).stream().anyMatch(m -> m.getMessage().contains("info")),
                "the AsyncAPI schema did not miss info");
    }

    @Test
    void everyLocalReferenceResolves() {
        List<String> broken = new ArrayList<>();
        refs(doc, broken, "");
        assertEquals(List.of(), broken);
    }

    private static void refs(JsonNode node, List<String> broken, String at) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && (!ref.asText().startsWith("#/") || doc.at(ref.asText().substring(1)).isMissingNode())) {
                broken.add(at + ": " + ref.asText());
            }
            node.fields().forEachRemaining(e -> refs(e.getValue(), broken, at + "/" + e.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refs(node.get(i), broken, at + "/" + i);
            }
        }
    }

    @Test
    void channelsAreExactlyTheTopicsAndTheDeadLetterTopics() {
        Set<String> addresses = new TreeSet<>();
        doc.path("channels").forEach(c -> addresses.add(c.path("address").asText()));
        Set<String> expected = new TreeSet<>(Topics.ALL);
        SERVICES.forEach(s -> expected.add(s + ".dead-letter"));
        assertEquals(expected, addresses);
        assertEquals(12, doc.path("channels").size(), "one channel per topic");
    }

    @Test
    void messagesAreExactlyTheEventTypesEachOnOneChannelWithItsKeyAndHeaders() {
        Map<String, String> channelOfType = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("channels").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> c = it.next();
            String address = c.getValue().path("address").asText();
            for (JsonNode ref : c.getValue().path("messages")) {
                JsonNode m = doc.at(ref.path("$ref").asText().substring(1));
                if (address.endsWith(".dead-letter")) {
                    assertEquals("dead-letter", m.path("name").asText(), address);
                    assertEquals(Set.of("dlq-reason", "dlq-topic", "dlq-partition", "dlq-offset"),
                            texts(m.at("/headers/required")), address);
                    continue;
                }
                String type = m.at("/payload/properties/type/const").asText();
                assertEquals(type, m.path("name").asText(), "message name of " + type);
                assertEquals(type, m.at("/headers/properties/ce_type/const").asText(), "ce_type of " + type);
                assertTrue(m.at("/headers/properties/correlation-id").isObject(), "correlation-id header of " + type);
                assertTrue(m.at("/headers/properties/dlq-replayed-from").isObject(), "replay header of " + type);
                assertTrue(m.at("/bindings/kafka/key").isObject(), "Kafka key schema of " + type);
                assertEquals("1.0", resolve(m.at("/payload/properties/specversion")).path("const").asText());
                assertEquals(Set.of("specversion", "id", "source", "type", "subject", "time", "datacontenttype",
                        "data"), texts(m.at("/payload/required")), type);
                assertEquals(null, channelOfType.put(type, address), type + " is on two channels");
            }
        }
        assertEquals(new TreeSet<>(EventTypes.ALL), new TreeSet<>(channelOfType.keySet()));
        assertEquals(26, channelOfType.size());
        // the topic of each type follows its family: cn.gansu.lianhu.<service>.<aggregate>...
        channelOfType.forEach((type, topic) -> assertTrue(
                type.startsWith("cn.gansu.lianhu." + topic.substring(0, topic.indexOf('.')) + "."), type + " on " + topic));
    }

    /** Each payload schema lists exactly the components of its Java record, all required, no others allowed. */
    @Test
    void payloadSchemasHaveExactlyTheFieldsOfTheJavaRecords() {
        List<Class<? extends Record>> records = List.of(RegionData.class, HouseholdData.class, UnitData.class,
                CadreData.class, VillageLinkData.class, LeaderLinkData.class, PairingData.class, VisitData.class,
                VisitData.HelpItem.class, HelpData.class, DemandData.class);
        for (Class<? extends Record> r : records) {
            JsonNode schema = doc.at("/components/schemas/" + r.getSimpleName());
            assertTrue(schema.isObject(), "no schema " + r.getSimpleName());
            List<String> components = Arrays.stream(r.getRecordComponents()).map(RecordComponent::getName).toList();
            List<String> properties = new ArrayList<>();
            schema.path("properties").fieldNames().forEachRemaining(properties::add);
            assertEquals(components, properties, r.getSimpleName() + " fields");
            assertEquals(new TreeSet<>(components), texts(schema.path("required")), r.getSimpleName() + " required");
            assertEquals(false, schema.path("additionalProperties").asBoolean(true), r.getSimpleName());
            schema.path("properties").fields().forEachRemaining(f -> assertTrue(
                    resolve(f.getValue()).hasNonNull("description") || f.getValue().hasNonNull("description"),
                    r.getSimpleName() + "." + f.getKey() + " has no description"));
        }
    }

    @Test
    void examplesValidateAgainstTheirMessages() {
        int examples = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.at("/components/messages").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> m = it.next();
            for (JsonNode example : m.getValue().path("examples")) {
                examples++;
                assertEquals(Set.of(), validate(m.getValue().path("payload"), example.path("payload")),
                        m.getKey() + " payload example");
                assertEquals(Set.of(), validate(m.getValue().path("headers"), example.path("headers")),
                        m.getKey() + " headers example");
                // and a renamed field of the example is refused
                ObjectNode drifted = example.path("payload").deepCopy();
                ObjectNode data = (ObjectNode) drifted.path("data");
                String first = data.fieldNames().next();
                data.set(first + "Renamed", data.remove(first));
                assertTrue(validate(m.getValue().path("payload"), drifted).size() >= 2,
                        m.getKey() + ": a renamed field was not refused");
            }
        }
        assertTrue(examples >= 2, "examples: " + examples);
    }

    private static Set<String> validate(JsonNode schema, JsonNode value) {
        JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(inline(schema),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        return s.validate(value).stream().map(ValidationMessage::toString).collect(Collectors.toSet());
    }

    /** The node with every local {@code $ref} replaced by (a copy of) its target. */
    private static JsonNode inline(JsonNode node) {
        if (node.isObject()) {
            if (node.has("$ref")) {
                return inline(resolve(node));
            }
            ObjectNode copy = node.deepCopy();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), inline(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactoryHolder.array();
            node.forEach(n -> copy.add(inline(n)));
            return copy;
        }
        return node;
    }

    private static JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            node = doc.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> s = new TreeSet<>();
        array.forEach(n -> s.add(n.asText()));
        return s;
    }

    private static final class JsonNodeFactoryHolder {
        static com.fasterxml.jackson.databind.node.ArrayNode array() {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
    }
}
