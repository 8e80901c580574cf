package io.andiag.batch.detector;

import io.andiag.batch.TestSpark;
import io.andiag.model.features.FeatureSchema;
import io.andiag.model.forest.ForestSettings;
import io.andiag.model.forest.IsolationForest;
import io.andiag.model.forest.IsolationForestTrainer;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
class ForestBuilderTest {

    @Test
    void shouldBuildOnSparkExactlyTheForestOfThePlainJavaTrainer() {
        SplittableRandom rnd = new SplittableRandom(42);
        double[][] pool = new double[3000][];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new double[] {rnd.nextGaussian(), rnd.nextInt(4), Math.abs(rnd.nextGaussian()), Math.log1p(rnd.nextInt(30))};
        }
        ForestSettings settings = new ForestSettings(40, 256, 20_240_710L);

        var nodes = ForestBuilder.build(JavaSparkContext.fromSparkContext(TestSpark.get().sparkContext()), pool, settings);
        IsolationForest onSpark = IsolationForest.of(nodes, 256, FeatureSchema.NAMES);
        IsolationForest inJava = new IsolationForestTrainer(settings).train(pool, FeatureSchema.NAMES);

        assertThat(onSpark.nodes()).isEqualTo(inJava.nodes());
        for (double[] x : pool) {
            assertThat(onSpark.score(x)).isEqualTo(inJava.score(x));
        }
    }
}
