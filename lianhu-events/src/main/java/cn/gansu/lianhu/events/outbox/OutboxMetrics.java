package cn.gansu.lianhu.events.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Gauge {@code lianhu.outbox.backlog} (Prometheus {@code lianhu_outbox_backlog}, issue 8 point 2): events written
 * to the transactional outbox but not yet acknowledged by Kafka, read at each scrape. It grows while the broker is
 * slow or away (writes keep being accepted) and falls back to 0 when the relay catches up; NaN while the database
 * cannot be read. The same figure is in the readiness check {@code outbox} ({@link OutboxBacklogCheck}).
 */
@ApplicationScoped
@IfBuildProperty(name = "lianhu.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxMetrics {

    @Inject
    OutboxRelay relay;

    void register(@Observes StartupEvent ev, MeterRegistry registry) {
        Gauge.builder("lianhu.outbox.backlog", this, OutboxMetrics::backlogOrNaN)
                .description("outbox events not yet acknowledged by Kafka")
                .register(registry);
    }

    private double backlogOrNaN() {
        try {
            return relay.backlog();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
