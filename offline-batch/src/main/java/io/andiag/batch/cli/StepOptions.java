package io.andiag.batch.cli;

import io.andiag.batch.DetectionConfig;
import io.andiag.batch.detector.DetectorSettings;
import io.andiag.batch.profile.ProfileSettings;
import io.andiag.batch.publish.PublishSettings;
import io.andiag.batch.router.RouterSettings;
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

    /** Options of train-router (and of train-bootstrap-router). */
    static final class Router {
        @Option(names = "--router-max-iter", paramLabel = "N", defaultValue = "" + RouterSettings.DEFAULT_MAX_ITER,
                description = "GBT iterations (trees) per routing model (default: ${DEFAULT-VALUE}).")
        int maxIter;

        @Option(names = "--router-max-depth", paramLabel = "D", defaultValue = "" + RouterSettings.DEFAULT_MAX_DEPTH,
                description = "GBT tree depth (default: ${DEFAULT-VALUE}).")
        int maxDepth;

        @Option(names = "--router-step-size", paramLabel = "ETA", defaultValue = "" + RouterSettings.DEFAULT_STEP_SIZE,
                description = "GBT learning rate (default: ${DEFAULT-VALUE}).")
        double stepSize;

        @Option(names = "--router-seed", paramLabel = "SEED", defaultValue = "" + RouterSettings.DEFAULT_SEED,
                description = "Seed of the GBTs and of the held-out split (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--holdout-share", paramLabel = "SHARE", defaultValue = "" + RouterSettings.DEFAULT_HOLDOUT_SHARE,
                description = "Share of each team's labelled incidents held out for the evaluation (default: ${DEFAULT-VALUE}).")
        double holdoutShare;

        @Option(names = "--self-label-bar", paramLabel = "P", defaultValue = "" + RouterSettings.DEFAULT_SELF_LABEL_BAR,
                description = "Routes of the last history day at or above this confidence become SELF labels (default: ${DEFAULT-VALUE}).")
        double selfLabelBar;

        @Option(names = "--self-label-min-minutes", paramLabel = "N", defaultValue = "" + RouterSettings.DEFAULT_SELF_LABEL_MIN_MINUTES,
                description = "Fewest consecutive confident minutes (one region, one team) that make a SELF label (default: ${DEFAULT-VALUE}).")
        int selfLabelMinMinutes;

        @Option(names = "--min-labelled-incidents", paramLabel = "N", defaultValue = "" + RouterSettings.DEFAULT_MIN_LABELLED_INCIDENTS,
                description = "Fewest labelled incidents (of 2+ teams) to train in the region; else the bootstrap router (default: ${DEFAULT-VALUE}).")
        int minLabelledIncidents;

        @Option(names = "--synthetic-per-team", paramLabel = "N", defaultValue = "" + RouterSettings.DEFAULT_SYNTHETIC_PER_TEAM,
                description = "Synthetic incidents per team injected on each region's topology to train on (never held out); "
                        + "0 trains on the labels alone (default: ${DEFAULT-VALUE}).")
        int syntheticPerTeam;

        RouterSettings settings() {
            return new RouterSettings(maxIter, maxDepth, stepSize, seed, holdoutShare, selfLabelBar, selfLabelMinMinutes, minLabelledIncidents,
                    syntheticPerTeam);
        }
    }
}
