package io.andiag.bench;

import io.andiag.model.label.IncidentLabel;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReaders;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.routing.AbnormalSource;
import io.andiag.model.routing.Population;
import io.andiag.model.routing.RegionMinute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Incident candidates as the speed layer assembles them, taken from a simulated lake: for every label (incidents and
 * benign bursts) of one day, the minute after it starts, its affected IPs as abnormal sources (one per scenario and
 * type their sampled retransmissions show that minute) and those IPs' details of the minute, with the region's
 * population and attributes. Building the {@link RegionMinute} is left to the caller, since it is part of the work.
 */
public final class LakeCandidates {

    /** What {@link RegionMinute.Builder} needs for one candidate. */
    public record Inputs(String region, long minute, Population population, List<AbnormalSource> sources,
                         List<DetailRecord> details) {

        public RegionMinute build(Map<String, IpAttributes> attributes) {
            RegionMinute.Builder b = RegionMinute.builder(region, minute).population(population)
                    .monitoredIps(population.total()).paramVersion("bench");
            for (AbnormalSource s : sources) {
                b.source(s);
            }
            return b.details(details).resolveAttributes(attributes::get).build();
        }
    }

    private LakeCandidates() {
    }

    /** The newest {@code dt=} partition of a table. */
    public static Path newestPartition(Path lake, String table) {
        try (Stream<Path> dirs = Files.list(lake.resolve(table))) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("dt=")).sorted()
                    .reduce((a, b) -> b).orElseThrow(() -> new IllegalArgumentException(
                            "no dt= partition under " + lake.resolve(table)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, IpAttributes> attributes(Path lake) {
        Map<String, IpAttributes> out = new HashMap<>();
        for (IpAttributes a : LakeReaders.readIpAttributes(newestPartition(lake, LakeLayout.IP_ATTRIBUTES))) {
            out.put(a.ip(), a);
        }
        return out;
    }

    /** The candidates of the labels of {@code day} (a {@code dt=YYYY-MM-DD} partition name or date). */
    public static List<Inputs> of(Path lake, String day, Map<String, IpAttributes> attributes) {
        String dt = day.startsWith("dt=") ? day : "dt=" + day;
        List<IncidentLabel> labels = LakeReaders.readLabels(lake.resolve(LakeLayout.LABELS).resolve(dt));
        Map<String, Population> populations = Population.byRegion(attributes.values());
        Map<Long, List<IncidentLabel>> byMinute = new HashMap<>();
        Map<IncidentLabel, Set<String>> affected = new HashMap<>();
        for (IncidentLabel l : labels) {
            long minute = Math.min(l.startTs() + 60_000L, l.endTs() - 60_000L);
            byMinute.computeIfAbsent(minute, m -> new ArrayList<>()).add(l);
            affected.put(l, new HashSet<>(l.affectedIps()));
        }
        Map<IncidentLabel, List<DetailRecord>> details = new HashMap<>();
        LakeReaders.forEachDetail(lake.resolve(LakeLayout.RETX_DETAILS).resolve(dt), d -> {
            List<IncidentLabel> ls = byMinute.get(d.ts() - Math.floorMod(d.ts(), 60_000L));
            if (ls != null) {
                for (IncidentLabel l : ls) {
                    if (affected.get(l).contains(d.ip())) {
                        details.computeIfAbsent(l, k -> new ArrayList<>()).add(d);
                    }
                }
            }
        });
        List<Inputs> out = new ArrayList<>();
        for (IncidentLabel l : labels) {
            List<DetailRecord> ds = details.getOrDefault(l, List.of());
            Map<SeriesKey, Integer> perSeries = new TreeMap<>(Comparator.comparing(SeriesKey::asString));
            for (DetailRecord d : ds) {
                perSeries.merge(new SeriesKey(d.ip(), d.scenario(), d.type()), 1, Integer::sum);
            }
            List<AbnormalSource> sources = new ArrayList<>();
            perSeries.forEach((k, n) -> sources.add(AbnormalSource.of(k.ip(), k.scenario(), k.type(), n)));
            if (sources.isEmpty()) {
                continue;
            }
            long minute = Math.min(l.startTs() + 60_000L, l.endTs() - 60_000L);
            Population population = populations.getOrDefault(l.region(), Population.empty(l.region()));
            out.add(new Inputs(l.region(), minute, population, sources, ds));
        }
        return out;
    }
}
