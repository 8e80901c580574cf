package io.andiag.speed.cli;

import io.andiag.speed.broker.BrokerStartException;
import io.andiag.speed.topics.TopicBootstrapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code andiag}: the command-line entry of the speed-layer jar
 * ({@code java -jar and-speed-layer.jar <subcommand> ...}, wrapped by {@code bin/andiag}).
 *
 * <p>Subcommands are listed in {@link Command#subcommands()} below. {@code --help} and
 * {@code --version} are inherited by every subcommand ({@link ScopeType#INHERIT}). stdout carries
 * only what a subcommand prints for scripts; logs go to stderr (log4j2.xml).
 */
@Command(
        name = "andiag",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "AND (Application-Network Diagnosing): speed layer and its tools.",
        subcommands = {
            BrokerCommand.class,
            SpeedCommand.class,
            AlertsCommand.class,
            ArchiveCommand.class,
        })
public final class SpeedCli implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** The configured command line (tests use it with their own out/err writers). */
    public static CommandLine commandLine() {
        return new CommandLine(new SpeedCli()).setExecutionExceptionHandler(SpeedCli::onFailure);
    }

    /**
     * Expected failures (broker cannot start, topics cannot be created) print one line naming the
     * command and the cause, not a stack trace; anything else keeps its stack trace.
     */
    private static int onFailure(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
        if (e instanceof BrokerStartException || e instanceof TopicBootstrapper.TopicBootstrapException
                || e instanceof io.andiag.speed.scoring.ParameterSetUnavailableException) {
            command.getErr().println("andiag " + command.getCommandName() + ": " + e.getMessage());
        } else {
            command.getErr().println("andiag " + command.getCommandName() + " failed:");
            e.printStackTrace(command.getErr());
        }
        command.getErr().flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
