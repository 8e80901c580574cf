package io.andiag.speed.diagnosis;

import java.util.HashMap;
import java.util.Map;

/**
 * What one diagnosis task heard from each input partition: the newest minute it reported (a monitored count, of any
 * region of this task) and when, by the wall clock. A partition sends everything of a minute before its counts of
 * that minute (one per region, one after another), and its counts of a minute only once it is done with all earlier
 * ones, so a partition that reported minute m has nothing more for any earlier minute. In memory only: after a
 * restart or a rebalance it starts empty, and every partition counts as heard at the first call that tells the time
 * (not at construction: while processors initialise, a stream task's cached wall-clock time is not set yet), so each
 * gets the full {@code closeAfterMs} again. Not thread-safe (one per stream task).
 */
final class PartitionProgress {

    private final long closeAfterMs;
    private final Map<Integer, Long> reportedThrough = new HashMap<>();
    private final Map<Integer, Long> heardAtMs = new HashMap<>();
    private long startedMs = Long.MIN_VALUE;

    /** Expects partitions {@code 0..partitions-1} (others are added when they report), none heard yet. */
    PartitionProgress(int partitions, long closeAfterMs) {
        this.closeAfterMs = closeAfterMs;
        for (int p = 0; p < partitions; p++) {
            reportedThrough.put(p, Long.MIN_VALUE);
        }
    }

    void reported(int partition, long minute, long nowMs) {
        start(nowMs);
        reportedThrough.merge(partition, minute, Math::max);
        heardAtMs.put(partition, nowMs);
    }

    /** The newest minute every partition has reported (or a later one): all are done with every earlier minute. */
    long reportedByAll() {
        return reportedThrough.values().stream().mapToLong(Long::longValue).min().orElse(Long.MIN_VALUE);
    }

    /**
     * Like {@link #reportedByAll()}, not waiting for the partitions silent for {@code closeAfterMs} at {@code nowMs}
     * (idle or stuck); {@link Long#MAX_VALUE} when all are silent.
     */
    long reportedByActive(long nowMs) {
        start(nowMs);
        long min = Long.MAX_VALUE;
        for (Map.Entry<Integer, Long> e : reportedThrough.entrySet()) {
            if (nowMs - heardAtMs.getOrDefault(e.getKey(), startedMs) < closeAfterMs) {
                min = Math.min(min, e.getValue());
            }
        }
        return min;
    }

    private void start(long nowMs) {
        if (startedMs == Long.MIN_VALUE) {
            startedMs = nowMs;
        }
    }
}
