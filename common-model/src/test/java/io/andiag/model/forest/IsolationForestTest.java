package io.andiag.model.forest;

import io.andiag.model.testing.Allocations;
import io.andiag.model.testing.SeriesGenerator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

class IsolationForestTest {

    /** Known answers below were computed independently in Python from the paper's formulas, to 1e-12. */
    private static final double KNOWN = 1e-9;
    private static final List<String> XY = List.of("x", "y");

    /**
     * Hand-built tree, psi = 6:
     * <pre>
     * 0: x < 0.5 ? 1 : 2
     * 1: leaf, size 1
     * 2: y < 2.0 ? 3 : 4
     * 3: leaf, size 3
     * 4: leaf, size 2
     * </pre>
     */
    private static List<ForestNode> handTree(int treeId) {
        return List.of(
                ForestNode.split(treeId, 0, 0, 0.5, 1, 2, 6),
                ForestNode.leaf(treeId, 1, 1),
                ForestNode.split(treeId, 2, 1, 2.0, 3, 4, 5),
                ForestNode.leaf(treeId, 3, 3),
                ForestNode.leaf(treeId, 4, 2));
    }

    @Test
    void averagePathLengthMatchesThePaper() {
        assertThat(IsolationForest.averagePathLength(0)).isZero();
        assertThat(IsolationForest.averagePathLength(1)).isZero();
        assertThat(IsolationForest.averagePathLength(2)).isEqualTo(1.0);
        // c(3) = 2 (ln 2 + 0.5772156649) - 4/3 = 1.207392357586557
        assertThat(IsolationForest.averagePathLength(3)).isCloseTo(1.207392357586557, within(KNOWN));
        // c(256) = 2 (ln 255 + 0.5772156649) - 2 * 255 / 256 = 12.236958 - 1.992188 = 10.244770920116851
        assertThat(IsolationForest.averagePathLength(256)).isCloseTo(10.2448, within(1e-4));
        assertThat(IsolationForest.averagePathLength(256)).isCloseTo(10.244770920116851, within(KNOWN));
    }

    @Test
    void pathLengthOfHandBuiltTreeIncludesLeafAdjustment() {
        IsolationForest f = IsolationForest.of(handTree(0), 6, XY);
        assertThat(f.pathLength(0, new double[] {0.2, 9})).isEqualTo(1.0);                                   // 1 + c(1)
        assertThat(f.pathLength(0, new double[] {0.7, 1})).isCloseTo(2 + 1.207392357586557, within(KNOWN)); // 2 + c(3)
        assertThat(f.pathLength(0, new double[] {0.7, 3})).isEqualTo(3.0);                                   // 2 + c(2)
        // x < threshold goes left, so a value equal to the threshold goes right
        assertThat(f.pathLength(0, new double[] {0.5, 2.0})).isEqualTo(3.0);
        // s = 2^(-h / c(6)), c(6) = 2.7066404880015336
        assertThat(f.score(new double[] {0.2, 9})).isCloseTo(0.7740712644423979, within(KNOWN));
        assertThat(f.score(new double[] {0.7, 1})).isCloseTo(0.43982190463517695, within(KNOWN));
    }

    @Test
    void shouldScoreTreesWhoseNodeIdsAreNotInPreOrder() {
        // handTree(0) renumbered: every left child has a higher id than its right sibling, so the scoring layout
        // (pre-order, left child next) must re-lay the tree out; path lengths must not change
        IsolationForest renumbered = IsolationForest.of(List.of(
                ForestNode.split(0, 0, 0, 0.5, 4, 1, 6),
                ForestNode.split(0, 1, 1, 2.0, 3, 2, 5),
                ForestNode.leaf(0, 2, 2),
                ForestNode.leaf(0, 3, 3),
                ForestNode.leaf(0, 4, 1)), 6, XY);
        IsolationForest original = IsolationForest.of(handTree(0), 6, XY);
        for (double[] x : new double[][] {{0.2, 9}, {0.7, 1}, {0.7, 3}, {0.5, 2.0}, {-1, -1}, {9, 9}}) {
            assertThat(renumbered.pathLength(0, x)).isEqualTo(original.pathLength(0, x));
            assertThat(renumbered.score(x)).isEqualTo(original.score(x));
        }
        assertThat(renumbered.nodes()).containsExactlyElementsOf(List.of(
                ForestNode.split(0, 0, 0, 0.5, 4, 1, 6),
                ForestNode.split(0, 1, 1, 2.0, 3, 2, 5),
                ForestNode.leaf(0, 2, 2),
                ForestNode.leaf(0, 3, 3),
                ForestNode.leaf(0, 4, 1)));
    }

