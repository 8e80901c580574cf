package io.andiag.batch.profile;

/**
 * Level-2 clustering of the profile step.
 *
 * @param k       k-means clusters per frequency level; a level with fewer series than k is classified series by series
 * @param seed    k-means seed
 * @param maxIter k-means iterations at most
 */
public record ProfileSettings(int k, long seed, int maxIter) {

    public static final int DEFAULT_K = 8;
    public static final long DEFAULT_SEED = 7;
    public static final int DEFAULT_MAX_ITER = 40;

    public ProfileSettings {
        if (k < 2 || k > 100) {
            throw new IllegalArgumentException("--profile-k must be in 2..100, got " + k);
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException("--profile-max-iter must be >= 1, got " + maxIter);
        }
    }

    public static ProfileSettings defaults() {
        return new ProfileSettings(DEFAULT_K, DEFAULT_SEED, DEFAULT_MAX_ITER);
    }
}
