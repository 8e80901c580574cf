package io.andiag.model.forest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Picks the detector's score threshold on normal history so that few IPs per minute are flagged.
 *
 * <p>Rule. An IP is flagged in a minute when the highest score of its series in that minute is &gt;= threshold.
 * For a minute with n IPs, at most k = floor(target_share * n) may be flagged; the smallest threshold achieving that
 * is t_m = nextUp(s_(k+1)), just above the (k+1)-th highest IP score (t_m = -inf when k &gt;= n). The threshold is
 * max(min, Q), where Q is the {@code minute_quantile} quantile (nearest rank: the ceil(q * M)-th smallest) of the
 * t_m over the M minutes. With the default quantile 1 every history minute flags at most floor(target * n) IPs.
 *
 * <p>The steps are exposed separately ({@link #minuteThreshold}, {@link #combine}, {@link #flagged}) so a distributed
 * job can compute t_m per minute where the data is and combine the results.
 */
public final class ThresholdCalibrator implements Serializable {

    private static final long serialVersionUID = 1L;

    private final CalibrationSettings settings;

    public ThresholdCalibrator(CalibrationSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * One scored series-minute of normal history.
     *
     * @param minuteTs the minute (epoch ms)
     * @param ip       the source IP; pass the series key when IPs are unknown (each series is then its own unit)
     * @param score    the detector score
     */
    public record ScoredRow(long minuteTs, String ip, double score) {
        public ScoredRow {
            Objects.requireNonNull(ip, "ip");
            if (Double.isNaN(score)) {
                throw new IllegalArgumentException("score of " + ip + " at " + minuteTs + " is NaN");
            }
        }
    }

    /**
     * @param threshold        the chosen threshold
     * @param meanFlaggedShare mean over minutes of the share of IPs flagged at the threshold
     * @param maxFlaggedShare  largest share flagged in any minute
     * @param minutes          minutes in the history
     * @param ipMinutes        (IP, minute) pairs in the history
     */
    public record Calibration(double threshold, double meanFlaggedShare, double maxFlaggedShare, int minutes,
                              long ipMinutes) {
    }

    /** t_m for one minute, from the per-IP scores of that minute (not modified). */
    public double minuteThreshold(double[] ipScores) {
        int n = ipScores.length;
        int allowed = (int) Math.floor(settings.targetShare() * n);
        if (allowed >= n) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] sorted = ipScores.clone();
        Arrays.sort(sorted);
        return Math.nextUp(sorted[n - 1 - allowed]);
    }

    /** The threshold from the per-minute t_m values (not modified). */
    public double combine(double[] minuteThresholds) {
        if (minuteThresholds.length == 0) {
            throw new IllegalArgumentException("cannot calibrate a threshold on an empty history");
        }
        double[] sorted = minuteThresholds.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(settings.minuteQuantile() * sorted.length);
        return Math.max(settings.minThreshold(), sorted[Math.max(0, rank - 1)]);
    }

    /** How many of {@code ipScores} a threshold flags. */
    public static int flagged(double[] ipScores, double threshold) {
        int n = 0;
        for (double s : ipScores) {
            if (s >= threshold) {
                n++;
            }
        }
        return n;
    }

    /** Calibrates on rows held in memory (groups by minute, takes each IP's highest series score). */
    public Calibration calibrate(Collection<ScoredRow> rows) {
        Map<Long, Map<String, Double>> byMinute = new TreeMap<>();
        for (ScoredRow r : rows) {
            byMinute.computeIfAbsent(r.minuteTs(), m -> new HashMap<>()).merge(r.ip(), r.score(), Math::max);
        }
        List<double[]> minutes = new ArrayList<>(byMinute.size());
        for (Map<String, Double> ips : byMinute.values()) {
            minutes.add(ips.values().stream().mapToDouble(Double::doubleValue).toArray());
        }
        double[] perMinute = new double[minutes.size()];
        for (int i = 0; i < perMinute.length; i++) {
            perMinute[i] = minuteThreshold(minutes.get(i));
        }
        double threshold = combine(perMinute);
        double sumShare = 0;
        double maxShare = 0;
        long ipMinutes = 0;
        for (double[] scores : minutes) {
            double share = (double) flagged(scores, threshold) / scores.length;
            sumShare += share;
            maxShare = Math.max(maxShare, share);
            ipMinutes += scores.length;
        }
        return new Calibration(threshold, sumShare / minutes.size(), maxShare, minutes.size(), ipMinutes);
    }
}
