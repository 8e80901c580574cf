package io.andiag.analysis.sql;

/** A refused {@code andiag sql} run: no lake, or a statement DuckDB rejected (its message is kept). */
public final class SqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SqlException(String message) {
        super(message);
    }

    public SqlException(String message, Throwable cause) {
        super(message, cause);
    }
}
