package cn.gansu.lianhu.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thrown by services to answer with an RFC 9457 problem. Use the factory methods so that the status
 * matches the kind of failure:
 * <ul>
 * <li>400 {@link #invalid} — the request breaks a field rule (format, range, check digit);</li>
 * <li>404 {@link #notFound} — the resource does not exist;</li>
 * <li>409 {@link #conflict} — it clashes with data already stored (e.g. duplicate person);</li>
 * <li>422 {@link #unprocessable} — well formed, but breaks a domain rule (e.g. village not poor).</li>
 * </ul>
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiException invalid(String field, String rule, String message) {
        return invalid(List.of(new Problem.FieldError(field, rule, message)));
    }

    public static ApiException invalid(List<Problem.FieldError> errors) {
        return new ApiException(400, ProblemTypes.VALIDATION, "Request is not valid",
                errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields break a rule", errors);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, ProblemTypes.NOT_FOUND, "Not found", what + " " + id + " does not exist",
                List.of());
    }

    public static ApiException conflict(String field, String rule, String message) {
        return new ApiException(409, ProblemTypes.CONFLICT, "Conflicts with stored data", message,
                List.of(new Problem.FieldError(field, rule, message)));
    }

    public static ApiException unprocessable(String field, String rule, String message) {
        return unprocessable(List.of(new Problem.FieldError(field, rule, message)));
    }

    /** Most field errors one problem lists; the detail still counts them all. */
    public static final int MAX_LISTED_ERRORS = 100;

    /**
     * 422 for domain rules broken. At most {@link #MAX_LISTED_ERRORS} errors are listed (a request naming
     * thousands of wrong ids must not get a response of megabytes); the detail gives the full count.
     */
    public static ApiException unprocessable(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).message()
                : errors.size() > MAX_LISTED_ERRORS
                        ? errors.size() + " rules are broken; the first " + MAX_LISTED_ERRORS + " are listed"
                        : errors.size() + " rules are broken";
        return new ApiException(422, ProblemTypes.RULE, "A domain rule forbids this", detail,
                errors.size() > MAX_LISTED_ERRORS ? List.copyOf(errors.subList(0, MAX_LISTED_ERRORS)) : errors);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /**
     * Adds a response header to the problem answer, e.g. {@code Retry-After} on a 429 (issue 8 point 2).
     *
     * @return this exception
     */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Response headers of the problem answer besides Content-Type (empty for most). */
    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }
}
