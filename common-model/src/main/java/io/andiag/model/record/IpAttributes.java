package io.andiag.model.record;

import java.util.Objects;

/**
 * Where an IP lives and who owns it: one row of {@code ip_attributes}. Dimension values that do not apply to a kind
 * of address (a VIP has no host) are empty strings, never null, so group-bys and drill-downs need no null handling.
 */
public record IpAttributes(String ip, IpKind kind, String app, String appTeam, String vm, String host, String tor,
                           String vswitch, String vpc, String az, String region, String gatewayCluster) {

    public IpAttributes {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(kind, "kind");
        app = nullToEmpty(app);
        appTeam = nullToEmpty(appTeam);
        vm = nullToEmpty(vm);
        host = nullToEmpty(host);
        tor = nullToEmpty(tor);
        vswitch = nullToEmpty(vswitch);
        vpc = nullToEmpty(vpc);
        az = nullToEmpty(az);
        region = nullToEmpty(region);
        gatewayCluster = nullToEmpty(gatewayCluster);
    }

    public boolean isVip() {
        return kind == IpKind.SLB_VIP;
    }

    public boolean isMonitored() {
        return kind == IpKind.CONTAINER;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
