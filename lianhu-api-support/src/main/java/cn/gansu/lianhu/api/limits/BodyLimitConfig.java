package cn.gansu.lianhu.api.limits;

import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Request body limits of a service (issue 8 point 2), prefix {@code lianhu.http.limits}. Two sizes: uploads
 * (bulk import files) may be as large as Quarkus' own {@code quarkus.http.limits.max-body-size}, which must
 * therefore be the larger of the two; every other operation (JSON) is held to {@link #maxJsonBodySize()}.
 * A body over its limit is answered 413 with a problem body, rule {@code body.too-large} ({@link BodyLimits}).
 */
@ConfigMapping(prefix = "lianhu.http.limits")
public interface BodyLimitConfig {

    /** Largest body of an operation that is not an upload (JSON documents); e.g. {@code 2M}. */
    @WithDefault("2M")
    MemorySize maxJsonBodySize();

    /**
     * Path prefixes of the upload operations (e.g. {@code /api/v1/households/imports}): their bodies may reach
     * {@code quarkus.http.limits.max-body-size}. None by default: every body is held to the JSON limit.
     */
    Optional<List<String>> uploadPaths();
}
