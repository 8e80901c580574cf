package io.andiag.batch.router;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.andiag.model.routing.MllibGbtReader;
import io.andiag.model.routing.RouterModel;
import io.andiag.model.routing.RoutingFeature;
import io.andiag.model.routing.RoutingHierarchy;
import io.andiag.model.routing.RoutingHierarchy.Kind;
import io.andiag.model.routing.RoutingHierarchy.Side;
import io.andiag.model.routing.Team;
import io.andiag.model.routing.TreeEnsemble;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Trains the routing hierarchy of {@link RouterModel} with Spark MLlib {@link GBTClassifier} (logistic loss, seeded):
 * <ul>
 *   <li>side: the rule {@code internet_side_share >= 0.5} (as the rule router; no model). Every example is put on the
 *       side the rule gives its features, exactly as the served router will route it;</li>
 *   <li>per side with teams of both kinds: a network model, P(NETWORK), on the side's examples;</li>
 *   <li>per side and kind with two or more teams: one-vs-rest team models, P(team), on the examples of that side and
 *       (true) kind; a kind with one team has it as its lone team (probability 1).</li>
 * </ul>
 * The teams of a branch are the default teams of {@link RoutingHierarchy#defaultTeams} that have an example on that
 * side, plus any other team of that kind holding at least {@link #EXTRA_TEAM_SHARE} of the side's examples (e.g. a
 * cross-region incident whose candidates the rule puts on the intranet side). A side without any example keeps the
 * rule router's fallback team (PHYSICAL_NETWORK on the intranet side, INTERNET on the internet side) as lone team.
 *
 * <p>Every binary model is trained with class-balanced weights (each class weighs half), so a rare team is not
 * drowned by the others. Models are saved with {@code model.write().save(dir)} under {@code mllibDir} and read back
 * with common-model's {@link MllibGbtReader}: what the router holds is what plain Java evaluates.
 */
public final class RouterTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(RouterTrainer.class);

    /** A non-default team enters a branch with at least this share of the side's examples. */
    public static final double EXTRA_TEAM_SHARE = 0.05;

    static final String SIDE_FEATURE = RoutingFeature.INTERNET_SIDE_SHARE.featureName();
    static final double SIDE_THRESHOLD = 0.5;

    static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("label", DataTypes.DoubleType, false),
            DataTypes.createStructField("weight", DataTypes.DoubleType, false),
            DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)));

    /** One labelled candidate: its features, its team, and the incident it belongs to (the held-out unit). */
    public record Example(double[] features, Team team, String incident) {
    }

    /** The router and what was trained for it (for the step report). */
    public record Trained(RouterModel model, ObjectNode models) {
    }

    private RouterTrainer() {
    }

    /** The side the rule gives a feature vector. */
    public static Side sideOf(double[] f) {
        return f[RoutingFeature.INTERNET_SIDE_SHARE.ordinal()] >= SIDE_THRESHOLD ? Side.INTERNET : Side.INTRANET;
    }

    public static Trained train(SparkSession spark, List<Example> examples, RouterSettings settings, String version, Path mllibDir) {
        RouterModel.Builder b = RouterModel.builder(version).sideRule(SIDE_FEATURE, SIDE_THRESHOLD);
        ObjectNode models = JsonNodeFactory.instance.objectNode();
        for (Side side : Side.values()) {
            List<Example> onSide = examples.stream().filter(e -> sideOf(e.features()) == side).toList();
            Map<Kind, Set<Team>> teams = branchTeams(side, onSide);
            String prefix = side.name().toLowerCase(Locale.ROOT);
            if (teams.get(Kind.NETWORK).isEmpty() && teams.get(Kind.NON_NETWORK).isEmpty()) {
                Team fallback = side == Side.INTRANET ? Team.PHYSICAL_NETWORK : Team.INTERNET;
                LOG.warn("train-router: no labelled candidate on the {} side: {} is its lone team", side, fallback);
                b.loneTeam(side, fallback);
                models.putObject(prefix).put("lone_team", fallback.name()).put("examples", 0);
                continue;
            }
            if (!teams.get(Kind.NETWORK).isEmpty() && !teams.get(Kind.NON_NETWORK).isEmpty()) {
                String name = prefix + "_network";
                b.networkModel(side, name, fit(spark, onSide, e -> e.team().isNetwork(), settings, mllibDir.resolve(name), name, models));
            }
            for (Kind kind : Kind.values()) {
                Set<Team> ts = teams.get(kind);
                if (ts.size() == 1) {
                    b.loneTeam(side, ts.iterator().next());
                    models.putObject(prefix + "_" + kind.name().toLowerCase(Locale.ROOT)).put("lone_team", ts.iterator().next().name());
                    continue;
                }
                List<Example> ofKind = onSide.stream().filter(e -> RoutingHierarchy.kindOf(e.team()) == kind).toList();
                for (Team t : ts) {
                    String name = prefix + "_" + t.name().toLowerCase(Locale.ROOT);
                    b.team(side, t, name, fit(spark, ofKind, e -> e.team() == t, settings, mllibDir.resolve(name), name, models));
                }
            }
        }
        return new Trained(b.build(), models);
    }

    /** The teams of each kind on one side (see the class comment). */
    static Map<Kind, Set<Team>> branchTeams(Side side, List<Example> onSide) {
        Map<Team, Integer> count = new EnumMap<>(Team.class);
        for (Example e : onSide) {
            count.merge(e.team(), 1, Integer::sum);
        }
        Map<Kind, Set<Team>> out = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            Set<Team> teams = EnumSet.noneOf(Team.class);
            Set<Team> defaults = RoutingHierarchy.defaultTeams(side, kind);
            count.forEach((t, n) -> {
                if (RoutingHierarchy.kindOf(t) == kind && (defaults.contains(t) || n >= EXTRA_TEAM_SHARE * onSide.size())) {
                    teams.add(t);
                }
            });
            out.put(kind, teams);
        }
        return out;
    }

    /** Fits one binary GBT (class-balanced), saves it with MLlib and reads it back with common-model. */
    static TreeEnsemble fit(SparkSession spark, List<Example> data, Predicate<Example> positive, RouterSettings settings, Path dir,
                            String name, ObjectNode models) {
        long pos = data.stream().filter(positive).count();
        long neg = data.size() - pos;
        if (pos == 0 || neg == 0) {
            throw new IllegalStateException("model " + name + " needs examples of both classes, has " + pos + " positive and "
                    + neg + " negative");
        }
        double wPos = data.size() / (2.0 * pos);
        double wNeg = data.size() / (2.0 * neg);
        List<Row> rows = new ArrayList<>(data.size());
        for (Example e : data) {
            boolean p = positive.test(e);
            rows.add(RowFactory.create(p ? 1.0 : 0.0, p ? wPos : wNeg, Vectors.dense(e.features())));
        }
        Dataset<Row> df = spark.createDataFrame(rows, SCHEMA).coalesce(1).cache();
        long t0 = System.nanoTime();
        GBTClassificationModel model = new GBTClassifier()
                .setLabelCol("label").setWeightCol("weight").setFeaturesCol("features")
                .setLossType("logistic").setMaxIter(settings.maxIter()).setMaxDepth(settings.maxDepth())
                .setStepSize(settings.stepSize()).setSeed(settings.seed())
                .fit(df);
        df.unpersist();
        try {
            model.write().overwrite().save(dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model " + name + " to " + dir, e);
        }
        TreeEnsemble ensemble = MllibGbtReader.read(dir);
        long ms = (System.nanoTime() - t0) / 1_000_000L;
        ObjectNode m = models.putObject(name);
        m.put("positives", pos);
        m.put("negatives", neg);
        m.put("trees", ensemble.numTrees());
        m.put("nodes", ensemble.numNodes());
        m.put("fit_ms", ms);
        LOG.info("train-router: model {}: {} positive / {} negative examples, {} trees, {} nodes, {} ms", name, pos, neg,
                ensemble.numTrees(), ensemble.numNodes(), ms);
        return ensemble;
    }

    /** Examples per team, in Team order (for logs and reports). */
    public static Map<String, Integer> teamCounts(List<Example> examples) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Team t : Team.values()) {
            int n = (int) examples.stream().filter(e -> e.team() == t).count();
            if (n > 0) {
                out.put(t.name(), n);
            }
        }
        return out;
    }
}
