package io.andiag.analysis.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code andiag sql}: SQL over the lake's Parquet tables and the LATEST parameter set, with DuckDB (docs/sql.md). */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false,
        description = "SQL (DuckDB) over a lake: every lake table is a view of its name (dt="
                + " partitions become a dt column); the parameter set params/LATEST names"
                + " is params_<table>. Without a query: an interactive prompt reading"
                + " ';'-terminated statements from stdin (.tables lists the views, .quit"
                + " leaves). See docs/sql.md.")
public final class SqlCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "the statement to run; none: interactive prompt")
    String query;

    @Option(names = "--lake", required = true, paramLabel = "DIR", description = "the lake directory")
    Path lake;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json",
            description = "output format (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--max-rows", defaultValue = "1000", paramLabel = "N",
            description = "rows a table shows at most; csv and json print all (default ${DEFAULT-VALUE})")
    long maxRows;

    @Option(names = "--timing", description = "print each statement's row count and time to stderr")
    boolean timing;

    /** Where the prompt reads statements (tests replace it). */
    InputStream in = System.in;

    @Override
    public Integer call() {
        OutputFormat fmt = parseFormat();
        if (maxRows < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-rows must be >= 0, got " + maxRows);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LakeCatalog catalog = LakeCatalog.scan(lake);
        try (SqlSession session = SqlSession.open(catalog)) {
            if (query != null) {
                run(session, query, fmt, out, err);
                return 0;
            }
            return prompt(session, fmt, out, err);
        }
    }

    private OutputFormat parseFormat() {
        try {
            return OutputFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be table, csv or json, got '" + format + "'");
        }
    }

    private void run(SqlSession session, String sql, OutputFormat fmt, PrintWriter out, PrintWriter err) {
        long start = System.nanoTime();
        long rows = session.execute(sql, fmt, maxRows, out);
        if (timing) {
            err.printf(Locale.ROOT, "(%s, %.1f ms)%n", rows < 0 ? "ok" : rows + " row(s)", (System.nanoTime() - start) / 1e6);
            err.flush();
        }
    }

    /** The interactive prompt: statements end with ';' at the end of a line; a failed statement does not end it. */
    private int prompt(SqlSession session, OutputFormat fmt, PrintWriter out, PrintWriter err) {
        boolean tty = System.console() != null;
        timing |= tty;
        out.println("andiag sql: " + session.catalog().views().size() + " view(s) over " + lake
                + (session.catalog().paramsVersion() == null ? "" : " (parameter set " + session.catalog().paramsVersion() + ")")
                + ". End statements with ';'. .tables lists the views, .quit leaves.");
        session.catalog().notes().forEach(n -> out.println("  note: " + n));
        out.flush();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder statement = new StringBuilder();
        int failures = 0;
        try {
            while (true) {
                if (tty) {
                    out.print(statement.isEmpty() ? "andiag> " : "     -> ");
                    out.flush();
                }
                String line = reader.readLine();
                if (line == null) {
                    break;
                }
                String trimmed = line.strip();
                if (statement.isEmpty() && trimmed.startsWith(".")) {
                    if (trimmed.equals(".quit") || trimmed.equals(".exit")) {
                        break;
                    }
                    if (trimmed.equals(".tables")) {
                        tables(session.catalog(), out);
                    } else {
                        err.println("unknown command " + trimmed + " (.tables, .quit)");
                        err.flush();
                    }
                    continue;
                }
                statement.append(line).append('\n');
                if (trimmed.endsWith(";")) {
                    try {
                        run(session, statement.toString(), fmt, out, err);
                    } catch (SqlException e) {
                        failures++;
                        err.println("error: " + e.getMessage());
                        err.flush();
                    }
                    statement.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new SqlException("cannot read statements from stdin: " + e.getMessage(), e);
        }
        if (!statement.toString().isBlank()) {
            err.println("ignored an unterminated statement at the end of the input (end statements with ';')");
            err.flush();
        }
        return failures == 0 ? 0 : 1;
    }

    private static void tables(LakeCatalog catalog, PrintWriter out) {
        for (LakeView v : catalog.views()) {
            out.printf(Locale.ROOT, "%-36s %4d file(s)%s  %s%n", v.name(), v.files().size(), v.hive() ? ", partitioned" : "", v.source());
        }
        catalog.notes().forEach(n -> out.println("note: " + n));
        out.flush();
    }
}
