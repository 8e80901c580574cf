package io.andiag.speed.stream;

import io.andiag.model.record.MonitoredCount;
import io.andiag.speed.attributes.IpDirectory;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The scorer's monitored-IP bookkeeping for one partition: counts, per region, the IPs that closed a minute (store
 * {@value SeriesScorer#MONITORED_STORE}, key {@code region|minute}), and when the partition moves on to a later minute
 * returns one {@link MonitoredCount} per earlier minute and per region known to the {@link IpDirectory} — zero counts
 * included — so the diagnosis knows this partition is done with those region-minutes. Minutes the partition skipped
 * entirely (no IP closed them) are reported with zeros too, up to {@value #MAX_GAP_MINUTES} minutes back; for older
 * gaps the diagnosis sees the partition has passed them (a later minute reported).
 */
final class MonitoredCounter {

    static final int MAX_GAP_MINUTES = 10;
    private static final long MINUTE_MS = 60_000L;

    private final KeyValueStore<String, Integer> store;
    private final IpDirectory directory;
    private final int partition;
    private long currentMinute = Long.MIN_VALUE;

    MonitoredCounter(KeyValueStore<String, Integer> store, IpDirectory directory, int partition) {
        this.store = store;
        this.directory = directory;
        this.partition = partition;
    }

    /** One IP of {@code region} closed {@code minute}. */
    void count(String region, long minute) {
        String key = region + '|' + minute;
        Integer seen = store.get(key);
        store.put(key, seen == null ? 1 : seen + 1);
    }

    /**
     * Moves the partition to {@code minute}: when it is later than the current one, returns (and forgets) the counts
     * of every earlier minute, by minute then region; else nothing.
     */
    List<MonitoredCount> advanceTo(long minute) {
        if (minute <= currentMinute) {
            return List.of();
        }
        TreeMap<Long, Map<String, Integer>> done = new TreeMap<>();
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Integer> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, Integer> kv = it.next();
                int bar = kv.key.lastIndexOf('|');
                long m = Long.parseLong(kv.key.substring(bar + 1));
                if (m < minute) {
                    done.computeIfAbsent(m, x -> new TreeMap<>()).put(kv.key.substring(0, bar), kv.value);
                    keys.add(kv.key);
                }
            }
        }
        if (currentMinute != Long.MIN_VALUE) {
            for (long m = Math.max(currentMinute, minute - MAX_GAP_MINUTES * MINUTE_MS); m < minute; m += MINUTE_MS) {
                done.computeIfAbsent(m, x -> new TreeMap<>());
            }
        }
        currentMinute = minute;
        List<MonitoredCount> out = new ArrayList<>();
        done.forEach((m, counts) -> {
            TreeSet<String> regions = new TreeSet<>(directory.regions());
            regions.addAll(counts.keySet());
            for (String region : regions) {
                out.add(new MonitoredCount(m, region, counts.getOrDefault(region, 0), partition));
            }
        });
        keys.forEach(store::delete);
        return out;
    }
}
