package io.andiag.model.forest;

import io.andiag.model.config.Param;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** Isolation-forest training parameters (Liu et al. 2008 recommend 100 trees of 256 samples). */
public record ForestSettings(int trees, int sampleSize, long seed) implements Serializable {

    public static final Param<Integer> TREES = Param.intIn("detection.forest.trees", 100, 1, 100_000,
            "number of isolation trees");
    public static final Param<Integer> SAMPLE_SIZE = Param.intIn("detection.forest.sample_size", 256, 2, 1 << 20,
            "points per tree (psi); the height limit is ceil(log2 psi)");
    public static final Param<Long> SEED = Param.anyLong("detection.forest.seed", 20_240_710L,
            "seed of the forest; tree t uses IsolationTreeBuilder.treeSeed(seed, t)");

    public static final List<Param<?>> PARAMS = List.of(TREES, SAMPLE_SIZE, SEED);

    private static final ForestSettings DEFAULTS = from(Map.of());

    public ForestSettings {
        TREES.check(trees);
        SAMPLE_SIZE.check(sampleSize);
        SEED.check(seed);
    }

    public static ForestSettings defaults() {
        return DEFAULTS;
    }

    public static ForestSettings from(Map<String, ?> props) {
        return new ForestSettings(TREES.read(props), SAMPLE_SIZE.read(props), SEED.read(props));
    }
}
