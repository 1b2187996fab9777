package cn.gansu.lianhu.registry.service;

/** What an import does with invalid households (DESIGN.md §4: all-or-nothing per file unless asked otherwise). */
public enum ImportMode {
    /** Any error → nothing is written. The default. */
    ALL_OR_NOTHING,
    /** Valid households are written; invalid ones are reported and skipped. */
    SKIP_INVALID
}
