package io.andiag.model.routing;

import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.andiag.model.record.RetxType.RTO;
import static io.andiag.model.record.RetxType.SYN;
import static io.andiag.model.record.Scenario.CROSS_REGION;
import static io.andiag.model.record.Scenario.INTERNET_IN;
import static io.andiag.model.record.Scenario.INTERNET_OUT;
import static io.andiag.model.record.Scenario.INTRANET;
import static io.andiag.model.record.Scenario.SLB;

/**
 * One hand-built canonical incident per team on any region's topology (its {@code ip_attributes}), where
 * {@link Canonical} uses the fixed 80-container {@link TestRegion}. A router trained on a region is asked to route
 * that region's own textbook faults: every container of one ToR, of one vSwitch, of two hosts, of one application;
 * clients spread over the region failing towards one VIP, one NAT gateway, the peer region or the internet.
 *
 * <p>Deterministic: every choice is "the largest, ties by name" or "every k-th container by IP", never random.
 * Destinations of intranet details are other containers of the region, chosen by a fixed stride.
 */
public final class TopologyCanonical {

    private final String region;
    private final List<IpAttributes> containers;
    private final Map<String, IpAttributes> all = new HashMap<>();
    private final Population population;
    private final long minute;

    public TopologyCanonical(List<IpAttributes> attributes, long minute) {
        this.containers = attributes.stream().filter(a -> a.kind() == IpKind.CONTAINER)
                .sorted(Comparator.comparing(IpAttributes::ip)).toList();
        if (containers.size() < 50) {
            throw new IllegalArgumentException("a topology of " + containers.size() + " containers is too small");
        }
        attributes.forEach(a -> all.put(a.ip(), a));
        this.region = containers.get(0).region();
        this.population = Population.of(region, containers);
        this.minute = minute;
    }

    /** Every team's canonical incident, keyed by a short name, with the team that must get it. */
    public Map<String, Map.Entry<Team, RegionMinute>> all() {
        Map<String, Map.Entry<Team, RegionMinute>> out = new LinkedHashMap<>();
        out.put("tor", Map.entry(Team.PHYSICAL_NETWORK, tor()));
        out.put("vswitch", Map.entry(Team.VIRTUAL_NETWORK, vswitch()));
        out.put("vip", Map.entry(Team.SLB_NAT_GATEWAY, vip()));
        out.put("nat", Map.entry(Team.SLB_NAT_GATEWAY, nat()));
        out.put("cross-region", Map.entry(Team.CROSS_REGION_LINK, crossRegion()));
        out.put("internet", Map.entry(Team.INTERNET, internet()));
        out.put("end-host", Map.entry(Team.END_HOST, endHost()));
        out.put("application", Map.entry(Team.APPLICATION, application()));
        return out;
    }

    /** Every container behind the largest ToR, intranet RTO, each to another container. */
    public RegionMinute tor() {
        return intranet(largestGroup(IpAttributes::tor), RTO);
    }

    /**
     * Every container of the vSwitch with the most containers that is not confined to one ToR, intranet RTO. Small
     * simulated regions have one ToR per AZ, so every vSwitch (one per VPC and AZ) sits inside one ToR: then the largest
     * vSwitch that is a strict part of its ToR (the ToR's other vSwitches stay healthy: vSwitch share 1, ToR lift below
     * the vSwitch's). A vSwitch that is its whole ToR is indistinguishable from a ToR fault: never chosen.
     */
    public RegionMinute vswitch() {
        Map<String, List<IpAttributes>> byVsw = group(IpAttributes::vswitch);
        Map<String, List<IpAttributes>> byTor = group(IpAttributes::tor);
        Comparator<List<IpAttributes>> bySize = Comparator.comparingInt(List::size);
        List<IpAttributes> best = byVsw.values().stream()
                .filter(g -> g.stream().map(IpAttributes::tor).distinct().count() > 1)
                .max(bySize)
                .or(() -> byVsw.values().stream()
                        .filter(g -> g.size() < byTor.get(g.get(0).tor()).size())
                        .max(bySize))
                .orElseThrow(() -> new IllegalArgumentException("every vSwitch of the topology is a whole ToR: a vSwitch "
                        + "fault cannot be told from a ToR fault there"));
        return intranet(best, RTO);
    }

    /** All containers of the two largest hosts, intranet and SLB RTO. */
    public RegionMinute endHost() {
        Map<String, List<IpAttributes>> byHost = group(IpAttributes::host);
        List<IpAttributes> members = byHost.values().stream().sorted(Comparator.comparingInt(l -> -l.size())).limit(2)
                .flatMap(List::stream).toList();
        RegionMinute.Builder b = builder();
        int k = 0;
        for (IpAttributes a : members) {
            b.source(AbnormalSource.of(a.ip(), INTRANET, RTO, 6));
            b.detail(detail(a, peer(k++).ip(), 6379, RTO, INTRANET));
            b.detail(detail(a, peer(k++).ip(), 6379, RTO, INTRANET));
        }
        return b.resolveAttributes(all::get).build();
    }

