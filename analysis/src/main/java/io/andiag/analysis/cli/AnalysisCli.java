package io.andiag.analysis.cli;

import io.andiag.analysis.evaluate.EvaluateCommand;
import io.andiag.analysis.backtest.BacktestCommand;
import io.andiag.analysis.backtest.BadInputException;
import io.andiag.analysis.sql.SqlCommand;
import io.andiag.analysis.sql.SqlException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the analysis jar: the commands that read a lake after the fact (scorecard, backtests, SQL).
 * Each command registers itself in {@code subcommands}; {@code bin/andiag} dispatches to it by name.
 * Exit codes: 0 done, 1 refused with a message (bad input file, failed query), 2 bad usage, 3 unexpected error.
 */
@Command(name = "andiag", mixinStandardHelpOptions = true, version = "and-analysis 0.1.0",
        description = "AND analysis: evaluate a lake against ground truth, backtest on any metric, query with SQL.",
        subcommands = {BacktestCommand.class, SqlCommand.class, EvaluateCommand.class, CommandLine.HelpCommand.class})
public final class AnalysisCli implements Runnable {

    public static final int EXIT_REFUSED = 1;
    public static final int EXIT_UNEXPECTED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with AND's exit codes; tests set its streams. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new AnalysisCli());
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof BadInputException || e instanceof SqlException || e instanceof java.io.UncheckedIOException) {
                err.println("andiag " + commandLine.getCommandName() + ": " + e.getMessage());
                err.flush();
                return EXIT_REFUSED;
            }
            err.println("andiag " + commandLine.getCommandName() + ": failed: " + e);
            e.printStackTrace(err);
            err.flush();
            return EXIT_UNEXPECTED;
        });
        return cmd;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
