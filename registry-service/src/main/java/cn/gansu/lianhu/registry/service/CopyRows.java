package cn.gansu.lianhu.registry.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;

import org.postgresql.copy.CopyIn;

/**
 * Rows for one table as the UTF-8 bytes of PostgreSQL {@code COPY … from stdin (format csv)}, built without
 * intermediate strings: the household import's chunks (issue 7). Null → empty unquoted field (SQL null); text →
 * quoted, {@code "} doubled; numbers, dates, ids → as PostgreSQL reads them. Rows are written to a {@link CopyIn}
 * by ranges, so that rows of households dropped after checks can be left out.
 */
final class CopyRows {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private byte[] buf;
    private int len;
    private boolean firstField = true;

    CopyRows(int capacity) {
        buf = new byte[capacity];
    }

    /** Empties the buffer for the next chunk (keeps its capacity). */
    void reset() {
        len = 0;
        firstField = true;
    }

    /** Bytes written so far: the start of the next row. */
    int position() {
        return len;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private void separator() {
        if (firstField) {
            firstField = false;
        } else {
            ensure(1);
            buf[len++] = ',';
        }
    }

    CopyRows nul() {
        separator();
        return this;
    }

    CopyRows text(String s) {
        separator();
        if (s == null) {
            return this;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ensure(b.length * 2 + 2);
        buf[len++] = '"';
        for (byte x : b) {
            if (x == '"') {
                buf[len++] = '"';
            }
            buf[len++] = x;
        }
        buf[len++] = '"';
        return this;
    }

    /** ASCII text that needs no quoting (codes, enum names, plain decimals); empty → an empty string, not null. */
    CopyRows ascii(String s) {
        separator();
        if (s == null) {
            return this;
        }
        int n = s.length();
        if (n == 0) {
            ensure(2);
            buf[len++] = '"';
            buf[len++] = '"';
            return this;
        }
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    CopyRows number(long v) {
        return ascii(Long.toString(v));
    }

    CopyRows decimal(BigDecimal v) {
        return ascii(v == null ? null : v.toPlainString());
    }

    CopyRows date(LocalDate d) {
        return ascii(d == null ? null : d.toString());
    }

    /** A timestamp with its offset, rounded to the microsecond as the PostgreSQL JDBC driver sends one. */
    CopyRows timestamp(OffsetDateTime t) {
        if (t == null) {
            return ascii(null);
        }
        return ascii(TIMESTAMP.format(t.plusNanos(500).truncatedTo(ChronoUnit.MICROS)));
    }

    CopyRows uuid(UUID id) {
        separator();
        ensure(36);
        hex(id.getMostSignificantBits() >>> 32, 8);
        buf[len++] = '-';
        hex(id.getMostSignificantBits() >>> 16, 4);
        buf[len++] = '-';
        hex(id.getMostSignificantBits(), 4);
        buf[len++] = '-';
        hex(id.getLeastSignificantBits() >>> 48, 4);
        buf[len++] = '-';
        hex(id.getLeastSignificantBits(), 12);
        return this;
    }

    private void hex(long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            buf[len + i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
        len += digits;
    }

    CopyRows bool(boolean b) {
        return ascii(b ? "t" : "f");
    }

    /** Ends the row. */
    void end() {
        ensure(1);
        buf[len++] = '\n';
        firstField = true;
    }

    /** Sends bytes {@code [from, to)} (whole rows) into an open COPY. */
    void writeTo(CopyIn copy, int from, int to) throws SQLException {
        if (to > from) {
            copy.writeToCopy(buf, from, to - from);
        }
    }
}
