package cn.gansu.lianhu.reporting.rest;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.IntFunction;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.reporting.service.CoverageService;
import cn.gansu.lianhu.reporting.service.ExportTable;
import cn.gansu.lianhu.reporting.service.ExportTable.Column;
import cn.gansu.lianhu.reporting.service.ExportTable.Figure;
import cn.gansu.lianhu.reporting.service.ExportWriter;
import cn.gansu.lianhu.reporting.service.ExportWriter.Format;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.Variant;

/**
 * Downloads of every report and list as CSV or XLSX (issue 5 point 4), on the same path as its JSON: chosen by
 * content negotiation ({@code Accept: text/csv} or {@code Accept: }{@value #XLSX}) or, for browsers, by
 * {@code ?format=csv|xlsx} (which wins over Accept; {@code format=json} gives JSON). {@code ?headers=zh} gives
 * Chinese column headers and figure labels (default {@code en}). The file comes as an attachment named
 * {@code <report>-<region code or id>-<today>.<csv|xlsx>}, e.g. {@code coverage-620422-2026-11-29.xlsx}.
 *
 * <p>A list is exported whole, whatever {@code page} and {@code size} say: its first chunk of {@value #CHUNK} rows
 * is read before the response starts (so a malformed code is still a 400 problem and an unknown region a 404), the
 * rest while it streams, chunk by chunk in the list's total order. A report that is one object (coverage, visit
 * figures) becomes a two-column table: figure, value. Cells: {@link ExportWriter}. Errors: 400 problem
 * {@code format} / {@code export.format} for another format, {@code headers} / {@code export.headers} for another
 * language.
 *
 * <p>Freshness (issue 5 point 7): a file says as of which event time its figures are in the response header
 * {@value #AS_OF} (ISO-8601, UTC, the {@code asOf} of the JSON form) and in {@code Last-Modified}; a one-object report
 * also as its last row. The time is read before the figures, so they include at least every event up to it. No
 * header before the first event is applied.
 */
@ApplicationScoped
public class Exports {

    /** Media type of CSV downloads. */
    public static final String CSV = "text/csv";
    /** Media type of XLSX downloads. */
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Response header of downloads: time of the latest event applied when the figures were read (UTC, ISO-8601). */
    public static final String AS_OF = "Lianhu-As-Of";
    /** OpenAPI: description of the as-of header. */
    public static final String AS_OF_HEADER = "CSV and XLSX only: as of which event time (UTC) the figures are, "
            + "e.g. 2026-11-29T03:12:45.120Z; absent before the first event. Last-Modified gives it as an HTTP date";
    /** Rows read per query while a list streams. */
    public static final int CHUNK = 500;