    @Test
    void scoreAveragesPathLengthsOverTrees() {
        List<ForestNode> nodes = new ArrayList<>(handTree(0));
        nodes.add(ForestNode.split(1, 0, 1, 5.0, 1, 2, 6));
        nodes.add(ForestNode.split(1, 1, 0, 0.5, 3, 4, 4));
        nodes.add(ForestNode.leaf(1, 2, 2));
        nodes.add(ForestNode.leaf(1, 3, 1));
        nodes.add(ForestNode.leaf(1, 4, 3));
        IsolationForest f = IsolationForest.of(nodes, 6, XY);
        // x = (0.7, 1): tree 0 -> 2 + c(3); tree 1 -> y < 5, x >= 0.5 -> leaf size 3 at depth 2 -> 2 + c(3)
        // x = (0.2, 9): tree 0 -> 1; tree 1 -> y >= 5 -> leaf size 2 at depth 1 -> 1 + c(2) = 2
        assertThat(f.meanPathLength(new double[] {0.2, 9})).isCloseTo(1.5, within(KNOWN));
        assertThat(f.score(new double[] {0.2, 9})).isCloseTo(Math.pow(2, -1.5 / 2.7066404880015336), within(KNOWN));
        assertThat(f.trees()).isEqualTo(2);
    }

