package io.andiag.analysis.evaluate;

import java.util.List;

/** Small arithmetic shared by the scorecard: ratios that are undefined (null) on an empty denominator, percentiles. */
final class Ratio {

    private Ratio() {
    }

    /** {@code num / den}, or null when {@code den} is 0 (an empty class has no recall, not a recall of 0). */
    static Double of(long num, long den) {
        return den == 0 ? null : (double) num / den;
    }

    /** Nearest-rank percentile ({@code p} in 0..100) of sorted values, or null when there are none. */
    static Long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** Median of sorted values (mean of the two middle ones for an even count), or null when there are none. */
    static Double median(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
