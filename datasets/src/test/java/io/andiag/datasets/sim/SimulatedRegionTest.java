package io.andiag.datasets.sim;

import io.andiag.model.label.IncidentLabel;
import io.andiag.model.label.LabelKind;
import io.andiag.model.label.LabelSource;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReader;
import io.andiag.model.lake.LakeReaders;
import io.andiag.model.lake.LakeRow;
import io.andiag.model.lake.LakeSchemas;
import io.andiag.model.lake.SeriesTruth;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.Scenario;
import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The acceptance run of the brief: 2 days at 2000 IPs with the default options, generated once and shared by the
 * tests of this class. One pass over the counters collects everything the tests check.
 */
class SimulatedRegionTest {

    private static final int IPS = 2000;
    private static final int DAYS = 2;
    private static final LocalDate START = LocalDate.of(2026, 11, 21);

    @TempDir
    static Path lake;

    private static SimConfig cfg;
    private static RegionSimulator.Summary summary;
    private static List<IncidentLabel> labels;
    private static final Map<String, Integer> rowsPerIp = new HashMap<>();
    private static boolean ordered = true;
    /** Per label: retx of its affected IPs during its window, and in the same span just before it. */
    private static final Map<String, long[]> duringAndBefore = new HashMap<>();
    /** Per IP and counter slot: minutes with retx outside the IP's labelled events, and the last minute counted. */
    private static final Map<String, long[][]> minutesWithRetx = new HashMap<>();

    @BeforeAll
    static void simulate() {
        cfg = SimConfig.defaults(lake).withIps(IPS).withDays(DAYS).withStart(START);
        summary = RegionSimulator.run(cfg, null);
        labels = LakeReaders.readLabels(LakeLayout.tableDir(lake, LakeLayout.LABELS));
        scanCounters();
    }

    private static void scanCounters() {
        Map<String, List<IncidentLabel>> labelsByIp = new HashMap<>();
        for (IncidentLabel l : labels) {
            duringAndBefore.put(l.incidentId(), new long[2]);
            for (String ip : l.affectedIps()) {
                labelsByIp.computeIfAbsent(ip, k -> new ArrayList<>()).add(l);
            }
        }
        List<String> columns = new ArrayList<>(List.of(LakeSchemas.TS, LakeSchemas.IP));
        for (int s = 0; s < RetxCounts.SLOTS; s++) {
            columns.add(LakeSchemas.counterColumn(s));
        }
        for (Path file : LakeLayout.dataFiles(LakeLayout.tableDir(lake, LakeLayout.RETX_COUNTERS))) {
            long[] lastTs = {Long.MIN_VALUE};
            String[] lastIp = {""};
            LakeReader.forEach(file, columns, r -> {
                long ts = r.getLong(0);
                String ip = r.getString(1);
                if (ts < lastTs[0] || (ts == lastTs[0] && ip.compareTo(lastIp[0]) <= 0)) {
                    ordered = false;
                }
                lastTs[0] = ts;
                lastIp[0] = ip;
                rowsPerIp.merge(ip, 1, Integer::sum);
                List<IncidentLabel> mine = labelsByIp.get(ip);
                if (mine == null || mine.stream().noneMatch(l -> l.covers(ts - ts % 60_000))) {
                    long[][] m = minutesWithRetx.computeIfAbsent(ip, k -> new long[2][RetxCounts.SLOTS]);
                    long minute = ts / 60_000;
                    for (int s = 0; s < RetxCounts.SLOTS; s++) {
                        if (r.getInt(2 + s) > 0 && m[1][s] != minute + 1) {
                            m[0][s]++;
                            m[1][s] = minute + 1;
                        }
                    }
                }
                if (mine != null) {
                    for (IncidentLabel l : mine) {
                        long span = l.endTs() - l.startTs();
                        int idx = l.covers(ts) ? 0 : (ts >= l.startTs() - span && ts < l.startTs() ? 1 : -1);
                        if (idx >= 0) {
                            long total = 0;
                            for (int s = 2; s < r.fieldCount(); s++) {
                                total += r.getInt(s);
                            }
                            duringAndBefore.get(l.incidentId())[idx] += total;
                        }
                    }
                }
            });
        }
    }

    private static List<IncidentLabel> incidents() {
        return labels.stream().filter(l -> l.kind() == LabelKind.INCIDENT).toList();
    }

