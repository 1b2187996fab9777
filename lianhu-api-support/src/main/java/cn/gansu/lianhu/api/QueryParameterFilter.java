package cn.gansu.lianhu.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * {@link TextRules} is a 400 naming the parameter.
 */
public class QueryParameterFilter {

    /** Declared query parameter names per resource method. */
    private static final Map<Method, Set<String>> DECLARED = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext ctx, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        Set<String> declared = method == null ? null : DECLARED.computeIfAbsent(method, QueryParameterFilter::declared);
        for (Map.Entry<String, List<String>> e : ctx.getUriInfo().getQueryParameters().entrySet()) {
            if (declared != null && !declared.contains(e.getKey())) {
                String message = "query parameter '" + e.getKey() + "' is not known here; "
                        + (declared.isEmpty() ? "this operation takes none" : "known: " + String.join(", ", declared));
                return Optional.of(problem(ctx, e.getKey(), "param.unknown", message));
            }
            for (String v : e.getValue()) {
                Optional<String> bad = TextRules.violation(v);
                if (bad.isPresent()) {
                    return Optional.of(problem(ctx, e.getKey(), TextRules.RULE,
                            "query parameter " + e.getKey() + ": " + bad.get()));
                }
            }
        }
        return Optional.empty();
    }

    private static Set<String> declared(Method method) {
        Set<String> names = new TreeSet<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam q) {
                    names.add(q.value());
                }
            }
        }
        return names;
    }

    private static Response problem(ContainerRequestContext ctx, String field, String rule, String message) {
        Problem p = new Problem(ProblemTypes.VALIDATION, "Request is not valid", 400, message,
                "/" + ctx.getUriInfo().getPath().replaceFirst("^/", ""),
                List.of(new Problem.FieldError(field, rule, message)));
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
