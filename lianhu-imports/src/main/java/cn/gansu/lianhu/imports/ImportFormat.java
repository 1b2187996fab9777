package cn.gansu.lianhu.imports;

/** File formats of a bulk import; detected from the content (an XLSX file is a ZIP: {@code PK\3\4}). */
public enum ImportFormat {
    CSV, XLSX
}
