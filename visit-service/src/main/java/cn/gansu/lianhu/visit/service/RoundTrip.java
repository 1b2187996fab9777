package cn.gansu.lianhu.visit.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hibernate.Session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Sends several SQL statements to PostgreSQL in one round trip, on the JDBC connection of the current transaction
 * (issue 7: logging a visit is a handful of statements; each round trip, and each Hibernate query built for it, cost
 * more than the statement itself). The driver sends the statements together and PostgreSQL runs them in order; the
 * first that fails stops the rest, and the failure reaches the caller as Hibernate's exception for it (e.g.
 * {@code ConstraintViolationException} naming the constraint), as if the statement had run through Hibernate.
 *
 * <p>Values come back as the driver gives them: {@code java.sql.Date} for dates, {@code java.sql.Timestamp} for
 * {@code timestamptz}, {@code BigDecimal} for numerics, {@code Integer}/{@code Long}, {@code Boolean},
 * {@code String}.
 */
@ApplicationScoped
public class RoundTrip {
    private static final Pattern NAMED = Pattern.compile("(?<!:):([a-zA-Z][a-zA-Z0-9]*)");

    /**
     * One statement with JDBC-style {@code ?} parameters.
     *
     * @param sql    the statement, without a trailing semicolon
     * @param params one value per {@code ?}, in order; a null value must be given as {@link #nullOf}
     */
    public record Statement(String sql, List<Object> params) {
        public Statement(String sql, Object... params) {
            this(sql, Arrays.asList(params));
        }

        /** A statement written with named parameters ({@code :name}, not {@code ::type}), as Hibernate takes them. */
        public static Statement named(String sql, Map<String, Object> values) {
            List<Object> params = new ArrayList<>();
            Matcher m = NAMED.matcher(sql);
            StringBuilder jdbc = new StringBuilder();
            while (m.find()) {
                if (!values.containsKey(m.group(1))) {
                    throw new IllegalArgumentException("no value for :" + m.group(1));
                }
                params.add(values.get(m.group(1)));
                m.appendReplacement(jdbc, "?");
            }
            m.appendTail(jdbc);
            return new Statement(jdbc.toString(), params);
        }
    }

    /** A typed SQL null ({@link Types} constant), for a parameter that may be null. */
    public record Null(int sqlType) {
    }

    /** {@code value}, or a null of {@code sqlType} when it is null. */
    public static Object nullOf(Object value, int sqlType) {
        return value == null ? new Null(sqlType) : value;
    }

    @Inject
    EntityManager em;

    /**
     * Runs the statements in one round trip, in the caller's transaction.
     *
     * @return per statement, the rows it returned (empty for a statement without rows, e.g. an update)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<List<Object[]>> run(List<Statement> statements) {
        return onConnection(c -> {
            try {
                return run(c, statements);
            } catch (SQLException e) {
                throw new Failed(e);
            }
        });
    }

    /** Runs {@code work} on the connection of the current transaction (SQL exceptions converted by Hibernate). */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> T onConnection(Function<Connection, T> work) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try {
                return work.apply(c);
            } catch (Failed f) {
                throw f.getCause();
            }
        });
    }

    /** Carries an {@link SQLException} out of a {@link Function}, to be converted by Hibernate. */
    public static final class Failed extends RuntimeException {
        public Failed(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private static List<List<Object[]>> run(Connection c, List<Statement> statements) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (Statement s : statements) {
            sql.append(sql.isEmpty() ? "" : ";\n").append(s.sql());
        }
        List<List<Object[]>> results = new ArrayList<>(statements.size());
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 0;
            for (Statement s : statements) {
                for (Object p : s.params()) {
                    i++;
                    if (p instanceof Null n) {
                        ps.setNull(i, n.sqlType());
                    } else {
                        ps.setObject(i, p);
                    }
                }
            }
            boolean rows = ps.execute();
            while (true) {
                if (rows) {
                    try (ResultSet rs = ps.getResultSet()) {
                        int columns = rs.getMetaData().getColumnCount();
                        List<Object[]> list = new ArrayList<>();
                        while (rs.next()) {
                            Object[] row = new Object[columns];
                            for (int col = 0; col < columns; col++) {
                                row[col] = rs.getObject(col + 1);
                            }
                            list.add(row);
                        }
                        results.add(list);
                    }
                } else if (ps.getUpdateCount() == -1) {
                    break;
                } else {
                    results.add(List.of());
                }
                rows = ps.getMoreResults();
            }
        }
        if (results.size() != statements.size()) {
            throw new IllegalStateException(statements.size() + " statements gave " + results.size() + " results");
        }
        return results;
    }
}
