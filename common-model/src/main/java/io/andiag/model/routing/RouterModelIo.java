package io.andiag.model.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.andiag.model.routing.RoutingHierarchy.Kind;
import io.andiag.model.routing.RoutingHierarchy.Side;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes a {@link RouterModel} as a directory (the {@code router/} of a parameter set):
 * <pre>
 * router/router.json        the hierarchy: which model decides which node, and the feature names
 * router/&lt;model&gt;/           one tree ensemble per model name: an MLlib GBTClassificationModel directory
 *                           (metadata/, data/, treesMetadata/) or our flat format (ensemble.json, nodes.parquet)
 * </pre>
 * router.json (format_version 1):
 * <pre>
 * {"format":"andiag.router","format_version":1,"version":"20261123T0210Z","feature_schema_version":1,
 *  "features":["src_top1_host_share", ...],
 *  "side":{"feature":"internet_side_share","threshold":0.5},          (or {"model":"side"})
 *  "branches":{
 *    "INTRANET":{"network_model":"intranet_network",
 *                "NETWORK":{"PHYSICAL_NETWORK":"intranet_physical_network","VIRTUAL_NETWORK":"...",
 *                           "SLB_NAT_GATEWAY":"..."},
 *                "NON_NETWORK":{"END_HOST":"intranet_end_host","APPLICATION":"intranet_application"}},
 *    "INTERNET":{...}}}
 * </pre>
 * A team whose model is {@code null} is the lone team of its kind on that side; {@code network_model} is
 * {@code null} when a side has teams of one kind only. {@link #write} writes every model in the flat format.
 */
public final class RouterModelIo {

    public static final String FORMAT = "andiag.router";
    public static final int FORMAT_VERSION = 1;
    public static final String ROUTER_JSON = "router.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RouterModelIo() {
    }

    /** True when {@code dir} holds a router (its router.json). */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(ROUTER_JSON));
    }

    /**
     * Reads the router in {@code dir}.
     *
     * @throws IllegalArgumentException naming the file, field or model when the router is invalid or was trained on
     *                                  other features
     */
    public static RouterModel read(Path dir) {
        Path file = dir.resolve(ROUTER_JSON);
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(file + ": format is '" + root.path("format").asText() + "', expected "
                    + FORMAT);
        }
        int formatVersion = root.path("format_version").asInt(-1);
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException(file + ": format_version " + formatVersion
                    + " is not supported (this code reads " + FORMAT_VERSION + ")");
        }
        List<String> features = new ArrayList<>();
        root.path("features").forEach(n -> features.add(n.asText()));
        Map<String, TreeEnsemble> ensembles = new LinkedHashMap<>();

        JsonNode side = required(file, root, "side");
        Optional<String> sideModel = optionalText(side.get("model"));
        sideModel.ifPresent(m -> load(dir, m, ensembles));
        String sideFeature = side.path("feature").asText(RoutingFeature.INTERNET_SIDE_SHARE.featureName());
        double sideThreshold = side.path("threshold").asDouble(0.5);

        Map<Side, RouterModel.Branch> branches = new EnumMap<>(Side.class);
        JsonNode bs = required(file, root, "branches");
        for (Side s : Side.values()) {
            JsonNode b = required(file, bs, s.name());
            Optional<String> network = optionalText(b.get("network_model"));
            network.ifPresent(m -> load(dir, m, ensembles));
            Map<Kind, Map<Team, Optional<String>>> teams = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                Map<Team, Optional<String>> byTeam = new EnumMap<>(Team.class);
                JsonNode group = b.get(k.name());
                if (group != null && !group.isNull()) {
                    for (Map.Entry<String, JsonNode> e : group.properties()) {
                        Team team = Team.fromName(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                                file + ": branches." + s + "." + k + " names unknown team '" + e.getKey() + "'"));
                        Optional<String> model = optionalText(e.getValue());
                        model.ifPresent(m -> load(dir, m, ensembles));
                        byTeam.put(team, model);
                    }
                }
                teams.put(k, byTeam);
            }
            branches.put(s, new RouterModel.Branch(network, teams));
        }
        try {
            return new RouterModel(root.path("version").asText(""), root.path("feature_schema_version").asInt(-1),
                    features, sideModel, sideFeature, sideThreshold, branches, ensembles);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code model} into {@code dir}: router.json and one flat-format directory per model. */
    public static void write(RouterModel model, Path dir) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("version", model.version());
        root.put("feature_schema_version", model.featureSchemaVersion());
        ArrayNode features = root.putArray("features");
        model.features().forEach(features::add);
        ObjectNode side = root.putObject("side");
        if (model.sideModel().isPresent()) {
            side.put("model", model.sideModel().get());
        } else {
            side.put("feature", model.sideFeature());
            side.put("threshold", model.sideThreshold());
        }
        ObjectNode branches = root.putObject("branches");
        for (Side s : Side.values()) {
            RouterModel.Branch b = model.branch(s);
            ObjectNode bn = branches.putObject(s.name());
            if (b.networkModel().isPresent()) {
                bn.put("network_model", b.networkModel().get());
            } else {
                bn.putNull("network_model");
            }
            for (Kind k : Kind.values()) {
                ObjectNode group = bn.putObject(k.name());
                b.teams(k).forEach((team, m) -> {
                    if (m.isPresent()) {
                        group.put(team.name(), m.get());
                    } else {
                        group.putNull(team.name());
                    }
                });
            }
        }
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, TreeEnsemble> e : model.ensembles().entrySet()) {
                FlatEnsembleFormat.write(e.getValue(), dir.resolve(e.getKey()));
            }
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(ROUTER_JSON).toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write router to " + dir, e);
        }
    }

    private static void load(Path dir, String name, Map<String, TreeEnsemble> ensembles) {
        if (ensembles.containsKey(name)) {
            return;
        }
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException(dir.resolve(ROUTER_JSON) + ": model name '" + name
                    + "' must be a plain directory name");
        }
        Path m = dir.resolve(name);
        if (FlatEnsembleFormat.isFlatModel(m)) {
            ensembles.put(name, FlatEnsembleFormat.read(m));
        } else if (MllibGbtReader.isMllibModel(m)) {
            ensembles.put(name, MllibGbtReader.read(m));
        } else {
            throw new IllegalArgumentException(dir.resolve(ROUTER_JSON) + " names model '" + name + "' but " + m
                    + " holds neither an MLlib model (metadata/, data/) nor " + FlatEnsembleFormat.JSON_FILE);
        }
    }

    private static JsonNode required(Path file, JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException(file + ": missing '" + field + "'");
        }
        return n;
    }

    private static Optional<String> optionalText(JsonNode n) {
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }
}
