package io.andiag.model.routing;

/**
 * Routes a region-minute, given its routing features ({@link RoutingFeatureSchema} order), to a team. Implementations
 * are immutable and thread-safe: {@link HierarchicalRouter} (trained GBTs) and {@link RuleRouter} (the fallback when
 * no trained router is published).
 */
public interface Router {

    RoutingDecision route(double[] features);

    /** Identifies the router in logs and evidence: the router.json version, or {@code rules-v<n>}. */
    String version();

    /** The trained router when one is given, else the rule router with default settings. */
    static Router of(java.util.Optional<RouterModel> model) {
        return model.<Router>map(HierarchicalRouter::new).orElseGet(() -> new RuleRouter(RuleRouterSettings.DEFAULTS));
    }
}
