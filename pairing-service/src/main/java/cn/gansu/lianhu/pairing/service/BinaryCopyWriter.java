package cn.gansu.lianhu.pairing.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows with {@code COPY … FROM STDIN (FORMAT binary)}: uuids travel as their 16 bytes, so neither side
 * formats or parses text (the planner writes ~450,000 proposals of four uuids each for the province). Fields are
 * written in the table's column order given in the COPY statement; see the PostgreSQL COPY binary format. Call
 * {@link #finish()} to end; closing without it cancels.
 */
final class BinaryCopyWriter implements AutoCloseable {
    private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0,
            0, 0, 0, 0 };
    private final CopyIn copy;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 20);

    BinaryCopyWriter(Connection c, String sql) throws SQLException {
        copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        buf.put(HEADER);
    }

    /** Starts a row of {@code fields} fields. */
    BinaryCopyWriter row(int fields) throws SQLException {
        if (buf.remaining() < 1024) {
            flush();
        }
        buf.putShort((short) fields);
        return this;
    }

    BinaryCopyWriter uuid(long msb, long lsb) {
        buf.putInt(16).putLong(msb).putLong(lsb);
        return this;
    }

    BinaryCopyWriter int4(int v) {
        buf.putInt(4).putInt(v);
        return this;
    }

    BinaryCopyWriter bool(boolean v) {
        buf.putInt(1).put((byte) (v ? 1 : 0));
        return this;
    }

    /** A short text (at most a few hundred bytes). */
    BinaryCopyWriter text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        buf.putInt(b.length).put(b);
        return this;
    }

    private void flush() throws SQLException {
        if (buf.position() > 0) {
            copy.writeToCopy(buf.array(), 0, buf.position());
            buf.clear();
        }
    }

    /** Ends the COPY; returns the rows written. */
    long finish() throws SQLException {
        if (buf.remaining() < 2) {
            flush();
        }
        buf.putShort((short) -1);
        flush();
        return copy.endCopy();
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