    @Test
    void obviousOutliersScoreHighAndInliersLow() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[][] data = new double[1000][];
        for (int i = 0; i < data.length; i++) {
            data[i] = new double[] {SeriesGenerator.gaussian(rnd), SeriesGenerator.gaussian(rnd)};
        }
        IsolationForest f = new IsolationForestTrainer(ForestSettings.defaults()).train(data, XY);
        assertThat(f.trees()).isEqualTo(100);
        assertThat(f.sampleSize()).isEqualTo(256);
        for (double[] far : new double[][] {{8, 8}, {-9, 7}, {-10, -10}, {6, -7}}) {
            assertThat(f.score(far)).as("score of %s", java.util.Arrays.toString(far)).isGreaterThan(0.7);
        }
        // Splits are axis-parallel: a point extreme in ONE coordinate only is isolated by about half of the splits
        // and scores lower (0.63 here) -- still clearly above every inlier, but below 0.7.
        double oneAxis = f.score(new double[] {0, 12});
        assertThat(oneAxis).isGreaterThan(0.6);
        assertThat(f.score(new double[] {0, 0})).isLessThan(0.5);
        double mean = 0;
        for (int i = 0; i < 200; i++) {
            mean += f.score(new double[] {SeriesGenerator.gaussian(rnd), SeriesGenerator.gaussian(rnd)});
        }
        assertThat(mean / 200).isLessThan(0.5);
    }

    @Test
    void shouldRoundTripNodeTableInAnyOrder() throws Exception {
        double[][] data = new double[300][];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < data.length; i++) {
            data[i] = new double[] {rnd.nextDouble(), rnd.nextDouble() * 10};
        }
        IsolationForest f = new IsolationForestTrainer(new ForestSettings(10, 64, 5)).train(data, XY);
        List<ForestNode> shuffled = new ArrayList<>(f.nodes());
        Collections.shuffle(shuffled, new Random(1));
        IsolationForest reloaded = IsolationForest.of(shuffled, f.sampleSize(), f.featureNames());
        assertThat(reloaded.nodes()).isEqualTo(f.nodes());
        for (double[] x : data) {
            assertThat(reloaded.score(x)).isEqualTo(f.score(x));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(f);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            IsolationForest copy = (IsolationForest) in.readObject();
            assertThat(copy.nodes()).isEqualTo(f.nodes());
            assertThat(copy.score(data[0])).isEqualTo(f.score(data[0]));
        }
    }

    @Test
    void shouldRejectMalformedTablesNamingTreeAndNode() {
        assertThatThrownBy(() -> IsolationForest.of(List.of(
                ForestNode.split(0, 0, 0, 1, 1, 7, 2), ForestNode.leaf(0, 1, 1), ForestNode.leaf(0, 2, 1)), 4, XY))
                .hasMessage("tree 0 node 0: child 7 out of range [0, 3)");
        assertThatThrownBy(() -> IsolationForest.of(List.of(
                ForestNode.split(3, 0, 2, 1, 1, 2, 2), ForestNode.leaf(3, 1, 1), ForestNode.leaf(3, 2, 1)), 4, XY))
                .hasMessage("tree 3 node 0: split feature 2 out of range [0, 2)");
        assertThatThrownBy(() -> IsolationForest.of(List.of(ForestNode.leaf(0, 0, 1), ForestNode.leaf(0, 2, 1)), 4, XY))
                .hasMessage("tree 0: node ids must be 0..1 without gaps or duplicates, found node id 2 at position 1");
        assertThatThrownBy(() -> IsolationForest.of(List.of(
                ForestNode.split(0, 0, 0, 1, 1, 1, 2), ForestNode.leaf(0, 1, 1)), 4, XY))
                .hasMessage("tree 0 node 1 has more than one parent (not a tree)");
        assertThatThrownBy(() -> IsolationForest.of(List.of(
                ForestNode.split(0, 0, 0, 1, 1, 2, 2), ForestNode.split(0, 1, 0, 1, 0, 2, 2), ForestNode.leaf(0, 2, 1)), 4, XY))
                .hasMessage("tree 0 node 1: the root (node 0) cannot be a child (cycle)");
        // nodes 3 and 4 point at each other, away from the root
        assertThatThrownBy(() -> IsolationForest.of(List.of(
                ForestNode.split(0, 0, 0, 1, 1, 2, 2), ForestNode.leaf(0, 1, 1), ForestNode.leaf(0, 2, 1),
                ForestNode.split(0, 3, 0, 1, 4, 5, 2), ForestNode.split(0, 4, 0, 1, 3, 6, 2),
                ForestNode.leaf(0, 5, 1), ForestNode.leaf(0, 6, 1)), 4, XY))
                .hasMessage("tree 0 node 3 is not reachable from the root (detached or in a cycle)");
        assertThatThrownBy(() -> ForestNode.split(0, 1, -1, 1, 2, 3, 2)).hasMessageContaining("tree 0 node 1: a leaf");
        assertThatThrownBy(() -> ForestNode.split(0, 1, 0, Double.NaN, 2, 3, 2))
                .hasMessage("tree 0 node 1: threshold must be finite, got NaN");
    }

    @Test
    void scoreAtLeastDecidesExactlyAsTheFullScoreAndReturnsItWhenReached() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[][] data = new double[1000][];
        for (int i = 0; i < data.length; i++) {
            data[i] = new double[] {SeriesGenerator.gaussian(rnd), SeriesGenerator.gaussian(rnd)};
        }
        IsolationForest f = new IsolationForestTrainer(ForestSettings.defaults()).train(data, XY);
        double[][] points = new double[600][];
        for (int i = 0; i < points.length; i++) {
            // inliers, a ring of outliers and everything between
            double r = i % 3 == 0 ? 6 * rnd.nextDouble() : 1;
            points[i] = new double[] {r * SeriesGenerator.gaussian(rnd), r * SeriesGenerator.gaussian(rnd)};
        }
        // thresholds: a grid, plus every point's own score (the edge where rounding would matter)
        List<Double> thresholds = new ArrayList<>(List.of(0.0, 0.3, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 1.0));
        for (int i = 0; i < 50; i++) {
            thresholds.add(f.score(points[i]));
        }
        int early = 0;
        for (double t : thresholds) {
            for (double[] x : points) {
                double full = f.score(x);
                double screened = f.scoreAtLeast(x, t);
                assertThat(screened >= t).as("decision at %s for %s", t, java.util.Arrays.toString(x)).isEqualTo(full >= t);
                if (full >= t) {
                    assertThat(screened).isEqualTo(full);
                } else {
                    assertThat(screened).isGreaterThanOrEqualTo(full).isLessThan(t);
                    early += screened != full ? 1 : 0;
                }
            }
        }
        // inliers against a detector threshold stop before the last tree
        assertThat(f.scoreAtLeast(new double[] {0, 0}, 0.7)).isGreaterThan(f.score(new double[] {0, 0}));
        assertThat(early).isGreaterThan(points.length);
    }

    @Test
    void shouldRejectVectorOfWrongLength() {
        IsolationForest f = IsolationForest.of(handTree(0), 6, XY);
        assertThatThrownBy(() -> f.score(new double[3])).hasMessage("feature vector must have 2 values [x, y], got 3");
        assertThatThrownBy(() -> f.scoreAtLeast(new double[3], 0.5)).hasMessage("feature vector must have 2 values [x, y], got 3");
    }

    @Test
    void shouldNotAllocateWhenScoring() {
        double[][] data = new double[500][];
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < data.length; i++) {
            data[i] = new double[] {rnd.nextDouble(), rnd.nextDouble()};
        }
        IsolationForest f = new IsolationForestTrainer(ForestSettings.defaults()).train(data, XY);
        double sink = 0;
        for (int i = 0; i < 5_000; i++) {
            sink += f.score(data[i % data.length]);
        }
        assumeThat(Allocations.allocatedBytes()).as("thread allocation counter").isNotNegative();
        long before = Allocations.allocatedBytes();
        for (int i = 0; i < 20_000; i++) {
            sink += f.score(data[i % data.length]) + f.scoreAtLeast(data[i % data.length], 0.6);
        }
        long allocated = Allocations.allocatedBytes() - before;
        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated by 20k scores of each kind").isLessThan(16_384);
    }
}
