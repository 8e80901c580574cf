package io.andiag.batch.detector;

import java.io.Serializable;

/** One sampled feature vector of the training pool. */
record PoolRow(String key, int minute, boolean labelled, double[] features) implements Serializable {
}
