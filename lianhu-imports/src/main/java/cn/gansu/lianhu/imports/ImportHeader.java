package cn.gansu.lianhu.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.api.TextRules;

/**
 * The header row of an import file: which cell holds which column of {@code C}. Every column that is not
 * {@link ImportColumn#optional() optional} must be present, none more than once, and no other column is
 * allowed; otherwise the whole file is refused (400) with one error per offending header: field
 * {@code header.<name>}, rules {@code header.unknown-column}, {@code header.missing-column},
 * {@code header.duplicate-column}, {@code text.forbidden-character} (a NUL, control or bidi character in a header
 * cell, issue 8 point 4); at most {@value #MAX_LISTED_ERRORS} are listed, then one {@code header.too-many-errors}.
 * Header texts are matched trimmed and in any case, against the column's canonical header and its aliases; order is
 * free.
 *
 * @param <C> the enum of the import's columns
 */
public final class ImportHeader<C extends Enum<C> & ImportColumn> {
    /** Header errors listed at most; the rest are counted in one {@code header.too-many-errors} entry. */
    static final int MAX_LISTED_ERRORS = 50;

    private final Class<C> type;
    private final Map<C, Integer> index;

    private ImportHeader(Class<C> type, Map<C, Integer> index) {
        this.type = type;
        this.index = index;
    }

    /**
     * The columns of {@code type} for messages: canonical headers, comma separated, each followed by its aliases
     * in parentheses if it has any, and by "optional" if it may be left out.
     */
    public static <C extends Enum<C> & ImportColumn> String expected(Class<C> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> {
            List<String> notes = new ArrayList<>(c.aliases());
            if (c.optional()) {
                notes.add("optional");
            }
            return notes.isEmpty() ? c.header() : c.header() + " (" + String.join(", ", notes) + ")";
        }).collect(Collectors.joining(", "));
    }

    /** Checks the header cells; throws a 400 {@link ApiException} naming every broken rule. */
    public static <C extends Enum<C> & ImportColumn> ImportHeader<C> of(String[] cells, Class<C> type) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<C, Integer> index = new EnumMap<>(type);
        String expected = expected(type);
        if (cells == null) {
            throw ApiException.invalid("header", "header.missing",
                    "the file has no header row; expected the columns " + expected);
        }
        int omitted = 0;
        for (int i = 0; i < cells.length; i++) {
            if (errors.size() >= MAX_LISTED_ERRORS) {
                // a 1 MB line of "a,a,a,..." would otherwise answer with 500,000 errors (hundreds of MB, issue 8 point 4)
                omitted++;
                continue;
            }
            java.util.Optional<String> forbidden = TextRules.violation(cells[i]);
            if (forbidden.isPresent()) {
                // trim() would silently drop a NUL or other control character and accept the column
                String shown = TextRules.strip(cells[i]).trim();
                errors.add(new Problem.FieldError("header." + shown, TextRules.RULE, "column " + (i + 1) + " '" + shown
                        + "' of the header: " + forbidden.get()));
                continue;
            }
            String raw = cells[i] == null ? "" : cells[i].trim();
            if (i == 0 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1).trim();
            }
            if (raw.isEmpty() && i == cells.length - 1 && i > 0) {
                continue; // a trailing separator
            }
            C c = column(type, raw);
            if (c == null) {
                errors.add(new Problem.FieldError("header." + raw, "header.unknown-column", "column '" + raw
                        + "' (column " + (i + 1) + ") is not one of the import columns: " + expected));
            } else if (index.containsKey(c)) {
                errors.add(new Problem.FieldError("header." + c.header(), "header.duplicate-column",
                        "column '" + c.header() + "' appears more than once"));
            } else {
                index.put(c, i);
            }
        }
        if (omitted > 0) {
            errors.add(new Problem.FieldError("header", "header.too-many-errors", omitted + " more header cells (of "
                    + cells.length + ") were not checked: fix the errors listed and upload the file again"));
        }
        boolean someOptional = Arrays.stream(type.getEnumConstants()).anyMatch(ImportColumn::optional);
        for (C c : type.getEnumConstants()) {
            if (!index.containsKey(c) && !c.optional()) {
                errors.add(new Problem.FieldError("header." + c.header(), "header.missing-column",
                        "column '" + c.header() + "' is missing; "
                                + (someOptional ? "every column not marked optional must be present (in any order): "
                                        : "every column must be present (in any order): ")
                                + expected));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new ImportHeader<>(type, index);
    }

    private static <C extends Enum<C> & ImportColumn> C column(Class<C> type, String text) {
        for (C c : type.getEnumConstants()) {
            if (c.matches(text)) {
                return c;
            }
        }
        return null;
    }

    /** The enum of the columns. */
    public Class<C> columns() {
        return type;
    }

    /** True if the file has column {@code c} (always, unless it is optional). */
    public boolean has(C c) {
        return index.containsKey(c);
    }

    /**
     * The trimmed cell of column {@code c} in a data row; empty string when the row is shorter or the
     * (optional) column is not in the file.
     */
    public String cell(String[] row, C c) {
        Integer i = index.get(c);
        if (i == null || i >= row.length || row[i] == null) {
            return "";
        }
        return row[i].trim();
    }

    /** Replaces the cell of column {@code c} in {@code row} (e.g. after part of its value was reported). */
    public void set(String[] row, C c, String value) {
        Integer i = index.get(c);
        if (i != null && i < row.length) {
            row[i] = value;
        }
    }
}
