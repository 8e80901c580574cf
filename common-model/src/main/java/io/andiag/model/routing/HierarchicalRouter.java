package io.andiag.model.routing;

import io.andiag.model.routing.RoutingHierarchy.Kind;
import io.andiag.model.routing.RoutingHierarchy.Side;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The trained router (paper §7): side, then network or not, then the team, each decided by the GBTs of a
 * {@link RouterModel}.
 * <ol>
 *   <li>Side: by the rule (probability 1) or by P(INTERNET) of the side model (INTERNET when &ge; 0.5).</li>
 *   <li>Kind: by P(NETWORK) of the side's network model (NETWORK when &ge; 0.5); a side with teams of one kind only
 *       takes that kind with probability 1.</li>
 *   <li>Team: each team allowed on that side and kind gets P(team) from its one-vs-rest model (1 for a lone team);
 *       the probabilities are normalized to sum to 1 and the highest wins (ties: the {@link Team} order).</li>
 * </ol>
 * Confidence = P(side decision) x P(kind decision) x normalized P(team). The decision's basis ranks the features by
 * how often the trees that took the decisions tested them on this input (each visited split counts the tree's
 * absolute weight), most first: the features that actually drove this route.
 */
public final class HierarchicalRouter implements Router {

    private final RouterModel model;
    private final int sideFeature;

    public HierarchicalRouter(RouterModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.sideFeature = RoutingFeatureSchema.indexOf(model.sideFeature());
    }

    public RouterModel model() {
        return model;
    }

    @Override
    public String version() {
        return model.version();
    }

    @Override
    public RoutingDecision route(double[] f) {
        if (f.length < RoutingFeatureSchema.size()) {
            throw new IllegalArgumentException("feature vector length must be >= " + RoutingFeatureSchema.size()
                    + ", got " + f.length);
        }
        double[] tested = new double[RoutingFeatureSchema.size()];

        Side side;
        double pSide;
        if (model.sideModel().isPresent()) {
            TreeEnsemble e = model.ensemble(model.sideModel().get());
            double p = e.probability(f);
            e.addPathFeatures(f, tested);
            side = p >= 0.5 ? Side.INTERNET : Side.INTRANET;
            pSide = side == Side.INTERNET ? p : 1 - p;
        } else {
            side = f[sideFeature] >= model.sideThreshold() ? Side.INTERNET : Side.INTRANET;
            pSide = 1.0;
            tested[sideFeature] += 1.0;
        }

        RouterModel.Branch branch = model.branch(side);
        Kind kind;
        double pKind;
        if (branch.networkModel().isPresent()) {
            TreeEnsemble e = model.ensemble(branch.networkModel().get());
            double p = e.probability(f);
            e.addPathFeatures(f, tested);
            kind = p >= 0.5 ? Kind.NETWORK : Kind.NON_NETWORK;
            pKind = kind == Kind.NETWORK ? p : 1 - p;
        } else {
            kind = branch.teams(Kind.NETWORK).isEmpty() ? Kind.NON_NETWORK : Kind.NETWORK;
            pKind = 1.0;
        }

        Map<Team, Optional<String>> teams = branch.teams(kind);
        Team best = null;
        double bestP = -1;
        double sum = 0;
        for (Map.Entry<Team, Optional<String>> e : teams.entrySet()) {
            double p = e.getValue().map(name -> model.ensemble(name).probability(f)).orElse(1.0);
            sum += p;
            if (p > bestP) {
                bestP = p;
                best = e.getKey();
            }
        }
        double pTeam = sum > 0 ? bestP / sum : 1.0 / teams.size();
        teams.get(best).ifPresent(name -> model.ensemble(name).addPathFeatures(f, tested));

        double confidence = Math.max(0.0, Math.min(1.0, pSide * pKind * pTeam));
        return new RoutingDecision(best, confidence, RoutingHierarchy.path(side, best), ranked(tested), model.version());
    }

    /** Features with a positive weight, heaviest first (ties: schema order). */
    private static List<RoutingFeature> ranked(double[] weights) {
        List<RoutingFeature> out = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                out.add(RoutingFeature.of(i));
            }
        }
        out.sort((a, b) -> Double.compare(weights[b.index()], weights[a.index()]));
        return out;
    }
}
