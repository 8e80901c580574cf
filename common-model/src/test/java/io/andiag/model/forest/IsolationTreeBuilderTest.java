package io.andiag.model.forest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsolationTreeBuilderTest {

    private static double[][] sample(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {rnd.nextDouble(), rnd.nextDouble() * 100, rnd.nextInt(4)};
        }
        return x;
    }

    @Test
    void heightLimitIsCeilLog2OfSampleSize() {
        assertThat(IsolationTreeBuilder.heightLimit(1)).isZero();
        assertThat(IsolationTreeBuilder.heightLimit(2)).isEqualTo(1);
        assertThat(IsolationTreeBuilder.heightLimit(3)).isEqualTo(2);
        assertThat(IsolationTreeBuilder.heightLimit(256)).isEqualTo(8);
        assertThat(IsolationTreeBuilder.heightLimit(257)).isEqualTo(9);
    }

    @Test
    void sameSeedBuildsTheSameTree() {
        double[][] x = sample(1, 256);
        List<ForestNode> a = IsolationTreeBuilder.build(4, x, 99L);
        List<ForestNode> b = IsolationTreeBuilder.build(4, x, 99L);
        assertThat(a).isEqualTo(b);
        assertThat(IsolationTreeBuilder.build(4, x, 100L)).isNotEqualTo(a);
        assertThat(IsolationTreeBuilder.treeSeed(7, 0)).isEqualTo(IsolationTreeBuilder.treeSeed(7, 0))
                .isNotEqualTo(IsolationTreeBuilder.treeSeed(7, 1));
    }

    @Test
    void forestTrainingIsDeterministicForASeed() {
        double[][] x = sample(2, 1000);
        ForestSettings s = new ForestSettings(20, 128, 42);
        assertThat(new IsolationForestTrainer(s).train(x, List.of("a", "b", "c")).nodes())
                .isEqualTo(new IsolationForestTrainer(s).train(x, List.of("a", "b", "c")).nodes());
    }

    @Test
    void nodesArePreOrderWithConsistentSizesAndBoundedDepth() {
        double[][] x = sample(3, 256);
        List<ForestNode> nodes = IsolationTreeBuilder.build(0, x, 5L);
        assertThat(nodes.get(0).size()).isEqualTo(256);
        int[] depth = new int[nodes.size()];
        int leafTotal = 0;
        for (int i = 0; i < nodes.size(); i++) {
            ForestNode n = nodes.get(i);
            assertThat(n.nodeId()).isEqualTo(i);
            assertThat(n.treeId()).isZero();
            if (n.isLeaf()) {
                leafTotal += n.size();
                assertThat(depth[i]).isLessThanOrEqualTo(8);
            } else {
                assertThat(n.left()).isEqualTo(i + 1); // pre-order: left subtree right after its parent
                assertThat(n.right()).isGreaterThan(n.left());
                assertThat(nodes.get(n.left()).size() + nodes.get(n.right()).size()).isEqualTo(n.size());
                depth[n.left()] = depth[i] + 1;
                depth[n.right()] = depth[i] + 1;
            }
        }
        assertThat(leafTotal).isEqualTo(256);
        IsolationForest.of(nodes, 256, List.of("a", "b", "c")); // validates
    }

    @Test
    void identicalPointsStayInOneLeaf() {
        double[][] same = {{1, 2}, {1, 2}, {1, 2}, {1, 2}};
        assertThat(IsolationTreeBuilder.build(0, same, 1L)).containsExactly(ForestNode.leaf(0, 0, 4));
    }

    @Test
    void splitsOnlyOnFeaturesThatVary() {
        double[][] x = {{5, 0}, {5, 1}, {5, 2}, {5, 3}};
        for (ForestNode n : IsolationTreeBuilder.build(0, x, 8L)) {
            if (!n.isLeaf()) {
                assertThat(n.feature()).isEqualTo(1);
            }
        }
    }

    @Test
    void shouldRejectBadSamples() {
        assertThatThrownBy(() -> IsolationTreeBuilder.build(0, new double[0][], 1L))
                .hasMessage("cannot build an isolation tree from an empty sample");
        assertThatThrownBy(() -> IsolationTreeBuilder.build(0, new double[][] {{1, 2}, {1}}, 1L))
                .hasMessage("sample row 1 has 1 features, row 0 has 2");
        assertThatThrownBy(() -> IsolationTreeBuilder.build(0, new double[][] {{1, Double.NaN}}, 1L))
                .hasMessage("sample row 0 feature 1 is not finite: NaN");
    }
}
