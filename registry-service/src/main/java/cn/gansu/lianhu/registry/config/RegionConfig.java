package cn.gansu.lianhu.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the region registry and its CSV imports ({@code lianhu.registry.regions.*}; DESIGN.md §1, §4,
 * issue points 5 and 8).
 */
@ConfigMapping(prefix = "lianhu.registry.regions")
public interface RegionConfig {

    /**
     * Import the Gansu files bundled in the jar ({@code classpath:gansu/*.csv}) when the service starts.
     * Idempotent: a second start changes nothing and publishes nothing. Default true (also in tests, so
     * every registry test sees the real 14 prefectures, 88 counties, 1,403 townships, 17,718 villages).
     */
    @WithDefault("true")
    boolean loadBundledOnStart();

    /** Classpath folder of the bundled files (counties.csv, townships.csv, villages.csv, poor_*.csv). */
    @WithDefault("gansu")
    String bundledLocation();

    /** 2-digit NBS code of the province this registry serves; every imported code must start with it. */
    @WithDefault("62")
    String provinceCode();

    /** Name of the province region, created by the first counties import. */
    @WithDefault("甘肃省")
    String provinceName();

    /** At most this many row errors are listed in a rejected import's problem (all are counted). */
    @WithDefault("200")
    int maxListedErrors();
}
