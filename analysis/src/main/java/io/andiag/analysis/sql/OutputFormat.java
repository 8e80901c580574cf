package io.andiag.analysis.sql;

/** How {@code andiag sql} prints a result. */
public enum OutputFormat {
    /** Aligned columns with a header rule, for people. */
    TABLE,
    /** RFC 4180 CSV with a header line. */
    CSV,
    /** One JSON array of objects (column name to value) per statement. */
    JSON
}
