package cn.gansu.lianhu.events.inbox;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs one consumed batch in a new transaction and, while the database is unavailable (connection refused or
 * broken, pool acquisition timeout, server shutting down), runs it again every 0.5–5 s for up to
 * {@link #RETRY_FOR} instead of letting the failure nack the batch (issue 8 point 1, found by the fault suite: with
 * {@code @Transactional} on the consumer, a PostgreSQL restart nacked the batch, the channel failed-stop, liveness
 * went DOWN and the consumer never consumed again until the process was restarted). Any other failure propagates at
 * once (the channel's failure strategy applies). The batch's offsets are committed only after it returns, so a
 * process that dies meanwhile gets the batch again (the inbox drops what was applied).
 *
 * <p>Used by the consumers of registry, pairing and visit ({@link #run}); reporting's batches keep their own few
 * attempts for other failures and ask {@link #databaseUnavailable} whether to keep waiting.
 */
public final class DatabaseRetry {
    private static final Logger LOG = Logger.getLogger(DatabaseRetry.class);
    /** How long a batch waits for the database before its failure propagates. */
    public static final Duration RETRY_FOR = Duration.ofMinutes(10);

    private DatabaseRetry() {
    }

    /** Runs {@code batch} in a new transaction, again while the database is unavailable (at most {@link #RETRY_FOR}). */
    public static void run(String channel, Runnable batch) {
        call(channel, () -> {
            batch.run();
            return null;
        });
    }

    /** As {@link #run}, with the batch's result. */
    public static <T> T call(String channel, Supplier<T> batch) {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        for (int attempt = 1;; attempt++) {
            try {
                T result = QuarkusTransaction.requiringNew().call(batch::get);
                if (attempt > 1) {
                    LOG.infof("%s: batch applied at attempt %d, the database is back", channel, attempt);
                }
                return result;
            } catch (RuntimeException e) {
                if (!databaseUnavailable(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                if (attempt == 1 || attempt % 20 == 0) {
                    LOG.warnf("%s: database unavailable (%s), batch retried (attempt %d)", channel, e.getMessage(),
                            attempt);
                }
                try {
                    Thread.sleep(Math.min(5000, 500L * attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** True if a cause says the database could not be reached (SQL state class 08 or 57P, pool timeout). */
    public static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                String message = String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (message.contains("acquisition timeout") || message.contains("connection refused")) {
                    return true;
                }
            }
        }
        return false;
    }
}
