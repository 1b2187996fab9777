package cn.gansu.lianhu.imports;

/**
 * Life of an import job. QUEUED → RUNNING → one of the final states:
 * <ul>
 * <li>SUCCEEDED — records written (with {@code SKIP_INVALID} the invalid ones are in the error report);</li>
 * <li>FAILED — nothing written: errors in {@code ALL_OR_NOTHING} mode, or the file could not be read;</li>
 * <li>DRY_RUN_OK — dry run, the real import would succeed; nothing written;</li>
 * <li>DRY_RUN_FAILED — dry run, the real import would fail; nothing written.</li>
 * </ul>
 */
public enum ImportJobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, DRY_RUN_OK, DRY_RUN_FAILED;

    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }
}
