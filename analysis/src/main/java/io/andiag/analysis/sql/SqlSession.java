package io.andiag.analysis.sql;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** An in-memory DuckDB connection with every view of a {@link LakeCatalog} registered. */
public final class SqlSession implements AutoCloseable {

    private final Connection connection;
    private final LakeCatalog catalog;

    private SqlSession(Connection connection, LakeCatalog catalog) {
        this.connection = connection;
        this.catalog = catalog;
    }

    public static SqlSession open(LakeCatalog catalog) {
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new SqlException("cannot start DuckDB: " + e.getMessage(), e);
        }
        try (Statement st = c.createStatement()) {
            for (LakeView v : catalog.views()) {
                try {
                    st.execute(v.createSql());
                } catch (SQLException e) {
                    throw new SqlException("cannot register " + v.name() + " (" + v.source() + "): " + e.getMessage(), e);
                }
            }
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing after a failure: the first error is the one to report
            }
            throw e instanceof SqlException s ? s : new SqlException("cannot register the lake's views: " + e.getMessage(), e);
        }
        return new SqlSession(c, catalog);
    }

    public LakeCatalog catalog() {
        return catalog;
    }

    /**
     * Runs one statement (or several separated by ';'; DuckDB returns the last result) and prints its result.
     *
     * @return rows printed, -1 when the statement returned no result set
     * @throws SqlException with DuckDB's message when the statement fails
     */
    public long execute(String sql, OutputFormat format, long maxRows, PrintWriter out) {
        try (Statement st = connection.createStatement()) {
            if (!st.execute(sql)) {
                return -1;
            }
            try (var rs = st.getResultSet()) {
                long n = ResultPrinter.print(rs, format, maxRows, out);
                out.flush();
                return n;
            }
        } catch (SQLException e) {
            throw new SqlException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new SqlException("cannot close DuckDB: " + e.getMessage(), e);
        }
    }
}
