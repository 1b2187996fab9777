package cn.gansu.lianhu.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for tests and the local run, without Docker (RECIPES.md): zonky's embedded
 * PostgreSQL 17 binaries started as a child process — or, when {@code LIANHU_POSTGRES_URL} names one, an
 * external server (user/password from {@code LIANHU_DB_USER}/{@code LIANHU_DB_PASSWORD}).
 */
public final class LocalPostgres implements AutoCloseable {
    /** Environment variable naming an external server, e.g. {@code jdbc:postgresql://db:5432/postgres}. */
    public static final String URL_ENV = "LIANHU_POSTGRES_URL";

    private final EmbeddedPostgres embedded;
    private final String adminUrl;
    private final String user;
    private final String password;
    private final Path dataDir;

    private LocalPostgres(EmbeddedPostgres embedded, String adminUrl, String user, String password, Path dataDir) {
        this.embedded = embedded;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.dataDir = dataDir;
    }

    /**
     * Starts an embedded server, or connects to the external one named by {@value #URL_ENV}.
     *
     * @param dataDir where the cluster lives; reused if it exists (data survives a restart); null = a fresh temp dir
     * @param port    TCP port; 0 = any free port
     */
    public static LocalPostgres startOrConnect(Path dataDir, int port) {
        String external = System.getenv(URL_ENV);
        if (external != null && !external.isBlank()) {
            return new LocalPostgres(null, external, env("LIANHU_DB_USER", "postgres"), env("LIANHU_DB_PASSWORD", ""),
                    null);
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPgBinaryResolver(BINARIES)
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", dataDir == null ? "off" : "on")
                    .setServerConfig("synchronous_commit", dataDir == null ? "off" : "on")
                    .setServerConfig("shared_buffers", "128MB")
                    // no DETAIL lines: a unique-index violation would print the full ID number
                    .setServerConfig("log_error_verbosity", "terse");
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            return new LocalPostgres(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "", dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL: " + e.getMessage()
                    + " (set " + URL_ENV + " to use an external server)", e);
        }
    }

    /**
     * zonky's resolver, except that the same binaries twice on the class path (a test class path with both the
     * binaries jar and a jar whose manifest Class-Path names it again, e.g. lianhu-launcher.jar in lianhu-bench's
     * tests) is not an error: any copy will do.
     */
    private static final io.zonky.test.db.postgres.embedded.PgBinaryResolver BINARIES = (system, machine) -> {
        try {
            return io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machine);
        } catch (IllegalStateException duplicate) {
            String arch = machine.toLowerCase(java.util.Locale.ROOT).equals("amd64") ? "x86_64"
                    : machine.toLowerCase(java.util.Locale.ROOT);
            String name = "/postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + arch + ".txz";
            java.io.InputStream in = LocalPostgres.class.getResourceAsStream(name);
            if (in == null) {
                throw duplicate;
            }
            return in;
        }
    };

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabase(String database) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("create database \"" + database.replace("\"", "") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    /** Drops {@code database} (if it exists) and creates it empty. */
    public void recreateDatabase(String database) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute("drop database if exists \"" + database.replace("\"", "") + "\" with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + database + ": " + e.getMessage(), e);
        }
        createDatabase(database);
    }

    /** JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminUrl.indexOf('?', slash);
        String base = adminUrl.substring(0, slash + 1);
        String params = query < 0 ? "" : adminUrl.substring(query);
        return base + database + params;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Port of the embedded server; -1 for an external one. */
    public int port() {
        return embedded == null ? -1 : embedded.getPort();
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /**
     * Kills an embedded server as a crash would (issue 8 point 1): SIGKILL to the postmaster and every one of its
     * processes (backends, checkpointer, WAL writer, …) — all of them, or a new postmaster would find the old
     * shared memory still attached and refuse to start — and waits until they are gone; then releases zonky's
     * lock on the data folder (its stop command fails harmlessly). {@link #restart()} starts it again.
     *
     * @return the pids killed
     */
    public java.util.List<Long> kill9() {
        if (embedded == null) {
            throw new IllegalStateException("an external PostgreSQL cannot be killed from here");
        }
        java.util.Set<ProcessHandle> all = new java.util.LinkedHashSet<>();
        ProcessHandle postmaster = embedded.getProcess().toHandle();
        all.add(postmaster);
        postmasterPid().flatMap(ProcessHandle::of).ifPresent(all::add);
        for (ProcessHandle h : java.util.List.copyOf(all)) {
            h.descendants().forEach(all::add);
        }
        all.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle h : all) {
            while (h.isAlive()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL process " + h.pid() + " survived SIGKILL");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        try {
            embedded.close();
        } catch (IOException | RuntimeException e) {
            // pg_ctl stop finds no server: expected after a kill
        }
        return all.stream().map(ProcessHandle::pid).toList();
    }

    /** The pid in {@code postmaster.pid} of the data folder, if there is one. */
    public java.util.Optional<Long> postmasterPid() {
        if (dataDir == null) {
            return java.util.Optional.empty();
        }
        try {
            java.util.List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Starts a new embedded server on this one's data folder and port (after {@link #kill9()} or
     * {@link #close()}): PostgreSQL recovers from its WAL.
     */
    public LocalPostgres restart() {
        if (embedded == null || dataDir == null) {
            throw new IllegalStateException("only an embedded server with a data folder can be restarted");
        }
        return startOrConnect(dataDir, embedded.getPort());
    }

    /** Stops an embedded server (fast shutdown); does nothing for an external one. */
    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new IllegalStateException("cannot stop embedded PostgreSQL", e);
            }
        }
    }
}
