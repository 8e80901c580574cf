package io.andiag.model.routing;

import java.util.Optional;

/** The teams an incident can be routed to (paper §7). */
public enum Team {
    PHYSICAL_NETWORK(true),
    VIRTUAL_NETWORK(true),
    SLB_NAT_GATEWAY(true),
    CROSS_REGION_LINK(true),
    INTERNET(true),
    END_HOST(false),
    APPLICATION(false);

    private final boolean network;

    Team(boolean network) {
        this.network = network;
    }

    /** Network teams own links, switches and gateways; the others own hosts and applications. */
    public boolean isNetwork() {
        return network;
    }

    public static Optional<Team> fromName(String name) {
        for (Team t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
