package io.andiag.model.routing;

import java.util.Optional;

/**
 * The routing features, in schema order (the ordinal is the index in the feature vector). All are scale-free —
 * shares, ratios, concentrations, logs — so a router trained on one region applies to another. Notation, for one
 * region-minute: A abnormal source IPs, S abnormal series, D sampled details of the abnormal sources, N monitored IPs
 * of the region's {@link Population}, a(v) abnormal IPs with value v, n(v) monitored IPs with value v. A ratio whose
 * denominator is 0 is 0. Exact definitions in docs/routing.md; {@link RoutingFeatureExtractor} computes them.
 */
public enum RoutingFeature {
    /** max over hosts of a(host) / A. */
    SRC_TOP1_HOST_SHARE("src_top1_host_share"),
    /** Sum of the 3 largest a(host) / A. */
    SRC_TOP3_HOST_SHARE("src_top3_host_share"),
    /** max over VMs of a(vm) / A. */
    SRC_TOP1_VM_SHARE("src_top1_vm_share"),
    /** Sum of the 3 largest a(vm) / A. */
    SRC_TOP3_VM_SHARE("src_top3_vm_share"),
    /** Distinct hosts of the abnormal sources / A (small: many abnormal IPs per host). */
    SRC_HOSTS_PER_IP("src_hosts_per_ip"),
    /** Details to the most frequent destination IP / D. */
    DST_TOP_IP_SHARE("dst_top_ip_share"),
    /** Details to the most frequent SLB VIP / D. */
    DST_TOP_VIP_SHARE("dst_top_vip_share"),
    /** Details through the most frequent NAT gateway cluster / D (see {@link Dimension#NATGW}). */
    DST_TOP_GATEWAY_SHARE("dst_top_gateway_share"),
    /** Distinct destination IPs / D. */
    DST_DISTINCT_SHARE("dst_distinct_share"),
    /** a(top az) / A. */
    SRC_TOP_AZ_SHARE("src_top_az_share"),
    /** (a(v)/n'(v)) / (A/N') for the top az v; n' = max(n(v), a(v)), N' = max(N, A). */
    SRC_TOP_AZ_LIFT("src_top_az_lift"),
    /** a(top tor) / A. */
    SRC_TOP_TOR_SHARE("src_top_tor_share"),
    /** Lift of the top tor, as for az. */
    SRC_TOP_TOR_LIFT("src_top_tor_lift"),
    /** a(top vswitch) / A. */
    SRC_TOP_VSWITCH_SHARE("src_top_vswitch_share"),
    /** Lift of the top vswitch, as for az. */
    SRC_TOP_VSWITCH_LIFT("src_top_vswitch_lift"),
    /** a(top vpc) / A. */
    SRC_TOP_VPC_SHARE("src_top_vpc_share"),
    /** Lift of the top vpc, as for az. */
    SRC_TOP_VPC_LIFT("src_top_vpc_lift"),
    /** Distinct AZs of the abnormal sources / max(distinct AZs of the region, that number). */
    SRC_AZ_TOUCHED_SHARE("src_az_touched_share"),
    /** Details whose source and destination AZs are known and differ / details with both AZs known. */
    CROSS_AZ_SHARE("cross_az_share"),
    /** Details to another region (destination region known and different, or CROSS_REGION scenario) / D. */
    CROSS_REGION_SHARE("cross_region_share"),
    /** a(top app) / A. */
    SRC_TOP_APP_SHARE("src_top_app_share"),
    /** Shannon entropy of a(app) over the source apps / ln(number of apps); 0 for fewer than 2 apps. */
    SRC_APP_ENTROPY("src_app_entropy"),
    /** Distinct source apps / A. */
    SRC_APPS_PER_IP("src_apps_per_ip"),
    /** Details to the most frequent destination app / details with a known destination app. */
    DST_TOP_APP_SHARE("dst_top_app_share"),
    /** Normalized entropy of the details over destination apps, as for source apps. */
    DST_APP_ENTROPY("dst_app_entropy"),
    /** Abnormal series in INTRANET / S. */
    SCN_INTRANET_SHARE("scn_intranet_share"),
    /** Abnormal series in SLB / S. */
    SCN_SLB_SHARE("scn_slb_share"),
    /** Abnormal series in CROSS_REGION / S. */
    SCN_CROSS_REGION_SHARE("scn_cross_region_share"),
    /** Abnormal series in INTERNET_OUT / S. */
    SCN_INTERNET_OUT_SHARE("scn_internet_out_share"),
    /** Abnormal series in INTERNET_IN / S. */
    SCN_INTERNET_IN_SHARE("scn_internet_in_share"),
    /** Abnormal series in internet-side scenarios (CROSS_REGION, INTERNET_OUT, INTERNET_IN) / S. */
    INTERNET_SIDE_SHARE("internet_side_share"),
    /** Abnormal SYN series / S (RTO share = 1 - this). */
    SYN_SHARE("syn_share"),
    /** A / max(monitored IPs of the minute, A). */
    ABNORMAL_SHARE("abnormal_share"),
    /** ln(1 + A). */
    ABNORMAL_IPS_LOG("abnormal_ips_log"),
    /** Distinct hosts of the abnormal sources / max(distinct hosts of the region, that number). */
    HOSTS_TOUCHED_SHARE("hosts_touched_share");

    private static final RoutingFeature[] VALUES = values();

    private final String featureName;

    RoutingFeature(String featureName) {
        this.featureName = featureName;
    }

    /** The name in the schema, in router.json and in alert evidence. */
    public String featureName() {
        return featureName;
    }

    /** Index in the feature vector. */
    public int index() {
        return ordinal();
    }

    public static RoutingFeature of(int index) {
        return VALUES[index];
    }

    public static Optional<RoutingFeature> fromName(String name) {
        for (RoutingFeature f : VALUES) {
            if (f.featureName.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
