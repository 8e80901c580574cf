package io.andiag.model.routing;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The decisions of the routing hierarchy (paper §7), outermost first: the side (intranet or internet, by the
 * scenarios of the abnormal series), the kind (network or not), then the team among those allowed on that branch.
 * A route's path spells them: {@code [INTRANET, NETWORK, SLB_NAT_GATEWAY]}.
 */
public final class RoutingHierarchy {

    /** Where the failing traffic goes: inside the region's private network, or out of it. */
    public enum Side { INTRANET, INTERNET }

    /** Whether a network team owns the fault (links, switches, gateways) or not (hosts, applications). */
    public enum Kind { NETWORK, NON_NETWORK }

    private RoutingHierarchy() {
    }

    public static Kind kindOf(Team team) {
        return team.isNetwork() ? Kind.NETWORK : Kind.NON_NETWORK;
    }

    /**
     * The teams a branch may route to when router.json does not say: intranet network faults are physical,
     * virtual or SLB/NAT; internet-side network faults are cross-region links, the internet or SLB/NAT (the NAT
     * gateway carries INTERNET_OUT); end hosts and applications fail on either side.
     */
    public static Set<Team> defaultTeams(Side side, Kind kind) {
        if (kind == Kind.NON_NETWORK) {
            return EnumSet.of(Team.END_HOST, Team.APPLICATION);
        }
        return side == Side.INTRANET
                ? EnumSet.of(Team.PHYSICAL_NETWORK, Team.VIRTUAL_NETWORK, Team.SLB_NAT_GATEWAY)
                : EnumSet.of(Team.CROSS_REGION_LINK, Team.INTERNET, Team.SLB_NAT_GATEWAY);
    }

    /** {@code [side, kind, team]}. */
    public static List<String> path(Side side, Team team) {
        return List.of(side.name(), kindOf(team).name(), team.name());
    }
}
