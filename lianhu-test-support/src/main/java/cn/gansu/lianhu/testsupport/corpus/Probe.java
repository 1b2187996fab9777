package cn.gansu.lianhu.testsupport.corpus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One malformed request of the corpus.
 *
 * @param operation  operationId of the OpenAPI document
 * @param mutation   what was broken, e.g. {@code body.members[0].idNumber=full-width digits}
 * @param method     HTTP method
 * @param rawPath    request path, already percent-encoded
 * @param rawQuery   query string, already percent-encoded ({@code ""} for none)
 * @param headers    request headers (Authorization included when the probe sets its own)
 * @param body       request body bytes, or null
 * @param mustReject true when any 2xx/3xx answer is a defect (the request is malformed); false for a read whose
 *                   free-text value may legitimately match nothing (an injection string as a search term)
 * @param expected   the exact status the answer must have, or 0 for "any 4xx"
 */
public record Probe(String operation, String mutation, String method, String rawPath, String rawQuery,
        Map<String, String> headers, byte[] body, boolean mustReject, int expected) {

    Probe withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Probe(operation, mutation, method, rawPath, rawQuery, h, body, mustReject, expected);
    }

    Probe withMustReject(boolean must) {
        return new Probe(operation, mutation, method, rawPath, rawQuery, headers, body, must, expected);
    }

    Probe relabel(String label) {
        return new Probe(operation, label, method, rawPath, rawQuery, headers, body, mustReject, expected);
    }

    Probe withExpected(int status) {
        return new Probe(operation, mutation, method, rawPath, rawQuery, headers, body, mustReject, status);
    }

    /** {@code METHOD /path?query}, abbreviated for failure lists. */
    public String target() {
        String t = method + " " + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
        return t.length() > 160 ? t.substring(0, 157) + "..." : t;
    }
}
