package cn.gansu.lianhu.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Turns every failure of a request into an RFC 9457 problem+json body (DESIGN.md §4): field rules 400,
 * malformed bodies 400, unknown resources 404, clashes 409, domain rules 422. Never a stack trace; an
 * unexpected failure is logged with an id and answered 500 with that id only.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        Problem p = new Problem(e.type(), e.title(), e.status(), e.getMessage(), path(uri), e.errors());
        Response.ResponseBuilder r = Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p);
        e.headers().forEach(r::header);
        return r.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldOf(v.getPropertyPath()), ruleOf(v), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::rule));
        ApiException ex = ApiException.invalid(errors);
        return respond(new Problem(ex.type(), ex.title(), 400, ex.getMessage(), path(uri), errors));
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e, UriInfo uri) {
        String field = "body";
        String rule = "json.syntax";
        String message = "body is not valid JSON: " + e.getOriginalMessage();
        if (e instanceof ForbiddenCharacterException f) {
            field = jsonPath(f);
            rule = TextRules.RULE;
            message = field + ": " + e.getOriginalMessage();
        } else if (e instanceof UnrecognizedPropertyException u) {
            field = jsonPath(u);
            rule = "json.unknown-field";
            message = "unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f) {
            field = jsonPath(f);
            rule = "json.type";
            message = "value " + abbreviate(String.valueOf(f.getValue())) + " is not a valid "
                    + typeName(f.getTargetType());
        } else if (e instanceof MismatchedInputException && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            message = "body is not valid JSON: more content follows the JSON value";
        } else if (e instanceof MismatchedInputException m) {
            field = jsonPath(m);
            rule = "json.type";
            message = "expected " + typeName(m.getTargetType()) + " at " + field;
        } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = jsonPath(m);
            rule = "json.value";
            message = "cannot read " + field + ": " + e.getOriginalMessage();
        }
        return respond(new Problem(ProblemTypes.MALFORMED, "Request body cannot be read", 400, message, path(uri),
                List.of(new Problem.FieldError(field, rule, message))));
    }

    /**
     * Wrong JSON types ({@code "incomePerCapita":"abc"}, unknown enum values): quarkus-rest-jackson's own mapper
     * for this exact type would otherwise answer with a non-problem body.
     */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return json(jpe, uri);
        }
        if (status == 404 && isConversionFailure(e.getCause())) {
            // JAX-RS answers 404 when a path or query parameter cannot be converted to its type; the
            // client sent a malformed value, so say so, naming the parameter.
            return respond(parameterType(e.getCause(), uri));
        }
        String title = Response.Status.fromStatusCode(status) == null ? "HTTP " + status
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String type = status == 404 ? ProblemTypes.NOT_FOUND : ProblemTypes.HTTP;
        return respond(new Problem(type, title, status, e.getMessage(), path(uri), List.of()));
    }

    /** A multipart body that cannot be parsed (truncated, wrong boundary) is the client's fault: 400. */
    @ServerExceptionMapper
    public Response io(java.io.IOException e, UriInfo uri) {
        if (String.valueOf(e.getMessage()).contains("multipart")) {
            String message = "the multipart body cannot be read: " + e.getMessage();
            return respond(new Problem(ProblemTypes.MALFORMED, "Request body cannot be read", 400, message,
                    path(uri), List.of(new Problem.FieldError("body", "multipart.syntax", message))));
        }
        return unexpected(e, uri);
    }

    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("[\"']([^\"']*)[\"']");
    private static final java.util.regex.Pattern AFTER_COLON = java.util.regex.Pattern.compile(": (.*)$");

    /** 400 {@code param.type} naming the parameter whose value could not be converted. */
    static Problem parameterType(Throwable cause, UriInfo uri) {
        String text = String.valueOf(cause.getMessage());
        java.util.regex.Matcher quoted = QUOTED.matcher(text);
        java.util.regex.Matcher colon = AFTER_COLON.matcher(text);
        String value = quoted.find() ? quoted.group(1) : colon.find() ? colon.group(1) : null;
        String field = "parameter";
        if (value != null && uri != null) {
            for (var params : List.of(uri.getPathParameters(), uri.getQueryParameters())) {
                for (var entry : params.entrySet()) {
                    if (entry.getValue().contains(value)) {
                        field = entry.getKey();
                    }
                }
            }
        }
        String expected = cause instanceof NumberFormatException ? "an integer"
                : text.startsWith("Invalid UUID") || text.contains("UUID") ? "a UUID"
                        : text.contains("true or false") ? "true or false" : "a value of its type";
        String message = field + " must be " + expected + (value == null ? "" : ", not '" + abbreviateRaw(value) + "'");
        return new Problem(ProblemTypes.VALIDATION, "Request is not valid", 400, message, path(uri),
                List.of(new Problem.FieldError(field, "param.type", message)));
    }

    private static String abbreviateRaw(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static boolean isConversionFailure(Throwable cause) {
        return cause instanceof IllegalArgumentException; // NumberFormatException, bad UUID, enum name
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof ApiException api) {
                return api(api, uri);
            }
            root = root.getCause();
        }
        if (root instanceof ApiException api) {
            return api(api, uri);
        }
        String incident = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, incident %s", incident);
        return respond(new Problem(ProblemTypes.INTERNAL, "Internal error", 500,
                "unexpected failure; quote incident " + incident + " to the operators", path(uri), List.of()));
    }

    private static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /** {@code create.arg0.members[0].idNumber} → {@code members[0].idNumber}; parameters keep their name. */
    static String fieldOf(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (node.isInIterable()) {
                sb.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                continue; // "<list element>": the index above names it (tasks[0].policies[1])
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(node.getName());
        }
        if (sb.length() == 0) {
            for (Path.Node node : path) {
                if (node.getKind() == ElementKind.PARAMETER) {
                    return node.getName();
                }
            }
            return "body";
        }
        return sb.toString();
    }

    private static String ruleOf(ConstraintViolation<?> v) {
        String annotation = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return annotation.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            StringBuilder sb = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return sb.toString();
        }
        return switch (type.getSimpleName()) {
            case "Integer", "int", "Long", "long" -> "integer";
            case "BigDecimal", "Double", "double" -> "number";
            case "Boolean", "boolean" -> "boolean";
            case "UUID" -> "UUID";
            case "LocalDate" -> "date (yyyy-MM-dd)";
            case "String" -> "string";
            case "List", "Set" -> "array";
            default -> "object";
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? "'" + s.substring(0, 57) + "...'" : "'" + s + "'";
    }
}
