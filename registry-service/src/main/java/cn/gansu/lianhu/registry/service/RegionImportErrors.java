package cn.gansu.lianhu.registry.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.api.ProblemTypes;

/**
 * Collects the broken rules of one CSV file, row by row. Each error names its place as
 * {@code field = "row[R].column"}: R is the row number as a spreadsheet shows it (the header is row 1, the
 * first data row is row 2), column is the header name. All errors are counted; the first
 * {@code maxListed} (by row) are listed in the problem.
 */
final class RegionImportErrors {
    private final String fileKind;
    private final int maxListed;
    private final List<Problem.FieldError> errors = new ArrayList<>();
    private final List<Integer> rowsOfErrors = new ArrayList<>();
    private final java.util.Set<Integer> badRows = new java.util.HashSet<>();

    RegionImportErrors(String fileKind, int maxListed) {
        this.fileKind = fileKind;
        this.maxListed = maxListed;
    }

    /** Records that {@code row}, {@code column} breaks {@code rule}. */
    void add(int row, String column, String rule, String message) {
        errors.add(new Problem.FieldError("row[" + row + "]." + column, rule,
                "row " + row + ", column " + column + ": " + message));
        rowsOfErrors.add(row);
        badRows.add(row);
    }

    /** True if the row already broke a rule (later checks skip it). */
    boolean isBad(int row) {
        return badRows.contains(row);
    }

    /** Records a problem with the file as a whole (e.g. empty body). */
    void addFile(String rule, String message) {
        errors.add(new Problem.FieldError("body", rule, message));
        rowsOfErrors.add(0);
    }

    boolean any() {
        return !errors.isEmpty();
    }

    int count() {
        return errors.size();
    }

    /** Throws the 400 problem listing the errors, if there are any. */
    void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(rowsOfErrors::get)); // stable: keeps column order within a row
        List<Problem.FieldError> listed = new ArrayList<>();
        for (int i = 0; i < Math.min(maxListed, order.size()); i++) {
            listed.add(errors.get(order.get(i)));
        }
        long rows = badRows.stream().filter(r -> r > 0).count();
        String detail = fileKind + " file rejected, nothing written: " + errors.size() + " error(s) in " + rows
                + " row(s)" + (errors.size() > maxListed ? "; the first " + maxListed + " are listed" : "");
        throw new ApiException(400, ProblemTypes.VALIDATION, "CSV file is not valid", detail, listed);
    }
}
