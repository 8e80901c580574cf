package io.andiag.model.routing;

import io.andiag.model.incident.Route;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Router} decided for one feature vector: its best guess of the team (always present, so incidents
 * can be grouped by it even below the confidence bar), the confidence in it, the decisions taken, and the features
 * the decision rested on, most telling first.
 *
 * @param team       the best-guess team
 * @param confidence product of the probabilities of the decisions on the path, 0..1
 * @param path       the decisions, outermost first, e.g. {@code [INTRANET, NETWORK, SLB_NAT_GATEWAY]}
 * @param basis      the features behind the decision, most telling first (see the routers for how they rank)
 * @param rule       the rule that fired (rule router), or the router version (model router)
 */
public record RoutingDecision(Team team, double confidence, List<String> path, List<RoutingFeature> basis,
                              String rule) {

    public RoutingDecision {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(rule, "rule");
        path = List.copyOf(path);
        basis = List.copyOf(basis);
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0,1], got " + confidence);
        }
    }

    /**
     * The route on the alert: the team when the confidence reaches {@code bar}; otherwise no team and
     * {@code needs_review}, the path still showing the best guess.
     */
    public Route toRoute(double bar) {
        boolean confident = confidence >= bar;
        return new Route(confident ? Optional.of(team) : Optional.empty(), confidence, !confident, path);
    }
}
