package io.andiag.model.routing;

import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small hand-built region shared by the routing and incident tests. 80 containers, i = 0..79, ip 10.0.0.(i+1):
 * <pre>
 * host    = host-(i/5 + 1)          16 hosts of 5 containers
 * vm      = vm-(3*(i/5) + (i%5)/2 + 1)   3 VMs per host: containers {0,1}, {2,3}, {4}
 * tor     = tor-(i/20 + 1)          4 ToRs of 4 hosts
 * az      = az-(i/40 + 1)           2 AZs of 2 ToRs
 * vswitch = vsw-(2*(i/40) + i%2 + 1)  per AZ one vSwitch for even, one for odd containers
 * vpc     = vpc-(i%2 + 1)           vpc-1 = vsw-1 + vsw-3 (even), vpc-2 = vsw-2 + vsw-4 (odd)
 * app     = app-(i%4 + 1)           4 apps of 20, spread over every host
 * natgw   = natgw-(i%2 + 1)         the NAT gateway cluster of the VPC
 * </pre>
 * Destinations: VIPs 10.200.0.8 (app web) and 10.200.0.9 (app api), NAT address 100.64.0.1 (natgw-1), a remote-region
 * database 10.99.0.1 (region-b), an internet service 203.0.113.5 (cdn) and an internet client 198.51.100.7.
 */
public final class TestRegion {

    public static final String REGION = "region-a";
    public static final int N = 80;
    /** 2024-11-24T00:00Z. */
    public static final long T0 = 1_732_406_400_000L;

    public static final String VIP1 = "10.200.0.8";
    public static final String VIP2 = "10.200.0.9";
    public static final String NAT = "100.64.0.1";
    public static final String REMOTE = "10.99.0.1";
    public static final String INTERNET_SERVICE = "203.0.113.5";
    public static final String INTERNET_CLIENT = "198.51.100.7";

    private static final Map<String, IpAttributes> ALL = new HashMap<>();
    private static final List<IpAttributes> CONTAINERS = new ArrayList<>();

    static {
        for (int i = 0; i < N; i++) {
            IpAttributes a = new IpAttributes(ip(i), IpKind.CONTAINER, "app-" + (i % 4 + 1), "team-" + (i % 4 + 1),
                    "vm-" + (3 * (i / 5) + (i % 5) / 2 + 1), "host-" + (i / 5 + 1), "tor-" + (i / 20 + 1),
                    "vsw-" + (2 * (i / 40) + i % 2 + 1), "vpc-" + (i % 2 + 1), "az-" + (i / 40 + 1), REGION,
                    "natgw-" + (i % 2 + 1));
            CONTAINERS.add(a);
            ALL.put(a.ip(), a);
        }
        for (IpAttributes a : List.of(
                new IpAttributes(VIP1, IpKind.SLB_VIP, "web", "team-web", "", "", "", "", "vpc-1", "", REGION, "slb-1"),
                new IpAttributes(VIP2, IpKind.SLB_VIP, "api", "team-api", "", "", "", "", "vpc-1", "", REGION, "slb-1"),
                new IpAttributes(NAT, IpKind.NAT_GATEWAY, "", "", "", "", "", "", "", "", REGION, "natgw-1"),
                new IpAttributes(REMOTE, IpKind.REMOTE_REGION, "remote-db", "", "", "", "", "", "", "region-b-az-1",
                        "region-b", "xr-a-b"),
                new IpAttributes(INTERNET_SERVICE, IpKind.INTERNET, "cdn", "", "", "", "", "", "", "", "", ""),
                new IpAttributes(INTERNET_CLIENT, IpKind.INTERNET, "", "", "", "", "", "", "", "", "", ""))) {
            ALL.put(a.ip(), a);
        }
    }

    private TestRegion() {
    }

    public static String ip(int i) {
        return "10.0.0." + (i + 1);
    }

    public static IpAttributes container(int i) {
        return CONTAINERS.get(i);
    }

    public static List<IpAttributes> containers() {
        return CONTAINERS;
    }

    /** Attributes of any address of the region (containers and destinations), null when unknown. */
    public static IpAttributes lookup(String ip) {
        return ALL.get(ip);
    }

    public static Population population() {
        return Population.of(REGION, CONTAINERS);
    }

    /** A candidate builder for minute {@code T0 + m} minutes, with the region's population and 1000 monitored IPs. */
    public static RegionMinute.Builder minute(int m) {
        return RegionMinute.builder(REGION, T0 + m * 60_000L).population(population()).monitoredIps(1000)
                .paramVersion("p1");
    }

    /** A detail from container {@code src}, 1 s into minute 0, from port 41000 + src. */
    public static DetailRecord detail(int src, String dip, int dport, RetxType type, Scenario scenario) {
        return new DetailRecord(T0 + 1_000, ip(src), 41_000 + src, dip, dport, type, scenario, 811, "java");
    }

    /** A detail from any source IP, 1 s into minute 0, from port 41000. */
    public static DetailRecord detail(String srcIp, String dip, int dport, RetxType type, Scenario scenario) {
        return new DetailRecord(T0 + 1_000, srcIp, 41_000, dip, dport, type, scenario, 811, "java");
    }
}
