package io.andiag.speed.stream;

import io.andiag.model.record.DetailRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;

/**
 * Keeps each IP's recent sampled details, per minute, in the changelogged window store {@value #STORE} (key: source
 * IP, window: the detail's minute, retention a few minutes), so the scorer can attach a minute's details to the IP's
 * abnormal series when that minute closes. At most {@code maxPerIpMinute} details are kept per IP-minute (the first
 * ones by arrival); the rest are counted in {@code and_details_over_cap_total}, never kept. Emits nothing.
 */
public final class DetailRecorder implements ProcessorSupplier<String, DetailRecord, Void, Void> {

    public static final String STORE = "recent-details";
    private static final long MINUTE_MS = 60_000L;

    private final int maxPerIpMinute;
    private final SpeedMetrics metrics;

    public DetailRecorder(int maxPerIpMinute, SpeedMetrics metrics) {
        this.maxPerIpMinute = maxPerIpMinute;
        this.metrics = metrics;
    }

    /** The details store, shared with the scorer (so both sit in one sub-topology on co-partitioned inputs). */
    public static StoreBuilder<WindowStore<String, byte[]>> storeBuilder(StoreKind kind, Duration retention) {
        return Stores.windowStoreBuilder(kind.window(STORE, retention, Duration.ofMinutes(1)), Serdes.String(), Serdes.ByteArray());
    }

    @Override
    public Processor<String, DetailRecord, Void, Void> get() {
        return new Recorder();
    }

    private final class Recorder implements Processor<String, DetailRecord, Void, Void> {
        private WindowStore<String, byte[]> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, DetailRecord> record) {
            DetailRecord d = record.value();
            long minute = Math.floorDiv(d.ts(), MINUTE_MS) * MINUTE_MS;
            byte[] kept = store.fetch(d.ip(), minute);
            if (DetailList.count(kept) >= maxPerIpMinute) {
                metrics.detailOverCap();
                return;
            }
            store.put(d.ip(), DetailList.append(kept, d), minute);
            metrics.detailStored();
        }
    }
}
