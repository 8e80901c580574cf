package io.andiag.batch.cli;

import io.andiag.batch.DetectionConfig;
import io.andiag.batch.detector.DetectorSettings;
import io.andiag.batch.profile.ProfileSettings;
import io.andiag.batch.publish.PublishSettings;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** Option groups of the steps, shared by the step subcommands and the all-steps command. */
final class StepOptions {

    private StepOptions() {
    }

    /** {@code --conf detection.x.y=value}: the detection tunables (docs/detection.md lists them). */
    static final class Detection {
        @Option(names = "--conf", paramLabel = "KEY=VALUE", mapFallbackValue = "",
                description = "A detection setting, e.g. detection.forest.trees=200 (repeatable; see docs/detection.md).")
        Map<String, String> conf = new LinkedHashMap<>();

        DetectionConfig config() {
            return DetectionConfig.of(conf);
        }
    }

    static final class Profile {
        @Option(names = "--profile-k", paramLabel = "K", defaultValue = "" + ProfileSettings.DEFAULT_K,
                description = "k-means clusters per frequency level (default: ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--profile-seed", paramLabel = "SEED", defaultValue = "" + ProfileSettings.DEFAULT_SEED,
                description = "k-means seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--profile-max-iter", paramLabel = "N", defaultValue = "" + ProfileSettings.DEFAULT_MAX_ITER,
                description = "k-means iterations at most (default: ${DEFAULT-VALUE}).")
        int maxIter;

        ProfileSettings settings() {
            return new ProfileSettings(k, seed, maxIter);
        }
    }

    static final class Detector {
        @Option(names = "--pool-size", paramLabel = "N", defaultValue = "" + DetectorSettings.DEFAULT_POOL_SIZE,
                description = "Feature vectors sampled from history into the training pool (default: ${DEFAULT-VALUE}).")
        int poolSize;

        @Option(names = "--labelled-share", paramLabel = "SHARE", defaultValue = "" + DetectorSettings.DEFAULT_LABELLED_SHARE,
                description = "Labelled-incident vectors added, at most this share of the pool (default: ${DEFAULT-VALUE}).")
        double labelledShare;

        @Option(names = "--calibration-minutes", paramLabel = "N", defaultValue = "" + DetectorSettings.DEFAULT_CALIBRATION_MINUTES,
                description = "History minutes scored to calibrate the threshold, a seeded subset; 0 = all (default: ${DEFAULT-VALUE}).")
        int calibrationMinutes;

        DetectorSettings settings() {
            return new DetectorSettings(poolSize, labelledShare, calibrationMinutes);
        }
    }

    static final class Publish {
        @Option(names = "--min-ips", paramLabel = "N", defaultValue = "" + PublishSettings.DEFAULT_MIN_IPS,
                description = "Refuse when fewer IPs sent heartbeats in the history (default: ${DEFAULT-VALUE}).")
        long minIps;

        @Option(names = "--min-series", paramLabel = "N", defaultValue = "" + PublishSettings.DEFAULT_MIN_SERIES,
                description = "Refuse when fewer series had retransmissions (default: ${DEFAULT-VALUE}).")
        long minSeries;

        @Option(names = "--max-flagged-share", paramLabel = "SHARE", defaultValue = "" + PublishSettings.DEFAULT_MAX_FLAGGED_SHARE,
                description = "Refuse when the threshold flags more IPs per minute on normal history (default: ${DEFAULT-VALUE}).")
        double maxFlaggedShare;

        @Option(names = "--max-flagged-ratio", paramLabel = "X", defaultValue = "" + PublishSettings.DEFAULT_MAX_FLAGGED_RATIO,
                description = "Refuse when the flagged share is more than X times the current LATEST's (default: ${DEFAULT-VALUE}).")
        double maxFlaggedRatio;

        @Option(names = "--max-pattern-share", paramLabel = "SHARE", defaultValue = "" + PublishSettings.DEFAULT_MAX_PATTERN_SHARE,
                description = "Refuse when one pattern holds more of the series of levels LOW..HIGH (default: ${DEFAULT-VALUE}).")
        double maxPatternShare;

        @Option(names = "--max-pattern-drift", paramLabel = "TV", defaultValue = "" + PublishSettings.DEFAULT_MAX_PATTERN_DRIFT,
                description = "Refuse when the pattern mix of levels LOW..HIGH moved more than this total variation distance from "
                        + "the current LATEST's (default: ${DEFAULT-VALUE}).")
        double maxPatternDrift;

        @Option(names = "--max-recall-drop", paramLabel = "DROP", defaultValue = "" + PublishSettings.DEFAULT_MAX_RECALL_DROP,
                description = "Refuse when the router's recall of a team fell more than this below the current LATEST's "
                        + "(default: ${DEFAULT-VALUE}).")
        double maxRecallDrop;

        PublishSettings settings() {
            return new PublishSettings(minIps, minSeries, maxFlaggedShare, maxFlaggedRatio, maxPatternShare, maxPatternDrift, maxRecallDrop);
        }
    }
}
