package io.andiag.batch.publish;

/**
 * The refusal rules of publish and of the quality gate ({@link QualityGate}, run by {@code validate} and again by
 * {@code publish}), each with its default; rejected at construction when invalid.
 *
 * @param minIps           fewer IPs with a heartbeat in the history than this: too little input to train on
 * @param minSeries        fewer profiled series (series with at least one retransmission) than this: idem
 * @param maxFlaggedShare  the calibrated threshold flags a larger share of IPs per minute on normal history
 * @param maxFlaggedRatio  the new flagged share is more than this many times the current LATEST's (and above
 *                         {@code maxFlaggedShare / 2}): grossly worse than what serves now
 * @param maxPatternShare  one pattern holds more than this share of the profiled series of the levels that are
 *                         clustered (a pattern-mix collapse)
 * @param maxPatternDrift  the pattern mix of the clustered levels moved more than this total variation distance
 *                         (0 = same mix, 1 = disjoint) from the current LATEST's
 * @param maxRecallDrop    the router's recall of a team fell more than this (absolute, 0.10 = 10 points) below the
 *                         current LATEST's
 */
public record PublishSettings(long minIps, long minSeries, double maxFlaggedShare, double maxFlaggedRatio, double maxPatternShare,
                              double maxPatternDrift, double maxRecallDrop) {

    public static final long DEFAULT_MIN_IPS = 100;
    public static final long DEFAULT_MIN_SERIES = 50;
    public static final double DEFAULT_MAX_FLAGGED_SHARE = 0.01;
    public static final double DEFAULT_MAX_FLAGGED_RATIO = 3.0;
    public static final double DEFAULT_MAX_PATTERN_SHARE = 0.95;
    /**
     * A quarter of the clustered series changing pattern class from one night to the next: consecutive histories share
     * all but one day, so a move that large means the input or the clustering changed, not the region.
     */
    public static final double DEFAULT_MAX_PATTERN_DRIFT = 0.25;
    public static final double DEFAULT_MAX_RECALL_DROP = 0.10;

    public PublishSettings {
        if (minIps < 0) {
            throw new IllegalArgumentException("--min-ips must be >= 0, got " + minIps);
        }
        if (minSeries < 0) {
            throw new IllegalArgumentException("--min-series must be >= 0, got " + minSeries);
        }
        if (!(maxFlaggedShare > 0 && maxFlaggedShare <= 1)) {
            throw new IllegalArgumentException("--max-flagged-share must be in (0, 1], got " + maxFlaggedShare);
        }
        if (!(maxFlaggedRatio >= 1)) {
            throw new IllegalArgumentException("--max-flagged-ratio must be >= 1, got " + maxFlaggedRatio);
        }
        if (!(maxPatternShare > 0 && maxPatternShare <= 1)) {
            throw new IllegalArgumentException("--max-pattern-share must be in (0, 1], got " + maxPatternShare);
        }
        if (!(maxPatternDrift >= 0 && maxPatternDrift <= 1)) {
            throw new IllegalArgumentException("--max-pattern-drift must be in [0, 1], got " + maxPatternDrift);
        }
        if (!(maxRecallDrop >= 0 && maxRecallDrop <= 1)) {
            throw new IllegalArgumentException("--max-recall-drop must be in [0, 1], got " + maxRecallDrop);
        }
    }

    /** The rules with the gate's comparisons with LATEST at their defaults. */
    public PublishSettings(long minIps, long minSeries, double maxFlaggedShare, double maxFlaggedRatio, double maxPatternShare) {
        this(minIps, minSeries, maxFlaggedShare, maxFlaggedRatio, maxPatternShare, DEFAULT_MAX_PATTERN_DRIFT, DEFAULT_MAX_RECALL_DROP);
    }

    public static PublishSettings defaults() {
        return new PublishSettings(DEFAULT_MIN_IPS, DEFAULT_MIN_SERIES, DEFAULT_MAX_FLAGGED_SHARE, DEFAULT_MAX_FLAGGED_RATIO,
                DEFAULT_MAX_PATTERN_SHARE, DEFAULT_MAX_PATTERN_DRIFT, DEFAULT_MAX_RECALL_DROP);
    }
}
