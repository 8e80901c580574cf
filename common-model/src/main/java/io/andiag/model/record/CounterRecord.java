package io.andiag.model.record;

import java.util.Objects;

/**
 * One agent report on {@code and.retx.counters}: the retransmissions of {@code ip} in the interval
 * {@code [ts, ts + intervalS)}. Records with no counts are heartbeats; a missing heartbeat is a data gap.
 *
 * @param ts        interval start, epoch milliseconds (UTC)
 * @param ip        source (container) IP, the Kafka key
 * @param intervalS interval length in seconds, 1..60 (15 by default)
 * @param counts    retransmissions per scenario and type
 */
public record CounterRecord(long ts, String ip, int intervalS, RetxCounts counts) {

    /** Wire-format version this code writes and the only one it reads. */
    public static final int VERSION = 1;

    public static final int MAX_INTERVAL_S = 60;

    public CounterRecord {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(counts, "counts");
        if (intervalS <= 0 || intervalS > MAX_INTERVAL_S) {
            throw new IllegalArgumentException("interval_s must be in 1.." + MAX_INTERVAL_S + ", got " + intervalS);
        }
    }

    /** Start of the UTC minute the interval starts in, epoch milliseconds. */
    public long minute() {
        return Math.floorDiv(ts, 60_000L) * 60_000L;
    }
}
