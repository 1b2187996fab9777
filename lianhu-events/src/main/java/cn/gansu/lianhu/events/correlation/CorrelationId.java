package cn.gansu.lianhu.events.correlation;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.MDC;

/**
 * The request/correlation id (issue 9 point 5): one id ties the log lines of a REST call to the events it wrote and
 * to the log lines of every consumer that applies them.
 * <ul>
 * <li>HTTP: taken from {@value #HTTP_HEADER} (or {@value #REQUEST_ID_HEADER}) when it is at most 128 characters of
 * {@code [A-Za-z0-9._:-]}, else a fresh UUID; answered in {@value #HTTP_HEADER} (lianhu-api-support
 * CorrelationFilter).</li>
 * <li>Logs: MDC key {@value #MDC_KEY} (JSON logs: {@code "mdc":{"correlationId":"…"}}).</li>
 * <li>Events: column {@code outbox_event.correlation_id}, then Kafka record header {@value #KAFKA_HEADER} (UTF-8);
 * consumers put it in the MDC while they apply the record ({@link #open}).</li>
 * </ul>
 */
public final class CorrelationId {
    /** Request and response header. */
    public static final String HTTP_HEADER = "X-Correlation-Id";
    /** Also accepted on a request (when {@value #HTTP_HEADER} is absent). */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** MDC key, so the id is in every log line written for the request or record. */
    public static final String MDC_KEY = "correlationId";
    /** Kafka record header (UTF-8 value). */
    public static final String KAFKA_HEADER = "correlation-id";
    /** Longest id accepted from a client (and the column's width). */
    public static final int MAX_LENGTH = 128;
    /** Most distinct ids put in the MDC for a batch applied at once ({@link #openAll}). */
    static final int MAX_IN_BATCH = 20;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    private CorrelationId() {
    }

    /** True when {@code id} may be used as it is: 1 to 128 characters of {@code [A-Za-z0-9._:-]}. */
    public static boolean valid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** {@code candidate} when valid, else a fresh random UUID. */
    public static String orGenerate(String candidate) {
        return valid(candidate) ? candidate : UUID.randomUUID().toString();
    }

    /** The id of the current request or record (from the MDC), or null. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    /** The valid {@value #KAFKA_HEADER} header of a record (the last one if repeated), or null. */
    public static String of(ConsumerRecord<?, ?> record) {
        if (record == null || record.headers() == null) {
            return null;
        }
        Header header = record.headers().lastHeader(KAFKA_HEADER);
        if (header == null || header.value() == null) {
            return null;
        }
        String id = new String(header.value(), StandardCharsets.UTF_8);
        return valid(id) ? id : null;
    }

    /** The header value for a Kafka record. */
    public static byte[] headerValue(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Puts {@code id} in the MDC until the returned scope is closed, which restores what was there before. A null
     * id leaves the MDC as it is.
     */
    public static Scope open(String id) {
        Object before = MDC.get(MDC_KEY);
        if (id != null) {
            MDC.put(MDC_KEY, id);
        }
        return () -> {
            if (id == null) {
                return;
            }
            if (before == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, before);
            }
        };
    }

    /** {@link #open} for the record's header. */
    public static Scope open(ConsumerRecord<?, ?> record) {
        return open(of(record));
    }

    /**
     * For work applied to several records at once (one transaction per batch): the distinct ids of the records, in
     * order, joined with commas (at most {@value #MAX_IN_BATCH}, then {@code ,…}); nothing when none has one.
     */
    public static Scope openAll(Collection<? extends ConsumerRecord<?, ?>> records) {
        Set<String> ids = new LinkedHashSet<>();
        boolean more = false;
        for (ConsumerRecord<?, ?> r : records) {
            String id = of(r);
            if (id != null && !ids.contains(id)) {
                if (ids.size() == MAX_IN_BATCH) {
                    more = true;
                    break;
                }
                ids.add(id);
            }
        }
        return open(ids.isEmpty() ? null : String.join(",", ids) + (more ? ",…" : ""));
    }

    /**
     * For bulk writers that COPY or insert outbox rows without the {@code correlation_id} column: sets the current id
     * as PostgreSQL setting {@code lianhu.correlation_id} for the rest of the connection's transaction, which the
     * column's default reads (db/lianhu-common V0_5). Does nothing when there is no current id.
     */
    public static void setLocal(java.sql.Connection connection) throws java.sql.SQLException {
        setLocal(connection, current());
    }

    /** As {@link #setLocal(java.sql.Connection)} with this id (none when null or invalid). */
    public static void setLocal(java.sql.Connection connection, String id) throws java.sql.SQLException {
        if (!valid(id)) {
            return;
        }
        try (java.sql.PreparedStatement set = connection
                .prepareStatement("select set_config('lianhu.correlation_id', ?, true)")) {
            set.setString(1, id);
            set.execute();
        }
    }

    /** Restores the MDC; never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
