package cn.gansu.lianhu.api.limits;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.api.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Request body size limits with problem answers (issue 8 point 2; DESIGN.md §4 "problem+json for every
 * failure").
 *
 * <p>Without this, Quarkus answers a body over {@code quarkus.http.limits.max-body-size} with a bare 413 (no
 * body) and closes the connection; and every operation shares that one limit, sized for import files. Here,
 * before any body is read:
 * <ul>
 * <li>a request to an upload path ({@code lianhu.http.limits.upload-paths}) may carry up to
 * {@code quarkus.http.limits.max-body-size} bytes; any other request up to
 * {@code lianhu.http.limits.max-json-body-size} ({@link BodyLimitConfig});</li>
 * <li>a request whose {@code Content-Length} is over its limit is answered at once with 413
 * {@code application/problem+json}: type {@code urn:lianhu:problem:body-too-large}, one error with field
 * {@code body}, rule {@code body.too-large} and a message naming the limit in bytes; nothing is read, stored or
 * written; a body up to the upload limit is read and dropped so that a client still sending sees the
 * answer, a longer one is not read at all (the connection is closed after the answer);</li>
 * <li>a JSON body sent without a length (chunked) is read here up to its limit and answered the same 413 when it
 * goes over (an upload without a length is held to Quarkus' own limit by Quarkus).</li>
 * </ul>
 */
@ApplicationScoped
public class BodyLimits {
    /** Problem type of a body over its limit. */
    public static final String TOO_LARGE = "urn:lianhu:problem:body-too-large";
    /** Rule named in the problem's error. */
    public static final String RULE = "body.too-large";

    @Inject
    BodyLimitConfig config;
    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize uploadLimit;

    void install(@Observes Router router) {
        // before Quarkus' body handler (ROUTE_ORDER_BODY_HANDLER) reads anything
        router.route().order(RouteConstants.ROUTE_ORDER_BODY_HANDLER - 1).handler(this::checkLength);
        // after Quarkus' own upload-limit route (ROUTE_ORDER_UPLOAD_LIMIT): a JSON body without a length is read
        // here, up to its limit; over it, Vert.x fails the route with 413, answered by the failure handler
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(Math.min(config.maxJsonBodySize().asLongValue(),
                uploadLimit.asLongValue()));
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(ctx -> {
            if (ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null
                    && ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                    && !isUpload(ctx.normalizedPath())) {
                chunked.handle(ctx);
            } else {
                ctx.next();
            }
        }).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                reject(ctx, limitOf(ctx.normalizedPath()), -1);
            } else {
                ctx.next();
            }
        });
    }

    /** The limit in bytes of a request to {@code path}. */
    public long limitOf(String path) {
        return isUpload(path) ? uploadLimit.asLongValue() : Math.min(config.maxJsonBodySize().asLongValue(),
                uploadLimit.asLongValue());
    }

    private boolean isUpload(String path) {
        if (path == null) {
            return false;
        }
        for (String prefix : config.uploadPaths().orElse(List.of())) {
            if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    private void checkLength(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header != null) {
            long limit = limitOf(ctx.normalizedPath());
            long length;
            try {
                length = Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                length = -1; // Vert.x itself refuses a malformed length with 400
            }
            if (length > limit) {
                reject(ctx, limit, length);
                return;
            }
        }
        ctx.next();
    }

    private void reject(RoutingContext ctx, long limit, long length) {
        String message = (length < 0 ? "the request body" : "the request body of " + length + " bytes")
                + " is over the limit of " + limit + " bytes (" + human(limit) + ") of this operation";
        Problem problem = new Problem(TOO_LARGE, "Request body too large", 413, message, ctx.normalizedPath(),
                List.of(new Problem.FieldError("body", RULE, message)));
        String json;
        try {
            json = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            json = "{\"status\":413,\"title\":\"Request body too large\"}";
        }
        // a chunked body over the limit is dropped by Vert.x' body handler as it arrives
        boolean drain = length >= 0 && length <= uploadLimit.asLongValue();
        if (drain) {
            // keep reading the body and drop it, so that a client still sending sees the answer (closing with unread
            // bytes would reset the connection under it); at most quarkus.http.limits.max-body-size bytes
            ctx.request().handler(ignored -> {
            });
            ctx.request().resume();
        }
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (length > uploadLimit.asLongValue()) {
            // longer than any operation takes: answer and close without reading it
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        ctx.response().end(json);
    }

    static String human(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
