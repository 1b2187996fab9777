package cn.gansu.lianhu.imports;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One line of an import's error report ({@code GET …/imports/{id}/errors}).
 *
 * @param row           1-based row number in the file, the header being row 1
 * @param column        header name of the column (e.g. {@code id_number}); null for the whole row
 * @param rule          stable rule id (e.g. {@code id-number.check-digit})
 * @param message       explanation
 * @param rejectedValue the cell as found, ID numbers masked ({@code 620102********123X})
 */
@Schema(name = "ImportErrorEntry", example = """
        {"row":7,"column":"id_number","rule":"id-number.check-digit",
         "message":"check character should be 3, not X","rejectedValue":"620421********004X"}""")
public record ImportErrorEntry(long row, String column, String rule, String message, String rejectedValue) {
}
