package cn.gansu.lianhu.imports;

/**
 * The content of an import file cannot be parsed at some row (broken CSV quoting, corrupt XLSX). Ends the
 * job as FAILED with one error of rule {@link #rule()} at {@link #rowNo()}.
 */
public class ImportFileException extends RuntimeException {
    private final long rowNo;
    private final String rule;

    public ImportFileException(long rowNo, String rule, String message, Throwable cause) {
        super(message, cause);
        this.rowNo = rowNo;
        this.rule = rule;
    }

    public long rowNo() {
        return rowNo;
    }

    public String rule() {
        return rule;
    }
}
