package io.andiag.model.routing;

/**
 * One node of a decision tree, as stored (MLlib's {@code NodeData} or our flat node table), before it is packed
 * into {@link TreeEnsemble}'s arrays.
 *
 * @param id            node id within its tree, 0 = root; ids are 0..n-1 and a child's id is above its parent's
 *                      (MLlib numbers nodes in pre-order)
 * @param prediction    the node's prediction (for a leaf of a GBT tree: its regression value)
 * @param featureIndex  split feature, -1 for a leaf
 * @param threshold     continuous split: go left when {@code x[featureIndex] <= threshold}; NaN for leaves and
 *                      categorical splits
 * @param leftCategories categorical split: go left when {@code x[featureIndex]} is one of these; null otherwise
 * @param leftChild     id of the left child, -1 for a leaf
 * @param rightChild    id of the right child, -1 for a leaf
 * @param gain          impurity gain of the split (0 for a leaf), for feature importances
 * @param count         (weighted) training rows that reached the node, for feature importances
 */
public record TreeNode(int id, double prediction, int featureIndex, double threshold, double[] leftCategories,
                       int leftChild, int rightChild, double gain, double count) {

    /** A leaf. */
    public static TreeNode leaf(int id, double prediction) {
        return new TreeNode(id, prediction, -1, Double.NaN, null, -1, -1, 0.0, 0.0);
    }

    /** A continuous split: left when {@code x[featureIndex] <= threshold}. */
    public static TreeNode split(int id, int featureIndex, double threshold, int leftChild, int rightChild) {
        return new TreeNode(id, 0.0, featureIndex, threshold, null, leftChild, rightChild, 0.0, 0.0);
    }

    public boolean isLeaf() {
        return leftChild < 0;
    }

    public boolean isCategorical() {
        return leftCategories != null;
    }
}
