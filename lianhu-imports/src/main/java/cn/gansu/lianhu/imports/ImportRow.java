package cn.gansu.lianhu.imports;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import cn.gansu.lianhu.api.ChineseTerm;
import cn.gansu.lianhu.api.TextRules;

/**
 * One data row under check: reads its cells by column and reports broken rules to the error report with
 * the row number, the column's canonical header and a stable rule id. On creation every cell is checked for
 * forbidden characters ({@link TextRules}: rule {@code text.forbidden-character}); a reported cell is
 * stripped of them so later checks see the rest.
 *
 * <p>Shared rules: {@code value.required} (blank required cell), {@code value.too-long}, {@code value.unknown}
 * (not a code of the list, English code or Chinese term).
 *
 * @param <C> the enum of the import's columns
 */
public final class ImportRow<C extends Enum<C> & ImportColumn> {
    private final ImportHeader<C> header;
    private final long rowNo;
    private final String[] cells;
    private final Consumer<ImportError> errors;
    private boolean ok = true;

    public ImportRow(ImportHeader<C> header, long rowNo, String[] cells, Consumer<ImportError> errors) {
        this.header = header;
        this.rowNo = rowNo;
        this.cells = cells;
        this.errors = errors;
        for (C c : header.columns().getEnumConstants()) {
            String v = cell(c);
            Optional<String> bad = TextRules.violation(v);
            if (bad.isPresent()) {
                error(c, TextRules.RULE, c.header() + ": " + bad.get(), null);
                header.set(cells, c, TextRules.strip(v)); // reported once; later checks see the rest
            }
        }
    }

    /** True for a row whose cells are all empty or blank (skipped, not counted). */
    public static boolean blank(String[] cells) {
        for (String c : cells) {
            if (c != null && !c.isBlank()) {
                return false;
            }
        }
        return true;
    }

    public long rowNo() {
        return rowNo;
    }

    /** No rule broken on this row since it was created (or since {@link #resetOk()}). */
    public boolean ok() {
        return ok;
    }

    /** Starts a new group of checks on the same row ({@link #ok()} true again). */
    public void resetOk() {
        ok = true;
    }

    /** The trimmed cell of column {@code c}; empty if blank or absent. */
    public String cell(C c) {
        return header.cell(cells, c);
    }

    /** Reports a broken rule on column {@code c} (null: the whole row). */
    public void error(C c, String rule, String message, String rejected) {
        ok = false;
        errors.accept(new ImportError(rowNo, c == null ? null : c.header(), rule, message, rejected));
    }

    /** A text cell: null if blank (rule {@code value.required} when required) or longer than {@code max}. */
    public String text(C c, boolean required, int max) {
        String v = cell(c);
        if (v.isEmpty()) {
            if (required) {
                error(c, "value.required", c.header() + " is required", null);
            }
            return null;
        }
        if (v.length() > max) {
            error(c, "value.too-long", c.header() + " has " + v.length() + " characters, at most " + max
                    + " are allowed", v);
            return null;
        }
        return v;
    }

    /** A required code list cell, English code or Chinese term; null if blank or unknown. */
    public <E extends Enum<E> & ChineseTerm> E term(C c, Class<E> type, Function<String, E> parse) {
        String v = cell(c);
        if (v.isEmpty()) {
            error(c, "value.required", c.header() + " is required", null);
            return null;
        }
        E e = parse.apply(v);
        if (e == null) {
            error(c, "value.unknown", "'" + v + "' is not a " + c.header() + "; allowed: " + allowed(type), v);
        }
        return e;
    }

    /** {@code CODE/中文, …} of a code list (for messages). */
    public static <E extends Enum<E> & ChineseTerm> String allowed(Class<E> type) {
        StringBuilder sb = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.name()).append('/').append(e.chinese());
        }
        return sb.toString();
    }
}
