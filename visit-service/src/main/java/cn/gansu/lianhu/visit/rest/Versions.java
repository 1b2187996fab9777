package cn.gansu.lianhu.visit.rest;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.IfMatch;

/**
 * The version an update is based on (fresh-clone review point 7), for {@code PUT /api/v1/visits/{id}},
 * {@code POST /api/v1/demands/{id}/transitions} and {@code PUT /api/v1/demands/{id}/satisfaction}: the
 * {@code If-Match} header (a strong tag as sent in {@code ETag}, e.g. {@code "2"}) or, without it, the body's
 * {@code version}. One of them is required: an update that names no version could silently overwrite a change it
 * never saw.
 *
 * <p>Errors (all 400, field {@code If-Match}): {@code version.required} when neither is given;
 * {@code if-match.weak} for a weak tag ({@code W/"2"}) — a weak tag only says two representations are equivalent,
 * never that the stored version is exactly the one read (RFC 9110 §13.1.1 compares If-Match strongly), so it is
 * refused rather than treated as a mismatch; {@code if-match.format} when the header is no version. A stale version
 * is 409 {@code version.stale} at the service.
 */
public final class Versions {
    /** Shared OpenAPI wording of the 400 answers about the version. */
    static final String DESCRIPTION = "If-Match and body version both missing (version.required), If-Match a weak "
            + "tag such as W/\"2\" (if-match.weak) or not a version (if-match.format)";

    static final String VISIT_REQUIRED_EXAMPLE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"give the version read: If-Match: \\"2\\" (as sent in ETag) or version in the body",
             "instance":"/api/v1/visits/5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60","errors":[{"field":"If-Match",
             "rule":"version.required","message":"give the version read: If-Match: \\"2\\" (as sent in ETag) or version in the body"}]}""";
    static final String DEMAND_REQUIRED_EXAMPLE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"give the version read: If-Match: \\"2\\" (as sent in ETag) or version in the body",
             "instance":"/api/v1/demands/2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b/transitions","errors":[{"field":"If-Match",
             "rule":"version.required","message":"give the version read: If-Match: \\"2\\" (as sent in ETag) or version in the body"}]}""";

    private Versions() {
    }

    /**
     * @param ifMatch     the {@code If-Match} header, or null
     * @param bodyVersion the body's {@code version}, or null
     * @return the version the update is based on; If-Match wins over the body's
     * @throws ApiException 400 {@code version.required}, {@code if-match.weak}, {@code if-match.format}
     */
    public static long required(String ifMatch, Long bodyVersion) {
        if (ifMatch != null && ifMatch.trim().startsWith("W/")) {
            String shown = ifMatch.length() > 40 ? ifMatch.substring(0, 40) + "…" : ifMatch;
            throw ApiException.invalid("If-Match", "if-match.weak", "If-Match " + shown + " is a weak tag: send the "
                    + "strong tag as sent in ETag, e.g. \"2\"");
        }
        Long header = IfMatch.parse(ifMatch);
        if (header != null) {
            return header;
        }
        if (bodyVersion != null) {
            return bodyVersion;
        }
        throw ApiException.invalid("If-Match", "version.required",
                "give the version read: If-Match: \"2\" (as sent in ETag) or version in the body");
    }
}
