package io.andiag.batch.router;

import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import io.andiag.model.routing.AbnormalSource;
import io.andiag.model.routing.Population;
import io.andiag.model.routing.RegionMinute;
import io.andiag.model.routing.RoutingFeatureExtractor;
import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * Synthetic incident candidates on a region's own topology (its {@code ip_attributes}), to augment the router's training
 * data: a simulated region holds only a handful of labelled incidents per team, and GBTs trained on so few latch onto
 * whatever feature happens to separate them (a vSwitch outage routed to APPLICATION). Each synthetic incident is one
 * region-minute of one team's fault, built as a common-model {@link RegionMinute} and turned into features by the same
 * {@link RoutingFeatureExtractor} as the replayed candidates:
 * <ul>
 *   <li>PHYSICAL_NETWORK: containers of one ToR (70 %) or one AZ, intranet/SLB, mostly RTO;</li>
 *   <li>VIRTUAL_NETWORK: containers of one vSwitch (70 %) or one VPC, intranet/SLB, mostly RTO;</li>
 *   <li>SLB_NAT_GATEWAY: clients anywhere in the region failing towards 1-3 VIPs (SLB), or the containers behind one NAT
 *       gateway cluster failing out to the internet (INTERNET_OUT), half each (NAT faults are rare in the simulator);</li>
 *   <li>CROSS_REGION_LINK: containers anywhere, CROSS_REGION to 1-3 addresses of the peer region;</li>
 *   <li>INTERNET: containers anywhere, INTERNET_OUT to 1-3 internet services and/or INTERNET_IN from internet clients;</li>
 *   <li>END_HOST: most containers of 1-3 hosts, any scenario (a host fault hurts all its traffic);</li>
 *   <li>APPLICATION: containers of one application, SYN-heavy (a bad release, an ACL) or RTO-heavy.</li>
 * </ul>
 * The number of abnormal IPs is drawn as the simulator draws it (a random severity level L0-L9 of the region's monitored
 * IPs, capped by the group) or, in {@value #WHOLE_GROUP_SHARE} of the incidents, as a random fraction (30-100 %) of the
 * group: the simulator's L9 is 1 % of a region, far smaller than a ToR or vSwitch outage, and a router must route both.
 * Group faults get at least {@value #MIN_GROUP_IPS} IPs (one abnormal IP of a ToR is indistinguishable from a host
 * fault). 0-3 unrelated background IPs are mixed in, each with one intranet or SLB series, as the detector's noise.
 *
 * <p>Deterministic: incident k of a team is drawn from a generator seeded by (seed, region, team, k), so the same
 * topology and seed give the same incidents whatever {@code perTeam}. They are training examples only: their incident
 * ids start with {@value #INCIDENT_PREFIX}, {@link HoldoutSplit} refuses them, and they are never written to a lake
 * table.
 */
public final class FaultInjector {

    /** Incident id prefix of every synthetic example. */
    public static final String INCIDENT_PREFIX = "synthetic:";
    /** Share of incidents whose size is a fraction of the whole group rather than a severity level. */
    public static final double WHOLE_GROUP_SHARE = 0.35;
    /** Fewest abnormal IPs of a ToR, AZ, vSwitch, VPC, NAT or application fault (when the group holds them). */
    public static final int MIN_GROUP_IPS = 3;
    /** Fewest containers a topology needs to inject into. */
    public static final int MIN_CONTAINERS = 20;

    /**
     * One synthetic incident: its team, the fault drawn ({@code tor}, {@code vip}, ...), the faulty group (the containers of
     * the ToR, host(s), NAT cluster..., or the destinations: VIPs, remote or internet addresses), the unrelated background
     * IPs mixed in, and the minute.
     */
    public record Synthetic(String id, Team team, String fault, Set<String> group, Set<String> background, RegionMinute minute) {

        public RouterTrainer.Example example() {
            return new RouterTrainer.Example(RoutingFeatureExtractor.extract(minute), team, id);
        }
    }

    private final String region;
    private final int monitored;
    private final List<IpAttributes> containers;
    private final Map<String, IpAttributes> byIp = new HashMap<>();
    private final Population population;
    private final List<String> vips;
    private final List<String> remotes;
    private final List<String> services;
    private final List<String> clients;
    private final Map<String, List<String>> natAddresses;

    /**
     * @param attributes every address of a snapshot (containers of {@code region} are the population; VIPs, NAT, remote
     *                   and internet addresses are the destinations)
     * @param region     the region to inject into
     * @param monitored  the region's monitored IPs per minute (severity denominator); 0 = its container count
     */
    public FaultInjector(List<IpAttributes> attributes, String region, int monitored) {
        this.region = region;
        this.containers = attributes.stream().filter(a -> a.kind() == IpKind.CONTAINER && a.region().equals(region))
                .sorted(Comparator.comparing(IpAttributes::ip)).toList();
        if (containers.size() < MIN_CONTAINERS) {
            throw new IllegalArgumentException("region " + region + " has " + containers.size() + " containers in its ip_attributes, "
                    + "fewer than " + MIN_CONTAINERS + ": too small to inject faults into");
        }
        attributes.forEach(a -> byIp.put(a.ip(), a));
        this.monitored = monitored > 0 ? monitored : containers.size();
        this.population = Population.of(region, containers);
        this.vips = ips(attributes, a -> a.kind() == IpKind.SLB_VIP);
        this.remotes = ips(attributes, a -> a.kind() == IpKind.REMOTE_REGION);
        this.services = ips(attributes, a -> a.kind() == IpKind.INTERNET && !a.app().isEmpty());
        this.clients = ips(attributes, a -> a.kind() == IpKind.INTERNET && a.app().isEmpty());
        this.natAddresses = attributes.stream().filter(a -> a.kind() == IpKind.NAT_GATEWAY)
                .collect(Collectors.groupingBy(IpAttributes::gatewayCluster, TreeMap::new,
                        Collectors.mapping(IpAttributes::ip, Collectors.toList())));
    }

    /** The regions of the monitored containers of {@code attributes}, sorted. */
    public static List<String> regions(List<IpAttributes> attributes) {
        return attributes.stream().filter(a -> a.kind() == IpKind.CONTAINER).map(IpAttributes::region).distinct().sorted().toList();
    }

    /** Synthetic training examples for every region of {@code attributes} with enough containers, {@code perTeam} per team. */
    public static List<RouterTrainer.Example> examples(List<IpAttributes> attributes, Function<String, Integer> monitoredOf,
                                                      int perTeam, long seed) {
        List<RouterTrainer.Example> out = new ArrayList<>();
        if (perTeam <= 0) {
            return out;
        }
        for (String r : regions(attributes)) {
            long n = attributes.stream().filter(a -> a.kind() == IpKind.CONTAINER && a.region().equals(r)).count();
            if (n < MIN_CONTAINERS) {
                continue;
            }
            new FaultInjector(attributes, r, monitoredOf.apply(r)).generate(perTeam, seed).forEach(s -> out.add(s.example()));
        }
        return out;
    }

    public int monitored() {
        return monitored;
    }

    /** {@code perTeam} incidents of every team, team by team. */
    public List<Synthetic> generate(int perTeam, long seed) {
        List<Synthetic> out = new ArrayList<>(perTeam * Team.values().length);
        for (Team team : Team.values()) {
            for (int k = 0; k < perTeam; k++) {
                out.add(generate(team, k, seed));
            }
        }
        return out;
    }

    /** Incident {@code k} of {@code team}. */
    public Synthetic generate(Team team, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + (long) region.hashCode() * 7919L + team.ordinal() * 104_729L + k);
        String id = INCIDENT_PREFIX + region + ":" + team.name() + ":" + k;
        return switch (team) {
            case PHYSICAL_NETWORK -> r.nextDouble() < 0.7
                    ? groupFault(id, team, "tor", IpAttributes::tor, r, FaultInjector::networkSeries)
                    : groupFault(id, team, "az", IpAttributes::az, r, FaultInjector::networkSeries);
            case VIRTUAL_NETWORK -> r.nextDouble() < 0.7
                    ? groupFault(id, team, "vswitch", IpAttributes::vswitch, r, FaultInjector::networkSeries)
                    : groupFault(id, team, "vpc", IpAttributes::vpc, r, FaultInjector::networkSeries);
            case SLB_NAT_GATEWAY -> r.nextBoolean() && !vips.isEmpty() ? vip(id, r) : nat(id, r);
            case CROSS_REGION_LINK -> spread(id, team, "cross-region", r, CROSS_REGION);
            case INTERNET -> spread(id, team, "internet", r, null);
            case END_HOST -> endHost(id, r);
            case APPLICATION -> {
                boolean syn = r.nextDouble() < 0.6;
                yield groupFault(id, team, syn ? "application-syn" : "application-rto", IpAttributes::app, r,
                        syn ? FaultInjector::applicationSynSeries : FaultInjector::networkSeries);
            }
        };
    }

    // ------------------------------------------------------------------ faults

    @FunctionalInterface
    private interface Signature {
        /** The abnormal series of one affected source, given the incident's dominant type. */
        List<Series> of(SplittableRandom r, RetxType dominant);
    }

    private record Series(Scenario scenario, RetxType type) {
    }

    /** Containers of one group (ToR, AZ, vSwitch, VPC, application) fail with the signature. */
    private Synthetic groupFault(String id, Team team, String fault, Function<IpAttributes, String> key, SplittableRandom r,
                                 Signature signature) {
        List<List<IpAttributes>> groups = groups(key);
        int want = wantedSize(r);
        List<IpAttributes> group;
        boolean whole = r.nextDouble() < WHOLE_GROUP_SHARE;
        if (whole) {
            group = groups.get(r.nextInt(groups.size()));
            want = (int) Math.ceil(group.size() * uniform(r, 0.3, 1.0));
        } else {
            int w = Math.max(want, MIN_GROUP_IPS);
            List<List<IpAttributes>> fit = groups.stream().filter(g -> g.size() >= w).toList();
            group = fit.isEmpty() ? groups.stream().max(Comparator.comparingInt(List::size)).orElseThrow() : fit.get(r.nextInt(fit.size()));
        }
        int n = Math.min(group.size(), Math.max(want, MIN_GROUP_IPS));
        List<IpAttributes> affected = sample(r, group, n);
        RetxType dominant = team == Team.APPLICATION && fault.endsWith("syn") ? SYN : r.nextDouble() < 0.8 ? RTO : SYN;
        List<String> deps = sample(r, containers, 1 + r.nextInt(4)).stream().map(IpAttributes::ip).toList();
        RegionMinute.Builder b = builder();
        for (IpAttributes a : affected) {
            for (Series s : signature.of(r, dominant)) {
                addSeries(b, r, a, s, team == Team.APPLICATION && r.nextDouble() < 0.6 ? deps : null);
            }
        }
        return finish(id, team, fault, ips(group), b, r, ips(group));
    }

    /** Clients anywhere in the region fail towards 1-3 VIPs. */
    private Synthetic vip(String id, SplittableRandom r) {
        List<String> chosen = sampleStrings(r, vips, 1 + r.nextInt(Math.min(3, vips.size())));
        List<IpAttributes> affected = sample(r, containers, spreadSize(r));
        RetxType dominant = r.nextDouble() < 0.7 ? RTO : SYN;
        RegionMinute.Builder b = builder();
        for (IpAttributes a : affected) {
            RetxType t = mostly(r, dominant);
            b.source(AbnormalSource.of(a.ip(), SLB, t, observed(r)));
            if (r.nextDouble() < 0.15) {
                b.source(AbnormalSource.of(a.ip(), SLB, other(t), observed(r)));
            }
            int details = 1 + r.nextInt(3);
            for (int i = 0; i < details; i++) {
                b.detail(detail(r, a, pick(r, chosen), 443, t, SLB));
            }
            if (r.nextDouble() < 0.3) {
                b.detail(detail(r, a, pick(r, containers).ip(), 8080, t, INTRANET));
            }
        }
        return finish(id, Team.SLB_NAT_GATEWAY, "vip", new TreeSet<>(chosen), b, r, ips(affected));
    }

    /** The containers behind one NAT gateway cluster fail out to the internet. */
    private Synthetic nat(String id, SplittableRandom r) {
        List<List<IpAttributes>> groups = groups(IpAttributes::gatewayCluster);
        int want = Math.max(wantedSize(r), MIN_GROUP_IPS);
        List<IpAttributes> group;
        if (r.nextDouble() < WHOLE_GROUP_SHARE) {
            group = groups.get(r.nextInt(groups.size()));
            want = Math.max(MIN_GROUP_IPS, (int) Math.ceil(group.size() * uniform(r, 0.1, 0.6)));
        } else {
            int w = want;
            List<List<IpAttributes>> fit = groups.stream().filter(g -> g.size() >= w).toList();
            group = fit.isEmpty() ? groups.stream().max(Comparator.comparingInt(List::size)).orElseThrow() : fit.get(r.nextInt(fit.size()));
        }
        List<IpAttributes> affected = sample(r, group, Math.min(group.size(), want));
        String cluster = group.get(0).gatewayCluster();
        List<String> dsts = sampleStrings(r, services.isEmpty() ? List.of("203.0.113.1") : services, 1 + r.nextInt(3));
        List<String> nat = natAddresses.getOrDefault(cluster, List.of());
        double synShare = r.nextDouble() < 0.6 ? 0.9 : 0.3;
        RegionMinute.Builder b = builder();
        for (IpAttributes a : affected) {
            RetxType t = r.nextDouble() < synShare ? SYN : RTO;
            b.source(AbnormalSource.of(a.ip(), INTERNET_OUT, t, observed(r)));
            if (r.nextDouble() < 0.2) {
                b.source(AbnormalSource.of(a.ip(), INTERNET_OUT, other(t), observed(r)));
            }
            int details = 1 + r.nextInt(3);
            for (int i = 0; i < details; i++) {
                String dip = !nat.isEmpty() && r.nextDouble() < 0.2 ? pick(r, nat) : pick(r, dsts);
                b.detail(detail(r, a, dip, 443, t, INTERNET_OUT));
            }
        }
        return finish(id, Team.SLB_NAT_GATEWAY, "nat", ips(group), b, r, ips(group));
    }

    /** Containers anywhere in the region fail towards the peer region ({@code scenario} CROSS_REGION) or the internet (null). */
    private Synthetic spread(String id, Team team, String fault, SplittableRandom r, Scenario scenario) {
        List<IpAttributes> affected = sample(r, containers, spreadSize(r));
        boolean cross = scenario == CROSS_REGION;
        List<String> dsts = cross ? sampleStrings(r, remotes.isEmpty() ? List.of("10.255.0.1") : remotes, 1 + r.nextInt(3))
                : sampleStrings(r, services.isEmpty() ? List.of("203.0.113.1") : services, 1 + r.nextInt(3));
        List<String> from = clients.isEmpty() ? List.of("198.51.100.1") : clients;
        // internet (a route flap, an ISP outage) hurts both directions: IN and OUT 60 %, IN only 25 %, OUT only 15 %,
        // RTO-dominant 90 % (SYN-dominant OUT-only traffic of one gateway cluster is the NAT gateway's signature)
        double u = r.nextDouble();
        boolean in = !cross && u < 0.85;
        boolean out = cross || u >= 0.25;
        RetxType dominant = r.nextDouble() < (cross ? 0.8 : 0.9) ? RTO : SYN;
        RegionMinute.Builder b = builder();
        for (IpAttributes a : affected) {
            RetxType t = mostly(r, dominant);
            if (cross) {
                b.source(AbnormalSource.of(a.ip(), CROSS_REGION, t, observed(r)));
                for (int i = 0, n = 1 + r.nextInt(2); i < n; i++) {
                    b.detail(detail(r, a, pick(r, dsts), 5432, t, CROSS_REGION));
                }
                continue;
            }
            if (in) {
                b.source(AbnormalSource.of(a.ip(), INTERNET_IN, t, observed(r)));
                b.detail(detail(r, a, pick(r, from), 30_000 + r.nextInt(30_000), t, INTERNET_IN));
            }
            if (out && (!in || r.nextDouble() < 0.7)) {
                b.source(AbnormalSource.of(a.ip(), INTERNET_OUT, t, observed(r)));
                b.detail(detail(r, a, pick(r, dsts), 443, t, INTERNET_OUT));
            }
        }
        return finish(id, team, fault, new TreeSet<>(dsts), b, r, ips(affected));
    }

    /**
     * Most containers of 1-3 hosts fail on whatever traffic they carry. Half the multi-host faults take hosts of one ToR
     * (a bad kernel or firmware rolled out rack by rack): a ToR share of 1 must not by itself mean a ToR fault, when the
     * abnormal IPs fill a few hosts and the rest of the ToR is healthy.
     */
    private Synthetic endHost(String id, SplittableRandom r) {
        List<List<IpAttributes>> hosts = groups(IpAttributes::host);
        int k = 1 + r.nextInt(Math.min(3, hosts.size()));
        if (k > 1 && r.nextBoolean()) {
            String tor = pick(r, containers).tor();
            List<List<IpAttributes>> sameTor = hosts.stream().filter(h -> h.get(0).tor().equals(tor)).toList();
            if (sameTor.size() >= k) {
                hosts = sameTor;
            }
        }
        List<IpAttributes> group = new ArrayList<>();
        List<IpAttributes> affected = new ArrayList<>();
        for (List<IpAttributes> host : sample(r, hosts, k)) {
            group.addAll(host);
            double share = r.nextBoolean() ? 1.0 : uniform(r, 0.6, 1.0);   // half the time the whole host
            affected.addAll(sample(r, host, Math.max(1, (int) Math.ceil(host.size() * share))));
        }
        RetxType dominant = r.nextDouble() < 0.7 ? RTO : SYN;
        RegionMinute.Builder b = builder();
        for (IpAttributes a : affected) {
            for (Series s : hostSeries(r, dominant)) {
                addSeries(b, r, a, s, null);
            }
        }
        return finish(id, Team.END_HOST, "end-host", ips(group), b, r, ips(group));
    }

    // ------------------------------------------------------------------ signatures

    /** A network fault inside the region: intranet (and SLB) traffic, mostly of the dominant type. */
    private static List<Series> networkSeries(SplittableRandom r, RetxType dominant) {
        List<Series> out = new ArrayList<>();
        RetxType t = mostly(r, dominant);
        if (r.nextDouble() < 0.9) {
            out.add(new Series(INTRANET, t));
        }
        if (out.isEmpty() || r.nextDouble() < 0.35) {
            out.add(new Series(SLB, t));
        }
        if (r.nextDouble() < 0.15) {
            out.add(new Series(INTRANET, other(t)));
        }
        return out;
    }

    /** A failing application: SYN to its dependencies, now and then through a VIP, the NAT or the peer region. */
    private static List<Series> applicationSynSeries(SplittableRandom r, RetxType dominant) {
        List<Series> out = new ArrayList<>();
        out.add(new Series(INTRANET, r.nextDouble() < 0.85 ? SYN : RTO));
        if (r.nextDouble() < 0.3) {
            out.add(new Series(SLB, SYN));
        }
        if (r.nextDouble() < 0.1) {
            out.add(new Series(INTERNET_OUT, SYN));
        }
        if (r.nextDouble() < 0.1) {
            out.add(new Series(CROSS_REGION, SYN));
        }
        return out;
    }

    /**
     * A sick host: every kind of traffic its containers carry; for half the hosts that is intranet traffic alone (most
     * containers talk only to other containers), for the others a mix, mostly intranet.
     */
    private static List<Series> hostSeries(SplittableRandom r, RetxType dominant) {
        List<Series> out = new ArrayList<>();
        RetxType t = mostly(r, dominant);
        if (r.nextBoolean()) {
            out.add(new Series(INTRANET, t));
            return out;
        }
        if (r.nextDouble() < 0.9) {
            out.add(new Series(INTRANET, t));
        }
        if (r.nextDouble() < 0.5) {
            out.add(new Series(SLB, t));
        }
        if (r.nextDouble() < 0.15) {
            out.add(new Series(INTERNET_OUT, t));
        }
        if (r.nextDouble() < 0.1) {
            out.add(new Series(CROSS_REGION, t));
        }
        if (r.nextDouble() < 0.1) {
            out.add(new Series(INTERNET_IN, t));
        }
        if (out.isEmpty()) {
            out.add(new Series(INTRANET, t));
        }
        return out;
    }

    // ------------------------------------------------------------------ building

    /** One abnormal series of {@code a} and 1-2 sampled details of it ({@code deps}: the destinations of intranet details, null = anywhere). */
    private void addSeries(RegionMinute.Builder b, SplittableRandom r, IpAttributes a, Series s, List<String> deps) {
        b.source(AbnormalSource.of(a.ip(), s.scenario(), s.type(), observed(r)));
        for (int i = 0, n = 1 + r.nextInt(2); i < n; i++) {
            String dip = switch (s.scenario()) {
                case INTRANET -> deps != null ? pick(r, deps) : pick(r, containers).ip();
                case SLB -> vips.isEmpty() ? pick(r, containers).ip() : pick(r, vips);
                case CROSS_REGION -> remotes.isEmpty() ? "10.255.0.1" : pick(r, remotes);
                case INTERNET_OUT -> services.isEmpty() ? "203.0.113.1" : pick(r, services);
                case INTERNET_IN -> clients.isEmpty() ? "198.51.100.1" : pick(r, clients);
            };
            b.detail(detail(r, a, dip, s.scenario() == INTERNET_IN ? 30_000 + r.nextInt(30_000) : 8080, s.type(), s.scenario()));
        }
    }

    /** Adds 0-3 unrelated background IPs (outside {@code exclude}) and builds the incident. */
    private Synthetic finish(String id, Team team, String fault, Set<String> group, RegionMinute.Builder b, SplittableRandom r,
                             Set<String> exclude) {
        int wanted = r.nextInt(4);
        Set<String> background = new TreeSet<>();
        for (int tries = 0; background.size() < wanted && tries < 50; tries++) {
            IpAttributes a = pick(r, containers);
            if (exclude.contains(a.ip()) || !background.add(a.ip())) {
                continue;
            }
            Series s = new Series(r.nextDouble() < 0.75 ? INTRANET : SLB, r.nextDouble() < 0.7 ? RTO : SYN);
            addSeries(b, r, a, s, null);
        }
        return new Synthetic(id, team, fault, group, background, b.resolveAttributes(byIp::get).build());
    }

    private RegionMinute.Builder builder() {
        return RegionMinute.builder(region, 0L).population(population).monitoredIps(monitored).paramVersion("synthetic");
    }

    /** Abnormal IPs as the simulator draws them: a random severity level L0-L9 of the monitored IPs. */
    private int wantedSize(SplittableRandom r) {
        int level = r.nextInt(10);
        long lo = SeverityLevel.ofLevel(level).minAbnormal(monitored);
        long hi = level == 9 ? lo + Math.max(1, lo / 2) : SeverityLevel.ofLevel(level + 1).minAbnormal(monitored) - 1;
        return (int) (lo + (hi > lo ? r.nextLong(hi - lo + 1) : 0));
    }

    /** Abnormal IPs of a fault spread over the region: a severity level, or 2-30 % of the region. */
    private int spreadSize(SplittableRandom r) {
        int n = r.nextDouble() < WHOLE_GROUP_SHARE ? (int) Math.ceil(containers.size() * uniform(r, 0.02, 0.3)) : wantedSize(r);
        return Math.min(containers.size(), Math.max(MIN_GROUP_IPS, n));
    }

    /** The containers grouped by a dimension (values empty = unknown left out), in value order. */
    private List<List<IpAttributes>> groups(Function<IpAttributes, String> key) {
        Map<String, List<IpAttributes>> g = new TreeMap<>();
        for (IpAttributes a : containers) {
            String v = key.apply(a);
            if (!v.isEmpty()) {
                g.computeIfAbsent(v, x -> new ArrayList<>()).add(a);
            }
        }
        if (g.isEmpty()) {
            return List.of(containers);   // no such dimension in the snapshot: the region is one group
        }
        return new ArrayList<>(g.values());
    }

    private DetailRecord detail(SplittableRandom r, IpAttributes src, String dip, int dport, RetxType type, Scenario scenario) {
        return new DetailRecord(r.nextInt(60_000), src.ip(), 32_768 + r.nextInt(28_000), dip, dport, type, scenario, 0, "");
    }

    private static RetxType mostly(SplittableRandom r, RetxType dominant) {
        return r.nextDouble() < 0.85 ? dominant : other(dominant);
    }

    private static RetxType other(RetxType t) {
        return t == RTO ? SYN : RTO;
    }

    private static int observed(SplittableRandom r) {
        return 1 + r.nextInt(8);
    }

    private static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static <T> T pick(SplittableRandom r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    /** {@code n} distinct elements (all when {@code n >= size}), by a partial Fisher-Yates shuffle. */
    static <T> List<T> sample(SplittableRandom r, List<T> from, int n) {
        List<T> copy = new ArrayList<>(from);
        int k = Math.min(n, copy.size());
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(copy.size() - i);
            T tmp = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, tmp);
        }
        return new ArrayList<>(copy.subList(0, k));
    }

    private static List<String> sampleStrings(SplittableRandom r, List<String> from, int n) {
        return sample(r, from, n);
    }

    private static Set<String> ips(List<IpAttributes> list) {
        Set<String> out = new LinkedHashSet<>();
        list.forEach(a -> out.add(a.ip()));
        return new TreeSet<>(out);
    }

    private static List<String> ips(List<IpAttributes> attributes, java.util.function.Predicate<IpAttributes> p) {
        return attributes.stream().filter(p).map(IpAttributes::ip).distinct().sorted().toList();
    }
}
