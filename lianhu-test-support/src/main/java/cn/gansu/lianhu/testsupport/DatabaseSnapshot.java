package cn.gansu.lianhu.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The content of every table of one schema, as row count and an MD5 over all rows (each row's text form, hashed and
 * sorted, so the digest does not depend on physical order). Two snapshots are equal when no row was inserted,
 * updated or deleted in between (issue 8 point 4: a refused request changes nothing).
 *
 * @param tables table name → "count:md5"
 */
public record DatabaseSnapshot(Map<String, String> tables) {

    /**
     * Takes a snapshot of schema {@code public} of the module's test database ({@link LianhuTestResource}), leaving
     * out the named tables.
     */
    public static DatabaseSnapshot take(Set<String> excluded) {
        return take(LianhuTestResource.jdbcUrl(), LianhuTestResource.dbUser(), LianhuTestResource.dbPassword(),
                "public", excluded);
    }

    /** Takes a snapshot of every base table of {@code schema}, leaving out the named tables. */
    public static DatabaseSnapshot take(String jdbcUrl, String user, String password, String schema,
            Set<String> excluded) {
        Map<String, String> tables = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = '"
                    + schema.replace("'", "''") + "' and table_type = 'BASE TABLE' order by table_name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                if (excluded.contains(name)) {
                    continue;
                }
                String table = "\"" + schema.replace("\"", "\"\"") + "\".\"" + name.replace("\"", "\"\"") + "\"";
                try (ResultSet rs = s.executeQuery("select count(*), coalesce(md5(string_agg(h, '' order by h)), '-')"
                        + " from (select md5(t::text) h from " + table + " t) x")) {
                    rs.next();
                    tables.put(name, rs.getLong(1) + ":" + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take a snapshot of " + jdbcUrl + ": " + e.getMessage(), e);
        }
        return new DatabaseSnapshot(tables);
    }

    /**
     * Waits until two snapshots taken {@code intervalMillis} apart are equal (relays, consumers and start-up loaders
     * of earlier tests have settled) and returns the last; throws after {@code timeoutMillis}.
     */
    public static DatabaseSnapshot settled(Set<String> excluded, long intervalMillis, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        DatabaseSnapshot previous = take(excluded);
        while (true) {
            sleep(intervalMillis);
            DatabaseSnapshot now = take(excluded);
            if (now.equals(previous)) {
                return now;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the database did not settle within " + timeoutMillis + " ms; still "
                        + "changing: " + previous.differences(now));
            }
            previous = now;
        }
    }

    /** Tables whose count or content differ, one line each ({@code table: before → after}); empty when equal. */
    public List<String> differences(DatabaseSnapshot after) {
        List<String> diffs = new ArrayList<>();
        Set<String> names = new java.util.TreeSet<>(tables.keySet());
        names.addAll(after.tables.keySet());
        for (String name : names) {
            String a = tables.get(name);
            String b = after.tables.get(name);
            if (a == null || !a.equals(b)) {
                diffs.add(name + ": " + a + " -> " + b);
            }
        }
        return diffs;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
