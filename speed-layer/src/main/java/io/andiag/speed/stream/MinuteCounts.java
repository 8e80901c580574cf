package io.andiag.speed.stream;

import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.RetxCounts;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The retransmissions of one IP in one event-time minute, summed over the intervals that reported, and how many
 * intervals reported. Its existence is the heartbeat: an IP-minute with no {@code MinuteCounts} is a data gap.
 * Immutable; {@link #plus} returns a new value so state-store caches never see an aggregate change under them.
 */
public final class MinuteCounts {

    static final int BYTES = Integer.BYTES * (RetxCounts.SLOTS + 1);

    private final int intervals;
    private final int[] counts;

    private MinuteCounts(int intervals, int[] counts) {
        this.intervals = intervals;
        this.counts = counts;
    }

    public static MinuteCounts empty() {
        return new MinuteCounts(0, new int[RetxCounts.SLOTS]);
    }

    public static MinuteCounts of(int intervals, int... counts) {
        if (counts.length != RetxCounts.SLOTS) {
            throw new IllegalArgumentException("expected " + RetxCounts.SLOTS + " counts, got " + counts.length);
        }
        return new MinuteCounts(intervals, counts.clone());
    }

    /** This minute plus one more reporting interval; counts saturate instead of overflowing. */
    public MinuteCounts plus(CounterRecord r) {
        int[] sum = counts.clone();
        RetxCounts c = r.counts();
        for (int i = 0; i < sum.length; i++) {
            long s = (long) sum[i] + c.get(i);
            sum[i] = s > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) s;
        }
        return new MinuteCounts(intervals + 1, sum);
    }

    /** Number of interval records that reported this minute (4 for a complete minute of 15 s intervals). */
    public int intervals() {
        return intervals;
    }

    public int count(int slot) {
        return counts[slot];
    }

    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(BYTES);
        b.putInt(intervals);
        for (int c : counts) {
            b.putInt(c);
        }
        return b.array();
    }

    static MinuteCounts fromBytes(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("minute counts must be " + BYTES + " bytes, got " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int intervals = b.getInt();
        int[] counts = new int[RetxCounts.SLOTS];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = b.getInt();
        }
        return new MinuteCounts(intervals, counts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinuteCounts m && intervals == m.intervals && Arrays.equals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return 31 * intervals + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "MinuteCounts{intervals=" + intervals + ", counts=" + Arrays.toString(counts) + "}";
    }
}
