package cn.gansu.lianhu.imports;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Rows for one table, buffered as CSV text and sent with PostgreSQL {@code COPY … from stdin (format csv)}:
 * the fast path that stages an import file into temporary tables of the job's connection.
 * Values: null → empty unquoted (SQL null); numbers as written; anything else quoted by its
 * {@code toString()} (so {@code ""} is an empty string).
 */
public final class CopyBuffer {
    private final CopyManager copy;
    private final String sql;
    private final StringBuilder rows = new StringBuilder(1 << 16);
    private int count;

    /**
     * @param connection the job's connection (a PostgreSQL connection, possibly wrapped by the pool)
     * @param table      table and optional column list, e.g. {@code imp_unit} or {@code outbox_event (event_id, …)}
     */
    public CopyBuffer(Connection connection, String table) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        this.sql = "copy " + table + " from stdin (format csv)";
    }

    /** Appends one row; the caller decides when to {@link #flush()}. */
    public void add(Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                rows.append(',');
            }
            Object v = values[i];
            if (v == null) {
                continue;
            }
            if (v instanceof Number) {
                rows.append(v);
            } else {
                String s = v.toString();
                rows.append('"');
                for (int k = 0; k < s.length(); k++) {
                    char ch = s.charAt(k);
                    if (ch == '"') {
                        rows.append('"');
                    }
                    rows.append(ch);
                }
                rows.append('"');
            }
        }
        rows.append('\n');
        count++;
    }

    /** Rows buffered since the last flush. */
    public int buffered() {
        return count;
    }

    /** Characters buffered since the last flush. */
    public int length() {
        return rows.length();
    }

    /** Sends the buffered rows with COPY (nothing if none). */
    public void flush() throws SQLException {
        if (rows.length() > 0) {
            try {
                copy.copyIn(sql, new StringReader(rows.toString()));
            } catch (IOException e) {
                throw new SQLException("COPY into " + sql + " failed", e);
            }
        }
        rows.setLength(0);
        count = 0;
    }
}
