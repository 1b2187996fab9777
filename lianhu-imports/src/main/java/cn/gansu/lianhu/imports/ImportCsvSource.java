package cn.gansu.lianhu.imports;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a CSV file (RFC 4180 quoting, comma separated, a UTF-8 BOM is skipped) decoded strictly in the
 * given charset: a malformed byte sequence is an error, never a replacement character (no mojibake).
 * Empty lines are skipped; row numbers are record numbers, the header being row 1.
 */
public final class ImportCsvSource implements ImportRowSource {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();

    private final Path file;
    private final Charset charset;
    private final long size;
    private ImportCountingInputStream counter;

    public ImportCsvSource(Path file, Charset charset) throws IOException {
        this.file = file;
        this.charset = charset;
        this.size = Files.size(file);
    }

    @Override
    public void read(Sink sink) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            counter = new ImportCountingInputStream(new BufferedInputStream(raw, 1 << 16));
            BufferedReader reader = new BufferedReader(new InputStreamReader(counter, charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                    1 << 16);
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            try (CSVParser parser = FORMAT.parse(reader)) {
                Iterator<CSVRecord> it = parser.iterator();
                long rowNo = 0;
                while (true) {
                    CSVRecord record;
                    try {
                        if (!it.hasNext()) {
                            break;
                        }
                        record = it.next();
                    } catch (UncheckedIOException | IllegalStateException e) {
                        throw new ImportFileException(rowNo + 1, "csv.syntax",
                                "the CSV cannot be read after row " + rowNo + ": " + rootMessage(e), e);
                    }
                    rowNo = record.getRecordNumber();
                    if (!sink.row(rowNo, record.values())) {
                        return;
                    }
                }
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public long bytesRead() {
        return counter == null ? 0 : counter.count();
    }

    @Override
    public long totalBytes() {
        return size;
    }
}
