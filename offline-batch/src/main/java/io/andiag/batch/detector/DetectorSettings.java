package io.andiag.batch.detector;

/**
 * Sampling and calibration of the train-detector step (the forest's trees, sample size and seed, and the target share,
 * are detection settings: {@code --conf detection.forest.*}, {@code detection.threshold.*}).
 *
 * @param poolSize           feature vectors sampled from normal history into the training pool (each tree draws its
 *                           sample size from it)
 * @param labelledShare      labelled-incident vectors added to the pool, at most this share of {@code poolSize}
 * @param calibrationMinutes minutes of history scored for the threshold calibration, drawn with the forest seed; the
 *                           whole history when it has fewer minutes (0 also means all of them)
 */
public record DetectorSettings(int poolSize, double labelledShare, int calibrationMinutes) {

    public static final int DEFAULT_POOL_SIZE = 100_000;
    public static final double DEFAULT_LABELLED_SHARE = 0.05;
    public static final int DEFAULT_CALIBRATION_MINUTES = 240;

    public DetectorSettings {
        if (poolSize < 256 || poolSize > 5_000_000) {
            throw new IllegalArgumentException("--pool-size must be in 256..5000000, got " + poolSize);
        }
        if (!(labelledShare >= 0 && labelledShare <= 1)) {
            throw new IllegalArgumentException("--labelled-share must be in [0, 1], got " + labelledShare);
        }
        if (calibrationMinutes < 0) {
            throw new IllegalArgumentException("--calibration-minutes must be >= 0 (0 = all), got " + calibrationMinutes);
        }
    }

    public static DetectorSettings defaults() {
        return new DetectorSettings(DEFAULT_POOL_SIZE, DEFAULT_LABELLED_SHARE, DEFAULT_CALIBRATION_MINUTES);
    }
}
