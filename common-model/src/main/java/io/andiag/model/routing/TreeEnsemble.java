package io.andiag.model.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A binary gradient-boosted tree classifier evaluated in plain Java, the way Spark MLlib's
 * {@code GBTClassificationModel} evaluates it:
 * <ul>
 *   <li>margin(x) = sum over trees t of weight_t * leafValue_t(x), where a continuous split goes left when
 *       {@code x[f] <= threshold} and a categorical split goes left when {@code x[f]} is one of its left categories
 *       (MLlib {@code ContinuousSplit/CategoricalSplit.shouldGoLeft}); a NaN feature fails {@code <=} and goes
 *       right, as in MLlib;</li>
 *   <li>P(class 1 | x) = 1 / (1 + exp(-2 * margin)): {@code GBTClassificationModel.predictRaw} returns
 *       {@code [-margin, margin]} and {@code raw2probabilityInPlace} sets p0 = {@code LogLoss.computeProbability(-margin)}
 *       = 1 / (1 + exp(2 * margin)) and p1 = 1 - p0 (apache/spark
 *       {@code mllib/src/main/scala/org/apache/spark/ml/classification/GBTClassifier.scala} and
 *       {@code mllib/src/main/scala/org/apache/spark/mllib/tree/loss/LogLoss.scala}; checked against the bytecode of
 *       spark-mllib_2.13-4.1.0).</li>
 * </ul>
 * Leaves are the same; the margin may differ from MLlib's in the last bits only, because MLlib sums it with BLAS
 * {@code ddot} (possibly in another order) where this class sums tree by tree: compare with a tolerance.
 * Nodes of all trees live in flat primitive arrays ("a column-oriented database of nodes"): scoring allocates
 * nothing. Immutable and thread-safe. Load with {@link MllibGbtReader} or {@link FlatEnsembleFormat}.
 */
public final class TreeEnsemble {

    private final int numFeatures;
    private final double[] treeWeights;
    private final int[] roots;
    private final int[] feature;
    private final double[] threshold;
    private final double[][] categories;
    private final int[] left;
    private final int[] right;
    private final double[] value;
    private final double[] gain;
    private final double[] count;

    private TreeEnsemble(Builder b) {
        int n = b.nodes.size();
        this.numFeatures = b.numFeatures;
        this.treeWeights = b.weights.stream().mapToDouble(Double::doubleValue).toArray();
        this.roots = b.roots.stream().mapToInt(Integer::intValue).toArray();
        this.feature = new int[n];
        this.threshold = new double[n];
        this.categories = new double[n][];
        this.left = new int[n];
        this.right = new int[n];
        this.value = new double[n];
        this.gain = new double[n];
        this.count = new double[n];
        for (int i = 0; i < n; i++) {
            TreeNode node = b.nodes.get(i);
            int base = b.nodeBase.get(i);
            feature[i] = node.featureIndex();
            threshold[i] = node.threshold();
            categories[i] = node.leftCategories() == null ? null : node.leftCategories().clone();
            left[i] = node.isLeaf() ? -1 : base + node.leftChild();
            right[i] = node.isLeaf() ? -1 : base + node.rightChild();
            value[i] = node.prediction();
            gain[i] = node.gain();
            count[i] = node.count();
        }
    }

    public static Builder builder(int numFeatures) {
        return new Builder(numFeatures);
    }

    public int numFeatures() {
        return numFeatures;
    }

    public int numTrees() {
        return roots.length;
    }

    public int numNodes() {
        return feature.length;
    }

    public double treeWeight(int tree) {
        return treeWeights[tree];
    }

    /** Sum of weight_t * leaf value_t(x). */
    public double margin(double[] x) {
        if (x.length < numFeatures) {
            throw new IllegalArgumentException("feature vector length must be >= " + numFeatures + ", got " + x.length);
        }
        double m = 0.0;
        for (int t = 0; t < roots.length; t++) {
            m += treeWeights[t] * value[leafOf(t, x)];
        }
        return m;
    }

    /** P(class 1 | x) = 1 / (1 + exp(-2 * margin(x))), MLlib's logistic-loss probability. */
    public double probability(double[] x) {
        return 1.0 / (1.0 + Math.exp(-2.0 * margin(x)));
    }

    /** Index (in this ensemble's node arrays) of the leaf tree {@code t} sends {@code x} to. */
    int leafOf(int t, double[] x) {
        int n = roots[t];
        while (left[n] >= 0) {
            double v = x[feature[n]];
            boolean goLeft = categories[n] == null ? v <= threshold[n] : contains(categories[n], v);
            n = goLeft ? left[n] : right[n];
        }
        return n;
    }

    /**
     * Adds |weight_t| to {@code acc[f]} for every split on feature f that tree t tests on {@code x}'s way to its
     * leaf: which features this ensemble actually looked at for this input (the per-decision evidence).
     */
    public void addPathFeatures(double[] x, double[] acc) {
        for (int t = 0; t < roots.length; t++) {
            double w = Math.abs(treeWeights[t]);
            int n = roots[t];
            while (left[n] >= 0) {
                acc[feature[n]] += w;
                double v = x[feature[n]];
                boolean goLeft = categories[n] == null ? v <= threshold[n] : contains(categories[n], v);
                n = goLeft ? left[n] : right[n];
            }
        }
    }

    private static boolean contains(double[] values, double v) {
        for (double c : values) {
            if (c == v) {
                return true;
            }
        }
        return false;
    }

