package cn.gansu.lianhu.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one clock every date rule reads (future dates, deadlines, overdue). Time zone
 * {@code lianhu.clock.zone} (default Asia/Shanghai, the campaign's local day); setting
 * {@code lianhu.clock.fixed-date} pins "today" at noon of that date, so tests can set the day.
 */
@ApplicationScoped
public class ClockProducer {

    @ConfigProperty(name = "lianhu.clock.zone", defaultValue = "Asia/Shanghai")
    ZoneId zone;

    @ConfigProperty(name = "lianhu.clock.fixed-date")
    Optional<LocalDate> fixedDate;

    @Produces
    @Singleton
    Clock clock() {
        return fixedDate.map(d -> Clock.fixed(d.atTime(12, 0).atZone(zone).toInstant(), zone))
                .orElseGet(() -> Clock.system(zone));
    }
}
