package cn.gansu.lianhu.reporting.service;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import cn.gansu.lianhu.reporting.service.ExportTable.Cell;
import cn.gansu.lianhu.reporting.service.ExportTable.Column;

/**
 * Writes an export row by row to a stream (issue 5 point 4), so a list of any length is never held in memory: CSV
 * with commons-csv (UTF-8 with a byte order mark, so Excel shows Chinese; RFC 4180 quoting, CRLF), XLSX with POI's
 * streaming {@link SXSSFWorkbook} (100 rows in memory; numbers as numeric cells, yuan with format {@code 0.00},
 * dates as date cells {@code yyyy-mm-dd}, header row bold and frozen).
 *
 * <p>Formula injection: every text cell whose value starts with {@code = + - @} (or a tab or carriage return) is
 * written with a leading {@code '}, so a spreadsheet shows it as text and never evaluates it (OWASP "CSV Injection").
 * Numbers and dates are typed cells and need no prefix.
 */
public abstract class ExportWriter<T> implements AutoCloseable {

    /** The file formats. */
    public enum Format {
        CSV("text/csv", "csv"), XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    protected final List<Column<T>> columns;

    protected ExportWriter(List<Column<T>> columns) {
        this.columns = columns;
    }

    /** A writer of {@code format} to {@code out}; writes the header row (Chinese if {@code chinese}). */
    public static <T> ExportWriter<T> open(Format format, OutputStream out, String sheetName, List<Column<T>> columns,
            boolean chinese) throws IOException {
        ExportWriter<T> w = format == Format.CSV ? new Csv<>(out, columns) : new Xlsx<>(out, sheetName, columns);
        w.header(columns.stream().map(c -> c.header(chinese)).toList());
        return w;
    }

    /** Writes the rows. */
    public void rows(List<? extends T> rows) throws IOException {
        for (T row : rows) {
            row(columns.stream().map(c -> c.value().apply(row)).toList());
        }
    }

    protected abstract void header(List<String> names) throws IOException;

    protected abstract void row(List<Cell> cells) throws IOException;

    /** Finishes the file (XLSX is written here) and flushes; does not close the caller's stream. */
    @Override
    public abstract void close() throws IOException;

    /** {@code text} made safe for spreadsheets: a leading {@code '} if it starts with = + - @ tab or CR. */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + text : text;
    }

    private static final class Csv<T> extends ExportWriter<T> {
        private final CSVPrinter printer;
        private final Writer writer;

        Csv(OutputStream out, List<Column<T>> columns) throws IOException {
            super(columns);
            writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write('\uFEFF');
            printer = new CSVPrinter(writer, CSVFormat.RFC4180);
        }

        @Override
        protected void header(List<String> names) throws IOException {
            printer.printRecord(names);
        }

        @Override
        protected void row(List<Cell> cells) throws IOException {
            for (Cell cell : cells) {
                Object v = cell.value();
                printer.print(v == null ? "" : switch (cell.kind()) {
                case TEXT -> neutralise(v.toString());
                case YUAN -> ((BigDecimal) v).toPlainString();
                case DECIMAL -> v instanceof BigDecimal b ? b.toPlainString() : v.toString();
                default -> v.toString();
                });
            }
            printer.println();
        }

        @Override
        public void close() throws IOException {
            printer.flush();
            writer.flush();
        }
    }

    private static final class Xlsx<T> extends ExportWriter<T> {
        private final OutputStream out;
        private final SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        private final SXSSFSheet sheet;
        private final CellStyle headerStyle;
        private final CellStyle yuanStyle;
        private final CellStyle dateStyle;
        private int next;

        Xlsx(OutputStream out, String sheetName, List<Column<T>> columns) {
            super(columns);
            this.out = out;
            sheet = workbook.createSheet(sheetName);
            Font bold = workbook.createFont();
            bold.setBold(true);
            headerStyle = workbook.createCellStyle();
            headerStyle.setFont(bold);
            yuanStyle = workbook.createCellStyle();
            yuanStyle.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
            dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
        }

        @Override
        protected void header(List<String> names) {
            org.apache.poi.ss.usermodel.Row row = sheet.createRow(next++);
            for (int i = 0; i < names.size(); i++) {
                org.apache.poi.ss.usermodel.Cell c = row.createCell(i);
                c.setCellValue(names.get(i));
                c.setCellStyle(headerStyle);
                sheet.setColumnWidth(i, Math.min(60, Math.max(12, names.get(i).length() * 2 + 4)) * 256);
            }
            sheet.createFreezePane(0, 1);
        }

        @Override
        protected void row(List<Cell> cells) {
            org.apache.poi.ss.usermodel.Row row = sheet.createRow(next++);
            for (int i = 0; i < cells.size(); i++) {
                Cell cell = cells.get(i);
                Object v = cell.value();
                if (v == null) {
                    continue;
                }
                org.apache.poi.ss.usermodel.Cell c = row.createCell(i);
                switch (cell.kind()) {
                case TEXT -> c.setCellValue(neutralise(v.toString()));
                case INTEGER, DECIMAL -> c.setCellValue(((Number) v).doubleValue());
                case YUAN -> {
                    c.setCellValue(((BigDecimal) v).doubleValue());
                    c.setCellStyle(yuanStyle);
                }
                case DATE -> {
                    c.setCellValue((LocalDate) v);
                    c.setCellStyle(dateStyle);
                }
                }
            }
        }

        @Override
        public void close() throws IOException {
            try {
                workbook.write(out);
                out.flush();
            } finally {
                workbook.dispose(); // its temporary files
                workbook.close();
            }
        }
    }
}
