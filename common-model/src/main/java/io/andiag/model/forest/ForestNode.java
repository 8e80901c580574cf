package io.andiag.model.forest;

import java.io.Serializable;

/**
 * One row of the flat isolation-forest node table ({@code detector_forest}): trees are stored in pre-order with
 * explicit child ids, node ids local to their tree (root = 0).
 *
 * @param treeId    tree the node belongs to
 * @param nodeId    id within the tree, 0..n-1, root 0
 * @param feature   index of the split feature, -1 for a leaf
 * @param threshold split value: x[feature] &lt; threshold goes left, otherwise right (0 for a leaf)
 * @param left      node id of the left child, -1 for a leaf
 * @param right     node id of the right child, -1 for a leaf
 * @param size      training points that reached the node (for a leaf, the path-length adjustment c(size))
 */
public record ForestNode(int treeId, int nodeId, int feature, double threshold, int left, int right, int size)
        implements Serializable {

    public ForestNode {
        String where = "tree " + treeId + " node " + nodeId;
        if (nodeId < 0) {
            throw new IllegalArgumentException(where + ": node id must be >= 0");
        }
        if (size < 1) {
            throw new IllegalArgumentException(where + ": size must be >= 1, got " + size);
        }
        if (feature == -1) {
            if (left != -1 || right != -1) {
                throw new IllegalArgumentException(where + ": a leaf (feature -1) must have children -1, got left="
                        + left + " right=" + right);
            }
        } else {
            if (feature < 0) {
                throw new IllegalArgumentException(where + ": feature must be >= 0 or -1 for a leaf, got " + feature);
            }
            if (left < 0 || right < 0) {
                throw new IllegalArgumentException(where + ": a split node needs two children, got left=" + left
                        + " right=" + right);
            }
            if (!Double.isFinite(threshold)) {
                throw new IllegalArgumentException(where + ": threshold must be finite, got " + threshold);
            }
        }
    }

    public boolean isLeaf() {
        return feature == -1;
    }

    public static ForestNode leaf(int treeId, int nodeId, int size) {
        return new ForestNode(treeId, nodeId, -1, 0.0, -1, -1, size);
    }

    public static ForestNode split(int treeId, int nodeId, int feature, double threshold, int left, int right, int size) {
        return new ForestNode(treeId, nodeId, feature, threshold, left, right, size);
    }
}
