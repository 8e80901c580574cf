package io.andiag.analysis.cli;

import io.andiag.analysis.evaluate.EvaluateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the analysis jar: the commands that read a lake after the fact (scorecard, backtests, SQL).
 * Each command registers itself in {@code subcommands}; {@code bin/andiag} dispatches to it by name.
 */
@Command(name = "and-analysis", mixinStandardHelpOptions = true, version = "and-analysis 0.1.0",
        description = "AND analysis: evaluate a lake against ground truth, backtest on any metric, query with SQL.",
        subcommands = {CommandLine.HelpCommand.class, EvaluateCommand.class})
public final class AnalysisCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return new CommandLine(new AnalysisCli()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
