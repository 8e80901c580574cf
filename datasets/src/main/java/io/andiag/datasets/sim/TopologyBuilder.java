package io.andiag.datasets.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds a region: 3 AZs; ToRs of 10..20 hosts (NCs); hosts of 8..20 containers spread over 1..4 VMs; applications
 * of heavy-tailed size placed at random (so each spans several hosts, ToRs and AZs), owned by teams; VPCs with one
 * or more vSwitches per AZ; SLB clusters with VIPs in front of backend apps; NAT gateway clusters serving VPCs; a
 * peer region behind a cross-region link; internet services and clients. App dependencies decide scenarios.
 */
final class TopologyBuilder {

    static final int AZS = 3;

    private static final String[] DOMAINS = {"checkout", "cart", "search", "orders", "payments", "inventory", "user",
            "auth", "catalog", "pricing", "shipping", "review", "recommend", "ads", "media", "message", "notify",
            "ledger", "risk", "coupon", "profile", "session", "gateway", "report", "billing", "feed", "map", "chat"};
    private static final String[] ROLES = {"api", "web", "svc", "worker", "cache", "db", "mq", "job", "proxy", "index"};
    private static final String[] COMMS = {"java", "java", "java", "python3", "node", "nginx", "envoy", "redis-server",
            "mysqld", "gunicorn", "server"};
    private static final int[] COMM_PORTS = {8080, 8080, 8080, 8000, 3000, 443, 10000, 6379, 3306, 8000, 9090};
    private static final String[] INTERNET_SERVICE_PREFIXES = {"58.217", "101.37", "117.184", "183.60", "203.119",
            "45.113", "120.92", "218.30"};
    private static final String[] INTERNET_CLIENT_PREFIXES = {"36.112", "112.97", "223.104", "27.38", "39.144",
            "114.88"};
    private static final String[] EXTERNAL_NAMES = {"pay-gw", "sms", "maps", "cdn-origin", "oauth", "push", "bank",
            "logistics", "captcha", "ocr", "mail", "weather"};

    private TopologyBuilder() {
    }

