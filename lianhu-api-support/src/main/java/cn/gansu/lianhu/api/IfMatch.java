package cn.gansu.lianhu.api;

/**
 * Optimistic concurrency on updates: the {@code If-Match} header carries the aggregate version as sent in
 * {@code ETag}; a stale one is 409 at the service.
 */
public final class IfMatch {
    private IfMatch() {
    }

    /**
     * {@code "3"}, {@code W/"3"} or {@code 3} → 3; null when absent.
     *
     * @throws ApiException 400 {@code if-match.format} naming the header
     */
    public static Long parse(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            String shown = ifMatch.length() > 40 ? ifMatch.substring(0, 40) + "…" : ifMatch;
            throw ApiException.invalid("If-Match", "if-match.format",
                    "If-Match carries the version as sent in ETag, e.g. \"3\", not " + shown);
        }
    }
}
