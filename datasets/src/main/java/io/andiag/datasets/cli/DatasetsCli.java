package io.andiag.datasets.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the datasets jar: {@code java -jar and-datasets.jar simulate --out lake}. */
@Command(name = "and-datasets", mixinStandardHelpOptions = true, version = "and-datasets 0.1.0",
        description = "AND datasets: the region simulator with ground truth.",
        subcommands = {SimulateCommand.class, ReplayCommand.class, CommandLine.HelpCommand.class})
public final class DatasetsCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return new CommandLine(new DatasetsCli()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
