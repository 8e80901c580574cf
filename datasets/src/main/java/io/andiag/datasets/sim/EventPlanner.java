package io.andiag.datasets.sim;

import io.andiag.model.label.IncidentLabel;
import io.andiag.model.label.LabelKind;
import io.andiag.model.label.LabelSource;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Plans every incident and benign burst of the run before any row is generated, from its own random stream.
 * Each day is cut into equal slots, one event per slot, placed with at least 6 quiet minutes between events, so
 * events never overlap (one ground truth per minute). Teams and severity levels are dealt from shuffled decks, so
 * that a run with at least 10 incidents covers every team and every level L0..L9 when the topology allows it.
 */
final class EventPlanner {

    static final int MIN_GAP_MINUTES = 3;
    static final int MAX_INCIDENT_MINUTES = 30;
    static final int MIN_INCIDENT_MINUTES = 3;

    private final SimConfig cfg;
    private final Topology topo;
    private final SplittableRandom r;
    private final int ipm;
    private final Deque<Team> teams = new ArrayDeque<>();
    private final Deque<Integer> levels = new ArrayDeque<>();
    private int nextId = 1;

    private EventPlanner(SimConfig cfg, Topology topo) {
        this.cfg = cfg;
        this.topo = topo;
        this.r = Rng.stream(cfg.seed(), Rng.PLAN);
        this.ipm = cfg.intervalsPerMinute();
    }

    /** All events of the run, in time order. */
    static List<SimEvent> plan(SimConfig cfg, Topology topo) {
        return new EventPlanner(cfg, topo).planAll();
    }