    static Topology build(SimConfig cfg) {
        SplittableRandom r = Rng.stream(cfg.seed(), Rng.TOPOLOGY);
        int n = cfg.ips();
        Topology.Builder b = new Topology.Builder();
        b.region = cfg.region();
        b.peerRegion = cfg.peerRegion();

        // --- physical: AZs, ToRs, hosts, VMs and container slots
        b.azName = new String[AZS];
        for (int z = 0; z < AZS; z++) {
            b.azName[z] = "az-" + (z + 1);
        }
        List<Integer> hostCap = new ArrayList<>();
        int cap = 0;
        while (cap < n) {
            int c = Rng.between(r, 8, 20);
            hostCap.add(c);
            cap += c;
        }
        int hosts = hostCap.size();
        b.hostName = new String[hosts];
        b.hostTor = new int[hosts];
        List<Integer> torAz = new ArrayList<>();
        int torLeft = 0;
        int tor = -1;
        for (int h = 0; h < hosts; h++) {
            if (torLeft == 0) {
                tor++;
                torAz.add(tor % AZS);
                torLeft = Rng.between(r, 10, 20);
            }
            b.hostTor[h] = tor;
            torLeft--;
            b.hostName[h] = String.format("nc-%05d", h + 1);
        }
        b.torName = new String[tor + 1];
        b.torAz = new int[tor + 1];
        for (int t = 0; t <= tor; t++) {
            b.torName[t] = String.format("tor-%03d", t + 1);
            b.torAz[t] = torAz.get(t);
        }
        int[] slotHost = new int[cap];
        int[] slotVm = new int[cap];
        List<String> vmNames = new ArrayList<>();
        int s = 0;
        for (int h = 0; h < hosts; h++) {
            int c = hostCap.get(h);
            int vms = Math.min(4, 1 + c / 6);
            int firstVm = vmNames.size();
            for (int v = 0; v < vms; v++) {
                vmNames.add(String.format("vm-%06d", vmNames.size() + 1));
            }
            for (int k = 0; k < c; k++) {
                slotHost[s] = h;
                slotVm[s] = firstVm + k % vms;
                s++;
            }
        }
        b.vmName = vmNames.toArray(String[]::new);
        int[] slotOrder = new int[cap];
        for (int i = 0; i < cap; i++) {
            slotOrder[i] = i;
        }
        Rng.shuffle(r, slotOrder);

        // --- networks: NAT clusters, VPCs, vSwitches (per AZ)
        int nats = 2 + n / 30_000;
        b.natName = new String[nats];
        b.natAddresses = new String[nats][];
        for (int g = 0; g < nats; g++) {
            b.natName[g] = "natgw-" + (g + 1);
            int addrs = Rng.between(r, 2, 4);
            b.natAddresses[g] = new String[addrs];
            for (int a = 0; a < addrs; a++) {
                b.natAddresses[g][a] = "47.100." + (g + 1) + "." + (a + 10);
            }
        }
        int vpcs = 3 + n / 5_000;
        int vswPerAz = 1 + n / 20_000;
        b.vpcName = new String[vpcs];
        b.vpcNat = new int[vpcs];
        b.vswitchName = new String[vpcs * AZS * vswPerAz];
        b.vswitchVpc = new int[b.vswitchName.length];
        b.vswitchAz = new int[b.vswitchName.length];
        for (int v = 0; v < vpcs; v++) {
            b.vpcName[v] = String.format("vpc-%02d", v + 1);
            b.vpcNat[v] = v % nats;
            for (int z = 0; z < AZS; z++) {
                for (int k = 0; k < vswPerAz; k++) {
                    int id = (v * AZS + z) * vswPerAz + k;
                    b.vswitchName[id] = String.format("vsw-%02d-%d-%d", v + 1, z + 1, k + 1);
                    b.vswitchVpc[id] = v;
                    b.vswitchAz[id] = z;
                }
            }
        }

        // --- applications: heavy-tailed sizes, teams, process, port, VPC
        List<Integer> sizes = new ArrayList<>();
        int total = 0;
        int maxSize = Math.max(4, n / 12);
        while (total < n) {
            int size = (int) Math.round(Math.exp(Math.log(12) + 1.0 * Rng.gaussian(r)));
            size = Math.max(2, Math.min(maxSize, size));
            size = Math.min(size, n - total);
            sizes.add(size);
            total += size;
        }
        int appCount = sizes.size();
        int teams = Math.max(3, appCount / 6);
        b.apps = new Topology.App[appCount];
        for (int a = 0; a < appCount; a++) {
            String name = DOMAINS[a % DOMAINS.length] + "-" + ROLES[(a / DOMAINS.length) % ROLES.length]
                    + (a >= DOMAINS.length * ROLES.length ? "-" + (a / (DOMAINS.length * ROLES.length) + 1) : "");
            String team = "team-" + DOMAINS[r.nextInt(DOMAINS.length)] + "-" + (r.nextInt(teams) + 1);
            int ci = r.nextInt(COMMS.length);
            b.apps[a] = new Topology.App(name, team, COMMS[ci], COMM_PORTS[ci], r.nextInt(vpcs));
        }

        // --- containers: app by app, on shuffled slots; IPs allocated per vSwitch in /24 blocks
        b.ip = new String[n];
        b.app = new int[n];
        b.host = new int[n];
        b.vm = new int[n];
        b.vswitch = new int[n];
        b.pid = new int[n];
        int[] vswBlock = new int[b.vswitchName.length];
        int[] vswUsed = new int[b.vswitchName.length];
        Arrays.fill(vswBlock, -1);
        int nextBlock = 0;
        int c = 0;
        List<int[]> appMembers = new ArrayList<>();
        for (int a = 0; a < appCount; a++) {
            int[] members = new int[sizes.get(a)];
            int vswOffset = r.nextInt(vswPerAz);
            for (int k = 0; k < members.length; k++, c++) {
                int slot = slotOrder[c];
                b.app[c] = a;
                b.host[c] = slotHost[slot];
                b.vm[c] = slotVm[slot];
                int z = b.torAz[b.hostTor[slotHost[slot]]];
                int vsw = (b.apps[a].vpc * AZS + z) * vswPerAz + vswOffset;
                b.vswitch[c] = vsw;
                if (vswBlock[vsw] < 0 || vswUsed[vsw] == 250) {
                    vswBlock[vsw] = nextBlock++;
                    vswUsed[vsw] = 0;
                }
                int blk = vswBlock[vsw];
                b.ip[c] = "10." + (16 + blk / 256) + "." + (blk % 256) + "." + (4 + vswUsed[vsw]++);
                b.pid[c] = 1_000 + r.nextInt(400_000);
                members[k] = c;
            }
            b.apps[a].containers = members;
            appMembers.add(members);
        }
        List<List<Integer>> perHost = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            perHost.add(new ArrayList<>());
        }
        for (int k = 0; k < n; k++) {
            perHost.get(b.host[k]).add(k);
        }
        b.hostContainers = new int[hosts][];
        for (int h = 0; h < hosts; h++) {
            b.hostContainers[h] = perHost.get(h).stream().mapToInt(Integer::intValue).toArray();
        }

