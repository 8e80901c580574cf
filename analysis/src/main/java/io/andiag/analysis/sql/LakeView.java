package io.andiag.analysis.sql;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One view {@code andiag sql} registers: a name and the Parquet files behind it.
 *
 * @param name   SQL name of the view (lower case, letters, digits and underscores)
 * @param source the directory the files were found under (for {@code .tables})
 * @param files  the Parquet data files, sorted
 * @param hive   true when the files sit under {@code key=value} directories (e.g. {@code dt=2026-11-23}), whose keys
 *               become columns
 */
public record LakeView(String name, Path source, List<Path> files, boolean hive) {

    public LakeView {
        files = List.copyOf(files);
    }

    /** The {@code CREATE VIEW} statement (DuckDB's read_parquet over the explicit file list). */
    public String createSql() {
        String list = files.stream().map(p -> "'" + p.toAbsolutePath().toString().replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
        return "CREATE OR REPLACE VIEW " + quoteIdent(name) + " AS SELECT * FROM read_parquet(" + list
                + ", hive_partitioning = " + hive + ", union_by_name = true)";
    }

    static String quoteIdent(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
