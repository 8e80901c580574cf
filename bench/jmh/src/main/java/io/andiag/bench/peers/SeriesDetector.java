package io.andiag.bench.peers;

/**
 * A per-series streaming detector run over one series of a {@link MinuteMatrix}, minute by minute in time order,
 * as the speed layer would see it. Higher score = more abnormal; only increases matter (one-sided).
 */
public interface SeriesDetector {

    String name();

    /** One line on how it is configured, for the report. */
    String settings();

    /**
     * Streams series {@code s} through a fresh per-series state and writes the score of every minute into
     * {@code scores} (length {@link MinuteMatrix#minutes()}); {@code NaN} where the detector gives no score yet
     * (warming up) or skips the minute.
     */
    void run(MinuteMatrix m, int s, float[] scores);

    /**
     * The per-series state the last {@link #run} left (what a streaming deployment keeps per series between
     * minutes), for measuring its size.
     */
    Object lastState();
}
