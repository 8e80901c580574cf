package io.andiag.model.lake;

import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.RetxCounts;

import java.util.Arrays;

/**
 * A mutable, reusable row of {@code retx_counters}, for writers that emit millions of rows and must not allocate
 * one object per row. Counts are indexed by {@link RetxCounts#slot}.
 */
public final class CounterRow {

    private long ts;
    private String ip;
    private int intervalS;
    private final int[] counts = new int[RetxCounts.SLOTS];

    /** Sets the key of the row and clears the counts (a heartbeat until counts are set). */
    public CounterRow reset(long ts, String ip, int intervalS) {
        this.ts = ts;
        this.ip = ip;
        this.intervalS = intervalS;
        Arrays.fill(counts, 0);
        return this;
    }

    public CounterRow set(int slot, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count + " in slot " + slot);
        }
        counts[slot] = count;
        return this;
    }

    public long ts() {
        return ts;
    }

    public String ip() {
        return ip;
    }

    public int intervalS() {
        return intervalS;
    }

    public int count(int slot) {
        return counts[slot];
    }

    public boolean isHeartbeatOnly() {
        for (int c : counts) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    public CounterRecord toRecord() {
        return new CounterRecord(ts, ip, intervalS, RetxCounts.of(counts));
    }

    public static CounterRow of(CounterRecord r) {
        CounterRow row = new CounterRow().reset(r.ts(), r.ip(), r.intervalS());
        for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
            row.counts[slot] = r.counts().get(slot);
        }
        return row;
    }
}