    /** Every container of the largest application, intranet SYN to its dependencies. */
    public RegionMinute application() {
        return intranet(largestGroup(IpAttributes::app), SYN);
    }

    /** Every 8th container (at most 40), SLB RTO to the region's first VIP. */
    public RegionMinute vip() {
        String vip = first(IpKind.SLB_VIP);
        RegionMinute.Builder b = builder();
        for (IpAttributes a : spread(40)) {
            b.source(AbnormalSource.of(a.ip(), SLB, RTO, 6));
            b.detail(detail(a, vip, 443, RTO, SLB));
            b.detail(detail(a, vip, 443, RTO, SLB));
        }
        return b.resolveAttributes(all::get).build();
    }

    /** The containers behind the largest NAT gateway cluster (every 4th, at most 30), INTERNET_OUT SYN. */
    public RegionMinute nat() {
        List<IpAttributes> behind = largestGroup(IpAttributes::gatewayCluster);
        String service = first(IpKind.INTERNET);
        RegionMinute.Builder b = builder();
        for (int i = 0; i < behind.size() && i / 4 < 30; i += 4) {
            IpAttributes a = behind.get(i);
            b.source(AbnormalSource.of(a.ip(), INTERNET_OUT, SYN, 4));
            b.detail(detail(a, service, 443, SYN, INTERNET_OUT));
            b.detail(detail(a, service, 443, SYN, INTERNET_OUT));
        }
        return b.resolveAttributes(all::get).build();
    }

    /** Every 8th container (at most 40), CROSS_REGION RTO to the peer region. */
    public RegionMinute crossRegion() {
        String remote = first(IpKind.REMOTE_REGION);
        RegionMinute.Builder b = builder();
        for (IpAttributes a : spread(40)) {
            b.source(AbnormalSource.of(a.ip(), CROSS_REGION, RTO, 4));
            b.detail(detail(a, remote, 5432, RTO, CROSS_REGION));
        }
        return b.resolveAttributes(all::get).build();
    }

    /** Every 8th container (at most 40), INTERNET_IN and INTERNET_OUT RTO. */
    public RegionMinute internet() {
        List<String> internet = all.values().stream().filter(a -> a.kind() == IpKind.INTERNET).map(IpAttributes::ip)
                .sorted().toList();
        RegionMinute.Builder b = builder();
        int k = 0;
        for (IpAttributes a : spread(40)) {
            b.source(AbnormalSource.of(a.ip(), INTERNET_IN, RTO, 4));
            b.source(AbnormalSource.of(a.ip(), INTERNET_OUT, RTO, 2));
            b.detail(detail(a, internet.get(k++ % internet.size()), 51_000, RTO, INTERNET_IN));
            b.detail(detail(a, internet.get(k++ % internet.size()), 443, RTO, INTERNET_OUT));
        }
        return b.resolveAttributes(all::get).build();
    }

    private RegionMinute intranet(List<IpAttributes> members, RetxType type) {
        RegionMinute.Builder b = builder();
        int k = 0;
        for (IpAttributes a : members) {
            b.source(AbnormalSource.of(a.ip(), INTRANET, type, 5));
            b.detail(detail(a, peer(k++).ip(), 8080, type, INTRANET));
        }
        return b.resolveAttributes(all::get).build();
    }

    private RegionMinute.Builder builder() {
        return RegionMinute.builder(region, minute).population(population).monitoredIps(containers.size())
                .paramVersion("canonical");
    }

    private List<IpAttributes> spread(int max) {
        List<IpAttributes> out = new ArrayList<>();
        for (int i = 3; i < containers.size() && out.size() < max; i += 8) {
            out.add(containers.get(i));
        }
        return out;
    }

    private IpAttributes peer(int k) {
        return containers.get((k * 37 + 11) % containers.size());
    }

    private String first(IpKind kind) {
        return all.values().stream().filter(a -> a.kind() == kind).map(IpAttributes::ip).sorted().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the topology has no " + kind));
    }

    private Map<String, List<IpAttributes>> group(Function<IpAttributes, String> key) {
        return containers.stream().filter(a -> key.apply(a) != null && !key.apply(a).isEmpty())
                .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    }

    private List<IpAttributes> largestGroup(Function<IpAttributes, String> key) {
        return group(key).values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
    }

    private DetailRecord detail(IpAttributes src, String dip, int dport, RetxType type, Scenario scenario) {
        return new DetailRecord(minute + 1_000, src.ip(), 41_000, dip, dport, type, scenario, 811, "java");
    }
}
