package cn.gansu.lianhu.events.outbox;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Readiness check {@code outbox}: UP while the transactional outbox can be read, with {@code backlog} =
 * events written but not yet acknowledged by Kafka (DESIGN.md §3). A growing backlog means the broker is
 * away; nothing is lost meanwhile.
 */
@Readiness
@IfBuildProperty(name = "lianhu.outbox.enabled", stringValue = "true", enableIfMissing = true)
@ApplicationScoped
public class OutboxBacklogCheck implements HealthCheck {

    @Inject
    OutboxRelay relay;

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("outbox").up().withData("backlog", relay.backlog()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("outbox").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
