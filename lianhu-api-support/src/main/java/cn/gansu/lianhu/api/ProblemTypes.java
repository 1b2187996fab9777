package cn.gansu.lianhu.api;

/** The {@code type} URIs of Lianhu problem responses. */
public final class ProblemTypes {
    public static final String VALIDATION = "urn:lianhu:problem:validation";
    public static final String MALFORMED = "urn:lianhu:problem:malformed-request";
    public static final String NOT_FOUND = "urn:lianhu:problem:not-found";
    public static final String CONFLICT = "urn:lianhu:problem:conflict";
    public static final String RULE = "urn:lianhu:problem:domain-rule";
    public static final String HTTP = "urn:lianhu:problem:http";
    /** 401: no bearer token, or one that is expired, malformed, wrongly signed or from another issuer. */
    public static final String UNAUTHENTICATED = "urn:lianhu:problem:unauthenticated";
    /** 403: the caller's role may not use this operation at all (scope is answered with 404 instead). */
    public static final String FORBIDDEN = "urn:lianhu:problem:forbidden";
    public static final String INTERNAL = "urn:lianhu:problem:internal";

    private ProblemTypes() {
    }
}
