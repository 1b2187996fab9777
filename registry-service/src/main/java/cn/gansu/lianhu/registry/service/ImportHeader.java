package cn.gansu.lianhu.registry.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Problem;

/**
 * The header row of an import file: which cell holds which {@link ImportColumn}. Every column must be
 * present exactly once and no other column is allowed; otherwise the whole file is refused (400) with one
 * error per offending header: field {@code header.<name>}, rules {@code header.unknown-column},
 * {@code header.missing-column}, {@code header.duplicate-column}.
 */
public final class ImportHeader {
    private final Map<ImportColumn, Integer> index;

    private ImportHeader(Map<ImportColumn, Integer> index) {
        this.index = index;
    }

    /** Checks the header cells; throws a 400 {@link ApiException} naming every broken rule. */
    public static ImportHeader of(String[] cells) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<ImportColumn, Integer> index = new EnumMap<>(ImportColumn.class);
        String expected = Arrays.stream(ImportColumn.values()).map(ImportColumn::header)
                .collect(Collectors.joining(", "));
        if (cells == null) {
            throw ApiException.invalid("header", "header.missing",
                    "the file has no header row; expected the columns " + expected);
        }
        for (int i = 0; i < cells.length; i++) {
            String raw = cells[i] == null ? "" : cells[i].trim();
            if (i == 0 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1).trim();
            }
            if (raw.isEmpty() && i == cells.length - 1 && i > 0) {
                continue; // a trailing separator
            }
            ImportColumn c = ImportColumn.ofHeader(raw);
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
        for (ImportColumn c : ImportColumn.values()) {
            if (!index.containsKey(c)) {
                errors.add(new Problem.FieldError("header." + c.header(), "header.missing-column",
                        "column '" + c.header() + "' is missing; every column must be present (in any order): "
                                + expected));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new ImportHeader(index);
    }

    /** The trimmed cell of column {@code c} in a data row; empty string when the row is shorter. */
    public String cell(String[] row, ImportColumn c) {
        int i = index.get(c);
        if (i >= row.length || row[i] == null) {
            return "";
        }
        return row[i].trim();
    }

    /** Replaces the cell of column {@code c} in {@code row} (e.g. after part of its value was reported). */
    public void set(String[] row, ImportColumn c, String value) {
        int i = index.get(c);
        if (i < row.length) {
            row[i] = value;
        }
    }
}
