package cn.gansu.lianhu.imports;

/** What an import does with invalid records (DESIGN.md §4: all-or-nothing per file unless asked otherwise). */
public enum ImportMode {
    /** Any error → nothing is written. The default. */
    ALL_OR_NOTHING,
    /** Valid records are written; invalid ones are reported and skipped. */
    SKIP_INVALID
}
