package io.andiag.batch.cli;

import io.andiag.batch.BatchRun;
import io.andiag.batch.DetectionConfig;
import io.andiag.batch.StepReport;
import io.andiag.batch.detector.DetectorSettings;
import io.andiag.batch.detector.TrainDetectorJob;
import io.andiag.batch.noise.NoiseJob;
import io.andiag.batch.profile.ProfileJob;
import io.andiag.batch.profile.ProfileSettings;
import io.andiag.batch.publish.PublishJob;
import io.andiag.batch.publish.PublishSettings;
import io.andiag.batch.publish.QualityGate;
import io.andiag.batch.publish.ValidateJob;
import io.andiag.batch.spark.BatchSpark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** The step subcommands of {@code andiag batch}; each reads and writes only the lake. */
final class StepCommands {

    private StepCommands() {
    }

    static <T> T usage(CommandLine cmd, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
    }

    static void runProfile(BatchSpark.Handle spark, BatchRun run, DetectionConfig config, ProfileSettings settings) {
        StepReport report = new StepReport(ProfileJob.STEP);
        ProfileJob.run(spark.session(), run, config, settings, report);
        report.finishAndSave(run.candidateDir());
    }

    static void runNoise(BatchSpark.Handle spark, BatchRun run, DetectionConfig config) {
        StepReport report = new StepReport(NoiseJob.STEP);
        NoiseJob.run(spark.session(), run, config, report);
        report.finishAndSave(run.candidateDir());
    }

    static void runDetector(BatchSpark.Handle spark, BatchRun run, DetectionConfig config, DetectorSettings settings) {
        StepReport report = new StepReport(TrainDetectorJob.STEP);
        TrainDetectorJob.run(spark.session(), run, config, settings, report);
        report.finishAndSave(run.candidateDir());
    }

    static String runPublish(BatchRun run, PublishSettings settings, PrintWriter out) {
        StepReport report = new StepReport(PublishJob.STEP);
        String version = PublishJob.run(run, settings, report);
        report.finish();
        out.println("published " + version);
        out.flush();
        return version;
    }

    static QualityGate.Decision runValidate(BatchRun run, PublishSettings settings, PrintWriter out) {
        QualityGate.Decision decision = ValidateJob.run(run, settings, new StepReport(ValidateJob.STEP));
        out.println("gate PASS for serve date " + run.serveDate() + " (compared with "
                + decision.latest().map(b -> "LATEST " + b.version()).orElse("no LATEST") + ")");
        out.flush();
        return decision;
    }

    @Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Level-1 (frequency) and level-2 (k-means on shape features) profile of every series with a",
                    "retransmission in the history; writes the candidate's series_profile and logs the pattern mix."})
    static final class Profile implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;
        @Mixin
        StepOptions.Detection detection;
        @Mixin
        StepOptions.Profile profile;

        @Override
        public Integer call() {
            BatchRun run = common.run(spec.commandLine(), Instant.now());
            DetectionConfig config = usage(spec.commandLine(), detection::config);
            ProfileSettings settings = usage(spec.commandLine(), profile::settings);
            try (BatchSpark.Handle spark = BatchSpark.open("andiag-batch-profile", common.master, common.shufflePartitions)) {
                runProfile(spark, run, config, settings);
            }
            return 0;
        }
    }

    @Command(name = "noise", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Fits the noise model of every profiled series (by frequency level and pattern); writes the",
                    "candidate's series_noise. Needs the profile step's output for the same --date."})
    static final class Noise implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;
        @Mixin
        StepOptions.Detection detection;

        @Override
        public Integer call() {
            BatchRun run = common.run(spec.commandLine(), Instant.now());
            DetectionConfig config = usage(spec.commandLine(), detection::config);
            try (BatchSpark.Handle spark = BatchSpark.open("andiag-batch-noise", common.master, common.shufflePartitions)) {
                runNoise(spark, run, config);
            }
            return 0;
        }
    }

    @Command(name = "train-detector", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Replays feature extraction over the history, trains the isolation forest on Spark and calibrates",
                    "its threshold on normal history; writes the candidate's detector_forest and detector."})
    static final class TrainDetector implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;
        @Mixin
        StepOptions.Detection detection;
        @Mixin
        StepOptions.Detector detector;

        @Override
        public Integer call() {
            BatchRun run = common.run(spec.commandLine(), Instant.now());
            DetectionConfig config = usage(spec.commandLine(), detection::config);
            DetectorSettings settings = usage(spec.commandLine(), detector::settings);
            try (BatchSpark.Handle spark = BatchSpark.open("andiag-batch-train-detector", common.master, common.shufflePartitions)) {
                runDetector(spark, run, config, settings);
            }
            return 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The quality gate on its own (the one publish runs too): checks the candidate of the serve date",
                    "(--date + 1) as publish does and compares its metrics (flagged share on normal history, pattern mix,",
                    "router recall per team when present) with the current LATEST's manifest. Exit 0 when it passes, 1 with",
                    "the reasons when it blocks; writes only _steps/validate.json. No Spark."})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;
        @Mixin
        StepOptions.Publish publish;

        @Override
        public Integer call() {
            BatchRun run = common.run(spec.commandLine(), Instant.now());
            PublishSettings settings = usage(spec.commandLine(), publish::settings);
            runValidate(run, settings, spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Validates the candidate of the serve date (--date + 1), copies it to <lake>/params/<version>/",
                    "with manifest.json written last, then points <lake>/params/LATEST at it atomically. Refuses (exit 1,",
                    "LATEST untouched) on missing input, missing or empty tables, or a failed quality gate (the same gate",
                    "as validate, with the same options). No Spark."})
    static final class Publish implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;
        @Mixin
        StepOptions.Publish publish;

        @Override
        public Integer call() {
            BatchRun run = common.run(spec.commandLine(), Instant.now());
            PublishSettings settings = usage(spec.commandLine(), publish::settings);
            runPublish(run, settings, spec.commandLine().getOut());
            return 0;
        }
    }
}
