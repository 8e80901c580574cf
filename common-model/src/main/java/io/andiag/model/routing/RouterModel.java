package io.andiag.model.routing;

import io.andiag.model.routing.RoutingHierarchy.Kind;
import io.andiag.model.routing.RoutingHierarchy.Side;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A trained router: the tree ensembles of every node of the routing hierarchy, the feature names and schema version
 * they were trained on, and the router version. A value object, validated at construction; read and written by
 * {@link RouterModelIo} (layout in docs/routing.md), evaluated by {@link HierarchicalRouter}.
 *
 * <p>Nodes of the hierarchy:
 * <ul>
 *   <li>side: either a rule (internet-side when feature {@code sideFeature >= sideThreshold}, probability 1), or a
 *       model giving P(INTERNET);</li>
 *   <li>per side, a model giving P(NETWORK) (absent when only one kind has teams on that side);</li>
 *   <li>per side and kind, one-vs-rest models giving P(team) for each team allowed there (absent for a lone team).</li>
 * </ul>
 */
public final class RouterModel {

    private static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

    /**
     * The models of one side.
     *
     * @param networkModel name of the model giving P(NETWORK), empty when only one kind has teams
     * @param teams        per kind, team to the name of its one-vs-rest model (empty for the lone team of a kind)
     */
    public record Branch(Optional<String> networkModel, Map<Kind, Map<Team, Optional<String>>> teams) {

        public Branch {
            Objects.requireNonNull(networkModel, "networkModel");
            Map<Kind, Map<Team, Optional<String>>> copy = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                Map<Team, Optional<String>> byTeam = new EnumMap<>(Team.class);
                byTeam.putAll(teams.getOrDefault(k, Map.of()));
                copy.put(k, Collections.unmodifiableMap(byTeam));
            }
            teams = Collections.unmodifiableMap(copy);
        }

