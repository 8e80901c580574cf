package io.andiag.model.forest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds one isolation tree (Liu et al. 2008, iTree) from a sample: at each node pick a feature uniformly among those
 * not constant on the node's points, and a threshold uniformly in [min, max) of that feature; points with
 * x &lt; threshold go left. Stop at the height limit ceil(log2 psi) or when one point (or only identical points) is
 * left. Deterministic for a given sample and seed ({@link SplittableRandom} is specified bit for bit), so the batch
 * can build trees in parallel, one call per tree, with {@link #treeSeed}.
 */
public final class IsolationTreeBuilder {

    private IsolationTreeBuilder() {
    }

    /** ceil(log2 psi): 0 for psi = 1, 8 for psi = 256, 9 for psi = 257. */
    public static int heightLimit(int psi) {
        if (psi < 1) {
            throw new IllegalArgumentException("sample size must be >= 1, got " + psi);
        }
        return 32 - Integer.numberOfLeadingZeros(psi - 1);
    }

    /** The seed of tree {@code treeId} of a forest seeded with {@code forestSeed} (SplitMix64 finaliser). */
    public static long treeSeed(long forestSeed, int treeId) {
        long z = forestSeed + 0x9E3779B97F4A7C15L * (treeId + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One tree with height limit ceil(log2(sample.length)). */
    public static List<ForestNode> build(int treeId, double[][] sample, long seed) {
        return build(treeId, sample, seed, heightLimit(Math.max(1, sample.length)));
    }

    /**
     * One tree, as node rows in pre-order (node id = position; left subtree before right).
     *
     * @param sample rows of equal length with finite values (not modified)
     */
    public static List<ForestNode> build(int treeId, double[][] sample, long seed, int heightLimit) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("cannot build an isolation tree from an empty sample");
        }
        if (heightLimit < 0) {
            throw new IllegalArgumentException("height limit must be >= 0, got " + heightLimit);
        }
        int features = sample[0].length;
        if (features == 0) {
            throw new IllegalArgumentException("sample rows must have at least one feature");
        }
        for (int i = 0; i < sample.length; i++) {
            if (sample[i].length != features) {
                throw new IllegalArgumentException("sample row " + i + " has " + sample[i].length
                        + " features, row 0 has " + features);
            }
            for (int f = 0; f < features; f++) {
                if (!Double.isFinite(sample[i][f])) {
                    throw new IllegalArgumentException("sample row " + i + " feature " + f + " is not finite: " + sample[i][f]);
                }
            }
        }
        Builder b = new Builder(treeId, sample, new SplittableRandom(seed), heightLimit);
        int[] idx = new int[sample.length];
        Arrays.setAll(idx, i -> i);
        b.grow(idx, 0, idx.length, 0);
        return b.nodes();
    }

    private static final class Builder {
        private final int treeId;
        private final double[][] x;
        private final SplittableRandom rnd;
        private final int heightLimit;
        private final int features;
        private final List<int[]> links = new ArrayList<>();
        private final List<double[]> splits = new ArrayList<>();
        private final double[] min;
        private final double[] max;
        private final int[] candidates;

        Builder(int treeId, double[][] x, SplittableRandom rnd, int heightLimit) {
            this.treeId = treeId;
            this.x = x;
            this.rnd = rnd;
            this.heightLimit = heightLimit;
            this.features = x[0].length;
            this.min = new double[features];
            this.max = new double[features];
            this.candidates = new int[features];
        }

        /** Grows the subtree of points idx[from, to) and returns its node id. */
        int grow(int[] idx, int from, int to, int depth) {
            int id = links.size();
            int n = to - from;
            links.add(new int[] {-1, -1, -1, n});
            splits.add(new double[] {0.0});
            if (depth >= heightLimit || n <= 1) {
                return id;
            }
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int i = from; i < to; i++) {
                double[] row = x[idx[i]];
                for (int f = 0; f < features; f++) {
                    min[f] = Math.min(min[f], row[f]);
                    max[f] = Math.max(max[f], row[f]);
                }
            }
            int k = 0;
            for (int f = 0; f < features; f++) {
                if (min[f] < max[f]) {
                    candidates[k++] = f;
                }
            }
            if (k == 0) {
                return id;
            }
            int f = candidates[rnd.nextInt(k)];
            double t = min[f] + rnd.nextDouble() * (max[f] - min[f]);
            if (t <= min[f]) {
                t = Math.nextUp(min[f]);
            }
            // partition idx[from, to): x[f] < t first
            int mid = from;
            for (int i = from; i < to; i++) {
                if (x[idx[i]][f] < t) {
                    int tmp = idx[i];
                    idx[i] = idx[mid];
                    idx[mid++] = tmp;
                }
            }
            int l = grow(idx, from, mid, depth + 1);
            int r = grow(idx, mid, to, depth + 1);
            links.set(id, new int[] {f, l, r, n});
            splits.set(id, new double[] {t});
            return id;
        }

        List<ForestNode> nodes() {
            List<ForestNode> out = new ArrayList<>(links.size());
            for (int i = 0; i < links.size(); i++) {
                int[] l = links.get(i);
                out.add(l[0] < 0 ? ForestNode.leaf(treeId, i, l[3])
                        : ForestNode.split(treeId, i, l[0], splits.get(i)[0], l[1], l[2], l[3]));
            }
            return out;
        }
    }
}
