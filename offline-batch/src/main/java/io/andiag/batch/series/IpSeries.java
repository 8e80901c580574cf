package io.andiag.batch.series;

import io.andiag.model.record.RetxCounts;
import io.andiag.model.series.SparseMinuteSeries;

import java.io.Serializable;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The minute series of one IP over the history window, sparse: which minutes had a heartbeat (a bitset over the
 * window, shared by the IP's ten series) and, per (scenario, type) slot, only the minutes with retx &gt; 0 with
 * their counts, ascending. A slot with no retransmission in the whole window has no arrays at all. This is what the
 * batch keeps per IP instead of dense minute arrays; {@link #series(int)} turns a slot into common-model's
 * {@link SparseMinuteSeries}.
 */
public final class IpSeries implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String ip;
    private final long startMs;
    private final int minutes;
    private final long[] observed;
    private final int[][] nzMinute;
    private final int[][] nzCount;

    public IpSeries(String ip, long startMs, int minutes, long[] observed, int[][] nzMinute, int[][] nzCount) {
        if (nzMinute.length != RetxCounts.SLOTS || nzCount.length != RetxCounts.SLOTS) {
            throw new IllegalArgumentException("need " + RetxCounts.SLOTS + " slots");
        }
        this.ip = ip;
        this.startMs = startMs;
        this.minutes = minutes;
        this.observed = observed;
        this.nzMinute = nzMinute;
        this.nzCount = nzCount;
    }

    public String ip() {
        return ip;
    }

    public long startMs() {
        return startMs;
    }

    public int minutes() {
        return minutes;
    }

    /** Words of the observed-minute bitset ({@link BitSet#toLongArray()} layout). Not copied. */
    public long[] observedWords() {
        return observed;
    }

    public int observedCount() {
        int n = 0;
        for (long w : observed) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** True when the slot had at least one retransmission in the window. */
    public boolean isActive(int slot) {
        return nzMinute[slot] != null && nzMinute[slot].length > 0;
    }

    /** Minutes with retx &gt; 0 of a slot, ascending; empty for a silent slot. Not copied. */
    public int[] nonZeroMinutes(int slot) {
        return nzMinute[slot] == null ? new int[0] : nzMinute[slot];
    }

    public int[] nonZeroCounts(int slot) {
        return nzCount[slot] == null ? new int[0] : nzCount[slot];
    }

    /** The common-model series of one slot. */
    public SparseMinuteSeries series(int slot) {
        return SparseMinuteSeries.of(startMs, minutes, BitSet.valueOf(observed), nonZeroMinutes(slot), nonZeroCounts(slot));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpSeries s && ip.equals(s.ip) && startMs == s.startMs && minutes == s.minutes
                && Arrays.equals(observed, s.observed) && Arrays.deepEquals(norm(nzMinute), norm(s.nzMinute))
                && Arrays.deepEquals(norm(nzCount), norm(s.nzCount));
    }

    @Override
    public int hashCode() {
        return ip.hashCode() * 31 + Arrays.hashCode(observed);
    }

    private static int[][] norm(int[][] a) {
        int[][] out = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] == null ? new int[0] : a[i];
        }
        return out;
    }

    @Override
    public String toString() {
        int active = 0;
        for (int s = 0; s < RetxCounts.SLOTS; s++) {
            if (isActive(s)) {
                active++;
            }
        }
        return "IpSeries[" + ip + ": " + observedCount() + " observed minutes, " + active + " active series]";
    }

    /**
     * Accumulates the 15-s interval rows of one IP (any order, from any partition) into minutes: heartbeats set the
     * observed bit, counts are appended and summed per minute by {@link #build()}. Mergeable, for Spark's map-side
     * combine.
     */
    public static final class Builder implements Serializable {
        private static final long serialVersionUID = 1L;

        private final long startMs;
        private final int minutes;
        private final long[] observed;
        private final int[][] minute = new int[RetxCounts.SLOTS][];
        private final int[][] count = new int[RetxCounts.SLOTS][];
        private final int[] size = new int[RetxCounts.SLOTS];

        public Builder(long startMs, int minutes) {
            this.startMs = startMs;
            this.minutes = minutes;
            this.observed = new long[(minutes + 63) >>> 6];
        }

        /** Adds one interval that starts in minute {@code m} (0-based in the window) with its ten counts. */
        public Builder add(int m, int[] counts) {
            if (m < 0 || m >= minutes) {
                throw new IllegalArgumentException("minute " + m + " outside the window 0.." + (minutes - 1));
            }
            observed[m >>> 6] |= 1L << m;
            for (int s = 0; s < RetxCounts.SLOTS; s++) {
                if (counts[s] != 0) {
                    append(s, m, counts[s]);
                }
            }
            return this;
        }

        public Builder merge(Builder other) {
            for (int i = 0; i < observed.length; i++) {
                observed[i] |= other.observed[i];
            }
            for (int s = 0; s < RetxCounts.SLOTS; s++) {
                for (int i = 0; i < other.size[s]; i++) {
                    append(s, other.minute[s][i], other.count[s][i]);
                }
            }
            return this;
        }

        private void append(int s, int m, int c) {
            if (minute[s] == null) {
                minute[s] = new int[8];
                count[s] = new int[8];
            } else if (size[s] == minute[s].length) {
                minute[s] = Arrays.copyOf(minute[s], size[s] * 2);
                count[s] = Arrays.copyOf(count[s], size[s] * 2);
            }
            minute[s][size[s]] = m;
            count[s][size[s]] = c;
            size[s]++;
        }

        /** Sorted by minute, counts of the same minute summed (saturating at Integer.MAX_VALUE). */
        public IpSeries build(String ip) {
            int[][] outM = new int[RetxCounts.SLOTS][];
            int[][] outC = new int[RetxCounts.SLOTS][];
            for (int s = 0; s < RetxCounts.SLOTS; s++) {
                int n = size[s];
                if (n == 0) {
                    continue;
                }
                long[] packed = new long[n];
                for (int i = 0; i < n; i++) {
                    packed[i] = ((long) minute[s][i] << 32) | (count[s][i] & 0xFFFF_FFFFL);
                }
                Arrays.sort(packed);
                int[] m = new int[n];
                int[] c = new int[n];
                int k = -1;
                for (long p : packed) {
                    int mm = (int) (p >>> 32);
                    int cc = (int) p;
                    if (k >= 0 && m[k] == mm) {
                        c[k] = (int) Math.min(Integer.MAX_VALUE, (long) c[k] + cc);
                    } else {
                        k++;
                        m[k] = mm;
                        c[k] = cc;
                    }
                }
                outM[s] = Arrays.copyOf(m, k + 1);
                outC[s] = Arrays.copyOf(c, k + 1);
            }
            return new IpSeries(ip, startMs, minutes, observed.clone(), outM, outC);
        }
    }
}
