package cn.gansu.lianhu.imports;

/**
 * One entry of an import's error report.
 *
 * @param rowNo         1-based row number in the file (header = row 1)
 * @param column        header name of the column, e.g. {@code id_number}; null for the whole row
 * @param rule          stable rule id, e.g. {@code id-number.check-digit}, {@code village.not-poor}
 * @param message       human-readable explanation
 * @param rejectedValue the cell as found (ID numbers masked), at most 200 characters; may be null
 */
public record ImportError(long rowNo, String column, String rule, String message, String rejectedValue) {
    public ImportError {
        if (rejectedValue != null && rejectedValue.length() > 200) {
            rejectedValue = rejectedValue.substring(0, 197) + "...";
        }
        if (message != null && message.length() > 500) {
            message = message.substring(0, 497) + "...";
        }
    }
}
