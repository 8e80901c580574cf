package io.andiag.model.routing;

import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a GBT classifier directory the way Spark MLlib saves one ({@code metadata/part-00000}, {@code data/} and
 * {@code treesMetadata/} Parquet with Spark's nested schema: optional fields, three-level lists), so the reader is
 * tested without Spark. The Spark-trained parity test lives in offline-batch.
 */
final class MllibModelFixture {

    /** Spark 4.x names the tree-metadata columns {@code _1,_2,_3}; Spark 3.x {@code treeID,metadata,weights}. */
    enum TreeMetadataColumns { SPARK4, SPARK3 }

    static final MessageType DATA = MessageTypeParser.parseMessageType("""
            message spark_schema {
              required int32 treeID;
              optional group nodeData {
                required int32 id;
                required double prediction;
                required double impurity;
                optional group impurityStats (LIST) {
                  repeated group list {
                    required double element;
                  }
                }
                required int64 rawCount;
                required double gain;
                required int32 leftChild;
                required int32 rightChild;
                optional group split {
                  required int32 featureIndex;
                  optional group leftCategoriesOrThreshold (LIST) {
                    repeated group list {
                      required double element;
                    }
                  }
                  required int32 numCategories;
                }
              }
            }""");

    private MllibModelFixture() {
    }

    static void write(Path dir, TreeEnsemble e, String modelClass, String lossType, TreeMetadataColumns columns)
            throws IOException {
        Files.createDirectories(dir.resolve("metadata"));
        String meta = "{\"class\":\"" + modelClass + "\",\"timestamp\":1732406400000,\"sparkVersion\":\"4.1.0\","
                + "\"uid\":\"gbtc_test\",\"paramMap\":{\"lossType\":\"" + lossType + "\",\"maxIter\":" + e.numTrees()
                + "},\"defaultParamMap\":{\"impurity\":\"variance\"},\"numFeatures\":" + e.numFeatures()
                + ",\"numTrees\":" + e.numTrees() + "}\n";
        Files.writeString(dir.resolve("metadata/part-00000"), meta, StandardCharsets.UTF_8);
        Files.write(dir.resolve("metadata/_SUCCESS"), new byte[0]);
        Files.write(dir.resolve("metadata/.part-00000.crc"), new byte[] {1, 2});

        String id = columns == TreeMetadataColumns.SPARK4 ? "_1" : "treeID";
        String json = columns == TreeMetadataColumns.SPARK4 ? "_2" : "metadata";
        String weight = columns == TreeMetadataColumns.SPARK4 ? "_3" : "weights";
        MessageType treesSchema = MessageTypeParser.parseMessageType("message spark_schema { required int32 " + id
                + "; optional binary " + json + " (STRING); required double " + weight + "; }");
        SimpleGroupFactory tf = new SimpleGroupFactory(treesSchema);
        try (ParquetWriter<Group> w = writer(dir.resolve("treesMetadata/part-00000-x-c000.snappy.parquet"),
                treesSchema)) {
            for (int t = e.numTrees() - 1; t >= 0; t--) { // any order: the reader sorts by tree id
                w.write(tf.newGroup().append(id, t).append(json, "{\"class\":\"tree\"}").append(weight,
                        e.treeWeight(t)));
            }
        }
        Files.write(dir.resolve("treesMetadata/_SUCCESS"), new byte[0]);

        SimpleGroupFactory f = new SimpleGroupFactory(DATA);
        try (ParquetWriter<Group> w = writer(dir.resolve("data/part-00000-x-c000.snappy.parquet"), DATA)) {
            for (int t = 0; t < e.numTrees(); t++) {
                List<TreeNode> nodes = e.nodes(t);
                for (int i = nodes.size() - 1; i >= 0; i--) { // any order: the reader orders by id
                    TreeNode n = nodes.get(i);
                    Group row = f.newGroup().append("treeID", t);
                    Group nd = row.addGroup("nodeData");
                    nd.append("id", n.id()).append("prediction", n.prediction()).append("impurity", 0.25);
                    Group stats = nd.addGroup("impurityStats");
                    for (double s : new double[] {n.count(), 1.0, 2.0}) {
                        stats.addGroup("list").append("element", s);
                    }
                    nd.append("rawCount", (long) n.count()).append("gain", n.isLeaf() ? -1.0 : n.gain())
                            .append("leftChild", n.leftChild()).append("rightChild", n.rightChild());
                    Group split = nd.addGroup("split");
                    Group cats = split.append("featureIndex", n.featureIndex()).addGroup("leftCategoriesOrThreshold");
                    double[] values = n.isLeaf() ? new double[0]
                            : n.isCategorical() ? n.leftCategories() : new double[] {n.threshold()};
                    for (double v : values) {
                        cats.addGroup("list").append("element", v);
                    }
                    split.append("numCategories", n.isLeaf() ? -1 : n.isCategorical() ? 4 : -1);
                    w.write(row);
                }
            }
        }
        Files.write(dir.resolve("data/_SUCCESS"), new byte[0]);
    }

    private static ParquetWriter<Group> writer(Path file, MessageType schema) throws IOException {
        Files.createDirectories(file.getParent());
        return ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }
}