    /** OpenAPI: description of parameter format. */
    public static final String FORMAT_PARAM = "download as a file: csv or xlsx (for browsers; wins over Accept); "
            + "json or absent: as Accept says. A list is then exported whole (page and size are ignored)";
    /** OpenAPI: description of parameter headers. */
    public static final String HEADERS_PARAM = "language of the column headers of a download: en (default) or zh";
    /** OpenAPI: example of a 400 for an unknown format. */
    public static final String FORMAT_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"format must be csv, xlsx or json, not 'pdf'","instance":"/api/v1/regions/6211/coverage",
             "errors":[{"field":"format","rule":"export.format","message":"format must be csv, xlsx or json, not 'pdf'"}]}""";
    /** OpenAPI: example of an XLSX body (binary). */
    public static final String XLSX_EXAMPLE = "(binary Office Open XML workbook: one sheet, header row, one row per "
            + "item or figure)";
    /** OpenAPI: the Content-Disposition header of downloads. */
    public static final String DISPOSITION = "CSV and XLSX only: attachment; filename=\"<report>-<region code or id>-"
            + "<today>.<csv|xlsx>\"";
    /** OpenAPI: example CSV of the coverage figures. */
    public static final String COVERAGE_CSV = """
            Figure,Value
            Region code,622900000000
            Region,临夏回族自治州
            Level,PREFECTURE
            Poor counties,2
            Poor villages,4
            Households,6
            ...""";
    /** OpenAPI: example CSV of visit figures. */
    public static final String VISITS_CSV = """
            Figure,Value
            Scope,REGION
            Scope id,621121100201
            Scope name,青岚村委会
            From,2026-01-01
            To,2026-11-29
            Visits,3
            Visits in person,2
            ...
            "Help, yuan",5000.00
            ...""";

    private static final List<Variant> VARIANTS = Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE,
            MediaType.valueOf(CSV), MediaType.valueOf(XLSX)).build();

    @Inject
    Clock clock;

    @Inject
    CoverageService coverage;

    /**
     * The download asked for: {@code format} if given, else the best of JSON, CSV, XLSX for the Accept header.
     *
     * @return the format, or null for JSON
     * @throws ApiException 400 {@code format} / {@code export.format} for another value
     */
    public Format format(String format, Request request) {
        if (format != null && !format.isEmpty()) {
            return switch (format) {
            case "csv" -> Format.CSV;
            case "xlsx" -> Format.XLSX;
            case "json" -> null;
            default -> throw ApiException.invalid("format", "export.format", "format must be csv, xlsx or json, not '"
                    + (format.length() > 40 ? format.substring(0, 37) + "..." : format) + "'");
            };
        }
        Variant v = request == null ? null : request.selectVariant(VARIANTS);
        if (v == null || v.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return null;
        }
        return v.getMediaType().isCompatible(MediaType.valueOf(CSV)) ? Format.CSV : Format.XLSX;
    }

    /**
     * Whether the headers are to be Chinese.
     *
     * @throws ApiException 400 {@code headers} / {@code export.headers} for a value other than en or zh
     */
    public static boolean chinese(String headers) {
        if (headers == null || headers.isEmpty() || headers.equals("en")) {
            return false;
        }
        if (headers.equals("zh")) {
            return true;
        }
        throw ApiException.invalid("headers", "export.headers", "headers must be en or zh, not '"
                + (headers.length() > 40 ? headers.substring(0, 37) + "..." : headers) + "'");
    }

    /**
     * A list as a streamed file: {@code chunk.apply(i)} gives rows {@code i*CHUNK ..} of the whole list in its order
     * (fewer than {@link #CHUNK} at the end). The first chunk is read now, so its errors are problems.
     */
    public <T> Response list(Format format, boolean chinese, String report, String id, List<Column<T>> columns,
            IntFunction<List<T>> chunk) {
        OffsetDateTime asOf = coverage.asOf(); // read first: the rows include at least every event up to it
        List<T> first = chunk.apply(0);
        StreamingOutput body = out -> {
            try (ExportWriter<T> w = ExportWriter.open(format, out, report, columns, chinese)) {
                List<T> rows = first;
                int i = 0;
                while (true) {
                    w.rows(rows);
                    if (rows.size() < CHUNK) {
                        break;
                    }
                    rows = chunk.apply(++i);
                }
            }
        };
        return download(format, report, id, body, asOf);
    }

    /**
     * A one-object report as a two-column file (figure, value), labels in the language of the headers.
     *
     * @param asOf the report's own {@code asOf} (read before its figures), or null
     */
    public Response figures(Format format, boolean chinese, String report, String id, List<Figure> figures,
            OffsetDateTime asOf) {
        StreamingOutput body = out -> {
            try (ExportWriter<Figure> w = ExportWriter.open(format, out, report, ExportTable.figures(chinese),
                    chinese)) {
                w.rows(figures);
            }
        };
        return download(format, report, id, body, asOf);
    }

    /**
     * A report that is a short list held whole (the months of a series, the child regions of a drill-down) as a
     * file, one row each.
     *
     * @param asOf the report's own {@code asOf} (read before its figures), or null
     */
    public <T> Response rows(Format format, boolean chinese, String report, String id, List<Column<T>> columns,
            List<T> rows, OffsetDateTime asOf) {
        StreamingOutput body = out -> {
            try (ExportWriter<T> w = ExportWriter.open(format, out, report, columns, chinese)) {
                w.rows(rows);
            }
        };
        return download(format, report, id, body, asOf);
    }

    /**
     * The last day of a visit-figures period as {@code VisitFiguresService} takes it: {@code to}, or today. With
     * {@link #periodFrom} it gives the months of the period before any figure is read (the month columns of a list).
     */
    public LocalDate periodTo(LocalDate to) {
        return to != null ? to : LocalDate.now(clock);
    }

    /** The first day of a visit-figures period: {@code from}, or 1 January of {@code to}'s year. */
    public static LocalDate periodFrom(LocalDate from, LocalDate to) {
        return from != null ? from : to.withDayOfYear(1);
    }

    private Response download(Format format, String report, String id, StreamingOutput body, OffsetDateTime asOf) {
        String file = report + "-" + id + "-" + LocalDate.now(clock) + "." + format.extension;
        Response.ResponseBuilder r = Response.ok(body, format.mediaType.equals(CSV) ? CSV + ";charset=UTF-8"
                : format.mediaType).header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"");
        if (asOf != null) {
            OffsetDateTime utc = asOf.withOffsetSameInstant(ZoneOffset.UTC);
            r.header(AS_OF, DateTimeFormatter.ISO_INSTANT.format(utc))
                    .header(HttpHeaders.LAST_MODIFIED, DateTimeFormatter.RFC_1123_DATE_TIME.format(utc));
        }
        return r.build();
    }

    /**
     * The short form of a region code for file names: 12 digits without the trailing zero groups of its level
     * (620422000000 → 620422); a code as given if it is not 12 digits.
     */
    public static String shortCode(String code) {
        if (code == null || !code.matches("\\d{12}")) {
            return code == null || !code.matches("\\d{1,12}") ? "region" : code;
        }
        String c = code;
        if (c.endsWith("000")) {
            c = c.substring(0, 9);
            if (c.endsWith("000")) {
                c = c.substring(0, 6);
                if (c.endsWith("00")) {
                    c = c.substring(0, 4);
                    if (c.endsWith("00")) {
                        c = c.substring(0, 2);
                    }
                }
            }
        }
        return c;
    }

}
