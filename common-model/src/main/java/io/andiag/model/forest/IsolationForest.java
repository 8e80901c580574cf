package io.andiag.model.forest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Isolation-forest evaluator (Liu, Ting and Zhou, "Isolation Forest", ICDM 2008) over a flat node table held in
 * primitive arrays. The anomaly score of x is s(x) = 2^(-E[h(x)] / c(psi)), where h(x) is the path length of x in one
 * tree: the number of edges from the root to the leaf x falls in, plus c(size of that leaf) for the points the
 * height limit left unseparated; psi is the subsample size each tree was built from. s near 1: anomalous; s at or
 * below 0.5: nothing distinct.
 *
 * <p>Immutable and thread-safe; {@link #score} does not allocate. Construction validates the table (contiguous node
 * ids per tree, children in range, each non-root node with exactly one parent, every node reachable from the root,
 * split features below the feature count) and names the first offending tree and node.
 */
public final class IsolationForest implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Euler-Mascheroni constant, for H(i) ~ ln(i) + gamma. */
    public static final double EULER_GAMMA = 0.5772156649;

    private final List<String> featureNames;
    private final int sampleSize;
    private final double cPsi;
    private final int[] treeIds;
    private final int[] roots;
    private final int[] feature;
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
    private final int[] size;
    /**
     * The scoring layout, separate from the node table above: every tree re-laid out in pre-order so a node's left
     * child is the next node, with {@code links[2i]} = split feature (-1 for a leaf) and {@code links[2i+1]} = the
     * right child, and {@code values[i]} = the threshold of a split or c(size) of a leaf. A step down a tree then
     * touches two adjacent array regions instead of four separate arrays (feature, threshold, left/right,
     * leaf adjustment): scoring is memory-bound, and this is most of its cost (docs/BENCHMARKS.md).
     */
    private final int[] links;
    private final double[] values;
    private final int[] scoreRoots;

    private IsolationForest(List<String> featureNames, int sampleSize, int[] treeIds, int[] roots, int[] feature,
                            double[] threshold, int[] left, int[] right, int[] size) {
        this.featureNames = List.copyOf(featureNames);
        this.sampleSize = sampleSize;
        this.cPsi = averagePathLength(sampleSize);
        this.treeIds = treeIds;
        this.roots = roots;
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.size = size;
        int n = feature.length;
        this.links = new int[2 * n];
        this.values = new double[n];
        this.scoreRoots = new int[roots.length];
        // positions in pre-order (a node, then its left subtree, then its right subtree), tree after tree
        int[] position = new int[n];
        int[] stack = new int[n];
        int next = 0;
        for (int t = 0; t < roots.length; t++) {
            scoreRoots[t] = next;
            int top = 0;
            stack[top++] = roots[t];
            while (top > 0) {
                int node = stack[--top];
                position[node] = next++;
                if (feature[node] >= 0) {
                    stack[top++] = right[node];
                    stack[top++] = left[node];
                }
            }
        }
        for (int node = 0; node < n; node++) {
            int at = position[node];
            boolean leaf = feature[node] < 0;
            links[2 * at] = feature[node];
            links[2 * at + 1] = leaf ? -1 : position[right[node]];
            values[at] = leaf ? averagePathLength(size[node]) : threshold[node];
        }
    }

    /**
     * Loads a forest from its node rows (any order).
     *
     * @param sampleSize   psi, the number of points each tree was built from (&gt;= 2)
     * @param featureNames names of the features, in vector order
     * @throws IllegalArgumentException naming the tree and node when the table is not a forest of binary trees
     */
    public static IsolationForest of(Collection<ForestNode> nodes, int sampleSize, List<String> featureNames) {
        Objects.requireNonNull(featureNames, "featureNames");
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("an isolation forest needs at least one tree, got no nodes");
        }
        if (sampleSize < 2) {
            throw new IllegalArgumentException("sample size (psi) must be >= 2, got " + sampleSize);
        }
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("feature names must not be empty");
        }
        List<ForestNode> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparingInt(ForestNode::treeId).thenComparingInt(ForestNode::nodeId));
        int n = sorted.size();
        int[] feature = new int[n];
        double[] threshold = new double[n];
        int[] left = new int[n];
        int[] right = new int[n];
        int[] size = new int[n];
        List<Integer> treeIdList = new ArrayList<>();
        List<Integer> rootList = new ArrayList<>();
        int start = 0;
        while (start < n) {
            int tree = sorted.get(start).treeId();
            int end = start;
            while (end < n && sorted.get(end).treeId() == tree) {
                end++;
            }
            validateTree(sorted, start, end, featureNames.size());
            for (int i = start; i < end; i++) {
                ForestNode node = sorted.get(i);
                feature[i] = node.feature();
                threshold[i] = node.threshold();
                left[i] = node.isLeaf() ? -1 : start + node.left();
                right[i] = node.isLeaf() ? -1 : start + node.right();
                size[i] = node.size();
            }
            treeIdList.add(tree);
            rootList.add(start);
            start = end;
        }
        return new IsolationForest(featureNames, sampleSize,
                treeIdList.stream().mapToInt(Integer::intValue).toArray(),
                rootList.stream().mapToInt(Integer::intValue).toArray(), feature, threshold, left, right, size);
    }

    private static void validateTree(List<ForestNode> sorted, int start, int end, int numFeatures) {
        int count = end - start;
        int tree = sorted.get(start).treeId();
        int[] parents = new int[count];
        for (int i = start; i < end; i++) {
            ForestNode node = sorted.get(i);
            if (node.nodeId() != i - start) {
                throw new IllegalArgumentException("tree " + tree + ": node ids must be 0.." + (count - 1)
                        + " without gaps or duplicates, found node id " + node.nodeId() + " at position " + (i - start));
            }
            if (node.isLeaf()) {
                continue;
            }
            if (node.feature() >= numFeatures) {
                throw new IllegalArgumentException("tree " + tree + " node " + node.nodeId() + ": split feature "
                        + node.feature() + " out of range [0, " + numFeatures + ")");
            }
            for (int child : new int[] {node.left(), node.right()}) {
                if (child >= count) {
                    throw new IllegalArgumentException("tree " + tree + " node " + node.nodeId() + ": child " + child
                            + " out of range [0, " + count + ")");
                }
                if (child == 0) {
                    throw new IllegalArgumentException("tree " + tree + " node " + node.nodeId()
                            + ": the root (node 0) cannot be a child (cycle)");
                }
                if (++parents[child] > 1) {
                    throw new IllegalArgumentException("tree " + tree + " node " + child
                            + " has more than one parent (not a tree)");
                }
            }
        }
        // every node has at most one parent and the root none: it is a tree iff every node is reachable from the root
        boolean[] seen = new boolean[count];
        int[] stack = new int[count];
        int top = 0;
        stack[top++] = 0;
        seen[0] = true;
        int reached = 1;
        while (top > 0) {
            ForestNode node = sorted.get(start + stack[--top]);
            if (!node.isLeaf()) {
                for (int child : new int[] {node.left(), node.right()}) {
                    if (!seen[child]) {
                        seen[child] = true;
                        reached++;
                        stack[top++] = child;
                    }
                }
            }
        }
        if (reached != count) {
            for (int i = 0; i < count; i++) {
                if (!seen[i]) {
                    throw new IllegalArgumentException("tree " + tree + " node " + i
                            + " is not reachable from the root (detached or in a cycle)");
                }
            }
        }
    }

    /**
     * c(n), the average path length of an unsuccessful search in a binary search tree of n points:
     * 0 for n &lt;= 1, 1 for n = 2, else 2 H(n-1) - 2 (n-1) / n with H(i) = ln(i) + {@value #EULER_GAMMA}.
     */
    public static double averagePathLength(long n) {
        if (n <= 1) {
            return 0.0;
        }
        if (n == 2) {
            return 1.0;
        }
        return 2.0 * (Math.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1.0) / n;
    }

    /** Anomaly score in (0, 1]. No allocation. */
    public double score(double[] x) {
        return scoreOfMean(meanPathLength(x));
    }

    /**
     * The anomaly score of {@code x} when it is at least {@code minScore}; otherwise some value below
     * {@code minScore}, an upper bound of the score. The decision {@code scoreAtLeast(x, t) >= t} is exactly
     * {@code score(x) >= t}, and a score at or above {@code t} is exactly {@code score(x)}.
     *
     * <p>Why: a detector only needs the scores that reach its threshold, and most series-minutes are far from it.
     * Path lengths are never negative, so once the trees walked so far sum to a mean path longer than the threshold
     * allows, no remaining tree can bring the score back up, and a normal point stops well before the last tree.
     * Exact in floating point: the partial sums are the full sum's prefixes (same order, non-negative terms), and the
     * score is computed from a partial sum with the same monotone arithmetic as {@link #score}. No allocation.
     */
    public double scoreAtLeast(double[] x, double minScore) {
        requireWidth(x);
        int trees = scoreRoots.length;
        // sum of path lengths beyond which the score is below minScore (up to rounding, confirmed exactly below)
        double limit = minScore > 0 ? -Math.log(minScore) / Math.log(2.0) * cPsi * trees : Double.POSITIVE_INFINITY;
        double sum = 0;
        for (int t = 0; t < trees; t++) {
            sum += pathFrom(scoreRoots[t], x);
            if (sum > limit) {
                double bound = scoreOfMean(sum / trees);
                if (bound < minScore) {
                    return bound;
                }
                limit = Double.POSITIVE_INFINITY; // rounding put us at the edge: finish the exact sum
            }
        }
        return scoreOfMean(sum / trees);
    }

    /** s(x) = 2^(-E[h(x)] / c(ψ)): the one place both scoring methods turn a mean path length into a score. */
    private double scoreOfMean(double meanPath) {
        return Math.pow(2.0, -meanPath / cPsi);
    }

    /** E[h(x)] over the trees. */
    public double meanPathLength(double[] x) {
        requireWidth(x);
        double sum = 0;
        for (int root : scoreRoots) {
            sum += pathFrom(root, x);
        }
        return sum / scoreRoots.length;
    }

    /** h(x) in the tree at position {@code tree} (0..trees()-1). */
    public double pathLength(int tree, double[] x) {
        requireWidth(x);
        return pathFrom(scoreRoots[tree], x);
    }

    private void requireWidth(double[] x) {
        if (x.length != featureNames.size()) {
            throw new IllegalArgumentException("feature vector must have " + featureNames.size() + " values "
                    + featureNames + ", got " + x.length);
        }
    }

    /** h(x) from a root of the scoring layout: the left child of node i is i + 1. */
    private double pathFrom(int node, double[] x) {
        int depth = 0;
        int f;
        while ((f = links[2 * node]) >= 0) {
            node = x[f] < values[node] ? node + 1 : links[2 * node + 1];
            depth++;
        }
        return depth + values[node];
    }

    public int trees() {
        return roots.length;
    }

    public int sampleSize() {
        return sampleSize;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** The node table (persistence), trees in id order, nodes in id order. */
    public List<ForestNode> nodes() {
        List<ForestNode> out = new ArrayList<>(feature.length);
        for (int t = 0; t < roots.length; t++) {
            int start = roots[t];
            int end = t + 1 < roots.length ? roots[t + 1] : feature.length;
            for (int i = start; i < end; i++) {
                out.add(feature[i] < 0
                        ? ForestNode.leaf(treeIds[t], i - start, size[i])
                        : ForestNode.split(treeIds[t], i - start, feature[i], threshold[i], left[i] - start,
                                right[i] - start, size[i]));
            }
        }
        return out;
    }
}
