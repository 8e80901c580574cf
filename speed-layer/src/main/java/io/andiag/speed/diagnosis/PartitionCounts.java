package io.andiag.speed.diagnosis;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a pending region-minute received so far: the monitored-IP count of each input partition that reported it, and
 * when (wall clock) its first event arrived. Immutable; bytes:
 * {@code format (byte 2) | first seen (long) | n (int) | n x (partition (int) | count (int))}.
 *
 * @param firstSeenMs wall-clock time its first event arrived, epoch ms
 */
record PartitionCounts(long firstSeenMs, SortedMap<Integer, Integer> byPartition) {

    /** 2 since the first-seen time was added (format 1 had none: refused, not misread, from an old changelog). */
    static final byte FORMAT = 2;
    private static final int HEADER = 1 + 8 + 4;

    PartitionCounts {
        byPartition = Collections.unmodifiableSortedMap(new TreeMap<>(byPartition));
    }

    /** Nothing reported yet, first seen at {@code nowMs}. */
    static PartitionCounts none(long nowMs) {
        return new PartitionCounts(nowMs, new TreeMap<>());
    }

    /** These counts with {@code partition}'s count set (a repeated report replaces the earlier one). */
    PartitionCounts with(int partition, int count) {
        TreeMap<Integer, Integer> next = new TreeMap<>(byPartition);
        next.put(partition, count);
        return new PartitionCounts(firstSeenMs, next);
    }

    int partitionsReported() {
        return byPartition.size();
    }

    /** Monitored IPs of the region-minute, summed over the partitions that reported it. */
    int monitoredIps() {
        int sum = 0;
        for (int c : byPartition.values()) {
            sum += c;
        }
        return sum;
    }

    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(HEADER + 8 * byPartition.size()).put(FORMAT).putLong(firstSeenMs)
                .putInt(byPartition.size());
        byPartition.forEach((p, c) -> b.putInt(p).putInt(c));
        return b.array();
    }

    static PartitionCounts fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < HEADER || b.get() != FORMAT) {
            throw new IllegalArgumentException("not partition counts of format " + FORMAT + " (" + bytes.length + " bytes)");
        }
        long firstSeen = b.getLong();
        int n = b.getInt();
        if (n < 0 || bytes.length != HEADER + 8 * n) {
            throw new IllegalArgumentException("corrupt partition counts: " + n + " entries in " + bytes.length + " bytes");
        }
        TreeMap<Integer, Integer> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            m.put(b.getInt(), b.getInt());
        }
        return new PartitionCounts(firstSeen, m);
    }
}
