package cn.gansu.lianhu.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Streams the first sheet of an XLSX workbook with Apache POI's event API ({@link XSSFReader} +
 * {@link XSSFSheetXMLHandler}): the sheet XML is parsed with SAX, never loaded as a workbook. Cells are
 * read as displayed, except that date-formatted cells give {@code yyyy-MM-dd}. ID numbers must be text
 * cells (a number cell cannot hold 18 digits). Progress counts the bytes of the (uncompressed) sheet XML.
 */
public final class ImportXlsxSource implements ImportRowSource {
    private final Path file;
    private ImportCountingInputStream counter;
    private long total = 1;

    public ImportXlsxSource(Path file) {
        this.file = file;
    }

    /** Stops the SAX parse once the sink has had enough. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    /** Formats date cells as ISO dates, everything else as Excel displays it. */
    private static final class IsoDateFormatter extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString,
                boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, use1904Windowing).toLocalDate().toString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
        }
    }

    @Override
    public void read(Sink sink) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                return;
            }
            try (InputStream sheet = sheets.next()) {
                if (sheets instanceof XSSFReader.SheetIterator si && si.getSheetPart().getSize() > 0) {
                    total = si.getSheetPart().getSize();
                }
                counter = new ImportCountingInputStream(sheet);
                XMLReader parser = SAXHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, new Rows(sink),
                        new IsoDateFormatter(), false));
                try {
                    parser.parse(new InputSource(counter));
                } catch (Stop stop) {
                    // the sink asked to stop
                }
            }
        } catch (InvalidFormatException | org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException e) {
            throw new ImportFileException(1, "file.format", "not a readable XLSX workbook: " + e.getMessage(), e);
        } catch (OpenXML4JException | SAXException | javax.xml.parsers.ParserConfigurationException
                | org.apache.poi.ooxml.POIXMLException e) {
            throw new ImportFileException(1, "file.format", "the XLSX workbook cannot be read: " + e.getMessage(),
                    e);
        }
    }

    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final Sink sink;
        private final List<String> cells = new ArrayList<>();

        Rows(Sink sink) {
            this.sink = sink;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
                return; // blank row
            }
            if (!sink.row(rowNum + 1L, cells.toArray(new String[0]))) {
                throw new Stop();
            }
        }

        @Override
        public void cell(String ref, String formattedValue, XSSFComment comment) {
            int col = ref == null ? cells.size() : new CellReference(ref).getCol();
            while (cells.size() < col) {
                cells.add(null);
            }
            cells.add(formattedValue);
        }
    }

    @Override
    public long bytesRead() {
        return counter == null ? 0 : counter.count();
    }

    @Override
    public long totalBytes() {
        return total;
    }
}
