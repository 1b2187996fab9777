package cn.gansu.lianhu.registry.events;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;

/**
 * Bulk writes with PostgreSQL {@code COPY ... FROM STDIN (FORMAT csv)} on the connection of the current
 * transaction (pgjdbc's CopyManager): one round trip for thousands of rows, committed or rolled back with
 * the transaction like any other statement. Used by the region import, whose first run writes ~19,000
 * regions and ~28,000 outbox events.
 */
public final class RegionCopy {
    private RegionCopy() {
    }

    /** Appends one CSV field: null → empty (NULL for COPY), text → quoted with quotes doubled. */
    public static StringBuilder field(StringBuilder sb, Object value, boolean last) {
        if (value != null) {
            String s = value.toString();
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '"') {
                    sb.append('"');
                }
                sb.append(ch);
            }
            sb.append('"');
        }
        return sb.append(last ? '\n' : ',');
    }

    /**
     * Runs {@code COPY <table> (<columns>) FROM STDIN (FORMAT csv)} with the rows in {@code csv}.
     *
     * @return rows copied
     */
    public static long copy(Connection connection, String tableAndColumns, CharSequence csv) throws SQLException {
        if (csv.length() == 0) {
            return 0;
        }
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + tableAndColumns + " FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + tableAndColumns + " failed: " + e.getMessage(), e);
        }
    }
}
