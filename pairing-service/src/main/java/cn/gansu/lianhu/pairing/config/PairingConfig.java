package cn.gansu.lianhu.pairing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * pairing-service settings ({@code lianhu.pairing.*} in application.properties).
 */
@ConfigMapping(prefix = "lianhu.pairing")
public interface PairingConfig {

    /**
     * Name under which this service marks events as applied in its inbox (table {@code processed_event});
     * also its Kafka consumer group.
     */
    @WithDefault("pairing-service")
    String consumer();
}
