package io.andiag.datasets.sim;

import java.util.SplittableRandom;

/** Seeded random streams and the distributions the simulator draws from. */
final class Rng {

    /** Stream ids: each part of the simulation has its own RNG, so changing one part does not shift the others. */
    static final long TOPOLOGY = 1;
    static final long PLAN = 2;
    static final long SHARD_BASE = 1_000;

    private Rng() {
    }

    /** An independent generator for (seed, stream): a SplitMix64 hash of both, never a shared sequence. */
    static SplittableRandom stream(long seed, long stream) {
        return new SplittableRandom(mix(mix(seed) ^ (stream * 0x9E3779B97F4A7C15L)));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Poisson(lambda): Knuth's product method below 30, a rounded normal above. */
    static int poisson(SplittableRandom r, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda < 30) {
            double l = Math.exp(-lambda);
            int k = 0;
            double p = r.nextDouble();
            while (p > l) {
                k++;
                p *= r.nextDouble();
            }
            return k;
        }
        double x = lambda + Math.sqrt(lambda) * gaussian(r) + 0.5;
        return x < 0 ? 0 : (int) Math.min(x, Integer.MAX_VALUE / 4);
    }

    static double gaussian(SplittableRandom r) {
        // Box-Muller, one value per call (the simulator needs few).
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    static int between(SplittableRandom r, int lo, int hiInclusive) {
        return lo + r.nextInt(hiInclusive - lo + 1);
    }

    /** Fisher-Yates shuffle of {@code a} in place. */
    static void shuffle(SplittableRandom r, int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code k} distinct values of {@code a}, in random order (partial shuffle of a copy). */
    static int[] sample(SplittableRandom r, int[] a, int k) {
        int[] c = a.clone();
        int m = Math.min(k, c.length);
        for (int i = 0; i < m; i++) {
            int j = i + r.nextInt(c.length - i);
            int t = c[i];
            c[i] = c[j];
            c[j] = t;
        }
        return java.util.Arrays.copyOf(c, m);
    }
}
