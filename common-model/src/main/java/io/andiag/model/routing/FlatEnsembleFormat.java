package io.andiag.model.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.andiag.model.lake.LakeReader;
import io.andiag.model.lake.LakeWriter;
import io.andiag.model.lake.RowEncoder;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Our own plain format for a {@link TreeEnsemble}, so a router can be published inside a parameter set and opened by
 * analysts with DuckDB or pyarrow:
 * <pre>
 * dir/ensemble.json   {"format":"andiag.tree_ensemble","format_version":1,"kind":"gbt_classifier",
 *                      "num_features":35,"tree_weights":[1.0,0.1,...]}
 * dir/nodes.parquet   one row per node, trees in order, nodes by id (pre-order):
 *                     tree_id int32, node_id int32, prediction double, feature_index int32 (-1 leaf),
 *                     threshold double (go left when x[feature_index] <= threshold; NaN for a leaf),
 *                     left_child int32, right_child int32 (-1 for a leaf; ids within the tree),
 *                     gain double, count double (for feature importances)
 * </pre>
 * Continuous splits only: an ensemble with categorical splits is refused by {@link #write} (the router's features
 * are all continuous).
 */
public final class FlatEnsembleFormat {

    public static final String FORMAT = "andiag.tree_ensemble";
    public static final int FORMAT_VERSION = 1;
    public static final String JSON_FILE = "ensemble.json";
    public static final String NODES_FILE = "nodes.parquet";

    static final MessageType NODES = Types.buildMessage()
            .required(PrimitiveTypeName.INT32).named("tree_id")
            .required(PrimitiveTypeName.INT32).named("node_id")
            .required(PrimitiveTypeName.DOUBLE).named("prediction")
            .required(PrimitiveTypeName.INT32).named("feature_index")
            .required(PrimitiveTypeName.DOUBLE).named("threshold")
            .required(PrimitiveTypeName.INT32).named("left_child")
            .required(PrimitiveTypeName.INT32).named("right_child")
            .required(PrimitiveTypeName.DOUBLE).named("gain")
            .required(PrimitiveTypeName.DOUBLE).named("count")
            .named("tree_nodes");

    private record Row(int tree, TreeNode node) {
    }

    private static final RowEncoder<Row> ENCODER = (r, s) -> s
            .putInt(0, r.tree)
            .putInt(1, r.node.id())
            .putDouble(2, r.node.prediction())
            .putInt(3, r.node.featureIndex())
            .putDouble(4, r.node.threshold())
            .putInt(5, r.node.leftChild())
            .putInt(6, r.node.rightChild())
            .putDouble(7, r.node.gain())
            .putDouble(8, r.node.count());

    private static final ObjectMapper JSON = new ObjectMapper();

    private FlatEnsembleFormat() {
    }

    /** True when {@code dir} holds an ensemble in this format. */
    public static boolean isFlatModel(Path dir) {
        return Files.isRegularFile(dir.resolve(JSON_FILE));
    }

    /** Writes {@code e} into {@code dir} (created; files replaced). */
    public static void write(TreeEnsemble e, Path dir) {
        if (e.hasCategoricalSplits()) {
            throw new IllegalArgumentException("the flat ensemble format holds continuous splits only; " + e
                    + " has categorical splits");
        }
        List<Row> rows = new ArrayList<>(e.numNodes());
        for (int t = 0; t < e.numTrees(); t++) {
            for (TreeNode n : e.nodes(t)) {
                rows.add(new Row(t, n));
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("kind", "gbt_classifier");
        root.put("num_features", e.numFeatures());
        ArrayNode weights = root.putArray("tree_weights");
        for (int t = 0; t < e.numTrees(); t++) {
            weights.add(e.treeWeight(t));
        }
        try {
            Files.createDirectories(dir);
            LakeWriter.writeAll(dir.resolve(NODES_FILE), NODES, ENCODER, rows);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(JSON_FILE).toFile(), root);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write ensemble to " + dir, ex);
        }
    }

    /**
     * Reads an ensemble written by {@link #write}.
     *
     * @throws IllegalArgumentException naming the directory and problem when the files are not a valid ensemble
     */
    public static TreeEnsemble read(Path dir) {
        JsonNode root;
        try {
            root = JSON.readTree(dir.resolve(JSON_FILE).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(JSON_FILE), e);
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(dir.resolve(JSON_FILE) + ": format is '" + root.path("format").asText()
                    + "', expected " + FORMAT);
        }
        int version = root.path("format_version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException(dir.resolve(JSON_FILE) + ": format_version " + version
                    + " is not supported (this code reads " + FORMAT_VERSION + ")");
        }
        int numFeatures = root.path("num_features").asInt(-1);
        JsonNode weights = root.path("tree_weights");
        if (!weights.isArray() || weights.isEmpty()) {
            throw new IllegalArgumentException(dir.resolve(JSON_FILE) + ": tree_weights must be a non-empty array");
        }
        Map<Integer, List<TreeNode>> trees = new TreeMap<>();
        LakeReader.forEach(dir.resolve(NODES_FILE), row -> {
            int left = row.getInt(5);
            TreeNode n = new TreeNode(row.getInt(1), row.getDouble(2), row.getInt(3), row.getDouble(4), null, left,
                    row.getInt(6), row.getDouble(7), row.getDouble(8));
            trees.computeIfAbsent(row.getInt(0), k -> new ArrayList<>()).add(n);
        });
        if (trees.size() != weights.size()) {
            throw new IllegalArgumentException(dir + ": " + weights.size() + " tree weights but nodes for "
                    + trees.size() + " trees");
        }
        TreeEnsemble.Builder b;
        try {
            b = TreeEnsemble.builder(numFeatures);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(dir.resolve(JSON_FILE) + ": " + e.getMessage(), e);
        }
        for (int t = 0; t < weights.size(); t++) {
            List<TreeNode> nodes = trees.get(t);
            if (nodes == null) {
                throw new IllegalArgumentException(dir + ": no nodes for tree " + t);
            }
            try {
                b.addTree(weights.get(t).asDouble(), nodes);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(dir + ": " + e.getMessage(), e);
            }
        }
        return b.build();
    }
}
