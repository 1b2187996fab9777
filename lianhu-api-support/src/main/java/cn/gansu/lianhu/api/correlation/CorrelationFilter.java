package cn.gansu.lianhu.api.correlation;

import org.jboss.logging.MDC;

import cn.gansu.lianhu.events.correlation.CorrelationId;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Request/correlation id of every HTTP request (issue 9 point 5; {@link CorrelationId}). The id is the request's
 * {@code X-Correlation-Id} header, else its {@code X-Request-Id}, when that is 1 to 128 characters of
 * {@code [A-Za-z0-9._:-]}; otherwise (absent or not valid) a fresh UUID. It is
 * <ul>
 * <li>answered in the {@code X-Correlation-Id} response header of every answer, problem responses (400–500, 401,
 * 403, 413) and {@code /q/*} included;</li>
 * <li>in the MDC as {@code correlationId} while the request runs, so every log line written for it carries it (JSON
 * logs in prod: field {@code mdc.correlationId});</li>
 * <li>stored with every outbox row the request writes ({@code outbox_event.correlation_id}) and sent as Kafka header
 * {@code correlation-id} with the event; consumers log with it while they apply the record.</li>
 * </ul>
 * The route runs before every other (Vert.x order {@code Integer.MIN_VALUE}, installed first), so even the body
 * limits' 413 carries the header.
 */
@ApplicationScoped
public class CorrelationFilter {

    void install(@Observes @Priority(1) Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        String given = ctx.request().getHeader(CorrelationId.HTTP_HEADER);
        if (given == null) {
            given = ctx.request().getHeader(CorrelationId.REQUEST_ID_HEADER);
        }
        String id = CorrelationId.orGenerate(given);
        ctx.put(CorrelationId.MDC_KEY, id);
        ctx.response().putHeader(CorrelationId.HTTP_HEADER, id);
        // Quarkus keeps the MDC in the request's (duplicated) Vert.x context: it follows the request onto worker threads
        MDC.put(CorrelationId.MDC_KEY, id);
        ctx.addEndHandler(done -> MDC.remove(CorrelationId.MDC_KEY));
        ctx.next();
    }
}
