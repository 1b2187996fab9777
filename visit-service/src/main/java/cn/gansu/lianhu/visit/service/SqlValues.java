package cn.gansu.lianhu.visit.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/** Conversions of native-query values (plans and continuity read with SQL). */
final class SqlValues {
    private SqlValues() {
    }

    static LocalDate date(Object o) {
        return o == null ? null : o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }

    static UUID uuid(Object o) {
        return o == null ? null : o instanceof UUID u ? u : UUID.fromString(o.toString());
    }

    static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    static OffsetDateTime time(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + o.getClass());
    }

    /**
     * One text parameter for {@code string_to_array(?, ',')}: the values joined by commas (UUIDs and division codes
     * never contain one), so a list of any length is one bind parameter.
     */
    static String joined(Collection<?> values) {
        return values.stream().map(Object::toString).distinct().collect(Collectors.joining(","));
    }
}
