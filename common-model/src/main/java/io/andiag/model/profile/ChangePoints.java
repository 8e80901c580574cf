package io.andiag.model.profile;

/**
 * Level changes in a sequence by least squares: the best single split of a segment is the one that maximises the
 * between-segment sum of squares k(n-k)/n (mean_after - mean_before)^2, i.e. the maximum of the normalised CUSUM.
 * Its share of the segment's total sum of squares is an R^2 in [0, 1]; its t statistic is
 * sqrt(R^2 (n-2) / (1-R^2)) (the t of a step dummy in a regression). O(n) per segment with prefix sums.
 */
public final class ChangePoints {

    private ChangePoints() {
    }

    /**
     * The best split of {@code y[from, to)}.
     *
     * @param index first index of the right segment ({@code from} when no split is possible)
     * @param share R^2 of the split in [0, 1] (0 when no split is possible or the segment is constant)
     * @param t     t statistic of the split (infinite for a noiseless step)
     */
    public record Split(int index, double share, double t) {
    }

    /**
     * Best single split of {@code y[from, to)} with at least {@code minSegment} values on each side; share 0 when the
     * segment is shorter than 2 * minSegment or (numerically) constant.
     */
    public static Split best(double[] y, int from, int to, int minSegment) {
        int n = to - from;
        if (minSegment < 1) {
            throw new IllegalArgumentException("minSegment must be >= 1, got " + minSegment);
        }
        if (n < 2 * minSegment) {
            return new Split(from, 0, 0);
        }
        double total = 0;
        double squares = 0;
        for (int i = from; i < to; i++) {
            total += y[i];
            squares += y[i] * y[i];
        }
        double mean = total / n;
        double ss = 0;
        for (int i = from; i < to; i++) {
            double d = y[i] - mean;
            ss += d * d;
        }
        if (ss <= 1e-12 * squares || ss == 0) {
            return new Split(from, 0, 0);
        }
        double left = 0;
        double bestBetween = -1;
        int bestK = -1;
        for (int i = from; i < from + minSegment - 1; i++) {
            left += y[i];
        }
        for (int k = minSegment; k <= n - minSegment; k++) {
            left += y[from + k - 1];
            double diff = left / k - (total - left) / (n - k);
            double between = (double) k * (n - k) / n * diff * diff;
            if (between > bestBetween) {
                bestBetween = between;
                bestK = k;
            }
        }
        double share = Math.min(1.0, bestBetween / ss);
        double t = share >= 1.0 - 1e-12 ? Double.POSITIVE_INFINITY : Math.sqrt(share * (n - 2) / (1.0 - share));
        return new Split(from + bestK, share, t);
    }

    /**
     * Start of the most recent regime of {@code y}: binary segmentation towards the end. The best split of the whole
     * sequence is a change point when its share is at least {@code minShare} and its t at least {@code minT}; then the
     * search repeats on the part after it, and stops at the first segment without a change point.
     *
     * @return index of the first value of the last regime, 0 when no change point was found
     */
    public static int lastRegimeStart(double[] y, int minSegment, double minShare, double minT) {
        int start = 0;
        while (true) {
            Split s = best(y, start, y.length, minSegment);
            if (s.share() <= 0 || s.share() < minShare || s.t() < minT) {
                return start;
            }
            start = s.index();
        }
    }
}