    private List<SimEvent> planAll() {
        List<SimEvent> out = new ArrayList<>();
        int perDay = cfg.incidentsPerDay() + cfg.benignPerDay();
        if (perDay == 0) {
            return out;
        }
        int slotLen = 1440 / perDay;
        for (int day = 0; day < cfg.days(); day++) {
            int[] kinds = new int[perDay];
            for (int i = 0; i < perDay; i++) {
                // 0 = incident, 1 = rolling restart, 2 = noisy container
                kinds[i] = i < cfg.incidentsPerDay() ? 0 : ((i - cfg.incidentsPerDay()) % 2 == 0 ? 1 : 2);
            }
            Rng.shuffle(r, kinds);
            for (int i = 0; i < perDay; i++) {
                int slotStart = day * 1440 + i * slotLen;
                int room = slotLen - 2 * MIN_GAP_MINUTES;
                SimEvent e = switch (kinds[i]) {
                    case 0 -> incident(slotStart, room);
                    case 1 -> rollingRestart(slotStart, room);
                    default -> noisyContainer(slotStart, room);
                };
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- incidents

    private record Scope(String scope, String cause, int[] pool, int slotMask, double mult, double synFloor,
                         double rtoFloor, String[][] dests, int[][] ports) {
    }

    private SimEvent incident(int slotStart, int room) {
        Team team = nextTeam();
        int level = nextLevel();
        int monitored = topo.n;
        SeverityLevel sl = SeverityLevel.ofLevel(level);
        int lo = (int) sl.minAbnormal(monitored);
        int hi = level == 9 ? lo + Math.max(1, lo / 2) : (int) SeverityLevel.ofLevel(level + 1).minAbnormal(monitored) - 1;
        int want = Rng.between(r, lo, Math.max(lo, hi));
        Scope scope = scopeFor(team, want);
        int n = Math.min(want, scope.pool.length);
        if (n == 0) {
            return null;
        }
        int[] affected = Rng.sample(r, scope.pool, n);
        Arrays.sort(affected);
        int severity = SeverityLevel.of(n, monitored).map(SeverityLevel::level).orElse(-1);
        if (severity != level) {
            levels.addFirst(level); // the scope could not hold it: deal the level again
        }
        int duration = Rng.between(r, MIN_INCIDENT_MINUTES, Math.max(MIN_INCIDENT_MINUTES, Math.min(MAX_INCIDENT_MINUTES, room)));
        int startMin = slotStart + MIN_GAP_MINUTES + r.nextInt(Math.max(1, room - duration + 1));
        int[] starts = new int[n];
        int[] ends = new int[n];
        double[] intensity = new double[n];
        for (int i = 0; i < n; i++) {
            starts[i] = startMin * ipm;
            ends[i] = (startMin + duration) * ipm;
            intensity[i] = Rng.uniform(r, 0.6, 1.6);
        }
        IncidentLabel label = new IncidentLabel(nextId(), LabelKind.INCIDENT, Optional.of(team), scope.cause,
                cfg.region(), scope.scope, minuteMs(startMin), minuteMs(startMin + duration), severity,
                ips(affected), LabelSource.SIMULATOR);
        return new SimEvent(label, affected, starts, ends, intensity, scope.slotMask, scope.mult, scope.synFloor,
                scope.rtoFloor, scope.dests, scope.ports);
    }

    private Scope scopeFor(Team team, int want) {
        return switch (team) {
            case PHYSICAL_NETWORK -> physical(want);
            case VIRTUAL_NETWORK -> virtual(want);
            case SLB_NAT_GATEWAY -> r.nextDouble() < 0.7 ? slb(want) : nat(want);
            case CROSS_REGION_LINK -> new Scope("dst_region=" + topo.peerRegion, "cross_region_link_loss",
                    containersWith(Scenario.CROSS_REGION), SimEvent.scenarioBits(Scenario.CROSS_REGION), 4, 1.0, 3.0,
                    null, null);
            case INTERNET -> internet();
            case END_HOST -> endHost(want);
            case APPLICATION -> application(want);
        };
    }

    private Scope physical(int want) {
        int intranet = SimEvent.scenarioBits(Scenario.INTRANET, Scenario.SLB);
        List<int[]> tors = groupBy(topo.torName.length, topo::tor);
        int[] torIdx = eligible(tors, want);
        if (torIdx.length > 0) {
            int t = torIdx[r.nextInt(torIdx.length)];
            return new Scope("az=" + topo.azName[topo.torAz[t]] + " & tor=" + topo.torName[t], "tor_link_flap",
                    tors.get(t), intranet, 4, 1.2, 3.0, null, null);
        }
        List<int[]> azs = groupBy(topo.azName.length, topo::az);
        int z = largest(azs);
        return new Scope("az=" + topo.azName[z], "az_uplink_congestion", azs.get(z), intranet, 4, 1.2, 3.0, null, null);
    }

    private Scope virtual(int want) {
        int mask = SimEvent.scenarioBits(Scenario.INTRANET, Scenario.SLB);
        List<int[]> vsw = groupBy(topo.vswitchName.length, c -> topo.vswitch[c]);
        int[] ok = eligible(vsw, want);
        if (ok.length > 0) {
            int v = ok[r.nextInt(ok.length)];
            return new Scope("vpc=" + topo.vpcName[topo.vswitchVpc[v]] + " & vswitch=" + topo.vswitchName[v],
                    "vswitch_fault", vsw.get(v), mask, 3, 1.0, 2.5, null, null);
        }
        List<int[]> vpcs = groupBy(topo.vpcName.length, topo::vpc);
        int[] okVpc = eligible(vpcs, want);
        int p = okVpc.length > 0 ? okVpc[r.nextInt(okVpc.length)] : largest(vpcs);
        return new Scope("vpc=" + topo.vpcName[p], "vpc_gateway_fault", vpcs.get(p), mask, 3, 1.0, 2.5, null, null);
    }

    private Scope slb(int want) {
        int cluster = r.nextInt(topo.slbClusterName.length);
        int[] vips = IntStream.range(0, topo.vipIp.length).filter(v -> topo.vipCluster[v] == cluster).toArray();
        Rng.shuffle(r, vips);
        int k = Rng.between(r, 1, Math.min(3, vips.length));
        int[] pool = clientsOf(Arrays.copyOf(vips, k));
        while (pool.length < want && k < vips.length) {
            k++;
            pool = clientsOf(Arrays.copyOf(vips, k));
        }
        int[] chosen = Arrays.copyOf(vips, k);
        Arrays.sort(chosen);
        String[] dips = Arrays.stream(chosen).mapToObj(v -> topo.vipIp[v]).toArray(String[]::new);
        int[] ports = Arrays.stream(chosen).map(v -> topo.vipPort[v]).toArray();
        String[][] dests = new String[Scenario.count()][];
        int[][] destPorts = new int[Scenario.count()][];
        dests[Scenario.SLB.ordinal()] = dips;
        destPorts[Scenario.SLB.ordinal()] = ports;
        return new Scope("slb=" + topo.slbClusterName[cluster] + " & vip=" + String.join(",", dips), "slb_cluster_overload",
                pool, SimEvent.scenarioBits(Scenario.SLB), 4, 1.5, 2.5, dests, destPorts);
    }

    private Scope nat(int want) {
        List<int[]> byNat = groupBy(topo.natName.length, c -> topo.hasScenario(c, Scenario.INTERNET_OUT) ? topo.nat(c) : -1);
        int[] ok = eligible(byNat, want);
        if (ok.length == 0) {
            return slb(want);
        }
        int g = ok[r.nextInt(ok.length)];
        return new Scope("natgw=" + topo.natName[g], "nat_gateway_port_exhaustion", byNat.get(g),
                SimEvent.scenarioBits(Scenario.INTERNET_OUT), 4, 2.0, 2.0, null, null);
    }

    private Scope internet() {
        int[] pool = IntStream.range(0, topo.n)
                .filter(c -> topo.hasScenario(c, Scenario.INTERNET_OUT) || topo.hasScenario(c, Scenario.INTERNET_IN))
                .toArray();
        int[] svc = Rng.sample(r, IntStream.range(0, topo.internetServiceIp.length).toArray(), Rng.between(r, 1, 3));
        Arrays.sort(svc);
        int first = r.nextInt(topo.internetClientIp.length);
        String[] clients = new String[8];
        int[] clientPorts = new int[8];
        for (int i = 0; i < clients.length; i++) {
            // a run of clients behind one ISP prefix (the client list cycles prefixes with period 6)
            clients[i] = topo.internetClientIp[(first + 6 * i) % topo.internetClientIp.length];
            clientPorts[i] = 0;
        }
        String[] dips = Arrays.stream(svc).mapToObj(s -> topo.internetServiceIp[s]).toArray(String[]::new);
        String[][] dests = new String[Scenario.count()][];
        int[][] ports = new int[Scenario.count()][];
        dests[Scenario.INTERNET_OUT.ordinal()] = dips;
        ports[Scenario.INTERNET_OUT.ordinal()] = Arrays.stream(svc).map(s -> 443).toArray();
        dests[Scenario.INTERNET_IN.ordinal()] = clients;
        ports[Scenario.INTERNET_IN.ordinal()] = clientPorts;
        return new Scope("internet_dst=" + String.join(",", dips), "isp_route_flap", pool,
                SimEvent.scenarioBits(Scenario.INTERNET_OUT, Scenario.INTERNET_IN), 4, 1.2, 2.5, dests, ports);
    }

    private Scope endHost(int want) {
        int[] hosts = IntStream.range(0, topo.hostName.length).toArray();
        Rng.shuffle(r, hosts);
        List<Integer> pool = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int h : hosts) {
            if (pool.size() >= want || names.size() >= 8) {
                break;
            }
            if (topo.hostContainers[h].length == 0) {
                continue;
            }
            names.add(topo.hostName[h]);
            for (int c : topo.hostContainers[h]) {
                pool.add(c);
            }
        }
        names.sort(null);
        // The pool keeps host order: the planner samples from it, so trim to whole hosts first, last one partial.
        int[] p = pool.stream().mapToInt(Integer::intValue).limit(want).toArray();
        return new Scope("host=" + String.join(",", names), r.nextBoolean() ? "host_cpu_contention" : "kernel_bug", p,
                (1 << io.andiag.model.record.RetxCounts.SLOTS) - 1, 3, 0.8, 2.5, null, null);
    }

    private Scope application(int want) {
        int[] ok = IntStream.range(0, topo.apps.length).filter(a -> topo.apps[a].containers.length >= want).toArray();
        int a;
        if (ok.length > 0) {
            a = ok[r.nextInt(ok.length)];
        } else {
            a = IntStream.range(0, topo.apps.length).reduce((x, y) -> topo.apps[y].containers.length > topo.apps[x].containers.length ? y : x).orElse(0);
        }
        int syn = SimEvent.slotBit(Scenario.INTRANET, RetxType.SYN) | SimEvent.slotBit(Scenario.SLB, RetxType.SYN)
                | SimEvent.slotBit(Scenario.CROSS_REGION, RetxType.SYN) | SimEvent.slotBit(Scenario.INTERNET_OUT, RetxType.SYN)
                | SimEvent.slotBit(Scenario.INTRANET, RetxType.RTO);
        return new Scope("app=" + topo.apps[a].name, r.nextBoolean() ? "bad_release" : "acl_change",
                topo.apps[a].containers, syn, 2, 3.0, 0.3, null, null);
    }

    // ---------------------------------------------------------------- benign bursts

    private SimEvent rollingRestart(int slotStart, int room) {
        int[] ok = IntStream.range(0, topo.apps.length).filter(a -> topo.apps[a].containers.length >= 4).toArray();
        if (ok.length == 0) {
            return null;
        }
        Topology.App app = topo.apps[ok[r.nextInt(ok.length)]];
        // at most two restarting at once, and fewer than an L0 incident
        int parallel = SeverityLevel.L0.minAbnormal(topo.n) > 2 ? 2 : 1;
        int[] members = app.containers.clone();
        Rng.shuffle(r, members);
        int k = Math.min(members.length, Rng.between(r, 4, 12));
        int startMin = slotStart + MIN_GAP_MINUTES + r.nextInt(Math.max(1, room / 3));
        int limit = slotStart + MIN_GAP_MINUTES + room;
        List<int[]> windows = new ArrayList<>();
        int cursor = startMin;
        for (int i = 0; i < k; i++) {
            int len = Rng.between(r, 1, 2);
            if (cursor + len > limit) {
                break;
            }
            windows.add(new int[] {members[i], cursor, cursor + len});
            // the next one starts when this one ends, or (two at a time) one minute earlier
            cursor = parallel == 2 && len == 2 && r.nextBoolean() ? cursor + 1 : cursor + len;
        }
        if (windows.isEmpty()) {
            return null;
        }
        windows.sort((x, y) -> Integer.compare(x[0], y[0]));
        int n = windows.size();
        int[] containers = new int[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        double[] intensity = new double[n];
        int first = Integer.MAX_VALUE;
        int last = 0;
        for (int i = 0; i < n; i++) {
            int[] w = windows.get(i);
            containers[i] = w[0];
            starts[i] = w[1] * ipm;
            ends[i] = w[2] * ipm;
            intensity[i] = Rng.uniform(r, 0.7, 1.3);
            first = Math.min(first, w[1]);
            last = Math.max(last, w[2]);
        }
        IncidentLabel label = new IncidentLabel(nextId(), LabelKind.BENIGN, Optional.empty(), "rolling_restart",
                cfg.region(), "app=" + app.name, minuteMs(first), minuteMs(last), -1, ips(containers),
                LabelSource.SIMULATOR);
        return new SimEvent(label, containers, starts, ends, intensity,
                SimEvent.scenarioBits(Scenario.INTRANET, Scenario.SLB), 2, 1.5, 1.5, null, null);
    }

    private SimEvent noisyContainer(int slotStart, int room) {
        int c = r.nextInt(topo.n);
        int duration = Rng.between(r, 5, Math.max(5, Math.min(20, room)));
        int startMin = slotStart + MIN_GAP_MINUTES + r.nextInt(Math.max(1, room - duration + 1));
        int mask = topo.scenarioMask[c];
        int[] active = IntStream.range(0, Scenario.count()).filter(s -> (mask & (1 << s)) != 0).toArray();
        Scenario s = Scenario.of(active[r.nextInt(active.length)]);
        IncidentLabel label = new IncidentLabel(nextId(), LabelKind.BENIGN, Optional.empty(), "noisy_container",
                cfg.region(), "ip=" + topo.ip[c], minuteMs(startMin), minuteMs(startMin + duration), -1,
                List.of(topo.ip[c]), LabelSource.SIMULATOR);
        return new SimEvent(label, new int[] {c}, new int[] {startMin * ipm}, new int[] {(startMin + duration) * ipm},
                new double[] {Rng.uniform(r, 0.8, 1.5)}, SimEvent.slotBit(s, RetxType.RTO), 3, 0.0, 6.0, null, null);
    }

    // ---------------------------------------------------------------- helpers

    private Team nextTeam() {
        if (teams.isEmpty()) {
            Team[] all = Team.values();
            int[] order = IntStream.range(0, all.length).toArray();
            Rng.shuffle(r, order);
            for (int i : order) {
                teams.add(all[i]);
            }
        }
        return teams.poll();
    }

    private int nextLevel() {
        if (levels.isEmpty()) {
            int[] order = IntStream.range(0, 10).toArray();
            Rng.shuffle(r, order);
            for (int i : order) {
                levels.add(i);
            }
        }
        return levels.poll();
    }

    private String nextId() {
        return String.format("sim-%d-%04d", cfg.seed(), nextId++);
    }

    private long minuteMs(int minuteOfRun) {
        return cfg.startMs() + minuteOfRun * 60_000L;
    }

    private List<String> ips(int[] containers) {
        List<String> out = new ArrayList<>(containers.length);
        for (int c : containers) {
            out.add(topo.ip[c]);
        }
        return out;
    }

    private int[] containersWith(Scenario s) {
        return IntStream.range(0, topo.n).filter(c -> topo.hasScenario(c, s)).toArray();
    }

    private int[] clientsOf(int[] vips) {
        return IntStream.range(0, topo.n).filter(c -> {
            for (int v : topo.apps[topo.app[c]].vips) {
                for (int w : vips) {
                    if (v == w) {
                        return true;
                    }
                }
            }
            return false;
        }).toArray();
    }

    /** Containers grouped by a key in 0..groups-1 (a negative key leaves the container out). */
    private List<int[]> groupBy(int groups, java.util.function.IntUnaryOperator key) {
        int[] counts = new int[groups];
        for (int c = 0; c < topo.n; c++) {
            int k = key.applyAsInt(c);
            if (k >= 0) {
                counts[k]++;
            }
        }
        int[][] out = new int[groups][];
        for (int g = 0; g < groups; g++) {
            out[g] = new int[counts[g]];
        }
        int[] fill = new int[groups];
        for (int c = 0; c < topo.n; c++) {
            int k = key.applyAsInt(c);
            if (k >= 0) {
                out[k][fill[k]++] = c;
            }
        }
        return Arrays.asList(out);
    }

    private static int[] eligible(List<int[]> groups, int want) {
        return IntStream.range(0, groups.size()).filter(g -> groups.get(g).length >= want).toArray();
    }

    private static int largest(List<int[]> groups) {
        int best = 0;
        for (int g = 1; g < groups.size(); g++) {
            if (groups.get(g).length > groups.get(best).length) {
                best = g;
            }
        }
        return best;
    }
}
