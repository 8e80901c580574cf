package io.andiag.model.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TreeEnsembleTest {

    private static final double TOLERANCE = 1e-12;

    /**
     * Two trees over two features.
     * Tree 0 (weight 1.0): x0 <= 0.5 ? 1.0 : (x1 <= 2.0 ? 0.5 : -1.0).
     * Tree 1 (weight 0.1): x1 <= 1.0 ? 0.8 : -0.6.
     */
    static TreeEnsemble twoTrees() {
        return TreeEnsemble.builder(2)
                .addTree(1.0, List.of(
                        new TreeNode(0, 0.1, 0, 0.5, null, 1, 2, 0.3, 100),
                        TreeNode.leaf(1, 1.0),
                        new TreeNode(2, -0.2, 1, 2.0, null, 3, 4, 0.2, 40),
                        TreeNode.leaf(3, 0.5),
                        TreeNode.leaf(4, -1.0)))
                .addTree(0.1, List.of(
                        new TreeNode(0, 0.0, 1, 1.0, null, 1, 2, 0.5, 100),
                        TreeNode.leaf(1, 0.8),
                        TreeNode.leaf(2, -0.6)))
                .build();
    }

    /** Margins by hand from the trees above; probabilities from Python: 1 / (1 + math.exp(-2 * m)). */
    static void assertKnownAnswers(TreeEnsemble e) {
        assertThat(e.margin(new double[] {0.2, 5.0})).isCloseTo(0.94, within(TOLERANCE));
        assertThat(e.probability(new double[] {0.2, 5.0})).isCloseTo(0.8676111264579346, within(TOLERANCE));
        assertThat(e.margin(new double[] {0.7, 1.5})).isCloseTo(0.44, within(TOLERANCE));
        assertThat(e.probability(new double[] {0.7, 1.5})).isCloseTo(0.7068222210935676, within(TOLERANCE));
        assertThat(e.probability(new double[] {0.7, 3.0})).isCloseTo(0.10716807048652817, within(TOLERANCE));
        // thresholds are inclusive: x <= threshold goes left
        assertThat(e.probability(new double[] {0.5, 1.0})).isCloseTo(0.8965995485417504, within(TOLERANCE));
        // NaN fails <= and goes right, as in MLlib
        assertThat(e.probability(new double[] {Double.NaN, 0.0})).isCloseTo(0.7613327148429104, within(TOLERANCE));
    }

    @TempDir
    Path dir;

    @Test
    void shouldScoreAHandBuiltTwoTreeModel() {
        TreeEnsemble e = twoTrees();
        assertThat(e.numTrees()).isEqualTo(2);
        assertThat(e.numNodes()).isEqualTo(8);
        assertKnownAnswers(e);
    }

    @Test
    void shouldComputeGainTimesCountImportances() {
        // f0: 0.3 * 100 = 30; f1: 0.2 * 40 + 0.5 * 100 = 58; normalized by 88
        assertThat(twoTrees().featureImportances())
                .containsExactly(new double[] {30.0 / 88, 58.0 / 88}, within(TOLERANCE));
    }

    @Test
    void shouldLoadAnMllibModelDirectoryWrittenBySpark4() throws Exception {
        MllibModelFixture.write(dir, twoTrees(), MllibGbtReader.GBT_CLASSIFIER, "logistic",
                MllibModelFixture.TreeMetadataColumns.SPARK4);
        assertThat(MllibGbtReader.isMllibModel(dir)).isTrue();
        TreeEnsemble loaded = MllibGbtReader.read(dir);
        assertKnownAnswers(loaded);
        assertThat(loaded).isEqualTo(twoTrees());
    }

    @Test
    void shouldLoadTheSpark3TreeMetadataColumnNames() throws Exception {
        MllibModelFixture.write(dir, twoTrees(), MllibGbtReader.GBT_CLASSIFIER, "logistic",
                MllibModelFixture.TreeMetadataColumns.SPARK3);
        assertKnownAnswers(MllibGbtReader.read(dir));
    }

    @Test
    void shouldEvaluateCategoricalSplitsLikeMllib() throws Exception {
        // x0 in {1, 3} goes left
        TreeEnsemble e = TreeEnsemble.builder(1)
                .addTree(1.0, List.of(new TreeNode(0, 0, 0, Double.NaN, new double[] {1, 3}, 1, 2, 0, 0),
                        TreeNode.leaf(1, 2.0), TreeNode.leaf(2, -2.0)))
                .build();
        assertThat(e.margin(new double[] {3})).isEqualTo(2.0);
        assertThat(e.margin(new double[] {2})).isEqualTo(-2.0);
        MllibModelFixture.write(dir, e, MllibGbtReader.GBT_CLASSIFIER, "logistic",
                MllibModelFixture.TreeMetadataColumns.SPARK4);
        assertThat(MllibGbtReader.read(dir).margin(new double[] {1})).isEqualTo(2.0);
        assertThatThrownBy(() -> FlatEnsembleFormat.write(e, dir.resolve("flat")))
                .hasMessageContaining("categorical");
    }

    @Test
    void shouldRefuseAnotherModelClassOrLoss() throws Exception {
        MllibModelFixture.write(dir.resolve("rf"), twoTrees(),
                "org.apache.spark.ml.classification.RandomForestClassificationModel", "logistic",
                MllibModelFixture.TreeMetadataColumns.SPARK4);
        assertThatThrownBy(() -> MllibGbtReader.read(dir.resolve("rf")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RandomForestClassificationModel");
        MllibModelFixture.write(dir.resolve("sq"), twoTrees(), MllibGbtReader.GBT_CLASSIFIER, "squared",
                MllibModelFixture.TreeMetadataColumns.SPARK4);
        assertThatThrownBy(() -> MllibGbtReader.read(dir.resolve("sq")))
                .hasMessageContaining("lossType is 'squared'");
    }

    @Test
    void shouldRoundTripTheFlatFormat() {
        TreeEnsemble e = twoTrees();
        FlatEnsembleFormat.write(e, dir);
        TreeEnsemble back = FlatEnsembleFormat.read(dir);
        assertThat(back).isEqualTo(e);
        for (int t = 0; t < e.numTrees(); t++) {
            assertThat(back.nodes(t)).isEqualTo(e.nodes(t)); // record equals: NaN thresholds compare equal
            assertThat(back.treeWeight(t)).isEqualTo(e.treeWeight(t));
        }
        assertKnownAnswers(back);
    }

    @Test
    void shouldRefuseMalformedTreesNamingTreeAndNode() {
        assertThatThrownBy(() -> TreeEnsemble.builder(2).addTree(1.0, List.of(
                new TreeNode(0, 0, 5, 1.0, null, 1, 2, 0, 0), TreeNode.leaf(1, 1), TreeNode.leaf(2, 2))))
                .hasMessage("tree 0 node 0: feature index 5 outside 0..1");
        assertThatThrownBy(() -> TreeEnsemble.builder(2).addTree(1.0, List.of(
                TreeNode.leaf(0, 1), TreeNode.split(1, 0, 1.0, 0, 2), TreeNode.leaf(2, 2))))
                .hasMessageContaining("tree 0 node 1: children 0/2 must be distinct ids above 1");
        assertThatThrownBy(() -> TreeEnsemble.builder(2).addTree(1.0, List.of(TreeNode.leaf(0, 1), TreeNode.leaf(0, 2))))
                .hasMessage("tree 0: duplicate node id 0");
        assertThatThrownBy(() -> twoTrees().margin(new double[1]))
                .hasMessage("feature vector length must be >= 2, got 1");
    }
}