    @Test
    void writesEveryTableForEveryDayWithASuccessMarker() {
        for (String table : List.of(LakeLayout.RETX_COUNTERS, LakeLayout.RETX_DETAILS, LakeLayout.IP_ATTRIBUTES,
                LakeLayout.LABELS, LakeLayout.SERIES_TRUTH)) {
            assertThat(LakeLayout.partitions(lake, table, true)).as(table)
                    .containsExactly(START, START.plusDays(1));
        }
        assertThat(LakeLayout.dataFiles(LakeLayout.partitionDir(lake, LakeLayout.RETX_COUNTERS, START)))
                .hasSize(RegionSimulator.SHARDS);
        assertThat(summary.counterRows()).isEqualTo((long) IPS * DAYS * 86_400 / 15);
    }

    @Test
    void everyIpHasAHeartbeatForEveryIntervalInTsThenIpOrder() {
        assertThat(ordered).as("rows of every file ordered by ts then ip, no duplicates").isTrue();
        assertThat(rowsPerIp).hasSize(IPS);
        assertThat(new HashSet<>(rowsPerIp.values())).containsExactly(DAYS * 86_400 / 15);
    }

    @Test
    void labelsCoverEveryTeamAndEverySeverityLevel() {
        assertThat(incidents()).hasSize(DAYS * SimConfig.DEFAULT_INCIDENTS_PER_DAY);
        Set<Team> teams = incidents().stream().map(l -> l.team().orElseThrow())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Team.class)));
        assertThat(teams).containsExactlyInAnyOrder(Team.values());
        TreeSet<Integer> levels = incidents().stream().map(IncidentLabel::severity)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(levels).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (IncidentLabel l : incidents()) {
            assertThat(SeverityLevel.of(l.affectedIps().size(), IPS).map(SeverityLevel::level).orElse(-1))
                    .as(l.incidentId()).isEqualTo(l.severity());
            assertThat(l.source()).isEqualTo(LabelSource.SIMULATOR);
            assertThat(l.startTs() % 60_000).isZero();
            assertThat(l.endTs() % 60_000).isZero();
            assertThat(l.endTs() - l.startTs()).isBetween(3 * 60_000L, 30 * 60_000L);
        }
    }

    @Test
    void benignBurstsAreLabelledWithoutTeamAndStayBelowL0() {
        List<IncidentLabel> benign = labels.stream().filter(l -> l.kind() == LabelKind.BENIGN).toList();
        assertThat(benign).hasSize(DAYS * SimConfig.DEFAULT_BENIGN_PER_DAY);
        assertThat(benign).allSatisfy(l -> {
            assertThat(l.team()).isEmpty();
            assertThat(l.severity()).isEqualTo(-1);
        });
        assertThat(benign).extracting(IncidentLabel::cause).contains("rolling_restart", "noisy_container");
    }

    @Test
    void eventsNeverOverlapInTime() {
        List<IncidentLabel> sorted = new ArrayList<>(labels);
        sorted.sort((a, b) -> Long.compare(a.startTs(), b.startTs()));
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i).startTs()).as(sorted.get(i).incidentId())
                    .isGreaterThanOrEqualTo(sorted.get(i - 1).endTs() + 60_000);
        }
    }

    @Test
    void affectedIpsRetransmitMuchMoreDuringTheirIncidentThanBefore() {
        for (IncidentLabel l : incidents()) {
            long[] db = duringAndBefore.get(l.incidentId());
            assertThat(db[0]).as("%s %s: during=%d before=%d", l.incidentId(), l.scope(), db[0], db[1])
                    .isGreaterThan(3 * db[1] + l.affectedIps().size());
        }
    }

    @Test
    void detailsOfAnSlbIncidentConvergeOnItsVips() {
        List<IncidentLabel> slb = incidents().stream()
                .filter(l -> l.team().orElseThrow() == Team.SLB_NAT_GATEWAY && l.scope().contains("vip=")).toList();
        assertThat(slb).isNotEmpty();
        Map<String, IncidentLabel> byIp = new HashMap<>();
        for (IncidentLabel l : slb) {
            l.affectedIps().forEach(ip -> byIp.put(ip, l));
        }
        long[] inScope = new long[2];
        LakeReader.forEach(LakeLayout.tableDir(lake, LakeLayout.RETX_DETAILS),
                List.of(LakeSchemas.TS, LakeSchemas.IP, LakeSchemas.DIP, LakeSchemas.SCENARIO), r -> {
                    IncidentLabel l = byIp.get(r.getString(1));
                    if (l != null && l.covers(r.getLong(0) - r.getLong(0) % 60_000)
                            && r.getString(3).equals(Scenario.SLB.wireName())) {
                        Set<String> vips = Set.of(l.scope().substring(l.scope().indexOf("vip=") + 4).split(","));
                        inScope[vips.contains(r.getString(2)) ? 0 : 1]++;
                    }
                });
        assertThat(inScope[0]).isGreaterThan(50);
        assertThat((double) inScope[0] / (inScope[0] + inScope[1])).isGreaterThan(0.8);
    }

    @Test
    void patternMixMatchesTheConfiguredMixAndEveryFrequencyLevelOccurs() {
        List<SeriesTruth> truth = LakeReaders.readSeriesTruth(LakeLayout.partitionDir(lake, LakeLayout.SERIES_TRUTH, START));
        assertThat(truth).hasSize((int) summary.series());
        Map<String, Long> byPattern = truth.stream().collect(Collectors.groupingBy(SeriesTruth::pattern, Collectors.counting()));
        for (Pattern p : Pattern.values()) {
            assertThat((double) byPattern.getOrDefault(p.name(), 0L) / truth.size()).as(p.name())
                    .isCloseTo(PatternMix.PAPER.share(p), within(0.03));
        }
        Map<String, Long> byLevel = truth.stream().collect(Collectors.groupingBy(SeriesTruth::frequencyLevel, Collectors.counting()));
        assertThat(byLevel.keySet()).containsExactlyInAnyOrderElementsOf(SeriesTruth.FREQUENCY_LEVELS);
        assertThat(byLevel.get("ULTRA_LOW") + byLevel.get("LOW")).isGreaterThan(truth.size() * 7L / 10);
    }

    @Test
    void realisedShareOfMinutesWithRetxMatchesTheTruthLevelForMostSeries() {
        List<SeriesTruth> truth = LakeReaders.readSeriesTruth(LakeLayout.partitionDir(lake, LakeLayout.SERIES_TRUTH, START));
        Map<String, Long> confusion = new java.util.TreeMap<>();
        long agree = 0;
        for (SeriesTruth t : truth) {
            long minutes = minutesWithRetx.get(t.ip())[0][RetxCounts.slot(t.scenario(), t.type())];
            FrequencyLevel realised = FrequencyLevel.ofShare(minutes / (DAYS * 1440.0));
            confusion.merge(t.frequencyLevel() + "->" + realised, 1L, Long::sum);
            if (realised.name().equals(t.frequencyLevel())) {
                agree++;
            }
        }
        // Unstable series may leave their band when a regime multiplies their rate; the rest must stay in it.
        assertThat((double) agree / truth.size()).as("truth->realised %s", confusion).isGreaterThan(0.97);
    }

    @Test
    void ipAttributesDescribeSourcesAndEveryKindOfDestination() {
        List<IpAttributes> attrs = LakeReaders.readIpAttributes(LakeLayout.partitionDir(lake, LakeLayout.IP_ATTRIBUTES, START));
        assertThat(attrs.stream().filter(IpAttributes::isMonitored).count()).isEqualTo(IPS);
        assertThat(attrs.stream().map(IpAttributes::kind).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(IpKind.values());
        assertThat(attrs.stream().map(IpAttributes::ip).distinct().count()).isEqualTo(attrs.size());
        assertThat(attrs.stream().filter(IpAttributes::isMonitored)).allSatisfy(a -> {
            assertThat(Arrays.asList(a.app(), a.appTeam(), a.vm(), a.host(), a.tor(), a.vswitch(), a.vpc(), a.az(),
                    a.gatewayCluster())).doesNotContain("");
            assertThat(a.region()).isEqualTo("region-a");
        });
        // every destination of a detail can be joined with the attributes
        Set<String> known = attrs.stream().map(IpAttributes::ip).collect(Collectors.toSet());
        Set<String> unknown = new HashSet<>();
        LakeReader.forEach(LakeLayout.partitionDir(lake, LakeLayout.RETX_DETAILS, START), List.of(LakeSchemas.DIP), r -> {
            if (!known.contains(r.getString(0))) {
                unknown.add(r.getString(0));
            }
        });
        assertThat(unknown).isEmpty();
    }

    @Test
    void detailsAreAtMost23PerIpAndInterval() {
        Map<String, Integer> perKey = new HashMap<>();
        LakeReader.forEach(LakeLayout.partitionDir(lake, LakeLayout.RETX_DETAILS, START),
                List.of(LakeSchemas.TS, LakeSchemas.IP), (LakeRow r) ->
                        perKey.merge(r.getString(1) + "@" + (r.getLong(0) / 15_000), 1, Integer::sum));
        assertThat(perKey).isNotEmpty();
        assertThat(perKey.values().stream().mapToInt(Integer::intValue).max().orElseThrow()).isLessThanOrEqualTo(23);
    }
}
