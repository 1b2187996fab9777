package cn.gansu.lianhu.testsupport.corpus;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Generates the malformed requests of one operation of an OpenAPI 3.1 document (issue 8 point 4). Every probe starts
 * from a valid request (the operation's own examples, else values built from the schema) and breaks exactly one
 * thing: a body field (wrong type, missing, null, out of range, overflow, invalid date/code/enum, forbidden or odd
 * unicode, huge, injection), the body as a whole (empty, not JSON, wrong top-level type, too deep, wrong media type),
 * a path, query or header parameter, or an upload (empty, not UTF-8, wrong header, broken multipart). Only breaks
 * that make the request invalid are marked {@link Probe#mustReject()}; a free-text search term that is merely odd is
 * a probe that may legitimately answer 200 (reads only).
 */
final class CorpusGenerator {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Charset GBK = Charset.forName("GB18030");

    private final JsonNode doc;
    private final Random random;
    private final Map<String, String> pathValues;
    private final Map<String, String> bodyOverrides;

    CorpusGenerator(JsonNode doc, long seed, Map<String, String> pathValues, Map<String, String> bodyOverrides) {
        this.doc = doc;
        this.random = new Random(seed);
        this.pathValues = pathValues;
        this.bodyOverrides = bodyOverrides;
    }

    /** One operation of the document. */
    record Operation(String id, String method, String path, JsonNode node) {
        boolean isRead() {
            return method.equals("GET") || method.equals("HEAD");
        }
    }

    /** Every operation (get, post, put, patch, delete) of the document, in document order. */
    List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (String m : List.of("get", "post", "put", "patch", "delete")) {
                JsonNode op = p.getValue().get(m);
                if (op != null) {
                    String id = op.path("operationId").asText(m.toUpperCase() + " " + p.getKey());
                    ops.add(new Operation(id, m.toUpperCase(), p.getKey(), op));
                }
            }
        }
        return ops;
    }

    // ------------------------------------------------------------------ the valid starting request

    /** A valid request of the operation: path and query values, one header map, body and its media type. */
    private final class Base {
        final Operation op;
        final Map<String, String> path = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        String mediaType;
        JsonNode jsonBody;
        JsonNode bodySchema;
        String textBody;

        Base(Operation op) {
            this.op = op;
            for (JsonNode p : op.node().path("parameters")) {
                String name = p.path("name").asText();
                String in = p.path("in").asText();
                JsonNode schema = resolve(p.path("schema"));
                if (in.equals("path")) {
                    path.put(name, pathValues.getOrDefault(name, validScalar(p, schema, name)));
                } else if (in.equals("query") && p.path("required").asBoolean(false)) {
                    query.put(name, validScalar(p, schema, name));
                }
            }
            JsonNode content = op.node().path("requestBody").path("content");
            if (content.has("application/json")) {
                mediaType = "application/json";
                JsonNode media = content.get(mediaType);
                bodySchema = resolve(media.path("schema"));
                String override = bodyOverrides.get(op.id());
                try {
                    jsonBody = override != null ? JSON.readTree(override) : exampleOf(media, bodySchema);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("body override of " + op.id() + " is not JSON", e);
                }
            } else if (content.has("text/csv")) {
                mediaType = "text/csv";
                JsonNode ex = exampleOf(content.get("text/csv"), NODES.objectNode());
                textBody = ex != null && ex.isTextual() ? ex.asText() : "a,b\n1,2\n";
            } else if (content.has("multipart/form-data")) {
                mediaType = "multipart/form-data";
                textBody = "a,b\n1,2\n";
            } else if (content.size() > 0) {
                mediaType = content.fieldNames().next();
                textBody = "x";
            }
            if (content.has("multipart/form-data")) {
                // the service reads uploads as multipart too: keep the CSV example as its file
                if (textBody == null) {
                    textBody = "a,b\n1,2\n";
                }
            }
        }

        String rawPath(Map<String, String> rawOverrides) {
            String p = op.path();
            for (Map.Entry<String, String> e : path.entrySet()) {
                String raw = rawOverrides.containsKey(e.getKey()) ? rawOverrides.get(e.getKey()) : Values.encode(e.getValue());
                p = p.replace("{" + e.getKey() + "}", raw);
            }
            return p;
        }

        String rawQuery(Map<String, String> rawExtra) {
            StringBuilder sb = new StringBuilder();
            Map<String, String> all = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : query.entrySet()) {
                all.put(Values.encode(e.getKey()), Values.encode(e.getValue()));
            }
            all.putAll(rawExtra);
            for (Map.Entry<String, String> e : all.entrySet()) {
                sb.append(sb.length() == 0 ? "" : "&").append(e.getKey()).append('=').append(e.getValue());
            }
            return sb.toString();
        }

        byte[] bodyBytes() {
            if (jsonBody != null) {
                return json(jsonBody);
            }
            if (mediaType != null && mediaType.equals("multipart/form-data")) {
                return multipart("file", "households.csv", "text/csv", textBody.getBytes(StandardCharsets.UTF_8));
            }
            return textBody == null ? null : textBody.getBytes(StandardCharsets.UTF_8);
        }

        String contentType() {
            return mediaType == null ? null
                    : mediaType.equals("multipart/form-data") ? "multipart/form-data; boundary=" + BOUNDARY : mediaType;
        }

        Probe probe(String mutation, Map<String, String> rawPathOverrides, Map<String, String> rawQueryExtra,
                Map<String, String> extraHeaders, String contentType, byte[] body, boolean mustReject, int expected) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            if (contentType != null) {
                h.put("Content-Type", contentType);
            }
            h.putAll(extraHeaders);
            return new Probe(op.id(), mutation, op.method(), rawPath(rawPathOverrides), rawQuery(rawQueryExtra), h, body,
                    mustReject, expected);
        }

        Probe withBody(String mutation, String contentType, byte[] body) {
            return probe(mutation, Map.of(), Map.of(), Map.of(), contentType, body, true, 0);
        }
    }

    private static final String BOUNDARY = "lianhuCorpusBoundary7MA4YWxkTrZu0gW";

    static byte[] multipart(String part, String fileName, String type, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + type + "\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ generation

    /** The valid starting request of an operation, for the authentication probes (which must answer 401). */
    Probe valid(Operation op) {
        Base base = new Base(op);
        return base.probe("valid", Map.of(), Map.of(), Map.of(), base.contentType(), base.bodyBytes(), true, 401);
    }

    /** Every probe of one operation. */
    List<Probe> probes(Operation op) {
        Base base = new Base(op);
        List<Probe> out = new ArrayList<>();
        boolean write = !op.isRead();
        // path parameters
        for (String name : base.path.keySet()) {
            JsonNode schema = parameterSchema(op, name);
            for (String[] m : pathMutations(schema, base.path.get(name))) {
                out.add(base.probe("path." + name + "=" + m[0], Map.of(name, m[1]), Map.of(), Map.of(),
                        base.contentType(), base.bodyBytes(), true, 0));
            }
        }
        // query parameters
        for (JsonNode p : op.node().path("parameters")) {
            if (!p.path("in").asText().equals("query")) {
                continue;
            }
            String name = p.path("name").asText();
            JsonNode schema = resolve(p.path("schema"));
            for (QueryMutation m : queryMutations(name, schema)) {
                if (write && !m.mustReject) {
                    continue; // a write must only get requests that are invalid
                }
                Map<String, String> extra = new LinkedHashMap<>();
                extra.put(Values.encode(name), m.raw);
                out.add(base.probe("query." + name + "=" + m.label, Map.of(), extra, Map.of(), base.contentType(),
                        base.bodyBytes(), m.mustReject, 0));
            }
        }
        out.add(base.probe("query.unknown parameter", Map.of(), Map.of("zzUnknownParam", "1"), Map.of(),
                base.contentType(), base.bodyBytes(), true, 400));
        // header parameters
        for (JsonNode p : op.node().path("parameters")) {
            if (!p.path("in").asText().equals("header")) {
                continue;
            }
            String name = p.path("name").asText();
            for (String[] m : List.of(new String[] { "not a version", "\"abc\"" }, new String[] { "negative", "\"-1\"" },
                    new String[] { "overflow", "\"99999999999999999999\"" }, new String[] { "unquoted garbage", "abc" },
                    new String[] { "huge", "\"" + Values.repeat("9", 3000) + "\"" },
                    new String[] { "injection", "\"' OR 1=1 --\"" })) {
                out.add(base.probe("header." + name + "=" + m[0], Map.of(), Map.of(), Map.of(name, m[1]),
                        base.contentType(), base.bodyBytes(), true, 0));
            }
        }
        // body
        if (base.jsonBody != null) {
            jsonBodyProbes(base, out);
        } else if (base.mediaType != null) {
            uploadProbes(base, out);
        }
        return out;
    }

    // ------------------------------------------------------------------ JSON bodies

    private void jsonBodyProbes(Base base, List<Probe> out) {
        String json = "application/json";
        byte[] valid = base.bodyBytes();
        String validText = new String(valid, StandardCharsets.UTF_8);
        out.add(base.withBody("body.empty", json, new byte[0]));
        out.add(base.withBody("body.not JSON", json, utf8("this is not JSON")));
        out.add(base.withBody("body.truncated", json, utf8(validText.substring(0, validText.length() / 2))));
        out.add(base.withBody("body.trailing garbage", json, utf8(validText + "}}]")));
        out.add(base.withBody("body.top-level array", json, utf8("[" + validText + "]")));
        out.add(base.withBody("body.top-level string", json, utf8("\"x\"")));
        out.add(base.withBody("body.top-level number", json, utf8("42")));
        out.add(base.withBody("body.top-level null", json, utf8("null")));
        out.add(base.withBody("body.top-level true", json, utf8("true")));
        out.add(base.withBody("body.empty object", json, utf8("{}")));
        out.add(base.withBody("body.nested 5000 deep", json, utf8("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")));
        out.add(base.withBody("body.invalid UTF-8 bytes", json, withInvalidBytes(validText)));
        // (UTF-16 with a BOM is not in the corpus: Jackson reads it, and it is the same valid request)
        out.add(base.withBody("body.single quotes", json, utf8(validText.replace('"', '\''))));
        out.add(base.withBody("body.comment", json, utf8("/* c */" + validText)));
        out.add(base.withBody("body.as text/plain", "text/plain", valid).withExpected(415));
        out.add(base.withBody("body.as application/xml", "application/xml", utf8("<household/>")).withExpected(415));
        out.add(base.withBody("body.as form", "application/x-www-form-urlencoded", utf8("a=1")).withExpected(415));
        if (base.jsonBody.isObject()) {
            ObjectNode extra = base.jsonBody.deepCopy();
            extra.put("zzUnknownField", 1);
            out.add(base.withBody("body.unknown field", json, json(extra)));
            ObjectNode huge = base.jsonBody.deepCopy();
            huge.put("zzUnknownField", Values.repeat("x", 1 << 20));
            out.add(base.withBody("body.unknown field of 1 MB", json, json(huge)));
        }
        // field by field
        List<Probe> fields = new ArrayList<>();
        walk(base, base.jsonBody, base.bodySchema, "", fields, new boolean[] { false });
        out.addAll(fields);
    }

    /** Mutations of every field under {@code node} (schema {@code schema}) at JSON path {@code where}. */
    private void walk(Base base, JsonNode node, JsonNode schema, String where, List<Probe> out, boolean[] bigDone) {
        schema = resolve(schema);
        if (schema == null || !"object".equals(type(schema)) || !node.isObject()) {
            return;
        }
        JsonNode props = schema.path("properties");
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        Iterator<String> names = props.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode ps = resolve(props.get(name));
            String at = where.isEmpty() ? name : where + "." + name;
            boolean isRequired = required.contains(name);
            JsonNode current = node.get(name);
            if (isRequired) {
                out.add(fieldProbe(base, at, "missing (required)", null, true));
                out.add(fieldProbe(base, at, "null (required)", NODES.nullNode(), false));
            }
            if (current == null) {
                if (isRequired) {
                    continue;
                }
                current = exampleValue(ps, name);
                if (current == null) {
                    continue;
                }
            }
            for (Mutation m : valueMutations(ps, name, current, isRequired, bigDone)) {
                out.add(fieldProbe(base, at, m.label, m.value, false));
            }
            String t = type(ps);
            if ("object".equals(t) && current.isObject()) {
                ObjectNode extra = current.deepCopy();
                extra.put("zzUnknownField", true);
                out.add(fieldProbe(base, at, "unknown nested field", extra, false));
                walkNested(base, at, current, ps, out, bigDone);
            } else if ("array".equals(t) && current.isArray() && current.size() > 0) {
                JsonNode items = resolve(ps.path("items"));
                String itemAt = at + "[0]";
                for (Mutation m : valueMutations(items, name, current.get(0), true, bigDone)) {
                    out.add(fieldProbe(base, itemAt, m.label, m.value, false));
                }
                if ("object".equals(type(items)) && current.get(0).isObject()) {
                    ObjectNode extra = current.get(0).deepCopy();
                    extra.put("zzUnknownField", true);
                    out.add(fieldProbe(base, itemAt, "unknown nested field", extra, false));
                    walkNested(base, itemAt, current.get(0), items, out, bigDone);
                }
            }
        }
    }

    /** Walks a nested object: its probes are made on a copy of the whole body, so they are rewritten there. */
    private void walkNested(Base base, String at, JsonNode nested, JsonNode schema, List<Probe> out, boolean[] bigDone) {
        walk(base, nested, schema, at, out, bigDone);
    }

    private record Mutation(String label, JsonNode value) {
    }

    private List<Mutation> valueMutations(JsonNode schema, String name, JsonNode current, boolean required,
            boolean[] bigDone) {
        List<Mutation> ms = new ArrayList<>();
        String t = type(schema);
        Consumer<Object[]> add = a -> ms.add(new Mutation((String) a[0], (JsonNode) a[1]));
        ObjectNode obj = NODES.objectNode();
        obj.put("a", 1);
        ArrayNode arr = NODES.arrayNode();
        arr.add("x");
        if (schema.has("enum")) {
            add.accept(new Object[] { "wrong type: object", obj });
            add.accept(new Object[] { "wrong type: array", arr });
            add.accept(new Object[] { "wrong type: number", NODES.numberNode(7) });
            add.accept(new Object[] { "unknown enum value", text("NOT_A_VALUE") });
            add.accept(new Object[] { "empty enum value", text("") });
            add.accept(new Object[] { "enum value + combining mark", text(current.asText() + "\u0301") });
            add.accept(new Object[] { "enum value, full-width", text(toFullWidth(current.asText())) });
            add.accept(new Object[] { "injection", text(pick(Values.INJECTIONS)) });
            return ms;
        }
        switch (t == null ? "" : t) {
            case "string" -> stringMutations(schema, name, current, required, bigDone, ms, obj, arr);
            case "integer", "number" -> {
                boolean integer = t.equals("integer");
                add.accept(new Object[] { "wrong type: string", text("abc") });
                add.accept(new Object[] { "wrong type: object", obj });
                add.accept(new Object[] { "wrong type: array", arr });
                add.accept(new Object[] { "wrong type: boolean", NODES.booleanNode(true) });
                add.accept(new Object[] { "1e309", text(Values.raw("1e309")) });
                add.accept(new Object[] { "-1e309", text(Values.raw("-1e309")) });
                add.accept(new Object[] { "NaN", text(Values.raw("NaN")) });
                add.accept(new Object[] { "Infinity", text(Values.raw("Infinity")) });
                add.accept(new Object[] { "hex literal", text(Values.raw("0x10")) });
                add.accept(new Object[] { "leading zeros", text(Values.raw("007")) });
                add.accept(new Object[] { "full-width digits", text("１２３") });
                if (integer) {
                    add.accept(new Object[] { "fraction for integer", text(Values.raw("1.5")) });
                    if (!"int64".equals(schema.path("format").asText())) {
                        add.accept(new Object[] { "2^31", text(Values.raw("2147483648")) });
                    }
                    add.accept(new Object[] { "2^63", text(Values.raw("9223372036854775808")) });
                    add.accept(new Object[] { "-2^63-1", text(Values.raw("-9223372036854775809")) });
                    add.accept(new Object[] { "10^30", text(Values.raw("1000000000000000000000000000000")) });
                }
                if (schema.has("minimum")) {
                    double min = schema.get("minimum").asDouble();
                    add.accept(new Object[] { "below minimum", text(Values.raw(integer ? String.valueOf((long) min - 1)
                            : String.valueOf(min - 0.01))) });
                    add.accept(new Object[] { "-1e12", text(Values.raw("-1000000000000")) });
                }
                if (schema.has("maximum")) {
                    double max = schema.get("maximum").asDouble();
                    add.accept(new Object[] { "above maximum", text(Values.raw(integer ? String.valueOf((long) max + 1)
                            : String.valueOf(max + 1))) });
                } else {
                    add.accept(new Object[] { "1e20", text(Values.raw(integer ? "100000000000000000000" : "1e20")) });
                }
                if (!integer && schema.has("multipleOf")) {
                    add.accept(new Object[] { "more decimals than multipleOf", text(Values.raw("1.001")) });
                }
            }
            case "boolean" -> {
                add.accept(new Object[] { "wrong type: string", text("maybe") });
                add.accept(new Object[] { "wrong type: number", NODES.numberNode(2) });
                add.accept(new Object[] { "wrong type: object", obj });
                add.accept(new Object[] { "wrong type: array", arr });
            }
            case "array" -> {
                add.accept(new Object[] { "wrong type: object", obj });
                add.accept(new Object[] { "wrong type: string", text("x") });
                add.accept(new Object[] { "wrong type: number", NODES.numberNode(1) });
                ArrayNode withNull = NODES.arrayNode();
                withNull.addNull();
                add.accept(new Object[] { "null element", withNull });
                ArrayNode nested = NODES.arrayNode();
                nested.add(NODES.arrayNode().add(NODES.arrayNode()));
                add.accept(new Object[] { "nested arrays", nested });
                if (schema.path("minItems").asInt(0) > 0) {
                    add.accept(new Object[] { "empty array", NODES.arrayNode() });
                }
                int max = schema.path("maxItems").asInt(0);
                if (max > 0 && current.isArray() && current.size() > 0) {
                    ArrayNode big = NODES.arrayNode();
                    for (int i = 0; i <= max; i++) {
                        big.add(current.get(0).deepCopy());
                    }
                    add.accept(new Object[] { "maxItems+1 elements", big });
                }
            }
            case "object" -> {
                add.accept(new Object[] { "wrong type: string", text("x") });
                add.accept(new Object[] { "wrong type: array", arr });
                add.accept(new Object[] { "wrong type: number", NODES.numberNode(1) });
            }
            default -> {
                // unknown or free-form schema: only values that cannot be JSON values of any declared type
                add.accept(new Object[] { "raw NaN", text(Values.raw("NaN")) });
            }
        }
        return ms;
    }

    private void stringMutations(JsonNode schema, String name, JsonNode current, boolean required, boolean[] bigDone,
            List<Mutation> ms, ObjectNode obj, ArrayNode arr) {
        String format = schema.path("format").asText("");
        String pattern = schema.path("pattern").asText("");
        String example = current.isTextual() ? current.asText() : "x";
        ms.add(new Mutation("wrong type: object", obj));
        ms.add(new Mutation("wrong type: array", arr));
        for (String[] f : Values.FORBIDDEN_TEXT) {
            ms.add(new Mutation("forbidden text: " + f[0], text(f[1])));
        }
        boolean constrained = !format.isEmpty() || isCode(name) || (!pattern.isEmpty() && !pattern.equals("\\S"));
        if (required) {
            // only for required fields: a service may read an empty optional value as "not given"
            ms.add(new Mutation("blank", text("   ")));
            ms.add(new Mutation("empty", text("")));
        }
        int max = schema.path("maxLength").asInt(0);
        if (max > 0) {
            ms.add(new Mutation("maxLength+1 of injection text", text(Values.repeat(pick(Values.INJECTIONS), max + 1))));
            ms.add(new Mutation("maxLength+1 of 4-byte characters", text(Values.repeat("😀", (max + 1) * 2))));
            if (!bigDone[0]) {
                bigDone[0] = true;
                ms.add(new Mutation("1 MB string", text(Values.repeat("长", 1 << 20))));
            } else {
                ms.add(new Mutation("100 KB string", text(Values.repeat("a", 100 * 1024))));
            }
        }
        if (format.equals("date")) {
            for (String[] d : List.of(new String[] { "2026-02-30", "2026-02-30" }, new String[] { "2026-13-01", "2026-13-01" },
                    new String[] { "99999-01-01", "+99999-01-01" }, new String[] { "five-digit year", "99999-01-01" },
                    new String[] { "29/11/2026", "29/11/2026" }, new String[] { "2026-11-29T08:00:00+08:00", "2026-11-29T08:00:00+08:00" },
                    new String[] { "2026-1-5", "2026-1-5" }, new String[] { "year 0", "0000-01-01" },
                    new String[] { "negative year", "-2026-11-29" }, new String[] { "full-width", "２０２６-１１-２９" })) {
                ms.add(new Mutation("date " + d[0], text(d[1])));
            }
            ms.add(new Mutation("date as number", NODES.numberNode(20261129)));
            ms.add(new Mutation("date as array", NODES.arrayNode().add(2026).add(11).add(29)));
        } else if (format.equals("uuid")) {
            ms.add(new Mutation("uuid: not a UUID", text("not-a-uuid")));
            ms.add(new Mutation("uuid: bad hex", text("00000000-0000-0000-0000-00000000000g")));
            ms.add(new Mutation("uuid: too long", text(UUID.randomUUID() + "0")));
            ms.add(new Mutation("uuid: number", NODES.numberNode(-1)));
            ms.add(new Mutation("uuid: injection", text(pick(Values.INJECTIONS))));
        } else if (constrained) {
            int before = ms.size();
            constrainedMutations(name, example, ms);
            if (!pattern.isEmpty() && !pattern.equals("\\S")) {
                // a value the declared pattern (and length) allows is not malformed: "ABCDEFGHIJKL" is a fine
                // household number for [0-9A-Za-z-]+ — leave such values out
                java.util.regex.Pattern declared = java.util.regex.Pattern.compile(pattern);
                int maxLength = schema.path("maxLength").asInt(Integer.MAX_VALUE);
                List<Mutation> kept = new ArrayList<>(ms.subList(0, before));
                for (Mutation m : ms.subList(before, ms.size())) {
                    boolean allowed = m.value.isTextual() && m.value.asText().length() <= maxLength
                            && declared.matcher(m.value.asText()).matches();
                    if (!allowed) {
                        kept.add(m);
                    }
                }
                ms.clear();
                ms.addAll(kept);
            }
        }
    }

    private void constrainedMutations(String name, String example, List<Mutation> ms) {
        {
            ms.add(new Mutation("wrong type: number", NODES.numberNode(12345)));
            ms.add(new Mutation("full-width digits", text(Values.fullWidthDigits(example))));
            ms.add(new Mutation("letters", text("ABCDEFGHIJKL")));
            ms.add(new Mutation("too short", text(example.length() > 1 ? example.substring(0, example.length() - 1) : "0")));
            ms.add(new Mutation("one character more", text(example + "9")));
            ms.add(new Mutation("negative", text("-" + example)));
            for (String[] u : Values.UNICODE_ODDITIES) {
                ms.add(new Mutation("unicode: " + u[0], text(example + u[1])));
            }
            ms.add(new Mutation("injection", text(pick(Values.INJECTIONS))));
            ms.add(new Mutation("injection", text(example + pick(Values.INJECTIONS))));
            if (isCode(name)) {
                ms.add(new Mutation("code: all zeros", text("000000000000")));
                ms.add(new Mutation("code: outside Gansu", text("110101001001")));
                ms.add(new Mutation("code: 13 digits", text("6201021000000")));
            }
            if (name.toLowerCase().contains("idnumber")) {
                ms.add(new Mutation("id: wrong check digit", text(example.substring(0, Math.max(0, example.length() - 1))
                        + (example.endsWith("0") ? "1" : "0"))));
                ms.add(new Mutation("id: Feb 30", text("620121" + "19850230" + "0019")));
                ms.add(new Mutation("id: lower-case x", text("62042119720708002x")));
            }
        }
    }

    private static boolean isCode(String name) {
        String n = name.toLowerCase();
        return n.endsWith("code") || n.equals("region") || n.equals("under") || n.contains("idnumber")
                || n.equals("phone") || n.endsWith("creditcode");
    }

    /** A probe with the value at {@code at} replaced (or removed when {@code value} is null and remove is set). */
    private Probe fieldProbe(Base base, String at, String label, JsonNode value, boolean remove) {
        JsonNode copy = base.jsonBody.deepCopy();
        set(copy, at, value, remove);
        return base.withBody("body." + at + "=" + label, "application/json", json(copy));
    }

    /** Sets (or removes) the value at a path such as {@code members[0].idNumber}. */
    private static void set(JsonNode root, String at, JsonNode value, boolean remove) {
        String[] steps = at.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            int index = -1;
            if (step.endsWith("]")) {
                index = Integer.parseInt(step.substring(step.indexOf('[') + 1, step.length() - 1));
                step = step.substring(0, step.indexOf('['));
            }
            boolean last = i == steps.length - 1;
            ObjectNode o = (ObjectNode) node;
            if (last && index < 0) {
                if (remove) {
                    o.remove(step);
                } else {
                    o.set(step, value);
                }
                return;
            }
            if (!o.has(step) || o.get(step).isNull()) {
                o.set(step, index >= 0 ? NODES.arrayNode().add(NODES.objectNode()) : NODES.objectNode());
            }
            node = o.get(step);
            if (index >= 0) {
                ArrayNode a = (ArrayNode) node;
                if (last) {
                    if (remove) {
                        a.remove(index);
                    } else {
                        a.set(index, value);
                    }
                    return;
                }
                node = a.get(index);
            }
        }
    }

    // ------------------------------------------------------------------ parameters

    private List<String[]> pathMutations(JsonNode schema, String valid) {
        List<String[]> ms = new ArrayList<>();
        ms.add(new String[] { "not a UUID/code", "not-a-valid-value" });
        ms.add(new String[] { "negative", "-1" });
        ms.add(new String[] { "zero", "0" });
        ms.add(new String[] { "2^63", "9223372036854775808" });
        ms.add(new String[] { "huge (3000 chars)", Values.repeat("9", 3000) });
        ms.add(new String[] { "full-width digits", Values.encode(Values.fullWidthDigits(valid.replaceAll("[^0-9]", "")
                .isEmpty() ? "620102" : valid)) });
        ms.add(new String[] { "valid + combining mark", Values.encode(valid + "\u0301") });
        ms.add(new String[] { "emoji", Values.encode("😀") });
        ms.add(new String[] { "space", "%20" });
        ms.add(new String[] { "injection", Values.encode(pick(Values.INJECTIONS)) });
        ms.add(new String[] { "SQL injection", Values.encode("' OR 1=1 --") });
        ms.add(new String[] { "trailing dot", Values.encode(valid) + "." });
        for (String[] r : Values.RAW_URL_ODDITIES) {
            ms.add(r);
        }
        if ("uuid".equals(schema == null ? null : schema.path("format").asText())) {
            ms.add(new String[] { "UUID without dashes", valid.replace("-", "") });
            ms.add(new String[] { "UUID + 1 char", valid + "0" });
        }
        return ms;
    }

    private record QueryMutation(String label, String raw, boolean mustReject) {
    }

    private List<QueryMutation> queryMutations(String name, JsonNode schema) {
        List<QueryMutation> ms = new ArrayList<>();
        String t = schema == null ? null : type(schema);
        String format = schema == null ? "" : schema.path("format").asText("");
        for (String[] r : Values.RAW_URL_ODDITIES) {
            boolean forbidden = !r[0].equals("encoded slash traversal") && !r[0].equals("overlong slash");
            ms.add(new QueryMutation(r[0], r[1], forbidden || "integer".equals(t) || "boolean".equals(t)));
        }
        if ("integer".equals(t) || "number".equals(t)) {
            ms.add(new QueryMutation("abc", "abc", true));
            ms.add(new QueryMutation("empty", "", true));
            ms.add(new QueryMutation("-1", "-1", !schema.has("minimum") ? false : schema.get("minimum").asDouble() > -1));
            ms.add(new QueryMutation("1.5", "1.5", "integer".equals(t)));
            ms.add(new QueryMutation("2^31", "2147483648", !"int64".equals(format)));
            ms.add(new QueryMutation("2^63", "9223372036854775808", true));
            ms.add(new QueryMutation("1e3", "1e3", "integer".equals(t)));
            ms.add(new QueryMutation("full-width", Values.encode("１０"), true));
            if (schema.has("minimum")) {
                ms.add(new QueryMutation("below minimum", String.valueOf(schema.get("minimum").asLong() - 1), true));
            }
            if (schema.has("maximum")) {
                ms.add(new QueryMutation("above maximum", String.valueOf(schema.get("maximum").asLong() + 1), true));
            }
            if (name.equals("size")) {
                ms.add(new QueryMutation("size 100000", "100000", true));
            }
            if (name.equals("page")) {
                ms.add(new QueryMutation("page -1", "-1", true));
            }
        } else if ("boolean".equals(t)) {
            for (String v : List.of("maybe", "2", "yes", "t", "")) {
                ms.add(new QueryMutation(v, Values.encode(v), true));
            }
        } else if (schema != null && schema.has("enum")) {
            ms.add(new QueryMutation("unknown enum value", "NOT_A_VALUE", true));
            ms.add(new QueryMutation("injection", Values.encode(pick(Values.INJECTIONS)), true));
            ms.add(new QueryMutation("full-width", Values.encode(toFullWidth(schema.get("enum").get(0).asText())), true));
        } else if (format.equals("date")) {
            for (String d : List.of("2026-02-30", "2026-13-01", "99999-01-01", "29/11/2026", "2026-11-29T00:00:00Z",
                    "20261129", "yesterday")) {
                ms.add(new QueryMutation("date " + d, Values.encode(d), true));
            }
        } else if (format.equals("uuid")) {
            for (String u : List.of("not-a-uuid", "-1", "00000000-0000-0000-0000-00000000000g")) {
                ms.add(new QueryMutation("uuid " + u, Values.encode(u), true));
            }
        } else {
            // free text or a code read by the service (region, cause, status, level): odd but maybe legal terms
            for (String inj : Values.INJECTIONS) {
                ms.add(new QueryMutation("injection " + inj, Values.encode(inj), false));
            }
            for (String[] u : Values.UNICODE_ODDITIES) {
                ms.add(new QueryMutation("unicode " + u[0], Values.encode(u[1]), false));
            }
            ms.add(new QueryMutation("huge (3000 chars)", Values.repeat("a", 3000),
                    schema != null && schema.path("maxLength").asInt(100000) < 3000));
            ms.add(new QueryMutation("unknown value", "NOT_A_VALUE", false));
            ms.add(new QueryMutation("negative", "-1", false));
        }
        return ms;
    }

    // ------------------------------------------------------------------ uploads (text/csv, multipart, xlsx)

    private void uploadProbes(Base base, List<Probe> out) {
        JsonNode content = base.op.node().path("requestBody").path("content");
        String header = base.textBody.lines().findFirst().orElse("a,b");
        byte[] gbk = (header + "\n" + "张建国,甘肃省\n").getBytes(GBK);
        List<Object[]> files = new ArrayList<>();
        files.add(new Object[] { "empty file", new byte[0] });
        files.add(new Object[] { "binary garbage", new byte[] { (byte) 0xFF, (byte) 0xFE, 0, 1, 2, (byte) 0x80, (byte) 0xC3 } });
        files.add(new Object[] { "GBK bytes without charset", gbk });
        files.add(new Object[] { "header of injection strings", utf8(String.join(",", Values.INJECTIONS) + "\n1,2\n") });
        files.add(new Object[] { "header with NUL", utf8(header.replace(",", "\u0000,") + "\n") });
        files.add(new Object[] { "header with RTL override", utf8("\u202E" + header + "\n") });
        files.add(new Object[] { "header only of commas", utf8(",,,,,,\n,,,\n") });
        files.add(new Object[] { "header with unknown column", utf8(header + ",zz_unknown\n") });
        files.add(new Object[] { "header missing columns", utf8(header.substring(0, Math.max(1, header.indexOf(','))) + "\n") });
        files.add(new Object[] { "unbalanced quote", utf8("\"" + header + "\n1,2\n") });
        files.add(new Object[] { "1 MB single line", utf8(Values.repeat("a,", 1 << 20)) });
        files.add(new Object[] { "XLSX signature + garbage", new byte[] { 'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8 } });
        if (content.has("text/csv")) {
            for (Object[] f : files) {
                out.add(base.withBody("csv." + f[0], "text/csv", (byte[]) f[1]));
            }
        }
        if (content.has("multipart/form-data")) {
            String mp = "multipart/form-data; boundary=" + BOUNDARY;
            for (Object[] f : files) {
                out.add(base.withBody("multipart." + f[0], mp, multipart("file", "x.csv", "text/csv", (byte[]) f[1])));
            }
            out.add(base.withBody("multipart.CSV declared as XLSX", mp, multipart("file", "x.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", utf8(base.textBody))));
            out.add(base.withBody("multipart.no file part", mp, multipart("other", "x.csv", "text/csv", utf8(base.textBody))));
            out.add(base.withBody("multipart.file name with traversal and NUL", mp,
                    multipart("file", "../../etc/passwd\u0000.csv", "text/csv", utf8(header + ",zz\n"))));
            out.add(base.withBody("multipart.no boundary parameter", "multipart/form-data", multipart("file", "x.csv",
                    "text/csv", utf8(base.textBody))));
            out.add(base.withBody("multipart.wrong boundary", "multipart/form-data; boundary=other", multipart("file",
                    "x.csv", "text/csv", utf8(base.textBody))));
            byte[] full = multipart("file", "x.csv", "text/csv", utf8(base.textBody));
            byte[] truncated = java.util.Arrays.copyOf(full, full.length - BOUNDARY.length() - 8);
            out.add(base.withBody("multipart.no closing boundary", mp, truncated));
            out.add(base.withBody("multipart.empty body", mp, new byte[0]));
            out.add(base.withBody("multipart.not multipart at all", mp, utf8("just text")));
        }
        if (content.has("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")) {
            String x = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            out.add(base.withBody("xlsx.CSV bytes", x, utf8(base.textBody)));
            out.add(base.withBody("xlsx.empty", x, new byte[0]));
            out.add(base.withBody("xlsx.truncated ZIP", x, new byte[] { 'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0 }));
        }
        out.add(base.withBody("body.as application/json", "application/json", utf8("{\"a\":1}")).withExpected(415));
        out.add(base.withBody("body.as application/xml", "application/xml", utf8("<a/>")).withExpected(415));
    }

    // ------------------------------------------------------------------ schema helpers

    private JsonNode parameterSchema(Operation op, String name) {
        for (JsonNode p : op.node().path("parameters")) {
            if (p.path("name").asText().equals(name)) {
                return resolve(p.path("schema"));
            }
        }
        return null;
    }

    /** Follows {@code $ref} (siblings of a 3.1 reference override the target's keys). */
    JsonNode resolve(JsonNode schema) {
        if (schema == null || schema.isMissingNode() || schema.isNull()) {
            return null;
        }
        JsonNode ref = schema.get("$ref");
        if (ref == null) {
            if (schema.has("allOf") && schema.get("allOf").size() == 1) {
                return resolve(schema.get("allOf").get(0));
            }
            return schema;
        }
        String name = ref.asText().substring(ref.asText().lastIndexOf('/') + 1);
        JsonNode target = resolve(doc.path("components").path("schemas").get(name));
        if (target == null) {
            return schema;
        }
        ObjectNode merged = target.deepCopy();
        schema.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("$ref")) {
                merged.set(e.getKey(), e.getValue());
            }
        });
        return merged;
    }

    private static String type(JsonNode schema) {
        if (schema == null) {
            return null;
        }
        JsonNode t = schema.get("type");
        if (t == null) {
            if (schema.has("properties")) {
                return "object";
            }
            if (schema.has("enum")) {
                return "string";
            }
            return null;
        }
        if (t.isArray()) {
            for (JsonNode x : t) {
                if (!x.asText().equals("null")) {
                    return x.asText();
                }
            }
        }
        return t.asText();
    }

    /** The first example of a media type object (examples map, example), else of its schema, else built. */
    private JsonNode exampleOf(JsonNode media, JsonNode schema) {
        JsonNode examples = media.path("examples");
        if (examples.isObject() && examples.size() > 0) {
            return examples.elements().next().path("value");
        }
        if (media.has("example")) {
            return media.get("example");
        }
        return build(schema, "body", 0);
    }

    private JsonNode exampleValue(JsonNode schema, String name) {
        if (schema == null) {
            return null;
        }
        if (schema.has("examples") && schema.get("examples").isArray() && schema.get("examples").size() > 0) {
            return schema.get("examples").get(0);
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        return build(schema, name, 0);
    }

    /** A valid-looking value of a schema (examples first). */
    private JsonNode build(JsonNode schema, String name, int depth) {
        schema = resolve(schema);
        if (schema == null || depth > 6) {
            return NODES.nullNode();
        }
        if (schema.has("examples") && schema.get("examples").isArray() && schema.get("examples").size() > 0) {
            return schema.get("examples").get(0);
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        String t = type(schema);
        switch (t == null ? "" : t) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields();
                while (props.hasNext()) {
                    Map.Entry<String, JsonNode> p = props.next();
                    o.set(p.getKey(), build(p.getValue(), p.getKey(), depth + 1));
                }
                return o;
            }
            case "array" -> {
                return NODES.arrayNode().add(build(schema.path("items"), name, depth + 1));
            }
            case "integer" -> {
                return NODES.numberNode(schema.path("minimum").asLong(1));
            }
            case "number" -> {
                return NODES.numberNode(schema.path("minimum").asDouble(1));
            }
            case "boolean" -> {
                return NODES.booleanNode(false);
            }
            case "string" -> {
                String f = schema.path("format").asText("");
                if (f.equals("date")) {
                    return text("2026-11-29");
                }
                if (f.equals("date-time")) {
                    return text("2026-11-29T08:00:00+08:00");
                }
                if (f.equals("uuid")) {
                    return text(new UUID(random.nextLong(), random.nextLong()).toString());
                }
                return text(isCode(name) ? "620102" : "x");
            }
            default -> {
                return NODES.nullNode();
            }
        }
    }

    private String validScalar(JsonNode param, JsonNode schema, String name) {
        if (param.has("example")) {
            return param.get("example").asText();
        }
        if (param.has("examples") && param.get("examples").isObject() && param.get("examples").size() > 0) {
            return param.get("examples").elements().next().path("value").asText();
        }
        JsonNode v = build(schema, name, 0);
        return v.isNull() ? "x" : v.asText();
    }

    // ------------------------------------------------------------------ bytes

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static TextNode text(String s) {
        return TextNode.valueOf(s);
    }

    private static String toFullWidth(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= '!' && c <= '~' ? (char) (c - '!' + '！') : c);
        }
        return sb.toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Serialises with the placeholders of {@link Values} replaced by raw tokens, escapes and bytes. */
    static byte[] json(JsonNode node) {
        String s;
        try {
            s = JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        s = s.replaceAll("\"@@RAW:([^@]*)@@\"", "$1").replace(Values.LONE_SURROGATE, "\\ud800");
        return withInvalidBytesAt(s);
    }

    private static byte[] withInvalidBytesAt(String s) {
        if (!s.contains(Values.INVALID_UTF8)) {
            return utf8(s);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] parts = s.split(java.util.regex.Pattern.quote(Values.INVALID_UTF8), -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.write(0xFF);
                out.write(0xFE);
            }
            out.writeBytes(utf8(parts[i]));
        }
        return out.toByteArray();
    }

    /** The body with invalid UTF-8 bytes inside its first string value (or appended when it has none). */
    private static byte[] withInvalidBytes(String validJson) {
        int q = validJson.indexOf(":\"");
        String marked = q >= 0 ? validJson.substring(0, q + 2) + Values.INVALID_UTF8 + validJson.substring(q + 2)
                : validJson + Values.INVALID_UTF8;
        return withInvalidBytesAt(marked);
    }
}
