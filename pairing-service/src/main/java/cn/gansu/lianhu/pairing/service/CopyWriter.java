package cn.gansu.lianhu.pairing.service;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into one table with PostgreSQL {@code COPY … FROM STDIN (FORMAT csv)}, in 1 MB pieces, so that
 * 400,000 rows never sit in memory as one text. Values: null → empty unquoted (NULL); numbers and booleans as
 * they print; anything else quoted (so "" is an empty string). Call {@link #finish()} to end the COPY; closing
 * without it cancels.
 */
final class CopyWriter implements AutoCloseable {
    private static final int FLUSH = 1 << 20;
    private final CopyIn copy;
    private final StringBuilder sb = new StringBuilder(FLUSH + 4096);
    private long rows;

    /** @param sql e.g. {@code copy pairing_plan_item (plan_id, seq) from stdin (format csv)} */
    CopyWriter(Connection c, String sql) throws SQLException {
        copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    }

    void row(Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values[i];
            if (v == null) {
                continue;
            }
            if (v instanceof Number || v instanceof Boolean || v instanceof java.util.UUID) {
                sb.append(v);
            } else {
                String s = v.toString();
                sb.append('"');
                for (int k = 0; k < s.length(); k++) {
                    char ch = s.charAt(k);
                    if (ch == '"') {
                        sb.append('"');
                    }
                    sb.append(ch);
                }
                sb.append('"');
            }
        }
        sb.append('\n');
        rows++;
        if (sb.length() >= FLUSH) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (sb.length() > 0) {
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            sb.setLength(0);
        }
    }

    /** Ends the COPY; returns the rows written. */
    long finish() throws SQLException {
        flush();
        copy.endCopy();
        return rows;
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
