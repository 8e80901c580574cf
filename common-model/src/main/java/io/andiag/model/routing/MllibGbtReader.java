package io.andiag.model.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReader;
import io.andiag.model.lake.LakeRow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads a binary GBT classifier saved by Spark MLlib ({@code GBTClassificationModel.write().save(dir)}) without
 * Spark:
 * <pre>
 * dir/metadata/part-00000      one JSON line: class, sparkVersion, paramMap (lossType), numFeatures, numTrees
 * dir/treesMetadata/*.parquet  one row per tree: tree id, tree metadata JSON, tree weight
 * dir/data/*.parquet           one row per node: treeID, nodeData{id, prediction, impurity, impurityStats[],
 *                              rawCount, gain, leftChild, rightChild,
 *                              split{featureIndex, leftCategoriesOrThreshold[], numCategories}}
 * </pre>
 * The tree-metadata columns are {@code _1, _2, _3} in Spark 4.x (written by {@code ReadWriteUtils.saveArray} from
 * tuples; checked in the bytecode of spark-mllib_2.13-4.1.0) and {@code treeID, metadata, weights} up to Spark 3.5
 * ({@code EnsembleModelReadWrite.saveImpl} in apache/spark {@code mllib/src/main/scala/org/apache/spark/ml/tree/
 * treeModels.scala}); both are read. A leaf has {@code leftChild = -1}; a continuous split has
 * {@code numCategories = -1} and its threshold in {@code leftCategoriesOrThreshold[0]}.
 */
public final class MllibGbtReader {

    /** The only model class this reader accepts. */
    public static final String GBT_CLASSIFIER = "org.apache.spark.ml.classification.GBTClassificationModel";

    static final String METADATA = "metadata";
    static final String TREES_METADATA = "treesMetadata";
    static final String DATA = "data";

    private static final ObjectMapper JSON = new ObjectMapper();

    private MllibGbtReader() {
    }

    /** True when {@code dir} looks like an MLlib model directory (has {@code metadata/} and {@code data/}). */
    public static boolean isMllibModel(Path dir) {
        return Files.isDirectory(dir.resolve(METADATA)) && Files.isDirectory(dir.resolve(DATA));
    }

    /**
     * Reads the model in {@code dir}.
     *
     * @throws IllegalArgumentException naming the directory and the problem when it is not a valid binary GBT
     *                                  classifier with logistic loss
     * @throws UncheckedIOException     when a file cannot be read
     */
    public static TreeEnsemble read(Path dir) {
        JsonNode meta = metadata(dir);
        String cls = meta.path("class").asText("");
        if (!GBT_CLASSIFIER.equals(cls)) {
            throw new IllegalArgumentException(dir + ": model class is '" + cls + "', expected " + GBT_CLASSIFIER);
        }
        String loss = lossType(meta);
        if (!loss.isEmpty() && !loss.equals("logistic")) {
            throw new IllegalArgumentException(dir + ": lossType is '" + loss + "', only 'logistic' is supported");
        }
        int numFeatures = requiredInt(dir, meta, "numFeatures");
        int numTrees = requiredInt(dir, meta, "numTrees");
        double[] weights = treeWeights(dir, numTrees);
        Map<Integer, List<TreeNode>> trees = nodes(dir);
        if (trees.size() != numTrees) {
            throw new IllegalArgumentException(dir + ": metadata says " + numTrees + " trees, data/ has " + trees.size());
        }
        TreeEnsemble.Builder b = TreeEnsemble.builder(numFeatures);
        for (int t = 0; t < numTrees; t++) {
            List<TreeNode> nodes = trees.get(t);
            if (nodes == null) {
                throw new IllegalArgumentException(dir + ": data/ has no nodes for tree " + t);
            }
            try {
                b.addTree(weights[t], nodes);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(dir + ": " + e.getMessage(), e);
            }
        }
        return b.build();
    }

