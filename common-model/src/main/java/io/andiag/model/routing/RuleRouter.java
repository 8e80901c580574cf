package io.andiag.model.routing;

import io.andiag.model.routing.RoutingHierarchy.Side;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import static io.andiag.model.routing.RoutingFeature.*;

/**
 * Deterministic fault-tree-like routing on the routing features, used when no trained router is published (a new
 * deployment, or a parameter set without {@code router/}). Rules are tried in order; the first that holds decides.
 * Its confidence is the feature share that made it fire (e.g. dst_top_vip_share for a VIP), so a barely-firing rule
 * lands below the confidence bar and asks for review. When nothing fires, the guess is INTERNET on the internet side
 * and PHYSICAL_NETWORK otherwise, with confidence 0 (always reviewed).
 *
 * <ol>
 *   <li>cross_region: cross_region_share or scn_cross_region_share &ge; crossRegionShareMin → CROSS_REGION_LINK</li>
 *   <li>nat_gateway: dst_top_gateway_share &ge; gatewayShareMin and src_top1_host_share &lt; spreadHostShareMax →
 *       SLB_NAT_GATEWAY (internet side)</li>
 *   <li>slb_vip: dst_top_vip_share &ge; vipShareMin and src_top1_host_share &lt; spreadHostShareMax →
 *       SLB_NAT_GATEWAY (intranet side)</li>
 *   <li>end_host: src_top3_host_share &ge; endHostTop3ShareMin, src_hosts_per_ip &le; endHostHostsPerIpMax and
 *       src_top_app_share &lt; appShareMin (few hosts, several IPs each, several apps) → END_HOST</li>
 *   <li>application: src_top_app_share &ge; appShareMin → APPLICATION</li>
 *   <li>internet: internet_side_share &ge; internetShareMin → INTERNET</li>
 *   <li>physical_tor: src_top_tor_share &ge; localityShareMin, src_top_tor_lift &ge; localityLiftMin and
 *       src_top_tor_share &ge; src_top_vswitch_share → PHYSICAL_NETWORK</li>
 *   <li>virtual_network: the top vswitch or vpc with share &ge; localityShareMin and lift &ge; localityLiftMin →
 *       VIRTUAL_NETWORK</li>
 *   <li>physical_az: src_top_az_share &ge; azShareMin and src_top_az_lift &ge; azLiftMin → PHYSICAL_NETWORK</li>
 * </ol>
 * The side on the path is INTERNET for cross_region, nat_gateway and internet, INTRANET for slb_vip and the
 * locality rules, and by internet_side_share for end_host and application.
 */
public final class RuleRouter implements Router {

    public static final String VERSION = "rules-v1";
    /** Name of the decision when no rule fires. */
    public static final String NO_RULE = "no_rule";

    private record Rule(String name, Team team, Side side, Predicate<double[]> when, ToDoubleFunction<double[]> strength,
                        List<RoutingFeature> basis) {
    }

    private final RuleRouterSettings s;
    private final List<Rule> rules;