    /**
     * Split importance per feature, MLlib's recipe for GBTs ({@code TreeEnsembleModel.featureImportances} with
     * per-tree normalization off): the sum over split nodes of gain x node count, normalized to sum to 1. All zeros
     * when no split recorded a gain (e.g. hand-built trees).
     */
    public double[] featureImportances() {
        double[] imp = new double[numFeatures];
        double total = 0;
        for (int i = 0; i < feature.length; i++) {
            if (left[i] >= 0) {
                double v = gain[i] * count[i];
                imp[feature[i]] += v;
                total += v;
            }
        }
        if (total > 0) {
            for (int f = 0; f < numFeatures; f++) {
                imp[f] /= total;
            }
        }
        return imp;
    }

    /** The nodes of tree {@code t}, ids relative to the tree (for writing the flat format). */
    public List<TreeNode> nodes(int t) {
        int start = roots[t];
        int end = t + 1 < roots.length ? roots[t + 1] : feature.length;
        List<TreeNode> out = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            boolean leaf = left[i] < 0;
            out.add(new TreeNode(i - start, value[i], feature[i], threshold[i],
                    categories[i] == null ? null : categories[i].clone(), leaf ? -1 : left[i] - start,
                    leaf ? -1 : right[i] - start, gain[i], count[i]));
        }
        return out;
    }

    /** True when some split is categorical. */
    public boolean hasCategoricalSplits() {
        for (double[] c : categories) {
            if (c != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TreeEnsemble e)) {
            return false;
        }
        return numFeatures == e.numFeatures && Arrays.equals(treeWeights, e.treeWeights) && Arrays.equals(roots, e.roots)
                && Arrays.equals(feature, e.feature) && Arrays.equals(threshold, e.threshold)
                && Arrays.deepEquals(categories, e.categories) && Arrays.equals(left, e.left)
                && Arrays.equals(right, e.right) && Arrays.equals(value, e.value) && Arrays.equals(gain, e.gain)
                && Arrays.equals(count, e.count);
    }

    @Override
    public int hashCode() {
        return Objects.hash(numFeatures, Arrays.hashCode(treeWeights), Arrays.hashCode(feature),
                Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "TreeEnsemble[" + roots.length + " trees, " + feature.length + " nodes, " + numFeatures + " features]";
    }

    /** Assembles and validates an ensemble tree by tree. */
    public static final class Builder {
        private final int numFeatures;
        private final List<Double> weights = new ArrayList<>();
        private final List<Integer> roots = new ArrayList<>();
        private final List<TreeNode> nodes = new ArrayList<>();
        private final List<Integer> nodeBase = new ArrayList<>();

        private Builder(int numFeatures) {
            if (numFeatures <= 0) {
                throw new IllegalArgumentException("numFeatures must be > 0, got " + numFeatures);
            }
            this.numFeatures = numFeatures;
        }

        /**
         * Adds tree number {@link #size()} with its weight and nodes (any order; ids must be 0..n-1).
         *
         * @throws IllegalArgumentException naming the tree and node when the tree is malformed
         */
        public Builder addTree(double weight, List<TreeNode> treeNodes) {
            int t = roots.size();
            if (!Double.isFinite(weight)) {
                throw new IllegalArgumentException("tree " + t + ": weight must be finite, got " + weight);
            }
            if (treeNodes.isEmpty()) {
                throw new IllegalArgumentException("tree " + t + " has no nodes");
            }
            TreeNode[] byId = new TreeNode[treeNodes.size()];
            for (TreeNode node : treeNodes) {
                if (node.id() < 0 || node.id() >= byId.length) {
                    throw new IllegalArgumentException("tree " + t + ": node id " + node.id() + " outside 0.."
                            + (byId.length - 1));
                }
                if (byId[node.id()] != null) {
                    throw new IllegalArgumentException("tree " + t + ": duplicate node id " + node.id());
                }
                byId[node.id()] = node;
            }
            for (TreeNode node : byId) {
                check(t, node, byId.length);
            }
            int base = nodes.size();
            roots.add(base);
            weights.add(weight);
            for (TreeNode node : byId) {
                nodes.add(node);
                nodeBase.add(base);
            }
            return this;
        }

        private void check(int t, TreeNode node, int size) {
            String where = "tree " + t + " node " + node.id();
            if (!Double.isFinite(node.prediction())) {
                throw new IllegalArgumentException(where + ": prediction must be finite, got " + node.prediction());
            }
            if (node.isLeaf()) {
                return;
            }
            if (node.featureIndex() < 0 || node.featureIndex() >= numFeatures) {
                throw new IllegalArgumentException(where + ": feature index " + node.featureIndex() + " outside 0.."
                        + (numFeatures - 1));
            }
            if (node.leftChild() <= node.id() || node.leftChild() >= size || node.rightChild() <= node.id()
                    || node.rightChild() >= size || node.leftChild() == node.rightChild()) {
                throw new IllegalArgumentException(where + ": children " + node.leftChild() + "/" + node.rightChild()
                        + " must be distinct ids above " + node.id() + " and below " + size);
            }
            if (node.leftCategories() == null && Double.isNaN(node.threshold())) {
                throw new IllegalArgumentException(where + ": continuous split without a threshold");
            }
        }

        public int size() {
            return roots.size();
        }

        public TreeEnsemble build() {
            if (roots.isEmpty()) {
                throw new IllegalArgumentException("an ensemble needs at least one tree");
            }
            return new TreeEnsemble(this);
        }
    }
}
