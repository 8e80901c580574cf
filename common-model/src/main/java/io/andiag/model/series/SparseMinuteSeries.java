package io.andiag.model.series;

import java.io.Serializable;
import java.util.Arrays;
import java.util.BitSet;

/**
 * One series over a window of {@code minutes} minutes starting at the minute-aligned epoch millisecond
 * {@code startMs}: which minutes were observed (had a heartbeat) and the non-zero counts, sorted by minute.
 *
 * <p>An observed minute with no entry has count 0; an unobserved minute is a data gap, not a zero, and takes part in
 * no statistic. A minute with a count is observed by definition (a count arrives with a heartbeat).
 *
 * <p>Minutes are indices {@code 0..minutes-1} relative to {@code startMs}. Immutable; build with {@link #builder}.
 */
public final class SparseMinuteSeries implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final long MINUTE_MS = 60_000L;

    private final long startMs;
    private final int minutes;
    private final long[] observedWords;
    private final int observedCount;
    private final int[] nzMinute;
    private final int[] nzCount;

    private SparseMinuteSeries(long startMs, int minutes, long[] observedWords, int[] nzMinute, int[] nzCount) {
        this.startMs = startMs;
        this.minutes = minutes;
        this.observedWords = observedWords;
        this.nzMinute = nzMinute;
        this.nzCount = nzCount;
        int n = 0;
        for (long w : observedWords) {
            n += Long.bitCount(w);
        }
        this.observedCount = n;
    }

    public static Builder builder(long startMs, int minutes) {
        return new Builder(startMs, minutes);
    }

    /**
     * A series from an observed-minutes bitset and parallel (minute, count) arrays in any order; counts of the same
     * minute are summed and zero counts only mark the minute observed.
     */
    public static SparseMinuteSeries of(long startMs, int minutes, BitSet observed, int[] minute, int[] count) {
        if (minute.length != count.length) {
            throw new IllegalArgumentException("minute and count arrays differ in length: " + minute.length + " vs " + count.length);
        }
        Builder b = builder(startMs, minutes).observe(observed);
        for (int i = 0; i < minute.length; i++) {
            b.add(minute[i], count[i]);
        }
        return b.build();
    }

    public long startMs() {
        return startMs;
    }

    public int minutes() {
        return minutes;
    }

    /** Exclusive end of the window, epoch ms. */
    public long endMs() {
        return startMs + minutes * MINUTE_MS;
    }

    /** Epoch ms of minute index {@code m}. */
    public long minuteTs(int m) {
        return startMs + m * MINUTE_MS;
    }

    public boolean isObserved(int m) {
        checkMinute(m);
        return (observedWords[m >>> 6] & (1L << m)) != 0;
    }

    /** The first observed minute at or after {@code from}, or -1 (iterate without allocating, like BitSet). */
    public int nextObserved(int from) {
        if (from < 0) {
            from = 0;
        }
        int w = from >>> 6;
        if (w >= observedWords.length) {
            return -1;
        }
        long word = observedWords[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                int m = (w << 6) + Long.numberOfTrailingZeros(word);
                return m < minutes ? m : -1;
            }
            if (++w == observedWords.length) {
                return -1;
            }
            word = observedWords[w];
        }
    }

    /** Number of observed minutes in the whole window. */
    public int observedCount() {
        return observedCount;
    }

    /** Number of observed minutes in {@code [from, to)}. */
    public int observedCount(int from, int to) {
        if (from < 0 || to > minutes || from > to) {
            throw new IllegalArgumentException("minute range must lie in [0, " + minutes + "], got [" + from + ", " + to + ")");
        }
        int n = 0;
        for (int m = nextObserved(from); m >= 0 && m < to; m = nextObserved(m + 1)) {
            n++;
        }
        return n;
    }

    /** A copy of the observed minutes. */
    public BitSet observed() {
        return BitSet.valueOf(observedWords);
    }

    /** Number of minutes with a count &gt; 0. */
    public int nonZeroCount() {
        return nzMinute.length;
    }

    /** Minute index of the i-th non-zero entry (ascending in i). */
    public int nonZeroMinute(int i) {
        return nzMinute[i];
    }

    /** Count of the i-th non-zero entry. */
    public int nonZeroValue(int i) {
        return nzCount[i];
    }

    /** Index of the first non-zero entry at or after minute {@code m} (nonZeroCount() if none). */
    public int nonZeroIndexFrom(int m) {
        int i = Arrays.binarySearch(nzMinute, m);
        return i >= 0 ? i : -i - 1;
    }

    /** The count at minute {@code m}: 0 when observed without retx, and also 0 for a gap (check {@link #isObserved}). */
    public int countAt(int m) {
        checkMinute(m);
        int i = Arrays.binarySearch(nzMinute, m);
        return i >= 0 ? nzCount[i] : 0;
    }

    public long totalCount() {
        long sum = 0;
        for (int c : nzCount) {
            sum += c;
        }
        return sum;
    }

    /** Share of observed minutes with retx &gt; 0 (the level-1 statistic); 0 when nothing was observed. */
    public double activeShare() {
        return observedCount == 0 ? 0.0 : (double) nzMinute.length / observedCount;
    }

    /** The frequency level of this series under {@code settings}. */
    public FrequencyLevel level(FrequencySettings settings) {
        return settings.levelOf(activeShare());
    }

    /**
     * The minutes {@code [from, to)} as a series of its own, starting at {@code minuteTs(from)} (e.g. the history part
     * and the scoring part of a window).
     */
    public SparseMinuteSeries slice(int from, int to) {
        if (from < 0 || to > minutes || from >= to) {
            throw new IllegalArgumentException("slice must be a non-empty range in [0, " + minutes + "], got [" + from + ", " + to + ")");
        }
        Builder b = builder(minuteTs(from), to - from);
        for (int m = nextObserved(from); m >= 0 && m < to; m = nextObserved(m + 1)) {
            b.observe(m - from);
        }
        for (int i = nonZeroIndexFrom(from); i < nzMinute.length && nzMinute[i] < to; i++) {
            b.add(nzMinute[i] - from, nzCount[i]);
        }
        return b.build();
    }

    /** Per UTC clock hour: sum of counts and number of observed minutes, computed from the sparse form. */
    public HourlyAggregate hourly() {
        return HourlyAggregate.of(this);
    }

    private void checkMinute(int m) {
        if (m < 0 || m >= minutes) {
            throw new IndexOutOfBoundsException("minute index must be in [0, " + minutes + "), got " + m);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseMinuteSeries s && startMs == s.startMs && minutes == s.minutes
                && Arrays.equals(observedWords, s.observedWords) && Arrays.equals(nzMinute, s.nzMinute)
                && Arrays.equals(nzCount, s.nzCount);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(startMs) * 31 + minutes) * 31 + Arrays.hashCode(nzMinute) * 17 + Arrays.hashCode(nzCount);
    }

    @Override
    public String toString() {
        return "SparseMinuteSeries[start=" + startMs + ", minutes=" + minutes + ", observed=" + observedCount
                + ", nonZero=" + nzMinute.length + ", total=" + totalCount() + "]";
    }

    /** Collects observed minutes and (minute, count) pairs; counts of the same minute are summed. Single use. */
    public static final class Builder {
        private final long startMs;
        private final int minutes;
        private final long[] words;
        private int[] minute = new int[16];
        private int[] count = new int[16];
        private int n;

        private Builder(long startMs, int minutes) {
            if (Math.floorMod(startMs, MINUTE_MS) != 0) {
                throw new IllegalArgumentException("startMs must be minute-aligned, got " + startMs);
            }
            if (minutes <= 0) {
                throw new IllegalArgumentException("minutes must be > 0, got " + minutes);
            }
            this.startMs = startMs;
            this.minutes = minutes;
            this.words = new long[(minutes + 63) >>> 6];
        }

        /** Marks minute index {@code m} observed (a heartbeat without retx). */
        public Builder observe(int m) {
            check(m);
            words[m >>> 6] |= 1L << m;
            return this;
        }

        /** Marks {@code [from, to)} observed. */
        public Builder observeRange(int from, int to) {
            if (from < 0 || to > minutes || from > to) {
                throw new IllegalArgumentException("observed range must lie in [0, " + minutes + "], got [" + from + ", " + to + ")");
            }
            for (int m = from; m < to; m++) {
                words[m >>> 6] |= 1L << m;
            }
            return this;
        }

        /** Marks every set bit of {@code observed} (minute indices) observed. */
        public Builder observe(BitSet observed) {
            if (observed.length() > minutes) {
                throw new IllegalArgumentException("observed bitset has minute " + (observed.length() - 1)
                        + " outside the window of " + minutes + " minutes");
            }
            for (int m = observed.nextSetBit(0); m >= 0; m = observed.nextSetBit(m + 1)) {
                words[m >>> 6] |= 1L << m;
            }
            return this;
        }

        /** Marks the minute containing epoch ms {@code ts} observed. */
        public Builder observeAt(long ts) {
            return observe(indexOf(ts));
        }

        /** Adds {@code c} retx at minute index {@code m} and marks it observed. */
        public Builder add(int m, int c) {
            observe(m);
            if (c < 0) {
                throw new IllegalArgumentException("count must be >= 0, got " + c + " at minute " + m);
            }
            if (c == 0) {
                return this;
            }
            if (n == minute.length) {
                minute = Arrays.copyOf(minute, n * 2);
                count = Arrays.copyOf(count, n * 2);
            }
            minute[n] = m;
            count[n] = c;
            n++;
            return this;
        }

        /** Adds {@code c} retx in the minute containing epoch ms {@code ts}. */
        public Builder addAt(long ts, int c) {
            return add(indexOf(ts), c);
        }

        public SparseMinuteSeries build() {
            long[] packed = new long[n];
            for (int i = 0; i < n; i++) {
                packed[i] = ((long) minute[i] << 32) | i;
            }
            Arrays.sort(packed);
            int[] outMinute = new int[n];
            int[] outCount = new int[n];
            int k = -1;
            for (int i = 0; i < n; i++) {
                int m = (int) (packed[i] >>> 32);
                int c = count[(int) packed[i]];
                if (k >= 0 && outMinute[k] == m) {
                    outCount[k] = Math.addExact(outCount[k], c);
                } else {
                    k++;
                    outMinute[k] = m;
                    outCount[k] = c;
                }
            }
            return new SparseMinuteSeries(startMs, minutes, words.clone(),
                    Arrays.copyOf(outMinute, k + 1), Arrays.copyOf(outCount, k + 1));
        }

        private int indexOf(long ts) {
            long m = Math.floorDiv(ts - startMs, MINUTE_MS);
            if (m < 0 || m >= minutes) {
                throw new IllegalArgumentException("timestamp " + ts + " is outside the window [" + startMs + ", "
                        + (startMs + minutes * MINUTE_MS) + ")");
            }
            return (int) m;
        }

        private void check(int m) {
            if (m < 0 || m >= minutes) {
                throw new IllegalArgumentException("minute index must be in [0, " + minutes + "), got " + m);
            }
        }
    }
}
