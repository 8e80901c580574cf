package io.andiag.speed.stream;

import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import io.andiag.model.record.MonitoredCount;
import io.andiag.speed.attributes.IpDirectory;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MonitoredCounterTest {

    private static final long M0 = 1_795_168_800_000L;
    private static final long MIN = 60_000L;

    private MonitoredCounter counter;

    @BeforeEach
    void start() {
        KeyValueStore<String, Integer> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("m"),
                Serdes.String(), Serdes.Integer()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        IpDirectory directory = new IpDirectory("default", Map.of(
                "10.0.0.1", new IpAttributes("10.0.0.1", IpKind.CONTAINER, "", "", "", "", "", "", "", "", "region-a", ""),
                "10.9.0.1", new IpAttributes("10.9.0.1", IpKind.SLB_VIP, "", "", "", "", "", "", "", "", "region-b", "")),
                "test");
        counter = new MonitoredCounter(store, directory, 4);
    }

    @Test
    void shouldReportEveryKnownRegionWithZerosWhenThePartitionMovesPastAMinute() {
        assertThat(counter.advanceTo(M0)).isEmpty();
        counter.count("region-a", M0);
        counter.count("region-a", M0);
        counter.count("region-x", M0);

        assertThat(counter.advanceTo(M0 + MIN)).containsExactly(
                new MonitoredCount(M0, "default", 0, 4),
                new MonitoredCount(M0, "region-a", 2, 4),
                new MonitoredCount(M0, "region-b", 0, 4),
                new MonitoredCount(M0, "region-x", 1, 4));
        assertThat(counter.advanceTo(M0 + MIN)).as("nothing twice").isEmpty();
    }

    @Test
    void shouldReportSkippedMinutesWithZeros() {
        counter.advanceTo(M0);
        counter.count("region-a", M0);

        assertThat(counter.advanceTo(M0 + 3 * MIN)).extracting(MonitoredCount::minute).containsExactly(
                M0, M0, M0, M0 + MIN, M0 + MIN, M0 + MIN, M0 + 2 * MIN, M0 + 2 * MIN, M0 + 2 * MIN);
    }

    @Test
    void shouldReportAtMostTheLastTenSkippedMinutes() {
        counter.advanceTo(M0);
        assertThat(counter.advanceTo(M0 + 60 * MIN).stream().map(MonitoredCount::minute).distinct().toList())
                .hasSize(MonitoredCounter.MAX_GAP_MINUTES).first().isEqualTo(M0 + 50 * MIN);
    }
}
