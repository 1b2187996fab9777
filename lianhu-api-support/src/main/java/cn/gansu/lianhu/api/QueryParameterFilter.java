package cn.gansu.lianhu.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/** Refuses query parameters that break {@link TextRules} with a 400 naming the parameter. */
public class QueryParameterFilter {

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext ctx) {
        for (Map.Entry<String, List<String>> e : ctx.getUriInfo().getQueryParameters().entrySet()) {
            for (String v : e.getValue()) {
                Optional<String> bad = TextRules.violation(v);
                if (bad.isPresent()) {
                    String message = "query parameter " + e.getKey() + ": " + bad.get();
                    Problem p = new Problem(ProblemTypes.VALIDATION, "Request is not valid", 400, message,
                            "/" + ctx.getUriInfo().getPath().replaceFirst("^/", ""),
                            List.of(new Problem.FieldError(e.getKey(), TextRules.RULE, message)));
                    return Optional.of(Response.status(400).type(Problem.MEDIA_TYPE).entity(p).build());
                }
            }
        }
        return Optional.empty();
    }
}
