package cn.gansu.lianhu.imports;

import java.io.IOException;

/**
 * Streams the rows of an uploaded file (header included) to a {@link Sink}, never holding the file in
 * memory. Implementations: {@link ImportCsvSource}, {@link ImportXlsxSource}.
 */
public interface ImportRowSource {

    /** Receives rows; returns false to stop reading. */
    @FunctionalInterface
    interface Sink {
        /**
         * @param rowNo 1-based row number in the file (the header is row 1)
         * @param cells cell texts, untrimmed; missing cells are null
         */
        boolean row(long rowNo, String[] cells);
    }

    /** Reads the file from its start. Throws {@link ImportFileException} if the content cannot be parsed. */
    void read(Sink sink) throws IOException;

    /** Bytes consumed so far (for the progress percentage). */
    long bytesRead();

    /** Total bytes that {@link #bytesRead()} goes up to. */
    long totalBytes();

    /** Reads only the header row; null if the file has no row at all. */
    default String[] header() throws IOException {
        String[][] first = new String[1][];
        read((rowNo, cells) -> {
            first[0] = cells;
            return false;
        });
        return first[0];
    }
}
