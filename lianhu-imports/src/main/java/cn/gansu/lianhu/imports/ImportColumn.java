package cn.gansu.lianhu.imports;

import java.util.List;
import java.util.Locale;

/**
 * A column of an import file, implemented by each import's own enum of columns (households in registry,
 * units and cadres in pairing). {@link ImportHeader} maps the header row onto these.
 */
public interface ImportColumn {

    /** The canonical header text, e.g. {@code id_number}; also the column named in the error report. */
    String header();

    /**
     * Other header texts accepted for this column (a Chinese heading such as {@code 身份证号}, a camelCase
     * form such as {@code idNumber}). Matched like {@link #header()}: trimmed, any case.
     */
    default List<String> aliases() {
        return List.of();
    }

    /** True if the column may be left out of the file (its cells then read as empty). */
    default boolean optional() {
        return false;
    }

    /** True if {@code text} (trimmed, any case) names this column. */
    default boolean matches(String text) {
        String h = text.trim().toLowerCase(Locale.ROOT);
        if (header().toLowerCase(Locale.ROOT).equals(h)) {
            return true;
        }
        for (String a : aliases()) {
            if (a.toLowerCase(Locale.ROOT).equals(h)) {
                return true;
            }
        }
        return false;
    }
}
