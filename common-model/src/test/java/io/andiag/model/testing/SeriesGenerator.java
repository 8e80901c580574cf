package io.andiag.model.testing;

import io.andiag.model.profile.Pattern;
import io.andiag.model.series.SparseMinuteSeries;

import java.util.SplittableRandom;

/**
 * Seeded generator of synthetic minute series of a known pattern, for tests. Counts are Poisson with a rate that is
 * constant (STABLE), follows a daily sine (SEASONAL), steps up or down by {@link #SHIFT_FACTOR} at a random time in
 * the middle half of the window (MEAN_SHIFT), or both (HYBRID). About 1 % of minutes are gaps (no heartbeat).
 */
public final class SeriesGenerator {

    /** 2024-11-18T00:00:00Z, a UTC midnight. */
    public static final long START_MS = 1_731_888_000_000L;
    public static final int MINUTES_PER_DAY = 1440;
    public static final double SEASONAL_AMPLITUDE = 0.8;
    public static final double SHIFT_FACTOR = 4.0;
    public static final double GAP_SHARE = 0.01;

    private SeriesGenerator() {
    }

    /** A series of {@code days} days from {@link #START_MS}, mean rate about {@code rate} retx per minute. */
    public static SparseMinuteSeries generate(Pattern pattern, double rate, int days, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int minutes = days * MINUTES_PER_DAY;
        boolean seasonal = pattern == Pattern.SEASONAL || pattern == Pattern.HYBRID;
        boolean shifted = pattern == Pattern.MEAN_SHIFT || pattern == Pattern.HYBRID;
        double phase = rnd.nextDouble() * 2 * Math.PI;
        int shiftAt = shifted ? (int) (minutes * (0.25 + 0.5 * rnd.nextDouble())) : Integer.MAX_VALUE;
        boolean up = rnd.nextBoolean();
        // keep the overall mean near `rate`: the low level is rate * 2 / (1 + factor)
        double low = shifted ? rate * 2 / (1 + SHIFT_FACTOR) : rate;
        double before = up ? low : low * SHIFT_FACTOR;
        double after = up ? low * SHIFT_FACTOR : low;
        SparseMinuteSeries.Builder b = SparseMinuteSeries.builder(START_MS, minutes);
        for (int m = 0; m < minutes; m++) {
            if (rnd.nextDouble() < GAP_SHARE) {
                continue;
            }
            double lambda = m < shiftAt ? before : after;
            if (seasonal) {
                lambda *= 1 + SEASONAL_AMPLITUDE * Math.sin(2 * Math.PI * (m % MINUTES_PER_DAY) / MINUTES_PER_DAY + phase);
            }
            b.add(m, poisson(rnd, lambda));
        }
        return b.build();
    }

    /** Poisson sample (Knuth for small means, normal approximation above 30). */
    public static int poisson(SplittableRandom rnd, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(rnd)));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = rnd.nextDouble();
        while (p > l) {
            k++;
            p *= rnd.nextDouble();
        }
        return k;
    }

    public static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
