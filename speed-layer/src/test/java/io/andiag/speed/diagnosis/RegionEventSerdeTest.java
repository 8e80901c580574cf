package io.andiag.speed.diagnosis;

import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.MonitoredCount;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import io.andiag.model.routing.AbnormalSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionEventSerdeTest {

    private static final long MINUTE = 1_795_168_800_000L;

    @Test
    void shouldRoundTripAnAbnormalIpWithItsDetails() {
        AbnormalSource source = AbnormalSource.of("10.0.0.1", Scenario.SLB, RetxType.RTO, 12)
                .merge(AbnormalSource.of("10.0.0.1", Scenario.INTRANET, RetxType.SYN, 3));
        List<DetailRecord> details = List.of(
                new DetailRecord(MINUTE + 1, "10.0.0.1", 41_822, "10.200.0.8", 443, RetxType.RTO, Scenario.SLB, 811, "java"),
                new DetailRecord(MINUTE + 2, "10.0.0.1", 41_823, "10.0.0.9", 6379, RetxType.SYN, Scenario.INTRANET, 0, ""));
        RegionEvent e = new RegionEvent.Abnormal("region-a", MINUTE, source, "2026-11-24-20261123T021000Z", details);

        assertThat(RegionEventSerde.fromBytes(RegionEventSerde.toBytes(e))).isEqualTo(e);
    }

    @Test
    void shouldRoundTripAMonitoredCount() {
        RegionEvent e = new RegionEvent.Monitored(new MonitoredCount(MINUTE, "region-b", 0, 5));
        assertThat(RegionEventSerde.fromBytes(RegionEventSerde.toBytes(e))).isEqualTo(e);
    }

    @Test
    void shouldRefuseAnotherFormatVersionOrTruncatedBytes() {
        byte[] bytes = RegionEventSerde.toBytes(new RegionEvent.Monitored(new MonitoredCount(MINUTE, "r", 1, 0)));
        byte[] other = bytes.clone();
        other[0] = 2;
        assertThatThrownBy(() -> RegionEventSerde.fromBytes(other)).hasMessageContaining("format 2");
        assertThatThrownBy(() -> RegionEventSerde.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt region event");
    }

    @Test
    void shouldRoundTripPartitionCounts() {
        PartitionCounts counts = PartitionCounts.NONE.with(2, 60).with(0, 70).with(2, 61);
        assertThat(counts.byPartition()).isEqualTo(new TreeMap<>(Map.of(0, 70, 2, 61)));
        assertThat(counts.monitoredIps()).isEqualTo(131);
        assertThat(PartitionCounts.fromBytes(counts.toBytes())).isEqualTo(counts);
        assertThat(PartitionCounts.fromBytes(PartitionCounts.NONE.toBytes()).partitionsReported()).isZero();
    }
}
