package cn.gansu.lianhu.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}), extended with {@code errors}: the
 * machine-readable list of what is wrong and where (DESIGN.md §4).
 *
 * @param type     URI naming the kind of problem, e.g. {@code urn:lianhu:problem:validation}
 * @param title    short summary of the kind
 * @param status   HTTP status code
 * @param detail   what went wrong with this request
 * @param instance request path
 * @param errors   one entry per broken rule; empty when the problem is not about fields
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details with a field list", example = """
        {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
         "detail":"1 field breaks a rule","instance":"/api/v1/households",
         "errors":[{"field":"members[0].idNumber","rule":"id-number.check-digit",
                    "message":"check digit should be 3, not X"}]}""")
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    /**
     * One broken rule.
     *
     * @param field   JSON path of the field (or CSV column / query parameter), e.g. {@code members[0].idNumber}
     * @param rule    stable machine-readable rule id, e.g. {@code id-number.check-digit}
     * @param message human-readable explanation
     */
    @Schema(name = "FieldError")
    public record FieldError(String field, String rule, String message) {
    }

    public static final String MEDIA_TYPE = "application/problem+json";
}
