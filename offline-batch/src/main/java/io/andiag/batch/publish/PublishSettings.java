package io.andiag.batch.publish;

/**
 * The refusal rules of publish, each with its default; rejected at construction when invalid.
 *
 * @param minIps           fewer IPs with a heartbeat in the history than this: too little input to train on
 * @param minSeries        fewer profiled series (series with at least one retransmission) than this: idem
 * @param maxFlaggedShare  the calibrated threshold flags a larger share of IPs per minute on normal history
 * @param maxFlaggedRatio  the new flagged share is more than this many times the current LATEST's (and above
 *                         {@code maxFlaggedShare / 2}): grossly worse than what serves now
 * @param maxPatternShare  one pattern holds more than this share of the profiled series of the levels that are
 *                         clustered (a pattern-mix collapse)
 */
public record PublishSettings(long minIps, long minSeries, double maxFlaggedShare, double maxFlaggedRatio, double maxPatternShare) {

    public static final long DEFAULT_MIN_IPS = 100;
    public static final long DEFAULT_MIN_SERIES = 50;
    public static final double DEFAULT_MAX_FLAGGED_SHARE = 0.01;
    public static final double DEFAULT_MAX_FLAGGED_RATIO = 3.0;
    public static final double DEFAULT_MAX_PATTERN_SHARE = 0.95;

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
    }

    public static PublishSettings defaults() {
        return new PublishSettings(DEFAULT_MIN_IPS, DEFAULT_MIN_SERIES, DEFAULT_MAX_FLAGGED_SHARE, DEFAULT_MAX_FLAGGED_RATIO,
                DEFAULT_MAX_PATTERN_SHARE);
    }
}
