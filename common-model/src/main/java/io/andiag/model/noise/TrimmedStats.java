package io.andiag.model.noise;

import java.util.Arrays;

/**
 * Upper-trimmed mean and population standard deviation of the counts of some observed minutes, given as the number
 * of observed minutes and the non-zero counts among them (the others are zeros). The largest
 * {@code floor(trimShare * observed)} values are dropped first, so past incidents in the history do not inflate the
 * baseline or the spread; decreases need no trimming because counts cannot go below zero.
 *
 * @param observed         minutes the statistics are over (before trimming)
 * @param mean             trimmed mean (0 when observed = 0)
 * @param std              trimmed population standard deviation
 * @param medianNonZero    median of the non-zero counts, untrimmed (0 when there are none)
 */
public record TrimmedStats(int observed, double mean, double std, double medianNonZero) {

    static final TrimmedStats EMPTY = new TrimmedStats(0, 0, 0, 0);

    /**
     * @param observed  observed minutes (zeros and non-zeros), &gt;= n
     * @param nonZero   non-zero counts in any order (not modified); only the first {@code n} entries are used
     * @param n         number of non-zero minutes
     * @param trimShare share of the observed minutes dropped from the top, in [0, 0.5)
     */
    public static TrimmedStats of(int observed, int[] nonZero, int n, double trimShare) {
        if (n > observed) {
            throw new IllegalArgumentException("more non-zero minutes (" + n + ") than observed minutes (" + observed + ")");
        }
        if (observed == 0) {
            return EMPTY;
        }
        int[] sorted = Arrays.copyOf(nonZero, n);
        Arrays.sort(sorted);
        int drop = (int) Math.floor(trimShare * observed);
        int kept = observed - drop;
        int keptNonZero = Math.max(0, n - drop);
        double sum = 0;
        for (int i = 0; i < keptNonZero; i++) {
            sum += sorted[i];
        }
        double mean = sum / kept;
        int keptZeros = kept - keptNonZero;
        double ss = keptZeros * mean * mean;
        for (int i = 0; i < keptNonZero; i++) {
            double d = sorted[i] - mean;
            ss += d * d;
        }
        double median = n == 0 ? 0.0 : (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0);
        return new TrimmedStats(observed, mean, Math.sqrt(ss / kept), median);
    }
}
