package io.andiag.model.routing;

import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import io.andiag.model.record.SeriesKey;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.andiag.model.record.RetxType.RTO;
import static io.andiag.model.record.RetxType.SYN;
import static io.andiag.model.record.Scenario.INTRANET;
import static io.andiag.model.record.Scenario.SLB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionMinuteTest {

    private static AbnormalSeries series(String ip, io.andiag.model.record.Scenario s, io.andiag.model.record.RetxType t,
                                         int observed) {
        return new AbnormalSeries(TestRegion.T0, new SeriesKey(ip, s, t), TestRegion.REGION, observed, 1.0, 0.5, 0.8,
                0.6, false, Map.of(), "p1");
    }

    @Test
    void groupsAbnormalSeriesBySourceIp() {
        RegionMinute c = TestRegion.minute(0)
                .series(List.of(series("10.0.0.2", SLB, SYN, 3), series("10.0.0.1", INTRANET, RTO, 4),
                        series("10.0.0.2", INTRANET, RTO, 5)))
                .build();

        assertThat(c.sources()).containsExactly(
                AbnormalSource.of("10.0.0.1", INTRANET, RTO, 4),
                new AbnormalSource("10.0.0.2", (1 << io.andiag.model.record.RetxCounts.slot(SLB, SYN))
                        | (1 << io.andiag.model.record.RetxCounts.slot(INTRANET, RTO)), 8));
        assertThat(c.sources().get(1).seriesCount()).isEqualTo(2);
        assertThat(c.tally().series()).isEqualTo(3);
        assertThat(AbnormalSource.group(List.of(series("b", SLB, SYN, 1), series("a", SLB, RTO, 2))))
                .extracting(AbnormalSource::ip).containsExactly("a", "b");
    }

    @Test
    void leavesOutSeriesWithoutRetransmissionsInTheMinute() {
        // 10.0.0.1 recovers (its only abnormal series carried nothing this minute); 10.0.0.2 still retransmits on one.
        List<AbnormalSeries> series = List.of(series("10.0.0.1", INTRANET, RTO, 0), series("10.0.0.2", SLB, SYN, 0),
                series("10.0.0.2", INTRANET, RTO, 5));

        RegionMinute c = TestRegion.minute(0).series(series).build();

        assertThat(c.sources()).containsExactly(AbnormalSource.of("10.0.0.2", INTRANET, RTO, 5));
        assertThat(AbnormalSource.group(series)).isEqualTo(c.sources());
        assertThat(AbnormalSource.group(List.of(series("10.0.0.1", INTRANET, RTO, 0)))).isEmpty();
    }

    @Test
    void keepsOnlyTheDetailsAndAttributesOfItsSources() {
        RegionMinute c = Canonical.mixed();
        assertThat(c.details()).hasSize(9).noneMatch(d -> d.ip().equals(TestRegion.ip(79)));
        assertThat(c.sourceAttributes("10.0.1.250")).isNull();
        assertThat(c.sourceAttributes(TestRegion.ip(0))).isEqualTo(TestRegion.container(0));
        assertThat(c.destinationAttributes(TestRegion.VIP1).kind()).isEqualTo(IpKind.SLB_VIP);
    }

    @Test
    void refusesBadInputNamingTheValue() {
        assertThatThrownBy(() -> RegionMinute.builder("r", TestRegion.T0 + 1))
                .hasMessage("minute must be minute-aligned epoch ms, got " + (TestRegion.T0 + 1));
        assertThatThrownBy(() -> RegionMinute.builder("r", TestRegion.T0).population(TestRegion.population()))
                .hasMessage("population of region 'region-a' given for region 'r'");
        assertThatThrownBy(() -> RegionMinute.builder("r", TestRegion.T0).monitoredIps(-1))
                .hasMessage("monitoredIps must be >= 0, got -1");
        assertThatThrownBy(() -> new AbnormalSource("10.0.0.1", 0, 1))
                .hasMessageContaining("slotMask of 10.0.0.1 must name 1..10 series, got 0x0");
    }

    @Test
    void populationCountsMonitoredIpsOfItsRegionPerValue() {
        List<IpAttributes> attrs = new java.util.ArrayList<>(TestRegion.containers());
        attrs.add(new IpAttributes("10.9.9.9", IpKind.CONTAINER, "x", "", "", "host-1", "", "", "", "", "region-b", ""));
        attrs.add(new IpAttributes(TestRegion.VIP1, IpKind.SLB_VIP, "web", "", "", "", "", "", "vpc-1", "",
                TestRegion.REGION, ""));
        Population p = Population.of(TestRegion.REGION, attrs);

        assertThat(p.total()).isEqualTo(80);
        assertThat(p.count(Dimension.HOST, "host-1")).isEqualTo(5);
        assertThat(p.count(Dimension.TOR, "tor-2")).isEqualTo(20);
        assertThat(p.count(Dimension.VPC, "vpc-1")).isEqualTo(40); // the VIP is not monitored
        assertThat(p.count(Dimension.APP, "nope")).isZero();
        assertThat(p.distinctValues(Dimension.HOST)).isEqualTo(16);
        assertThat(p.jointCount(Dimension.AZ, "az-2", Dimension.APP, "app-1")).isEqualTo(10);
        assertThat(Population.byRegion(attrs)).containsOnlyKeys(TestRegion.REGION, "region-b");
        assertThatThrownBy(() -> p.count(Dimension.VIP, TestRegion.VIP1))
                .hasMessage("dimension vip has no population (destination side)");
    }
}
