package io.andiag.batch.router;

import io.andiag.batch.TestSpark;
import io.andiag.model.routing.FlatEnsembleFormat;
import io.andiag.model.routing.HierarchicalRouter;
import io.andiag.model.routing.MllibGbtReader;
import io.andiag.model.routing.RouterModel;
import io.andiag.model.routing.RouterModelIo;
import io.andiag.model.routing.RoutingDecision;
import io.andiag.model.routing.RoutingFeature;
import io.andiag.model.routing.RoutingFeatureSchema;
import io.andiag.model.routing.RoutingHierarchy.Side;
import io.andiag.model.routing.Team;
import io.andiag.model.routing.TreeEnsemble;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Parity of training and serving: a GBT trained in local Spark and saved with {@code model.write().save(dir)}, reloaded
 * in plain Java with common-model's {@link MllibGbtReader} (and through our flat format and {@link HierarchicalRouter}),
 * gives Spark's own {@code transform} probabilities. MLlib sums the margin with BLAS ddot, so margins agree up to the
 * last bits: {@link #TOLERANCE}.
 */
@Tag("integration")
class GbtParityTest {

    /** Margins are sums of 20 products of doubles: the order of summation moves the last bits only. */
    static final double TOLERANCE = 1e-12;
    static final int SIDE = RoutingFeature.INTERNET_SIDE_SHARE.ordinal();

    static SparkSession spark;

    @BeforeAll
    static void spark() {
        spark = TestSpark.get();
    }

    /**
     * Seeded vectors of 35 features; half the values on a 0.1 grid, so many sit exactly on the split thresholds Spark
     * picks (which tests "go left when x <= threshold"), the other half continuous. The side feature stays below 0.5 so the
     * hierarchy takes the intranet branch.
     */
    static List<double[]> vectors(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] f = new double[RoutingFeatureSchema.size()];
            for (int j = 0; j < f.length; j++) {
                f[j] = i % 2 == 0 ? Math.floor(rnd.nextDouble() * 10) / 10 : rnd.nextDouble();
            }
            f[SIDE] = f[SIDE] * 0.49;
            out.add(f);
        }
        return out;
    }

    static double label(double[] f, SplittableRandom noise) {
        boolean y = f[0] + 0.5 * f[5] - 0.3 * f[20] > 0.55;
        return (noise.nextDouble() < 0.05) != y ? 1.0 : 0.0;
    }

    @Test
    void shouldGiveSparksProbabilitiesInPlainJavaAfterSaveAndReload(@TempDir Path tmp) throws Exception {
        SplittableRandom noise = new SplittableRandom(3);
        List<Row> train = new ArrayList<>();
        for (double[] f : vectors(800, 1)) {
            train.add(RowFactory.create(label(f, noise), 1.0, Vectors.dense(f)));
        }
        Dataset<Row> df = spark.createDataFrame(train, RouterTrainer.SCHEMA);
        GBTClassificationModel model = new GBTClassifier().setMaxIter(20).setMaxDepth(4).setSeed(7).setStepSize(0.1).fit(df);
        Path mllib = tmp.resolve("mllib");
        model.write().save(mllib.toString());

        TreeEnsemble ensemble = MllibGbtReader.read(mllib);
        assertThat(ensemble.numTrees()).isEqualTo(model.getNumTrees());
        assertThat(ensemble.numFeatures()).isEqualTo(RoutingFeatureSchema.size());

        Path flat = tmp.resolve("flat");
        FlatEnsembleFormat.write(ensemble, flat);
        TreeEnsemble reread = FlatEnsembleFormat.read(flat);

        Path routerDir = tmp.resolve("router");
        RouterModel router = RouterModel.builder("parity")
                .networkModel(Side.INTRANET, "intranet_network", ensemble)
                .loneTeam(Side.INTRANET, Team.PHYSICAL_NETWORK)
                .loneTeam(Side.INTRANET, Team.END_HOST)
                .loneTeam(Side.INTERNET, Team.INTERNET)
                .build();
        RouterModelIo.write(router, routerDir);
        HierarchicalRouter served = new HierarchicalRouter(RouterModelIo.read(routerDir));

        List<double[]> test = vectors(500, 2);
        List<Row> rows = new ArrayList<>();
        for (double[] f : test) {
            rows.add(RowFactory.create(0.0, 1.0, Vectors.dense(f)));
        }
        List<Row> scored = model.transform(spark.createDataFrame(rows, RouterTrainer.SCHEMA))
                .select("features", "rawPrediction", "probability").collectAsList();
        int positives = 0;
        for (Row r : scored) {
            double[] f = ((Vector) r.get(0)).toArray();
            double margin = ((Vector) r.get(1)).apply(1);
            double p = ((Vector) r.get(2)).apply(1);
            positives += p >= 0.5 ? 1 : 0;
            assertThat(ensemble.margin(f)).as("margin").isCloseTo(margin, within(TOLERANCE));
            assertThat(ensemble.probability(f)).as("probability").isCloseTo(p, within(TOLERANCE));
            assertThat(reread.margin(f)).as("flat format round trip").isEqualTo(ensemble.margin(f));
            RoutingDecision d = served.route(f);
            assertThat(d.team()).isEqualTo(p >= 0.5 ? Team.PHYSICAL_NETWORK : Team.END_HOST);
            assertThat(d.confidence()).as("router confidence = P(kind)").isCloseTo(Math.max(p, 1 - p), within(TOLERANCE));
        }
        assertThat(positives).as("both classes are predicted").isBetween(50, 450);
    }
}
