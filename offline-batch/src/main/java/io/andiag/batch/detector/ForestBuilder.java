package io.andiag.batch.detector;

import io.andiag.model.forest.ForestNode;
import io.andiag.model.forest.ForestSettings;
import io.andiag.model.forest.IsolationTreeBuilder;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Builds the isolation trees in parallel on Spark: the pool is broadcast, the tree ids are parallelised, and each task
 * draws its tree's sub-sample and calls {@link IsolationTreeBuilder} with exactly the seeding of common-model's
 * in-memory {@code IsolationForestTrainer} (tree t: a generator seeded with {@code treeSeed(seed, t)} draws
 * min(psi, n) distinct rows by a partial Fisher-Yates shuffle, then seeds the tree with its next long). The forest is
 * therefore the same as the plain-Java trainer's on the same pool, whatever the partitioning.
 */
public final class ForestBuilder {

    private ForestBuilder() {
    }

    /** The node rows of every tree, sorted by tree id then node id. */
    public static List<ForestNode> build(JavaSparkContext jsc, double[][] pool, ForestSettings settings) {
        if (pool.length < 2) {
            throw new IllegalArgumentException("need at least 2 feature vectors to train an isolation forest, got " + pool.length);
        }
        Broadcast<double[][]> data = jsc.broadcast(pool);
        int psi = Math.min(settings.sampleSize(), pool.length);
        long seed = settings.seed();
        List<Integer> trees = IntStream.range(0, settings.trees()).boxed().toList();
        int slices = Math.max(1, Math.min(settings.trees(), jsc.defaultParallelism() * 2));
        List<ForestNode> nodes = new ArrayList<>(jsc.parallelize(trees, slices)
                .flatMap(t -> tree(t, data.value(), psi, seed).iterator())
                .collect());
        data.destroy();
        nodes.sort((a, b) -> a.treeId() != b.treeId() ? Integer.compare(a.treeId(), b.treeId()) : Integer.compare(a.nodeId(), b.nodeId()));
        return nodes;
    }

    static List<ForestNode> tree(int treeId, double[][] data, int psi, long seed) {
        SplittableRandom rnd = new SplittableRandom(IsolationTreeBuilder.treeSeed(seed, treeId));
        int[] idx = new int[data.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        double[][] sample = new double[psi][];
        for (int i = 0; i < psi; i++) {
            int j = i + rnd.nextInt(idx.length - i);
            int tmp = idx[i];
            idx[i] = idx[j];
            idx[j] = tmp;
            sample[i] = data[idx[i]];
        }
        return IsolationTreeBuilder.build(treeId, sample, rnd.nextLong());
    }
}
