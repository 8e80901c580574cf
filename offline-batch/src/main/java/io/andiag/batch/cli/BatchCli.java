package io.andiag.batch.cli;

import io.andiag.batch.BatchException;
import io.andiag.batch.BatchRun;
import io.andiag.batch.StepReport;
import io.andiag.batch.ingest.IngestJob;
import io.andiag.batch.DetectionConfig;
import io.andiag.batch.detector.DetectorSettings;
import io.andiag.batch.profile.ProfileSettings;
import io.andiag.batch.publish.PublishSettings;
import io.andiag.batch.spark.BatchSpark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code andiag batch}: the nightly day+1 training. Without a subcommand it runs every step in order in one JVM;
 * each step is also a subcommand, so a scheduler can run, retry and time them one by one (they share nothing but
 * the lake). Exit codes: 0 done, 1 refused or failed with a message (missing input, invalid candidate, quality
 * gate), 2 bad usage, 3 unexpected error (with a stack trace).
 */
@Command(name = "andiag batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "The nightly (day+1) training: builds the parameter set that serves the day after --date from the",
                "history that ends with --date, and publishes it under <lake>/params/.",
                "Without a subcommand runs: ingest (only with --input), profile, noise, train-detector, publish."},
        subcommands = {IngestCommand.class, StepCommands.Profile.class, StepCommands.Noise.class, StepCommands.TrainDetector.class,
                StepCommands.Validate.class, StepCommands.Publish.class, CommandLine.HelpCommand.class})
public final class BatchCli implements Callable<Integer> {

    public static final int EXIT_REFUSED = 1;
    public static final int EXIT_UNEXPECTED = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    IngestOptions ingest;

    @Mixin
    StepOptions.Detection detection;

    @Mixin
    StepOptions.Profile profile;

    @Mixin
    StepOptions.Detector detector;

    @Mixin
    StepOptions.Publish publish;

    public static void main(String[] args) {
        configureLocalLogging();
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new BatchCli());
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof BatchException) {
                err.println(commandLine.getCommandName() + ": refused: " + e.getMessage());
                err.flush();
                return EXIT_REFUSED;
            }
            err.println(commandLine.getCommandName() + ": failed: " + e);
            e.printStackTrace(err);
            err.flush();
            return EXIT_UNEXPECTED;
        });
        return cmd;
    }

    @Override
    public Integer call() {
        Instant start = Instant.now();
        BatchRun run = common.run(spec.commandLine(), start);
        Logger log = LoggerFactory.getLogger(BatchCli.class); // not static: main() configures logging first
        CommandLine cmd = spec.commandLine();
        DetectionConfig config = StepCommands.usage(cmd, detection::config);
        ProfileSettings profileSettings = StepCommands.usage(cmd, profile::settings);
        DetectorSettings detectorSettings = StepCommands.usage(cmd, detector::settings);
        PublishSettings publishSettings = StepCommands.usage(cmd, publish::settings);
        IngestJob.Options ingestOptions = ingest.inputs.isEmpty() ? null : StepCommands.usage(cmd, () -> ingest.toJobOptions(run.date()));
        try (BatchSpark.Handle spark = BatchSpark.open("andiag-batch", common.master, common.shufflePartitions)) {
            if (ingestOptions != null) {
                StepReport report = new StepReport(IngestJob.STEP);
                IngestJob.run(spark.session(), run.lake(), ingestOptions, report);
                report.finishAndSave(run.candidateDir());
            } else {
                log.info("ingest: skipped (no --input): training on the lake's retx_counters as they are");
            }
            StepCommands.runProfile(spark, run, config, profileSettings);
            StepCommands.runNoise(spark, run, config);
            StepCommands.runDetector(spark, run, config, detectorSettings);
        }
        StepCommands.runValidate(run, publishSettings, cmd.getOut());
        StepCommands.runPublish(run, publishSettings, cmd.getOut());
        log.info("batch: all steps done in {} s", (java.time.Duration.between(start, Instant.now()).toMillis() / 100) / 10.0);
        return 0;
    }

    /**
     * Points log4j at the batch's own configuration when nothing configured it: in local mode our steps log at INFO
     * and Spark at WARN. Under spark-submit the cluster's configuration is already in place and is left alone.
     */
    static void configureLocalLogging() {
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null
                && BatchCli.class.getClassLoader().getResource("log4j2.properties") == null
                && BatchCli.class.getClassLoader().getResource("log4j2.xml") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:andiag-batch-log4j2.properties");
        }
    }
}
