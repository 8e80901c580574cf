package io.andiag.speed.diagnosis;

import io.andiag.model.record.MonitoredCount;
import io.andiag.speed.stream.StoreKind;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The region-minutes not diagnosed yet, in two changelogged stores:
 * <ul>
 *   <li>{@value #PENDING_STORE}: {@code region|minute} → {@link PartitionCounts}; one entry per pending region-minute
 *       (created by its first event of either kind), so it is also the index of what is pending;</li>
 *   <li>{@value #ABNORMAL_STORE}: {@code region|minute|ip} → the {@link RegionEvent.Abnormal} of that IP.</li>
 * </ul>
 * The minute is zero-padded in keys, so a scan returns a region's minutes in ascending order.
 */
final class RegionMinuteBuffer {

    static final String PENDING_STORE = "pending-region-minutes";
    static final String ABNORMAL_STORE = "pending-abnormal-ips";

    private static final StringSerializer KEYS = new StringSerializer();

    /** A pending region-minute and what it holds so far. */
    record Pending(String region, long minute, PartitionCounts counts) {
    }

    /** A drained region-minute: its abnormal IPs (sorted by IP) and its monitored counts. */
    record Drained(List<RegionEvent.Abnormal> abnormal, PartitionCounts counts) {
    }

    private final KeyValueStore<String, byte[]> pending;
    private final KeyValueStore<String, byte[]> abnormal;

    RegionMinuteBuffer(KeyValueStore<String, byte[]> pending, KeyValueStore<String, byte[]> abnormal) {
        this.pending = pending;
        this.abnormal = abnormal;
    }

    static List<StoreBuilder<?>> storeBuilders(StoreKind kind) {
        return List.of(
                Stores.keyValueStoreBuilder(kind.keyValue(PENDING_STORE), Serdes.String(), Serdes.ByteArray()),
                Stores.keyValueStoreBuilder(kind.keyValue(ABNORMAL_STORE), Serdes.String(), Serdes.ByteArray()));
    }

    static String key(String region, long minute) {
        return region + '|' + String.format(Locale.ROOT, "%016d", minute);
    }

    void add(RegionEvent.Abnormal a) {
        String key = key(a.region(), a.minute());
        abnormal.put(key + '|' + a.source().ip(), RegionEventSerde.toBytes(a));
        if (pending.get(key) == null) {
            pending.put(key, PartitionCounts.NONE.toBytes());
        }
    }

    /** Records one partition's count; returns the region-minute's counts so far. */
    PartitionCounts add(MonitoredCount m) {
        String key = key(m.region(), m.minute());
        byte[] seen = pending.get(key);
        PartitionCounts counts = (seen == null ? PartitionCounts.NONE : PartitionCounts.fromBytes(seen))
                .with(m.partition(), m.monitoredIps());
        pending.put(key, counts.toBytes());
        return counts;
    }

    /** The pending minutes of {@code region} up to {@code minute} inclusive, ascending. */
    List<Pending> pendingUpTo(String region, long minute) {
        List<Pending> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = pending.prefixScan(region + '|', KEYS)) {
            while (it.hasNext()) {
                Pending p = parse(it.next());
                if (p.region().equals(region) && p.minute() <= minute) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Every pending region-minute whose minute is at or before {@code minute}: by region, then ascending minute. */
    List<Pending> pendingUpTo(long minute) {
        List<Pending> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = pending.all()) {
            while (it.hasNext()) {
                Pending p = parse(it.next());
                if (p.minute() <= minute) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Removes a region-minute and returns what it held. */
    Drained drain(String region, long minute) {
        String key = key(region, minute);
        byte[] counts = pending.delete(key);
        List<RegionEvent.Abnormal> ips = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = abnormal.prefixScan(key + '|', KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                keys.add(kv.key);
                ips.add((RegionEvent.Abnormal) RegionEventSerde.fromBytes(kv.value));
            }
        }
        keys.forEach(abnormal::delete);
        return new Drained(ips, counts == null ? PartitionCounts.NONE : PartitionCounts.fromBytes(counts));
    }

    private static Pending parse(KeyValue<String, byte[]> kv) {
        int bar = kv.key.lastIndexOf('|');
        return new Pending(kv.key.substring(0, bar), Long.parseLong(kv.key.substring(bar + 1)),
                PartitionCounts.fromBytes(kv.value));
    }
}
