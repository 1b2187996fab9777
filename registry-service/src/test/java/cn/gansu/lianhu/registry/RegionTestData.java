package cn.gansu.lianhu.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import cn.gansu.lianhu.testsupport.LianhuTestResource;

/**
 * Reads the bundled Gansu files directly (plain line splitting, independent of the import code) and counts
 * rows in the test database, so tests can compute expected figures themselves.
 */
final class RegionTestData {
    private RegionTestData() {
    }

    /** The raw bytes of a bundled file, e.g. {@code villages.csv}. */
    static byte[] bytes(String file) {
        try (InputStream in = RegionTestData.class.getClassLoader().getResourceAsStream("gansu/" + file)) {
            if (in == null) {
                throw new IllegalStateException("gansu/" + file + " not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Data rows of a bundled file, each split on commas (the files contain no quoted commas). */
    static List<String[]> rows(String file) {
        String[] lines = new String(bytes(file), StandardCharsets.UTF_8).split("\n");
        return Arrays.stream(lines).skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
    }

    /** Rows of a bundled file whose first column starts with {@code prefix}. */
    static long countWithPrefix(String file, String prefix) {
        return rows(file).stream().filter(r -> r[0].startsWith(prefix)).count();
    }

    /** Result of a single-number SQL query on the registry's test database. */
    static long sqlCount(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(LianhuTestResource.jdbcUrl(), LianhuTestResource.dbUser(),
                LianhuTestResource.dbPassword()); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of the outbox for topic registry.regions. */
    static long regionOutboxRows() {
        return sqlCount("select count(*) from outbox_event where topic = 'registry.regions'");
    }
}
