package io.andiag.model.routing;

import java.util.Map;

/**
 * Thresholds of the {@link RuleRouter}, each on a routing feature; validated at construction.
 *
 * @param internetShareMin     internet_side_share from which the anomaly is internet-side
 * @param crossRegionShareMin  cross_region_share (or scn_cross_region_share) from which the cross-region link is blamed
 * @param gatewayShareMin      dst_top_gateway_share from which a NAT gateway is blamed
 * @param vipShareMin          dst_top_vip_share from which an SLB VIP is blamed
 * @param spreadHostShareMax   a VIP or gateway is blamed only when src_top1_host_share is below this (clients spread)
 * @param endHostTop3ShareMin  src_top3_host_share from which a few hosts hold the anomaly
 * @param endHostHostsPerIpMax src_hosts_per_ip up to which the hosts are "full" of abnormal IPs (several per host)
 * @param appShareMin          src_top_app_share from which one application is blamed
 * @param localityShareMin     share of the top tor / vswitch / vpc from which it is blamed
 * @param localityLiftMin      lift of the top tor / vswitch / vpc from which it is blamed
 * @param azShareMin           src_top_az_share from which a whole AZ is blamed
 * @param azLiftMin            src_top_az_lift from which a whole AZ is blamed
 */
public record RuleRouterSettings(double internetShareMin, double crossRegionShareMin, double gatewayShareMin,
                                 double vipShareMin, double spreadHostShareMax, double endHostTop3ShareMin,
                                 double endHostHostsPerIpMax, double appShareMin, double localityShareMin,
                                 double localityLiftMin, double azShareMin, double azLiftMin) {

    private static final String P = "routing.rules.";

    public static final DoubleSetting INTERNET_SHARE_MIN = share("internet_share_min", 0.5,
            "internet_side_share from which the anomaly is internet-side");
    public static final DoubleSetting CROSS_REGION_SHARE_MIN = share("cross_region_share_min", 0.5,
            "cross-region share of details or series from which the cross-region link is blamed");
    public static final DoubleSetting GATEWAY_SHARE_MIN = share("gateway_share_min", 0.5,
            "dst_top_gateway_share from which a NAT gateway is blamed");
    public static final DoubleSetting VIP_SHARE_MIN = share("vip_share_min", 0.5,
            "dst_top_vip_share from which an SLB VIP is blamed");
    public static final DoubleSetting SPREAD_HOST_SHARE_MAX = share("spread_host_share_max", 0.5,
            "a VIP or gateway is blamed only when src_top1_host_share is below this");
    public static final DoubleSetting END_HOST_TOP3_SHARE_MIN = share("end_host_top3_share_min", 0.8,
            "src_top3_host_share from which a few hosts hold the anomaly");
    public static final DoubleSetting END_HOST_HOSTS_PER_IP_MAX = share("end_host_hosts_per_ip_max", 0.5,
            "src_hosts_per_ip up to which hosts hold several abnormal IPs each");
    public static final DoubleSetting APP_SHARE_MIN = share("app_share_min", 0.9,
            "src_top_app_share from which one application is blamed");
    public static final DoubleSetting LOCALITY_SHARE_MIN = share("locality_share_min", 0.7,
            "share of the top tor / vswitch / vpc from which it is blamed");
    public static final DoubleSetting LOCALITY_LIFT_MIN = new DoubleSetting(P + "locality_lift_min", 3.0, 1.0, 1e6,
            "lift of the top tor / vswitch / vpc from which it is blamed");
    public static final DoubleSetting AZ_SHARE_MIN = share("az_share_min", 0.9,
            "src_top_az_share from which a whole AZ is blamed");
    public static final DoubleSetting AZ_LIFT_MIN = new DoubleSetting(P + "az_lift_min", 1.5, 1.0, 1e6,
            "src_top_az_lift from which a whole AZ is blamed");

    public static final RuleRouterSettings DEFAULTS = from(Map.of());

    public RuleRouterSettings {
        INTERNET_SHARE_MIN.check(internetShareMin);
        CROSS_REGION_SHARE_MIN.check(crossRegionShareMin);
        GATEWAY_SHARE_MIN.check(gatewayShareMin);
        VIP_SHARE_MIN.check(vipShareMin);
        SPREAD_HOST_SHARE_MAX.check(spreadHostShareMax);
        END_HOST_TOP3_SHARE_MIN.check(endHostTop3ShareMin);
        END_HOST_HOSTS_PER_IP_MAX.check(endHostHostsPerIpMax);
        APP_SHARE_MIN.check(appShareMin);
        LOCALITY_SHARE_MIN.check(localityShareMin);
        LOCALITY_LIFT_MIN.check(localityLiftMin);
        AZ_SHARE_MIN.check(azShareMin);
        AZ_LIFT_MIN.check(azLiftMin);
    }

    /** The settings in {@code props}, defaults for absent ones. */
    public static RuleRouterSettings from(Map<String, String> props) {
        return new RuleRouterSettings(INTERNET_SHARE_MIN.read(props), CROSS_REGION_SHARE_MIN.read(props),
                GATEWAY_SHARE_MIN.read(props), VIP_SHARE_MIN.read(props), SPREAD_HOST_SHARE_MAX.read(props),
                END_HOST_TOP3_SHARE_MIN.read(props), END_HOST_HOSTS_PER_IP_MAX.read(props), APP_SHARE_MIN.read(props),
                LOCALITY_SHARE_MIN.read(props), LOCALITY_LIFT_MIN.read(props), AZ_SHARE_MIN.read(props),
                AZ_LIFT_MIN.read(props));
    }

    private static DoubleSetting share(String name, double def, String doc) {
        return new DoubleSetting(P + name, def, 0.0, 1.0, doc);
    }
}
