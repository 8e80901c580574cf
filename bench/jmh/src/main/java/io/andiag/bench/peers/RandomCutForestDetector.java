package io.andiag.bench.peers;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.state.RandomCutForestMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/**
 * The usual per-series streaming detector: Amazon's Random Cut Forest (randomcutforest-core), one forest per series,
 * fed the minute counts with internal shingling; each minute is scored ({@code getAnomalyScore}) before it updates
 * the forest, as a streaming deployment does. RCF's own defaults apart from the shingle size, trees and seed.
 */
public final class RandomCutForestDetector implements SeriesDetector {

    private final int trees;
    private final int sampleSize;
    private final int shingleSize;
    private final long seed;
    private final double[] point = new double[1];
    private RandomCutForest last;

    public RandomCutForestDetector(int trees, int sampleSize, int shingleSize, long seed) {
        if (trees < 1 || sampleSize < 2 || shingleSize < 1) {
            throw new IllegalArgumentException("rcf needs trees >= 1, sample size >= 2 and shingle size >= 1, got "
                    + trees + ", " + sampleSize + ", " + shingleSize);
        }
        this.trees = trees;
        this.sampleSize = sampleSize;
        this.shingleSize = shingleSize;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "rcf";
    }

    @Override
    public String settings() {
        return "randomcutforest-core 4.3.0, " + trees + " trees, sample size " + sampleSize + ", shingle "
                + shingleSize + " (internal), other settings RCF defaults";
    }

    @Override
    public void run(MinuteMatrix m, int s, float[] scores) {
        RandomCutForest forest = RandomCutForest.builder()
                .dimensions(shingleSize)
                .shingleSize(shingleSize)
                .internalShinglingEnabled(true)
                .numberOfTrees(trees)
                .sampleSize(sampleSize)
                .randomSeed(seed + s)
                .build();
        for (int minute = 0; minute < m.minutes(); minute++) {
            point[0] = m.count(s, minute);
            double score = forest.getAnomalyScore(point);
            scores[minute] = forest.isOutputReady() ? (float) score : Float.NaN;
            forest.update(point);
        }
        last = forest;
    }

    @Override
    public RandomCutForest lastState() {
        return last;
    }

    /** Bytes of the forest's state as RCF persists it (its mapper, Java-serialized), compression on. */
    public static int serializedStateBytes(RandomCutForest forest) {
        RandomCutForestMapper mapper = new RandomCutForestMapper();
        mapper.setCompressionEnabled(true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(mapper.toState(forest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }
}