        // --- SLB clusters and VIPs in front of the larger apps
        int clusters = 2 + n / 20_000;
        b.slbClusterName = new String[clusters];
        for (int k = 0; k < clusters; k++) {
            b.slbClusterName[k] = "slb-" + (k + 1);
        }
        int vips = 4 + n / 250;
        Integer[] bySize = new Integer[appCount];
        for (int a = 0; a < appCount; a++) {
            bySize[a] = a;
        }
        Arrays.sort(bySize, (x, y) -> Integer.compare(sizes.get(y), sizes.get(x)) != 0
                ? Integer.compare(sizes.get(y), sizes.get(x)) : Integer.compare(x, y));
        b.vipIp = new String[vips];
        b.vipCluster = new int[vips];
        b.vipApp = new int[vips];
        b.vipPort = new int[vips];
        for (int v = 0; v < vips; v++) {
            b.vipIp[v] = "10.200." + (v / 250) + "." + (v % 250 + 1);
            b.vipCluster[v] = v % clusters;
            b.vipApp[v] = bySize[v % Math.max(1, appCount / 2)];
            b.vipPort[v] = r.nextInt(3) == 0 ? 80 : 443;
        }

        // --- peer region and internet
        int remotes = 20 + n / 200;
        b.remoteIp = new String[remotes];
        b.remoteApp = new String[remotes];
        b.remotePort = new int[remotes];
        b.remoteAz = new String[remotes];
        for (int k = 0; k < remotes; k++) {
            b.remoteIp[k] = "172.16." + (k / 250) + "." + (k % 250 + 1);
            b.remoteApp[k] = b.peerRegion + "-" + DOMAINS[r.nextInt(DOMAINS.length)] + "-" + ROLES[r.nextInt(ROLES.length)];
            b.remotePort[k] = COMM_PORTS[r.nextInt(COMM_PORTS.length)];
            b.remoteAz[k] = b.peerRegion + "-az-" + (1 + r.nextInt(AZS));
        }
        int services = 30 + n / 1_000;
        b.internetServiceIp = new String[services];
        b.internetServiceName = new String[services];
        for (int k = 0; k < services; k++) {
            String prefix = INTERNET_SERVICE_PREFIXES[k % INTERNET_SERVICE_PREFIXES.length];
            int idx = k / INTERNET_SERVICE_PREFIXES.length;
            b.internetServiceIp[k] = prefix + "." + (idx / 250) + "." + (idx % 250 + 1);
            b.internetServiceName[k] = "ext-" + EXTERNAL_NAMES[k % EXTERNAL_NAMES.length] + "-" + (k / EXTERNAL_NAMES.length + 1);
        }
        int clients = 200 + n / 100;
        b.internetClientIp = new String[clients];
        for (int k = 0; k < clients; k++) {
            String prefix = INTERNET_CLIENT_PREFIXES[k % INTERNET_CLIENT_PREFIXES.length];
            int idx = k / INTERNET_CLIENT_PREFIXES.length;
            b.internetClientIp[k] = prefix + "." + (idx / 250) + "." + (idx % 250 + 1);
        }

        // --- dependencies (decide scenarios): INTRANET always; SLB often; the rest for some apps
        int[] allApps = new int[appCount];
        for (int a = 0; a < appCount; a++) {
            allApps[a] = a;
        }
        for (int a = 0; a < appCount; a++) {
            Topology.App app = b.apps[a];
            int[] deps = Rng.sample(r, allApps, Math.min(appCount, Rng.between(r, 1, 4) + 1));
            int self = a;
            app.intranetDeps = Arrays.stream(deps).filter(d -> d != self).limit(4).toArray();
            if (app.intranetDeps.length == 0) {
                app.intranetDeps = new int[] {(a + 1) % appCount};
            }
            if (r.nextDouble() < 0.6) {
                app.vips = sampleRange(r, vips, Rng.between(r, 1, 2));
            }
            if (r.nextDouble() < 0.2) {
                app.remotes = sampleRange(r, remotes, Rng.between(r, 1, 3));
            }
            if (r.nextDouble() < 0.25) {
                app.internetServices = sampleRange(r, services, Rng.between(r, 1, 3));
            }
            app.servesInternet = r.nextDouble() < 0.12;
        }
        return new Topology(b);
    }

    private static int[] sampleRange(SplittableRandom r, int bound, int k) {
        int[] all = new int[bound];
        for (int i = 0; i < bound; i++) {
            all[i] = i;
        }
        return Rng.sample(r, all, k);
    }
}
