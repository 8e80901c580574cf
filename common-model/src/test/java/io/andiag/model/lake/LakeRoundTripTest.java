package io.andiag.model.lake;

import io.andiag.model.incident.AlertStatus;
import io.andiag.model.incident.AppImpact;
import io.andiag.model.incident.Evidence;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.incident.Route;
import io.andiag.model.incident.ScopeTerm;
import io.andiag.model.label.IncidentLabel;
import io.andiag.model.label.LabelKind;
import io.andiag.model.label.LabelSource;
import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import io.andiag.model.record.MonitoredCount;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LakeRoundTripTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    @TempDir
    Path lake;

    private Path file(String table) {
        return LakeLayout.partFile(LakeLayout.partitionDir(lake, table, DAY), 0);
    }

    @Test
    void countersFromReusableRowsRoundTripEveryColumn() {
        List<CounterRecord> expected = new ArrayList<>();
        CounterRow row = new CounterRow();
        Path f = file(LakeLayout.RETX_COUNTERS);
        try (LakeWriter<CounterRow> w = LakeWriter.open(f, LakeSchemas.RETX_COUNTERS, LakeEncoders.COUNTER_ROW)) {
            for (int t = 0; t < 50; t++) {
                for (int ip = 0; ip < 7; ip++) {
                    row.reset(1_795_392_000_000L + t * 15_000L, "10.1.0." + ip, 15);
                    if ((t + ip) % 5 == 0) {
                        row.set(RetxCounts.slot(Scenario.SLB, RetxType.RTO), t + ip);
                        row.set(RetxCounts.slot(Scenario.INTERNET_IN, RetxType.SYN), 1);
                    }
                    w.write(row);
                    expected.add(row.toRecord());
                }
            }
            assertThat(w.rowsWritten()).isEqualTo(350);
        }
        List<CounterRecord> actual = new ArrayList<>();
        LakeReaders.forEachCounter(LakeLayout.tableDir(lake, LakeLayout.RETX_COUNTERS), actual::add);
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(LakeReader.count(f)).isEqualTo(350);
    }

    @Test
    void counterColumnsAreNamedFromScenarioAndType() {
        assertThat(LakeSchemas.RETX_COUNTERS.getFields().stream().map(t -> t.getName()).toList()).containsExactly(
                "ts", "ip", "interval_s", "intranet_syn", "intranet_rto", "slb_syn", "slb_rto", "cross_region_syn",
                "cross_region_rto", "internet_out_syn", "internet_out_rto", "internet_in_syn", "internet_in_rto");
        assertThat(LakeSchemas.counterColumn(Scenario.CROSS_REGION, RetxType.RTO)).isEqualTo("cross_region_rto");
    }

    @Test
    void countersFromWireRecordsRoundTrip() {
        List<CounterRecord> expected = List.of(
                new CounterRecord(1000L, "10.0.0.1", 15, RetxCounts.zero()),
                new CounterRecord(16_000L, "10.0.0.2", 60, RetxCounts.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)));
        LakeWriter.writeAll(file(LakeLayout.RETX_COUNTERS), LakeSchemas.RETX_COUNTERS, LakeEncoders.COUNTER, expected);
        List<CounterRecord> actual = new ArrayList<>();
        LakeReaders.forEachCounter(lake, actual::add);
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void detailsRoundTripEveryColumn() {
        List<DetailRecord> expected = List.of(
                new DetailRecord(1_795_392_000_123L, "10.1.0.7", 41822, "10.9.0.5", 6379, RetxType.RTO,
                        Scenario.INTRANET, 811, "java"),
                new DetailRecord(1_795_392_000_456L, "10.1.0.8", 443, "58.20.1.9", 50123, RetxType.SYN,
                        Scenario.INTERNET_IN, 0, ""));
        LakeWriter.writeAll(file(LakeLayout.RETX_DETAILS), LakeSchemas.RETX_DETAILS, LakeEncoders.DETAIL, expected);
        List<DetailRecord> actual = new ArrayList<>();
        LakeReaders.forEachDetail(lake, actual::add);
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void ipAttributesRoundTripIncludingVipsAndEmptyDimensions() {
        List<IpAttributes> expected = List.of(
                new IpAttributes("10.1.0.7", IpKind.CONTAINER, "app-checkout", "team-payments", "vm-000001",
                        "nc-00001", "tor-001", "vsw-01-1", "vpc-01", "az-1", "region-a", "natgw-1"),
                new IpAttributes("10.200.0.8", IpKind.SLB_VIP, "app-cart", "team-shop", "", "", "", "", "vpc-01",
                        "", "region-a", "slb-2"),
                new IpAttributes("58.20.1.9", IpKind.INTERNET, null, null, null, null, null, null, null, null, null,
                        null));
        LakeWriter.writeAll(file(LakeLayout.IP_ATTRIBUTES), LakeSchemas.IP_ATTRIBUTES, LakeEncoders.IP_ATTRIBUTES,
                expected);
        assertThat(LakeReaders.readIpAttributes(lake)).containsExactlyElementsOf(expected);
        List<LakeRow> raw = LakeReader.readAll(lake, List.of(LakeSchemas.IS_VIP));
        assertThat(raw).extracting(r -> r.getBoolean(LakeSchemas.IS_VIP)).containsExactly(false, true, false);
    }

    @Test
    void labelsRoundTripWithListColumnAndNullTeam() {
        List<IncidentLabel> expected = List.of(
                new IncidentLabel("sim-7-0001", LabelKind.INCIDENT, Optional.of(Team.SLB_NAT_GATEWAY), "slb_overload",
                        "region-a", "vip=10.200.0.8", 60_000L, 600_000L, 4, List.of("10.1.0.1", "10.1.0.2", "10.1.0.3"),
                        LabelSource.SIMULATOR),
                new IncidentLabel("sim-7-0002", LabelKind.BENIGN, Optional.empty(), "rolling_restart", "region-a",
                        "app=app-cart", 900_000L, 960_000L, -1, List.of("10.1.0.9"), LabelSource.SIMULATOR),
                new IncidentLabel("op-1", LabelKind.BENIGN, Optional.empty(), "unknown", "region-a", "", 0L, 1L, -1,
                        List.of(), LabelSource.OPERATOR));
        LakeWriter.writeAll(file(LakeLayout.LABELS), LakeSchemas.LABELS, LakeEncoders.LABEL, expected);
        assertThat(LakeReaders.readLabels(lake)).containsExactlyElementsOf(expected);
        LakeRow second = LakeReader.readAll(lake).get(1);
        assertThat(second.isNull(LakeSchemas.TEAM)).isTrue();
        assertThat(second.getList(LakeSchemas.AFFECTED_IPS)).containsExactly("10.1.0.9");
    }

    @Test
    void seriesTruthRoundTrips() {
        List<SeriesTruth> expected = List.of(
                new SeriesTruth("10.1.0.7", Scenario.INTRANET, RetxType.RTO, "LOW", "SEASONAL", 0.125),
                new SeriesTruth("10.1.0.7", Scenario.SLB, RetxType.SYN, "ULTRA_LOW", "MEAN_SHIFT", 1e-4));
        LakeWriter.writeAll(file(LakeLayout.SERIES_TRUTH), LakeSchemas.SERIES_TRUTH, LakeEncoders.SERIES_TRUTH,
                expected);
        assertThat(LakeReaders.readSeriesTruth(lake)).containsExactlyElementsOf(expected);
    }

    @Test
    void everyTableHasItsSchemaByName() {
        for (String t : List.of(LakeLayout.RETX_COUNTERS, LakeLayout.RETX_DETAILS, LakeLayout.IP_ATTRIBUTES,
                LakeLayout.LABELS, LakeLayout.SERIES_TRUTH)) {
            assertThat(LakeSchemas.of(t).getName()).isEqualTo(t);
        }
    }

    @Test
    void archivedSpeedLayerOutputRoundTripsEveryColumn() {
        long minute = 1_795_392_000_000L;
        List<Archived<AbnormalSeries>> abnormal = List.of(
                new Archived<>(new AbnormalSeries(minute, new SeriesKey("10.16.0.4", Scenario.SLB, RetxType.RTO), "region-a",
                        12, 1.5, 0.8, 0.71, 0.62, false, Map.of("residual", 13.1), "v1"), 2, 41, 1_795_392_070_000L),
                new Archived<>(new AbnormalSeries(minute, new SeriesKey("10.16.0.5", Scenario.INTRANET, RetxType.SYN), "",
                        3, 0, 0.5, 0.9, 0.62, true, Map.of(), "v1"), 0, 7, 1_795_392_071_000L));
        List<Archived<IncidentAlert>> incidents = List.of(
                new Archived<>(new IncidentAlert("region-a-1", AlertStatus.OPEN, "region-a", minute, minute + 60_000,
                        Optional.of(SeverityLevel.L3), 9, 2000,
                        new Route(Optional.of(Team.SLB_NAT_GATEWAY), 0.93, false, List.of("INTRANET", "NETWORK", "SLB_NAT_GATEWAY")),
                        List.of(new ScopeTerm("slb", "slb-1"), new ScopeTerm("vip", "10.200.0.8")),
                        List.of(new AppImpact("app-17", 5), new AppImpact("app-3", 4)), 2,
                        new Evidence(Map.of("dst_top_vip_share", 0.92), List.of("10.3.7.21:41822 -> 10.200.0.8:443 rto SLB")),
                        "v1"), 1, 3, 1_795_392_130_000L),
                new Archived<>(new IncidentAlert("region-a-2", AlertStatus.RESOLVED, "region-a", minute, minute,
                        Optional.empty(), 0, 2000, new Route(Optional.empty(), 0.4, true, List.of()), List.of(), List.of(), 0,
                        Evidence.none(), "v1"), 0, 0, 1_795_392_131_000L));
        List<Archived<MonitoredCount>> monitored = List.of(
                new Archived<>(new MonitoredCount(minute, "region-a", 1998, 2), 1, 99, 1_795_392_072_000L));

        LakeWriter.writeAll(file(LakeLayout.ABNORMAL), LakeSchemas.ABNORMAL, LakeEncoders.ABNORMAL, abnormal);
        LakeWriter.writeAll(file(LakeLayout.INCIDENTS), LakeSchemas.INCIDENTS, LakeEncoders.INCIDENT, incidents);
        LakeWriter.writeAll(file(LakeLayout.MONITORED), LakeSchemas.MONITORED, LakeEncoders.MONITORED, monitored);

        assertThat(LakeReaders.readAbnormal(LakeLayout.tableDir(lake, LakeLayout.ABNORMAL))).isEqualTo(abnormal);
        assertThat(LakeReaders.readIncidents(LakeLayout.tableDir(lake, LakeLayout.INCIDENTS))).isEqualTo(incidents);
        assertThat(LakeReaders.readMonitored(LakeLayout.tableDir(lake, LakeLayout.MONITORED))).isEqualTo(monitored);
    }

    @Test
    void inProgressFilesAreNeverData() {
        String name = LakeLayout.rollFileName("20261123T102000123Z-0001", 3);
        assertThat(name).isEqualTo("part-20261123T102000123Z-0001-00003.parquet");
        Path hidden = lake.resolve(LakeLayout.inProgressName(name));
        assertThat(LakeLayout.isInProgress(hidden)).isTrue();
        assertThat(LakeLayout.isDataFile(hidden)).isFalse();
        assertThat(LakeLayout.isInProgress(lake.resolve(name))).isFalse();
    }
}
