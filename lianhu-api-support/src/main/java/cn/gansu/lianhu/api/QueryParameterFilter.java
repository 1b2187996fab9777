package cn.gansu.lianhu.api;

import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

/**
 * Checks the query parameters of every API request before its operation runs: a parameter the operation does not
 * declare is a 400 {@code param.unknown} naming it and the ones that exist (a misspelt filter such as
 * {@code cadreId} for {@code cadre} must not silently answer with everything), and a value that breaks
 * {@link TextRules} is a 400 naming the parameter. So are a query that is not valid percent-encoded UTF-8, and an
 * integer or boolean parameter whose value is not ASCII digits or true/false (issue 8 point 4).
 */
public class QueryParameterFilter {

    /** Declared query parameter names and their Java types per resource method. */
    private static final Map<Method, Map<String, Class<?>>> DECLARED = new ConcurrentHashMap<>();
    private static final java.util.regex.Pattern ASCII_INTEGER = java.util.regex.Pattern.compile("[+-]?[0-9]+");

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext ctx, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        Map<String, Class<?>> types = method == null ? null : DECLARED.computeIfAbsent(method, QueryParameterFilter::declared);
        Set<String> declared = types == null ? null : types.keySet();
        String undecodable = notUtf8(ctx.getUriInfo().getRequestUri().getRawQuery());
        if (undecodable != null) {
            return Optional.of(problem(ctx, undecodable, TextRules.RULE, "query parameter " + undecodable
                    + ": its percent-encoded bytes are not valid UTF-8 (they would be read as U+FFFD)"));
        }
        for (Map.Entry<String, List<String>> e : ctx.getUriInfo().getQueryParameters().entrySet()) {
            if (declared != null && !declared.contains(e.getKey())) {
                String message = "query parameter '" + e.getKey() + "' is not known here; "
                        + (declared.isEmpty() ? "this operation takes none" : "known: " + String.join(", ", declared));
                return Optional.of(problem(ctx, e.getKey(), "param.unknown", message));
            }
            for (String v : e.getValue()) {
                String typeProblem = types == null ? null : typeProblem(types.get(e.getKey()), v);
                if (typeProblem != null) {
                    return Optional.of(problem(ctx, e.getKey(), "param.type", e.getKey() + " must be " + typeProblem
                            + ", not '" + (v.length() > 60 ? v.substring(0, 57) + "..." : v) + "'"));
                }
                Optional<String> bad = TextRules.violation(v);
                if (bad.isPresent()) {
                    return Optional.of(problem(ctx, e.getKey(), TextRules.RULE,
                            "query parameter " + e.getKey() + ": " + bad.get()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The name of the first query parameter whose name or value is not valid percent-encoded UTF-8 ({@code %FF},
     * a surrogate {@code %ED%A0%80}, an overlong {@code %C0%AF}), or null. The container decodes such bytes
     * leniently to U+FFFD, so the check needs the raw query (issue 8 point 4).
     */
    static String notUtf8(String rawQuery) {
        if (rawQuery == null || rawQuery.indexOf('%') < 0) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!decodes(name) || (eq >= 0 && !decodes(pair.substring(eq + 1)))) {
                return decodes(name) ? URLDecoder.decode(name, StandardCharsets.UTF_8) : "parameter";
            }
        }
        return null;
    }

    private static boolean decodes(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return false;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '%') {
                return false;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Map<String, Class<?>> declared(Method method) {
        Map<String, Class<?>> names = new java.util.TreeMap<>();
        Annotation[][] all = method.getParameterAnnotations();
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < all.length; i++) {
            for (Annotation a : all[i]) {
                if (a instanceof QueryParam q) {
                    names.put(q.value(), types[i]);
                }
            }
        }
        return names;
    }

    /**
     * What an integer or boolean parameter must be when {@code value} is not that, else null. The container would
     * read full-width digits ({@code page=１０}) as 10 and an empty value ({@code dryRun=}) as the default — a real
     * import instead of a dry run (issue 8 point 4).
     */
    static String typeProblem(Class<?> type, String value) {
        if (type == null) {
            return null;
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return ASCII_INTEGER.matcher(value.trim()).matches() ? null : "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            String v = value.trim();
            return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? null : "true or false";
        }
        return null;
    }

    private static Response problem(ContainerRequestContext ctx, String field, String rule, String message) {
        Problem p = new Problem(ProblemTypes.VALIDATION, "Request is not valid", 400, message,
                "/" + ctx.getUriInfo().getPath().replaceFirst("^/", ""),
                List.of(new Problem.FieldError(field, rule, message)));
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
