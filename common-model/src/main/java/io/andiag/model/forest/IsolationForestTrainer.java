package io.andiag.model.forest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains a forest in memory: for tree t, draws min(psi, n) distinct rows with a generator seeded by
 * {@code treeSeed(seed, t)} and builds the tree with the next long of that generator. For data that fits one JVM
 * (tests, small replays); the Spark job samples its own way and calls {@link IsolationTreeBuilder} per tree.
 */
public final class IsolationForestTrainer {

    private final ForestSettings settings;

    public IsolationForestTrainer(ForestSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public IsolationForest train(double[][] data, List<String> featureNames) {
        if (data.length < 2) {
            throw new IllegalArgumentException("need at least 2 rows to train an isolation forest, got " + data.length);
        }
        int psi = Math.min(settings.sampleSize(), data.length);
        List<ForestNode> nodes = new ArrayList<>();
        int[] idx = new int[data.length];
        double[][] sample = new double[psi][];
        for (int t = 0; t < settings.trees(); t++) {
            SplittableRandom rnd = new SplittableRandom(IsolationTreeBuilder.treeSeed(settings.seed(), t));
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            for (int i = 0; i < psi; i++) {
                int j = i + rnd.nextInt(idx.length - i);
                int tmp = idx[i];
                idx[i] = idx[j];
                idx[j] = tmp;
                sample[i] = data[idx[i]];
            }
            nodes.addAll(IsolationTreeBuilder.build(t, sample, rnd.nextLong()));
        }
        return IsolationForest.of(nodes, psi, featureNames);
    }
}
