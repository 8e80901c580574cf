package io.andiag.speed.diagnosis;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The monitored-IP counts one region-minute received so far, one per input partition that reported it. Immutable;
 * bytes: {@code format (byte 1) | n (int) | n x (partition (int) | count (int))}.
 */
record PartitionCounts(SortedMap<Integer, Integer> byPartition) {

    static final byte FORMAT = 1;
    static final PartitionCounts NONE = new PartitionCounts(new TreeMap<>());

    PartitionCounts {
        byPartition = Collections.unmodifiableSortedMap(new TreeMap<>(byPartition));
    }

    /** These counts with {@code partition}'s count set (a repeated report replaces the earlier one). */
    PartitionCounts with(int partition, int count) {
        TreeMap<Integer, Integer> next = new TreeMap<>(byPartition);
        next.put(partition, count);
        return new PartitionCounts(next);
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
        ByteBuffer b = ByteBuffer.allocate(5 + 8 * byPartition.size()).put(FORMAT).putInt(byPartition.size());
        byPartition.forEach((p, c) -> b.putInt(p).putInt(c));
        return b.array();
    }

    static PartitionCounts fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < 5 || b.get() != FORMAT) {
            throw new IllegalArgumentException("not partition counts of format " + FORMAT + " (" + bytes.length + " bytes)");
        }
        int n = b.getInt();
        if (n < 0 || bytes.length != 5 + 8 * n) {
            throw new IllegalArgumentException("corrupt partition counts: " + n + " entries in " + bytes.length + " bytes");
        }
        TreeMap<Integer, Integer> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            m.put(b.getInt(), b.getInt());
        }
        return new PartitionCounts(m);
    }
}
