package io.andiag.datasets.replay;

import io.andiag.model.codec.CounterCodec;
import io.andiag.model.codec.TimestampBounds;
import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.WireTopics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.utils.Utils;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Produces a source into Kafka, paced by event time: with speedup X, records that were T apart are sent T/X apart
 * (0 = as fast as possible). Windows downstream close by event time, so the replay is faithful at any speed.
 * Optionally ends with a flush: one heartbeat per counters partition, stamped after the last minute plus the
 * grace period, so the last minutes of the day close too.
 */
public final class Replayer {

    /** Flush heartbeats are stamped this long after the start of the last replayed minute. */
    static final long FLUSH_AFTER_MS = 3 * 60_000L;

    private final Producer<String, byte[]> producer;
    private final double speedup;
    private final PrintStream progress;
    private final LongSupplier nanoClock;

    public Replayer(Producer<String, byte[]> producer, double speedup, PrintStream progress, LongSupplier nanoClock) {
        if (speedup < 0 || Double.isNaN(speedup)) {
            throw new IllegalArgumentException("--speedup must be >= 0 (0 = as fast as possible), got " + speedup);
        }
        this.producer = producer;
        this.speedup = speedup;
        this.progress = progress;
        this.nanoClock = nanoClock;
    }

    /** What a replay sent. */
    public record Summary(long counters, long details, long firstTs, long lastTs, long flushHeartbeats, double seconds) {
    }

    public Summary replay(ReplaySource source, boolean flush) throws InterruptedException {
        long counters = 0;
        long details = 0;
        long firstTs = Long.MIN_VALUE;
        long lastTs = Long.MIN_VALUE;
        long start = nanoClock.getAsLong();
        long lastReport = start;
        AtomicReference<Exception> failure = new AtomicReference<>();
        Map<Integer, String> ipPerPartition = new HashMap<>();
        int partitions = flush ? partitions(WireTopics.RETX_COUNTERS) : 0;
        for (ReplayRecord r = source.next(); r != null; r = source.next()) {
            if (firstTs == Long.MIN_VALUE) {
                firstTs = r.eventTs();
            }
            lastTs = Math.max(lastTs, r.eventTs());
            pace(start, firstTs, r.eventTs());
            producer.send(new ProducerRecord<>(r.topic(), null, r.eventTs(), r.key(), r.value()), (meta, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
            if (failure.get() != null) {
                throw new IllegalStateException("producing to Kafka failed: " + failure.get().getMessage(), failure.get());
            }
            if (WireTopics.RETX_COUNTERS.equals(r.topic())) {
                counters++;
                if (flush && r.key() != null && ipPerPartition.size() < partitions) {
                    ipPerPartition.putIfAbsent(partitionOf(r.key(), partitions), r.key());
                }
            } else {
                details++;
            }
            long now = nanoClock.getAsLong();
            if (now - lastReport > 5_000_000_000L) {
                lastReport = now;
                double secs = (now - start) / 1e9;
                progress.printf("replay: %,d counters, %,d details in %.0f s (%,.0f rec/s), event time %s%n",
                        counters, details, secs, (counters + details) / secs, java.time.Instant.ofEpochMilli(r.eventTs()));
            }
        }
        long flushed = 0;
        if (flush && lastTs != Long.MIN_VALUE) {
            long flushTs = Math.floorDiv(lastTs, 60_000L) * 60_000L + FLUSH_AFTER_MS;
            CounterCodec codec = new CounterCodec(TimestampBounds.historical());
            for (String ip : ipPerPartition.values()) {
                byte[] hb = codec.encode(new CounterRecord(flushTs, ip, 15, RetxCounts.zero()));
                producer.send(new ProducerRecord<>(WireTopics.RETX_COUNTERS, null, flushTs, ip, hb));
                flushed++;
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("producing to Kafka failed: " + failure.get().getMessage(), failure.get());
        }
        return new Summary(counters, details, firstTs, lastTs, flushed, (nanoClock.getAsLong() - start) / 1e9);
    }

    private void pace(long startNanos, long firstTs, long eventTs) throws InterruptedException {
        if (speedup == 0) {
            return;
        }
        long dueNanos = startNanos + (long) ((eventTs - firstTs) * 1_000_000L / speedup);
        long wait = dueNanos - nanoClock.getAsLong();
        if (wait > 1_000_000L) {
            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        }
    }

    private int partitions(String topic) {
        List<PartitionInfo> infos = producer.partitionsFor(topic);
        return infos == null || infos.isEmpty() ? 1 : infos.size();
    }

    /** The partition Kafka's default partitioner picks for a key (murmur2, as the Java producer does). */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