    public RuleRouter(RuleRouterSettings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
        this.rules = List.of(
                new Rule("cross_region", Team.CROSS_REGION_LINK, Side.INTERNET,
                        f -> Math.max(v(f, CROSS_REGION_SHARE), v(f, SCN_CROSS_REGION_SHARE)) >= s.crossRegionShareMin(),
                        f -> Math.max(v(f, CROSS_REGION_SHARE), v(f, SCN_CROSS_REGION_SHARE)),
                        List.of(CROSS_REGION_SHARE, SCN_CROSS_REGION_SHARE)),
                new Rule("nat_gateway", Team.SLB_NAT_GATEWAY, Side.INTERNET,
                        f -> v(f, DST_TOP_GATEWAY_SHARE) >= s.gatewayShareMin() && spread(f),
                        f -> v(f, DST_TOP_GATEWAY_SHARE),
                        List.of(DST_TOP_GATEWAY_SHARE, SCN_INTERNET_OUT_SHARE, SRC_TOP1_HOST_SHARE)),
                new Rule("slb_vip", Team.SLB_NAT_GATEWAY, Side.INTRANET,
                        f -> v(f, DST_TOP_VIP_SHARE) >= s.vipShareMin() && spread(f),
                        f -> v(f, DST_TOP_VIP_SHARE),
                        List.of(DST_TOP_VIP_SHARE, SCN_SLB_SHARE, SRC_TOP1_HOST_SHARE)),
                new Rule("end_host", Team.END_HOST, null,
                        f -> v(f, SRC_TOP3_HOST_SHARE) >= s.endHostTop3ShareMin()
                                && v(f, SRC_HOSTS_PER_IP) <= s.endHostHostsPerIpMax()
                                && v(f, SRC_TOP_APP_SHARE) < s.appShareMin(),
                        f -> v(f, SRC_TOP3_HOST_SHARE),
                        List.of(SRC_TOP3_HOST_SHARE, SRC_HOSTS_PER_IP, SRC_TOP_APP_SHARE)),
                new Rule("application", Team.APPLICATION, null,
                        f -> v(f, SRC_TOP_APP_SHARE) >= s.appShareMin(),
                        f -> v(f, SRC_TOP_APP_SHARE),
                        List.of(SRC_TOP_APP_SHARE, SRC_APP_ENTROPY, SYN_SHARE)),
                new Rule("internet", Team.INTERNET, Side.INTERNET,
                        f -> v(f, INTERNET_SIDE_SHARE) >= s.internetShareMin(),
                        f -> v(f, INTERNET_SIDE_SHARE),
                        List.of(INTERNET_SIDE_SHARE, SCN_INTERNET_OUT_SHARE, SCN_INTERNET_IN_SHARE)),
                new Rule("physical_tor", Team.PHYSICAL_NETWORK, Side.INTRANET,
                        f -> local(f, SRC_TOP_TOR_SHARE, SRC_TOP_TOR_LIFT)
                                && v(f, SRC_TOP_TOR_SHARE) >= v(f, SRC_TOP_VSWITCH_SHARE),
                        f -> v(f, SRC_TOP_TOR_SHARE),
                        List.of(SRC_TOP_TOR_SHARE, SRC_TOP_TOR_LIFT, SRC_TOP_VSWITCH_SHARE)),
                new Rule("virtual_network", Team.VIRTUAL_NETWORK, Side.INTRANET,
                        f -> local(f, SRC_TOP_VSWITCH_SHARE, SRC_TOP_VSWITCH_LIFT)
                                || local(f, SRC_TOP_VPC_SHARE, SRC_TOP_VPC_LIFT),
                        f -> local(f, SRC_TOP_VSWITCH_SHARE, SRC_TOP_VSWITCH_LIFT)
                                ? v(f, SRC_TOP_VSWITCH_SHARE) : v(f, SRC_TOP_VPC_SHARE),
                        List.of(SRC_TOP_VSWITCH_SHARE, SRC_TOP_VSWITCH_LIFT, SRC_TOP_VPC_SHARE)),
                new Rule("physical_az", Team.PHYSICAL_NETWORK, Side.INTRANET,
                        f -> v(f, SRC_TOP_AZ_SHARE) >= s.azShareMin() && v(f, SRC_TOP_AZ_LIFT) >= s.azLiftMin(),
                        f -> v(f, SRC_TOP_AZ_SHARE),
                        List.of(SRC_TOP_AZ_SHARE, SRC_TOP_AZ_LIFT, SRC_AZ_TOUCHED_SHARE)));
    }

    @Override
    public RoutingDecision route(double[] f) {
        if (f.length < RoutingFeatureSchema.size()) {
            throw new IllegalArgumentException("feature vector length must be >= " + RoutingFeatureSchema.size()
                    + ", got " + f.length);
        }
        Side bySide = v(f, INTERNET_SIDE_SHARE) >= s.internetShareMin() ? Side.INTERNET : Side.INTRANET;
        for (Rule r : rules) {
            if (r.when.test(f)) {
                Side side = r.side == null ? bySide : r.side;
                double confidence = Math.max(0.0, Math.min(1.0, r.strength.applyAsDouble(f)));
                return new RoutingDecision(r.team, confidence, RoutingHierarchy.path(side, r.team), r.basis, r.name);
            }
        }
        Team guess = bySide == Side.INTERNET ? Team.INTERNET : Team.PHYSICAL_NETWORK;
        return new RoutingDecision(guess, 0.0, RoutingHierarchy.path(bySide, guess),
                List.of(INTERNET_SIDE_SHARE, SRC_TOP_TOR_SHARE, SRC_TOP1_HOST_SHARE), NO_RULE);
    }

    @Override
    public String version() {
        return VERSION;
    }

    private boolean spread(double[] f) {
        return v(f, SRC_TOP1_HOST_SHARE) < s.spreadHostShareMax();
    }

    private boolean local(double[] f, RoutingFeature share, RoutingFeature lift) {
        return v(f, share) >= s.localityShareMin() && v(f, lift) >= s.localityLiftMin();
    }

    private static double v(double[] f, RoutingFeature feature) {
        return f[feature.index()];
    }
}
