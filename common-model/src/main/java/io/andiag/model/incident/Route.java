package io.andiag.model.incident;

import io.andiag.model.routing.Team;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an incident is routed.
 *
 * @param team        the team that must act; empty when no route reached the confidence bar
 * @param confidence  the router's confidence in {@code team} (or in its best guess), 0..1
 * @param needsReview true when the confidence is below the bar: a person must confirm the team
 * @param path        the decisions taken, outermost first, e.g. {@code [INTRANET, NETWORK, SLB_NAT_GATEWAY]}
 */
public record Route(Optional<Team> team, double confidence, boolean needsReview, List<String> path) {

    public Route {
        Objects.requireNonNull(team, "team");
        path = List.copyOf(path);
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0,1], got " + confidence);
        }
    }
}
