package io.andiag.bench.peers;

/**
 * The simplest thing users run today: per series, the mean μ and standard deviation σ of the previous
 * {@code window} minutes, and the score z = (x − μ) / max(σ, σ floor) of the current minute (alert when z ≥ k).
 * The σ floor keeps an all-zero history from turning the first retransmission into an infinite score.
 */
public final class WindowedGaussianDetector implements SeriesDetector {

    private final int window;
    private final double sigmaFloor;
    private State last;

    /** What a streaming implementation keeps per series. */
    private record State(int[] ring, long sum, long sumSq, int filled) {
    }

    public WindowedGaussianDetector(int window, double sigmaFloor) {
        if (window < 2) {
            throw new IllegalArgumentException("gaussian window must be >= 2 minutes, got " + window);
        }
        if (!(sigmaFloor > 0)) {
            throw new IllegalArgumentException("gaussian sigma floor must be > 0, got " + sigmaFloor);
        }
        this.window = window;
        this.sigmaFloor = sigmaFloor;
    }

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public String settings() {
        return "trailing window " + window + " min, sigma floor " + sigmaFloor;
    }

    @Override
    public void run(MinuteMatrix m, int s, float[] scores) {
        int[] ring = new int[window];
        long sum = 0;
        long sumSq = 0;
        int filled = 0;
        for (int minute = 0; minute < m.minutes(); minute++) {
            int x = m.count(s, minute);
            if (filled < window) {
                scores[minute] = Float.NaN;
            } else {
                double mean = (double) sum / window;
                double var = Math.max(0.0, (double) sumSq / window - mean * mean);
                scores[minute] = (float) ((x - mean) / Math.max(Math.sqrt(var), sigmaFloor));
            }
            int slot = minute % window;
            if (filled == window) {
                int old = ring[slot];
                sum -= old;
                sumSq -= (long) old * old;
            } else {
                filled++;
            }
            ring[slot] = x;
            sum += x;
            sumSq += (long) x * x;
        }
        last = new State(ring, sum, sumSq, filled);
    }

    @Override
    public Object lastState() {
        return last;
    }
}
