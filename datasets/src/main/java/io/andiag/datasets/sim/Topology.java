package io.andiag.datasets.sim;

import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import io.andiag.model.record.Scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulated region, as flat arrays indexed by container, host, ToR, app, VIP etc. (compact at 10^5..10^6
 * IPs). Built once per run by {@link TopologyBuilder}; immutable after that by convention (package-private arrays).
 */
final class Topology {

    /** One application: its containers, owner, process and dependencies (which decide its scenarios). */
    static final class App {
        final String name;
        final String team;
        final String comm;
        final int port;
        final int vpc;
        int[] containers = new int[0];
        int[] intranetDeps = new int[0];
        int[] vips = new int[0];
        int[] remotes = new int[0];
        int[] internetServices = new int[0];
        boolean servesInternet;

        App(String name, String team, String comm, int port, int vpc) {
            this.name = name;
            this.team = team;
            this.comm = comm;
            this.port = port;
            this.vpc = vpc;
        }

        /** Bit {@code 1 << scenario.ordinal()} for every scenario this app's containers have traffic in. */
        int scenarioMask() {
            int m = 1 << Scenario.INTRANET.ordinal();
            if (vips.length > 0) {
                m |= 1 << Scenario.SLB.ordinal();
            }
            if (remotes.length > 0) {
                m |= 1 << Scenario.CROSS_REGION.ordinal();
            }
            if (internetServices.length > 0) {
                m |= 1 << Scenario.INTERNET_OUT.ordinal();
            }
            if (servesInternet) {
                m |= 1 << Scenario.INTERNET_IN.ordinal();
            }
            return m;
        }
    }

    final String region;
    final String peerRegion;
    final String crossRegionLink;

    // containers (the monitored IPs), index 0..n-1
    final int n;
    final String[] ip;
    final int[] app;
    final int[] host;
    final int[] vm;
    final int[] vswitch;
    final int[] pid;
    final int[] scenarioMask;

    final String[] azName;
    final String[] torName;
    final int[] torAz;
    final String[] hostName;
    final int[] hostTor;
    final int[][] hostContainers;
    final String[] vmName;
    final String[] vpcName;
    final int[] vpcNat;
    final String[] vswitchName;
    final int[] vswitchVpc;
    final int[] vswitchAz;
    final App[] apps;

    final String[] slbClusterName;
    final String[] vipIp;
    final int[] vipCluster;
    final int[] vipApp;
    final int[] vipPort;

    final String[] natName;
    final String[][] natAddresses;

    final String[] remoteIp;
    final String[] remoteApp;
    final int[] remotePort;
    final String[] remoteAz;

    final String[] internetServiceIp;
    final String[] internetServiceName;
    final String[] internetClientIp;

    Topology(Builder b) {
        region = b.region;
        peerRegion = b.peerRegion;
        crossRegionLink = "xr-" + region + "-" + peerRegion;
        n = b.ip.length;
        ip = b.ip;
        app = b.app;
        host = b.host;
        vm = b.vm;
        vswitch = b.vswitch;
        pid = b.pid;
        azName = b.azName;
        torName = b.torName;
        torAz = b.torAz;
        hostName = b.hostName;
        hostTor = b.hostTor;
        hostContainers = b.hostContainers;
        vmName = b.vmName;
        vpcName = b.vpcName;
        vpcNat = b.vpcNat;
        vswitchName = b.vswitchName;
        vswitchVpc = b.vswitchVpc;
        vswitchAz = b.vswitchAz;
        apps = b.apps;
        slbClusterName = b.slbClusterName;
        vipIp = b.vipIp;
        vipCluster = b.vipCluster;
        vipApp = b.vipApp;
        vipPort = b.vipPort;
        natName = b.natName;
        natAddresses = b.natAddresses;
        remoteIp = b.remoteIp;
        remoteApp = b.remoteApp;
        remotePort = b.remotePort;
        remoteAz = b.remoteAz;
        internetServiceIp = b.internetServiceIp;
        internetServiceName = b.internetServiceName;
        internetClientIp = b.internetClientIp;
        scenarioMask = new int[n];
        for (int c = 0; c < n; c++) {
            scenarioMask[c] = apps[app[c]].scenarioMask();
        }
    }

    /** Mutable holder the builder fills. */
    static final class Builder {
        String region;
        String peerRegion;
        String[] ip;
        int[] app;
        int[] host;
        int[] vm;
        int[] vswitch;
        int[] pid;
        String[] azName;
        String[] torName;
        int[] torAz;
        String[] hostName;
        int[] hostTor;
        int[][] hostContainers;
        String[] vmName;
        String[] vpcName;
        int[] vpcNat;
        String[] vswitchName;
        int[] vswitchVpc;
        int[] vswitchAz;
        App[] apps;
        String[] slbClusterName;
        String[] vipIp;
        int[] vipCluster;
        int[] vipApp;
        int[] vipPort;
        String[] natName;
        String[][] natAddresses;
        String[] remoteIp;
        String[] remoteApp;
        int[] remotePort;
        String[] remoteAz;
        String[] internetServiceIp;
        String[] internetServiceName;
        String[] internetClientIp;
    }

    boolean hasScenario(int container, Scenario s) {
        return (scenarioMask[container] & (1 << s.ordinal())) != 0;
    }

    int tor(int container) {
        return hostTor[host[container]];
    }

    int az(int container) {
        return torAz[hostTor[host[container]]];
    }

    int vpc(int container) {
        return vswitchVpc[vswitch[container]];
    }

    int nat(int container) {
        return vpcNat[vpc(container)];
    }

    IpAttributes attributes(int c) {
        App a = apps[app[c]];
        return new IpAttributes(ip[c], IpKind.CONTAINER, a.name, a.team, vmName[vm[c]], hostName[host[c]],
                torName[tor(c)], vswitchName[vswitch[c]], vpcName[vpc(c)], azName[az(c)], region, natName[nat(c)]);
    }

    /** Every address of the snapshot: containers, then VIPs, NAT gateways, remote-region and internet addresses. */
    List<IpAttributes> allAttributes() {
        List<IpAttributes> out = new ArrayList<>(n + vipIp.length + remoteIp.length + internetClientIp.length + 64);
        for (int c = 0; c < n; c++) {
            out.add(attributes(c));
        }
        for (int v = 0; v < vipIp.length; v++) {
            App a = apps[vipApp[v]];
            out.add(new IpAttributes(vipIp[v], IpKind.SLB_VIP, a.name, a.team, "", "", "", "", vpcName[a.vpc], "",
                    region, slbClusterName[vipCluster[v]]));
        }
        for (int g = 0; g < natName.length; g++) {
            for (String addr : natAddresses[g]) {
                out.add(new IpAttributes(addr, IpKind.NAT_GATEWAY, "", "", "", "", "", "", "", "", region, natName[g]));
            }
        }
        for (int r = 0; r < remoteIp.length; r++) {
            out.add(new IpAttributes(remoteIp[r], IpKind.REMOTE_REGION, remoteApp[r], "", "", "", "", "", "",
                    remoteAz[r], peerRegion, crossRegionLink));
        }
        for (int s = 0; s < internetServiceIp.length; s++) {
            out.add(new IpAttributes(internetServiceIp[s], IpKind.INTERNET, internetServiceName[s], "", "", "", "", "",
                    "", "", "", ""));
        }
        for (String client : internetClientIp) {
            out.add(new IpAttributes(client, IpKind.INTERNET, "", "", "", "", "", "", "", "", "", ""));
        }
        return out;
    }
}
