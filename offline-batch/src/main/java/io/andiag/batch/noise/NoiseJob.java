package io.andiag.batch.noise;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.andiag.batch.BatchException;
import io.andiag.batch.BatchRun;
import io.andiag.batch.DetectionConfig;
import io.andiag.batch.StepReport;
import io.andiag.batch.series.IpSeries;
import io.andiag.batch.series.ProfileLookup;
import io.andiag.batch.series.SeriesStore;
import io.andiag.batch.spark.CandidateTables;
import io.andiag.model.noise.NoiseFitter;
import io.andiag.model.noise.NoiseModel;
import io.andiag.model.params.ParamsLayout;
import io.andiag.model.params.ParamsSchema;
import io.andiag.model.profile.Pattern;
import io.andiag.model.series.FrequencyLevel;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Step {@code noise}: fits common-model's {@link NoiseFitter} to every profiled series by its frequency level and
 * pattern, over the minute series the profile step stored, and writes {@code series_noise} (the persisted parts of
 * {@link NoiseModel}).
 */
public final class NoiseJob {

    public static final String STEP = "noise";

    static final StructType NOISE_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField(ParamsSchema.SERIES_KEY, DataTypes.StringType, false),
            DataTypes.createStructField(ParamsSchema.KIND, DataTypes.StringType, false),
            DataTypes.createStructField(ParamsSchema.SLOTS, DataTypes.IntegerType, false),
            DataTypes.createStructField(ParamsSchema.BASELINE, DataTypes.createArrayType(DataTypes.DoubleType, false), false),
            DataTypes.createStructField(ParamsSchema.SPREAD, DataTypes.createArrayType(DataTypes.DoubleType, false), false),
            DataTypes.createStructField(ParamsSchema.PENALTY, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.SCALE, DataTypes.DoubleType, false)));

    private NoiseJob() {
    }

    public static long run(SparkSession spark, BatchRun run, DetectionConfig config, StepReport report) {
        report.stat("settings", io.andiag.batch.profile.ProfileJob.settingsJson(config));
        Dataset<Row> profile = CandidateTables.read(spark, run, ParamsLayout.SERIES_PROFILE, report);
        long profiled = profile.count();
        JavaPairRDD<String, Iterable<ProfileLookup>> byIp = CandidateTables.profilesByIp(profile);
        JavaRDD<IpSeries> ips = SeriesStore.read(spark, run);

        NoiseFitter fitter = new NoiseFitter(config.noise(), config.shape());
        JavaRDD<Row> rows = ips.mapToPair(s -> new scala.Tuple2<>(s.ip(), s)).join(byIp)
                .flatMap(t -> fit(t._2()._1(), t._2()._2(), fitter).iterator());
        Dataset<Row> noise = spark.createDataFrame(rows, NOISE_SCHEMA).orderBy(ParamsSchema.SERIES_KEY);
        Path target = run.candidateTable(ParamsLayout.SERIES_NOISE);
        noise.write().mode(SaveMode.Overwrite).parquet(target.toString());
        Dataset<Row> written = spark.read().parquet(target.toString());
        long n = written.count();
        report.wrote(ParamsLayout.SERIES_NOISE, target.toString(), n);
        if (n != profiled) {
            throw new BatchException("series_noise has " + n + " models for " + profiled + " profiled series: the minute series in "
                    + SeriesStore.path(run) + " do not match series_profile; re-run the profile step");
        }
        ObjectNode kinds = JsonNodeFactory.instance.objectNode();
        for (Row r : written.groupBy(ParamsSchema.KIND).count().orderBy(ParamsSchema.KIND).collectAsList()) {
            kinds.put(r.getString(0), r.getLong(1));
        }
        report.stat("kind_mix", kinds);
        return n;
    }

    static List<Row> fit(IpSeries ip, Iterable<ProfileLookup> profiles, NoiseFitter fitter) {
        List<Row> out = new ArrayList<>(2);
        for (ProfileLookup p : profiles) {
            NoiseModel m = fitter.fit(ip.series(p.slot()), FrequencyLevel.valueOf(p.level()), Pattern.valueOf(p.pattern()));
            out.add(RowFactory.create(p.key(), m.kind().name(), m.slots(), m.baselines(), m.spreads(), m.penalty(), m.scale()));
        }
        return out;
    }
}