    private static JsonNode metadata(Path dir) {
        Path metaDir = dir.resolve(METADATA);
        if (!Files.isDirectory(metaDir)) {
            throw new IllegalArgumentException(dir + " is not an MLlib model directory: no " + METADATA + "/");
        }
        List<Path> files = LakeLayout.dataFiles(metaDir);
        if (files.isEmpty()) {
            throw new IllegalArgumentException(metaDir + " holds no metadata file");
        }
        try (BufferedReader r = Files.newBufferedReader(files.get(0), StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null || line.isBlank()) {
                throw new IllegalArgumentException(files.get(0) + " is empty");
            }
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + files.get(0), e);
        }
    }

    private static String lossType(JsonNode meta) {
        for (String params : new String[] {"paramMap", "defaultParamMap"}) {
            JsonNode v = meta.path(params).path("lossType");
            if (v.isTextual()) {
                return v.asText().toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    private static int requiredInt(Path dir, JsonNode meta, String field) {
        JsonNode v = meta.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException(dir + ": metadata has no integer '" + field + "'");
        }
        return v.asInt();
    }

    private static double[] treeWeights(Path dir, int numTrees) {
        List<LakeRow> rows = LakeReader.readAll(dir.resolve(TREES_METADATA));
        double[] weights = new double[numTrees];
        boolean[] seen = new boolean[numTrees];
        for (LakeRow row : rows) {
            String idColumn = row.hasColumn("treeID") ? "treeID" : "_1";
            String weightColumn = row.hasColumn("weights") ? "weights" : "_3";
            if (!row.hasColumn(idColumn) || !row.hasColumn(weightColumn)) {
                throw new IllegalArgumentException(dir + "/" + TREES_METADATA + ": expected columns treeID/weights or "
                        + "_1/_3, got " + row.toMap().keySet());
            }
            int t = row.getInt(idColumn);
            if (t < 0 || t >= numTrees || seen[t]) {
                throw new IllegalArgumentException(dir + "/" + TREES_METADATA + ": tree id " + t
                        + " duplicated or outside 0.." + (numTrees - 1));
            }
            seen[t] = true;
            weights[t] = row.getDouble(weightColumn);
        }
        for (int t = 0; t < numTrees; t++) {
            if (!seen[t]) {
                throw new IllegalArgumentException(dir + "/" + TREES_METADATA + ": no weight for tree " + t);
            }
        }
        return weights;
    }

    private static Map<Integer, List<TreeNode>> nodes(Path dir) {
        Map<Integer, List<TreeNode>> trees = new TreeMap<>();
        LakeReader.forEach(dir.resolve(DATA), List.of("treeID", "nodeData"), row -> {
            LakeRow n = row.getRow("nodeData");
            LakeRow split = n.getRow("split");
            int left = n.getInt("leftChild");
            TreeNode node;
            if (left < 0) {
                node = new TreeNode(n.getInt("id"), n.getDouble("prediction"), -1, Double.NaN, null, -1, -1, 0.0,
                        count(n));
            } else {
                double[] cats = doubles(split.getList("leftCategoriesOrThreshold"));
                int numCategories = split.getInt("numCategories");
                boolean continuous = numCategories < 0;
                if (continuous && cats.length != 1) {
                    throw new IllegalArgumentException(dir + ": tree " + row.getInt("treeID") + " node "
                            + n.getInt("id") + " is a continuous split with " + cats.length + " thresholds");
                }
                node = new TreeNode(n.getInt("id"), n.getDouble("prediction"), split.getInt("featureIndex"),
                        continuous ? cats[0] : Double.NaN, continuous ? null : cats, left, n.getInt("rightChild"),
                        n.getDouble("gain"), count(n));
            }
            trees.computeIfAbsent(row.getInt("treeID"), k -> new ArrayList<>()).add(node);
        });
        return trees;
    }

    /** Weighted row count of a node: impurityStats[0] (variance stats are count, sum, sum of squares), else rawCount. */
    private static double count(LakeRow n) {
        List<Object> stats = n.hasColumn("impurityStats") ? n.getList("impurityStats") : null;
        if (stats != null && !stats.isEmpty() && stats.get(0) != null) {
            return ((Number) stats.get(0)).doubleValue();
        }
        return n.hasColumn("rawCount") && !n.isNull("rawCount") ? n.getLong("rawCount") : 0.0;
    }

    private static double[] doubles(List<Object> list) {
        if (list == null) {
            return new double[0];
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }
}