        public Map<Team, Optional<String>> teams(Kind kind) {
            return teams.get(kind);
        }
    }

    private final String version;
    private final int featureSchemaVersion;
    private final List<String> features;
    private final Optional<String> sideModel;
    private final String sideFeature;
    private final double sideThreshold;
    private final Map<Side, Branch> branches;
    private final Map<String, TreeEnsemble> ensembles;

    /**
     * @throws IllegalArgumentException naming the node, team or model when the router is inconsistent
     */
    public RouterModel(String version, int featureSchemaVersion, List<String> features, Optional<String> sideModel,
                       String sideFeature, double sideThreshold, Map<Side, Branch> branches,
                       Map<String, TreeEnsemble> ensembles) {
        this.version = Objects.requireNonNull(version, "version");
        this.featureSchemaVersion = featureSchemaVersion;
        this.features = List.copyOf(features);
        this.sideModel = Objects.requireNonNull(sideModel, "sideModel");
        this.sideFeature = Objects.requireNonNull(sideFeature, "sideFeature");
        this.sideThreshold = sideThreshold;
        this.branches = Collections.unmodifiableMap(new EnumMap<>(branches));
        this.ensembles = Collections.unmodifiableMap(new TreeMap<>(ensembles));
        validate();
    }

    private void validate() {
        RoutingFeatureSchema.requireCompatible(features, featureSchemaVersion);
        if (sideModel.isEmpty()) {
            if (RoutingFeatureSchema.indexOf(sideFeature) < 0) {
                throw new IllegalArgumentException("router side rule: unknown feature '" + sideFeature + "'");
            }
            if (!Double.isFinite(sideThreshold)) {
                throw new IllegalArgumentException("router side rule: threshold must be finite, got " + sideThreshold);
            }
        } else {
            requireModel("side", sideModel.get());
        }
        for (Side side : Side.values()) {
            Branch b = branches.get(side);
            if (b == null) {
                throw new IllegalArgumentException("router has no branch for side " + side);
            }
            int kindsWithTeams = 0;
            for (Kind kind : Kind.values()) {
                Map<Team, Optional<String>> teams = b.teams(kind);
                if (!teams.isEmpty()) {
                    kindsWithTeams++;
                }
                for (Map.Entry<Team, Optional<String>> e : teams.entrySet()) {
                    String node = side + "/" + kind + "/" + e.getKey();
                    if (RoutingHierarchy.kindOf(e.getKey()) != kind) {
                        throw new IllegalArgumentException("router node " + node + ": team " + e.getKey() + " is not "
                                + kind);
                    }
                    if (e.getValue().isPresent()) {
                        requireModel(node, e.getValue().get());
                    } else if (teams.size() > 1) {
                        throw new IllegalArgumentException("router node " + node + " needs a model: " + kind
                                + " on " + side + " has " + teams.size() + " teams");
                    }
                }
            }
            if (kindsWithTeams == 0) {
                throw new IllegalArgumentException("router branch " + side + " has no team");
            }
            if (kindsWithTeams == 2 && b.networkModel().isEmpty()) {
                throw new IllegalArgumentException("router branch " + side + " needs a network model: it has teams of"
                        + " both kinds");
            }
            if (kindsWithTeams == 1 && b.networkModel().isPresent()) {
                throw new IllegalArgumentException("router branch " + side + " has a network model but teams of one"
                        + " kind only");
            }
            b.networkModel().ifPresent(m -> requireModel(side + "/network", m));
        }
    }

    private void requireModel(String node, String name) {
        if (!MODEL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("router node " + node + ": model name '" + name
                    + "' must match " + MODEL_NAME.pattern());
        }
        TreeEnsemble e = ensembles.get(name);
        if (e == null) {
            throw new IllegalArgumentException("router node " + node + ": no model '" + name + "'");
        }
        if (e.numFeatures() != features.size()) {
            throw new IllegalArgumentException("router node " + node + ": model '" + name + "' has "
                    + e.numFeatures() + " features, the router " + features.size());
        }
    }

    public String version() {
        return version;
    }

    public int featureSchemaVersion() {
        return featureSchemaVersion;
    }

    public List<String> features() {
        return features;
    }

    /** Name of the model giving P(INTERNET), or empty when the side is decided by the rule. */
    public Optional<String> sideModel() {
        return sideModel;
    }

    /** Feature of the side rule (internet-side when its value is at least {@link #sideThreshold()}). */
    public String sideFeature() {
        return sideFeature;
    }

    public double sideThreshold() {
        return sideThreshold;
    }

    public Branch branch(Side side) {
        return branches.get(side);
    }

    /** Every model by name. */
    public Map<String, TreeEnsemble> ensembles() {
        return ensembles;
    }

    public TreeEnsemble ensemble(String name) {
        TreeEnsemble e = ensembles.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no model '" + name + "' in router " + version);
        }
        return e;
    }

    public static Builder builder(String version) {
        return new Builder(version);
    }

    @Override
    public String toString() {
        return "RouterModel[" + version + ", " + ensembles.size() + " models]";
    }

    /** Assembles a router node by node; models are registered by name. */
    public static final class Builder {
        private final String version;
        private Optional<String> sideModel = Optional.empty();
        private String sideFeature = RoutingFeature.INTERNET_SIDE_SHARE.featureName();
        private double sideThreshold = 0.5;
        private final Map<Side, Optional<String>> networkModels = new EnumMap<>(Side.class);
        private final Map<Side, Map<Kind, Map<Team, Optional<String>>>> teams = new EnumMap<>(Side.class);
        private final Map<String, TreeEnsemble> ensembles = new LinkedHashMap<>();

        private Builder(String version) {
            this.version = version;
            for (Side s : Side.values()) {
                networkModels.put(s, Optional.empty());
                teams.put(s, new EnumMap<>(Kind.class));
            }
        }

        /** Decides the side by rule: internet-side when {@code feature >= threshold}. */
        public Builder sideRule(String feature, double threshold) {
            this.sideModel = Optional.empty();
            this.sideFeature = feature;
            this.sideThreshold = threshold;
            return this;
        }

        /** Decides the side by a model giving P(INTERNET). */
        public Builder sideModel(String name, TreeEnsemble e) {
            this.sideModel = Optional.of(name);
            ensembles.put(name, e);
            return this;
        }

        public Builder networkModel(Side side, String name, TreeEnsemble e) {
            networkModels.put(side, Optional.of(name));
            ensembles.put(name, e);
            return this;
        }

        /** A team of a branch with its one-vs-rest model. */
        public Builder team(Side side, Team team, String name, TreeEnsemble e) {
            teams.get(side).computeIfAbsent(RoutingHierarchy.kindOf(team), k -> new EnumMap<>(Team.class))
                    .put(team, Optional.of(name));
            ensembles.put(name, e);
            return this;
        }

        /** The lone team of its kind on a branch: no model, probability 1. */
        public Builder loneTeam(Side side, Team team) {
            teams.get(side).computeIfAbsent(RoutingHierarchy.kindOf(team), k -> new EnumMap<>(Team.class))
                    .put(team, Optional.empty());
            return this;
        }

        public RouterModel build() {
            Map<Side, Branch> branches = new EnumMap<>(Side.class);
            for (Side s : Side.values()) {
                branches.put(s, new Branch(networkModels.get(s), teams.get(s)));
            }
            return new RouterModel(version, RoutingFeatureSchema.VERSION, RoutingFeatureSchema.names(), sideModel,
                    sideFeature, sideThreshold, branches, ensembles);
        }
    }
}
