package cn.gansu.lianhu.registry.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import cn.gansu.lianhu.registry.config.RegionConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Imports the real Gansu regions bundled in the jar ({@code classpath:gansu/}: 88 county-level units with
 * 14 prefectures, 1,403 townships, 17,718 villages, 58 poor counties, 8,790 poor villages; see its
 * README.md) when the service starts and {@code lianhu.registry.regions.load-bundled-on-start} is true
 * (issue point 8: the suite is usable at once). Idempotent: on a database that already holds them nothing
 * changes and no event is published. A bundled file that fails validation stops the start.
 */
@ApplicationScoped
public class GansuBundledLoader {
    private static final Logger LOG = Logger.getLogger(GansuBundledLoader.class);

    @Inject
    RegionConfig config;

    @Inject
    RegionImportService imports;

    void onStart(@Observes StartupEvent event) {
        if (config.loadBundledOnStart()) {
            load();
        }
    }

    /** Imports the five bundled files in dependency order; returns one result per file. */
    public List<RegionImportResult> load() {
        long start = System.nanoTime();
        List<RegionImportResult> results = new ArrayList<>();
        for (RegionImportKind kind : RegionImportKind.values()) {
            String resource = config.bundledLocation() + "/" + kind.fileName;
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("bundled region file " + resource + " is not on the classpath");
                }
                results.add(imports.importCsv(kind, in, false, false));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long created = results.stream().mapToLong(RegionImportResult::created).sum();
        long events = results.stream().mapToLong(RegionImportResult::events).sum();
        LOG.infof("bundled Gansu regions loaded in %d ms: %d regions created, %d events published (%s)",
                (System.nanoTime() - start) / 1_000_000, created, events, results.stream()
                        .map(r -> r.kind() + " " + r.rows() + " rows").reduce((a, b) -> a + ", " + b).orElse(""));
        return results;
    }
}
