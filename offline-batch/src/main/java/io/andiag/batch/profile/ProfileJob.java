package io.andiag.batch.profile;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.andiag.batch.BatchException;
import io.andiag.batch.BatchRun;
import io.andiag.batch.DetectionConfig;
import io.andiag.batch.StepReport;
import io.andiag.batch.series.IpSeries;
import io.andiag.batch.series.SeriesStore;
import io.andiag.batch.spark.LakeTables;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.params.ParamsLayout;
import io.andiag.model.params.ParamsSchema;
import io.andiag.model.profile.Pattern;
import io.andiag.model.profile.PatternNamer;
import io.andiag.model.profile.SeriesQuality;
import io.andiag.model.profile.ShapeAnalyzer;
import io.andiag.model.profile.ShapeFeatures;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.series.FrequencyLevel;
import io.andiag.model.series.FrequencySettings;
import io.andiag.model.series.SparseMinuteSeries;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Step {@code profile}: level-1 and level-2 clustering of every series with at least one retransmission in the
 * history (paper §6).
 * <ol>
 *   <li>The counters of the history window are summed into minutes per IP, sparsely ({@link SeriesStore}); the
 *       result is kept in the candidate's {@code _work/} for the next steps.</li>
 *   <li>Level 1: frequency level from the share of the IP's observed minutes with retx &gt; 0.</li>
 *   <li>Shape features of the hourly means ({@link ShapeAnalyzer}).</li>
 *   <li>Level 2: per frequency level, MLlib k-means on standardised shape features (seeded); each cluster is named by
 *       {@link PatternNamer} from its centroid in raw feature space (the mean of its members). A level with fewer
 *       series than k is classified series by series with the same rule.</li>
 *   <li>Quality per series ({@link SeriesQuality}).</li>
 * </ol>
 * Writes {@code series_profile} and logs the pattern mix per level. Series with no retransmission in the whole
 * history are not profiled: the speed layer scores them with the cold-start model.
 */
public final class ProfileJob {

    public static final String STEP = "profile";
    private static final Logger LOG = LoggerFactory.getLogger(ProfileJob.class);

    /** Per-series statistics before clustering. */
    static final StructType STATS_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField(ParamsSchema.SERIES_KEY, DataTypes.StringType, false),
            DataTypes.createStructField(ParamsSchema.IP, DataTypes.StringType, false),
            DataTypes.createStructField(ParamsSchema.SCENARIO, DataTypes.StringType, false),
            DataTypes.createStructField(ParamsSchema.TYPE, DataTypes.StringType, false),
            DataTypes.createStructField(ParamsSchema.FREQUENCY_LEVEL, DataTypes.StringType, false),
            DataTypes.createStructField(ParamsSchema.FREQ_SHARE, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.OBSERVED_MINUTES, DataTypes.IntegerType, false),
            DataTypes.createStructField(ParamsSchema.NONZERO_MINUTES, DataTypes.IntegerType, false),
            DataTypes.createStructField(ParamsSchema.CV, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.SEASONALITY, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.MEAN_SHIFT, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.TREND, DataTypes.DoubleType, false)));

    /** The published table, in {@link ParamsSchema#SERIES_PROFILE_COLUMNS} order. */
    static final StructType PROFILE_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField(ParamsSchema.SERIES_KEY, DataTypes.StringType, false),
            DataTypes.createStructField(ParamsSchema.IP, DataTypes.StringType, false),
            DataTypes.createStructField(ParamsSchema.SCENARIO, DataTypes.StringType, false),
            DataTypes.createStructField(ParamsSchema.TYPE, DataTypes.StringType, false),
            DataTypes.createStructField(ParamsSchema.FREQUENCY_LEVEL, DataTypes.StringType, false),
            DataTypes.createStructField(ParamsSchema.FREQ_SHARE, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.OBSERVED_MINUTES, DataTypes.IntegerType, false),
            DataTypes.createStructField(ParamsSchema.NONZERO_MINUTES, DataTypes.IntegerType, false),
            DataTypes.createStructField(ParamsSchema.PATTERN, DataTypes.StringType, false),
            DataTypes.createStructField(ParamsSchema.CLUSTER, DataTypes.IntegerType, false),
            DataTypes.createStructField(ParamsSchema.CV, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.SEASONALITY, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.MEAN_SHIFT, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.TREND, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.QUALITY, DataTypes.DoubleType, false)));

    private ProfileJob() {
    }

    /** Runs the step; returns the pattern mix (level → pattern → series). */
    public static Map<String, Map<String, Long>> run(SparkSession spark, BatchRun run, DetectionConfig config, ProfileSettings settings,
                                                     StepReport report) {
        report.stat("history", history(run));
        report.stat("settings", settingsJson(config));
        List<LocalDate> days = run.historyDates();
        Dataset<Row> counters = LakeTables.read(spark, run.lake(), LakeLayout.RETX_COUNTERS, days);
        long counterRows = 0;
        for (LocalDate d : days) {
            Path part = LakeTables.partitionDir(run.lake(), LakeLayout.RETX_COUNTERS, d);
            long n = spark.read().parquet(part.toString()).count();
            counterRows += n;
            report.read(LakeLayout.RETX_COUNTERS, LakeLayout.partitionName(d), n);
        }
        if (counterRows == 0) {
            throw new BatchException("retx_counters has no row in the history " + days.get(0) + ".." + run.date());
        }

        // 1. Minute series per IP, stored for the next steps.
        int partitions = spark.sparkContext().conf().getInt("spark.sql.shuffle.partitions", 8);
        Path work = SeriesStore.path(run);
        SeriesStore.write(spark, SeriesStore.build(counters, run.historyStartMs(), run.historyMinutes(), partitions), work);
        JavaRDD<IpSeries> ips = SeriesStore.read(spark, run);
        long ipCount = ips.count();
        report.wrote(SeriesStore.IP_SERIES, work.toString(), ipCount);

        // 2.-3. Level 1 and shape features of every active series.
        FrequencySettings frequency = config.frequency();
        ShapeAnalyzer shapes = new ShapeAnalyzer(config.shape());
        JavaRDD<Row> statRows = ips.flatMap(ip -> seriesStats(ip, frequency, shapes).iterator());
        Dataset<Row> stats = spark.createDataFrame(statRows, STATS_SCHEMA).persist(StorageLevel.MEMORY_AND_DISK());
        long seriesCount = stats.count();
        long activeIps = stats.select(ParamsSchema.IP).distinct().count();
        report.stat("ips_observed", ipCount);
        report.stat("ips_with_retx", activeIps);
        report.stat("series_profiled", seriesCount);
        if (seriesCount == 0) {
            stats.unpersist();
            throw new BatchException("no series with a retransmission in the history " + days.get(0) + ".." + run.date()
                    + " (" + ipCount + " IPs observed): nothing to profile");
        }

        // 4. Level 2 per frequency level.
        PatternNamer namer = new PatternNamer(config.pattern());
        ObjectNode clustering = JsonNodeFactory.instance.objectNode();
        Dataset<Row> named = null;
        for (FrequencyLevel level : FrequencyLevel.values()) {
            Dataset<Row> ofLevel = stats.filter(col(ParamsSchema.FREQUENCY_LEVEL).equalTo(level.name()));
            long n = ofLevel.count();
            if (n == 0) {
                continue;
            }
            Dataset<Row> out = n >= settings.k() ? cluster(ofLevel, level, settings, namer, clustering)
                    : classifyEach(spark, ofLevel, namer, level, n, clustering);
            named = named == null ? out : named.unionByName(out);
        }

        // 5. Quality, then the table.
        SeriesQuality quality = new SeriesQuality(config.quality());
        int minutes = run.historyMinutes();
        JavaRDD<Row> profileRows = named.javaRDD().map(r -> profileRow(r, quality, minutes));
        Dataset<Row> profile = spark.createDataFrame(profileRows, PROFILE_SCHEMA).orderBy(ParamsSchema.SERIES_KEY);
        Path target = run.candidateTable(ParamsLayout.SERIES_PROFILE);
        profile.write().mode(SaveMode.Overwrite).parquet(target.toString());
        Dataset<Row> written = spark.read().parquet(target.toString()).persist(StorageLevel.MEMORY_AND_DISK());
        long rows = written.count();
        report.wrote(ParamsLayout.SERIES_PROFILE, target.toString(), rows);
        report.stat("clustering", clustering);

        Map<String, Map<String, Long>> mix = patternMix(written);
        report.stat("pattern_mix", mixJson(mix));
        logMix(mix);
        written.unpersist();
        stats.unpersist();
        return mix;
    }

    static ObjectNode history(BatchRun run) {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("start", run.historyStart().toString());
        h.put("end", run.date().toString());
        h.put("days", run.historyDays());
        return h;
    }

    public static ObjectNode settingsJson(DetectionConfig config) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        config.effective().forEach(s::put);
        return s;
    }

    /** One stats row per active slot of the IP. */
    static List<Row> seriesStats(IpSeries ip, FrequencySettings frequency, ShapeAnalyzer shapes) {
        List<Row> out = new ArrayList<>(2);
        int observed = ip.observedCount();
        for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
            if (!ip.isActive(slot)) {
                continue;
            }
            SparseMinuteSeries series = ip.series(slot);
            SeriesKey key = new SeriesKey(ip.ip(), RetxCounts.scenarioOf(slot), RetxCounts.typeOf(slot));
            int nonZero = series.nonZeroCount();
            double share = (double) nonZero / observed;
            FrequencyLevel level = frequency.levelOf(share);
            ShapeFeatures f = shapes.analyze(series);
            out.add(RowFactory.create(key.asString(), ip.ip(), key.scenario().wireName(), key.type().wireName(), level.name(),
                    share, observed, nonZero, f.cv(), f.seasonality(), f.meanShift(), f.trend()));
        }
        return out;
    }

    private static Dataset<Row> cluster(Dataset<Row> ofLevel, FrequencyLevel level, ProfileSettings settings, PatternNamer namer,
                                        ObjectNode clustering) {
        String[] features = ShapeFeatures.NAMES.toArray(new String[0]);
        Dataset<Row> assembled = new VectorAssembler().setInputCols(features).setOutputCol("raw_features").transform(ofLevel);
        Dataset<Row> scaled = new StandardScaler().setInputCol("raw_features").setOutputCol("scaled_features")
                .setWithMean(true).setWithStd(true).fit(assembled).transform(assembled);
        KMeansModel model = new KMeans().setK(settings.k()).setSeed(settings.seed()).setMaxIter(settings.maxIter())
                .setFeaturesCol("scaled_features").setPredictionCol(ParamsSchema.CLUSTER).fit(scaled);
        Dataset<Row> clustered = model.transform(scaled).drop("raw_features", "scaled_features");

        // Name each cluster from the mean of its members' raw features.
        List<Column> means = new ArrayList<>();
        for (String f : features) {
            means.add(avg(col(f)).as(f));
        }
        means.add(org.apache.spark.sql.functions.count(lit(1)).as("members"));
        Column pattern = null;
        ObjectNode levelInfo = clustering.putObject(level.name());
        levelInfo.put("method", "kmeans");
        levelInfo.put("k", settings.k());
        ObjectNode centroids = levelInfo.putObject("clusters");
        for (Row c : clustered.groupBy(ParamsSchema.CLUSTER).agg(means.get(0), means.subList(1, means.size()).toArray(new Column[0]))
                .orderBy(ParamsSchema.CLUSTER).collectAsList()) {
            int id = c.getInt(0);
            double[] centroid = new double[features.length];
            for (int i = 0; i < features.length; i++) {
                centroid[i] = c.getDouble(1 + i);
            }
            Pattern p = namer.name(centroid);
            ObjectNode ci = centroids.putObject(Integer.toString(id));
            ci.put("pattern", p.name());
            ci.put("members", c.getLong(1 + features.length));
            for (int i = 0; i < features.length; i++) {
                ci.put(features[i], centroid[i]);
            }
            Column when = col(ParamsSchema.CLUSTER).equalTo(id);
            pattern = pattern == null ? org.apache.spark.sql.functions.when(when, p.name()) : pattern.when(when, p.name());
        }
        return clustered.withColumn(ParamsSchema.PATTERN, pattern);
    }

    private static Dataset<Row> classifyEach(SparkSession spark, Dataset<Row> ofLevel, PatternNamer namer, FrequencyLevel level, long n,
                                             ObjectNode clustering) {
        ObjectNode levelInfo = clustering.putObject(level.name());
        levelInfo.put("method", "per-series (fewer series than k)");
        levelInfo.put("series", n);
        StructType schema = ofLevel.schema().add(ParamsSchema.CLUSTER, DataTypes.IntegerType, false)
                .add(ParamsSchema.PATTERN, DataTypes.StringType, false);
        JavaRDD<Row> rows = ofLevel.javaRDD().map(r -> {
            ShapeFeatures f = new ShapeFeatures(r.getDouble(8), r.getDouble(9), r.getDouble(10), r.getDouble(11));
            Object[] v = new Object[r.length() + 2];
            for (int i = 0; i < r.length(); i++) {
                v[i] = r.get(i);
            }
            v[r.length()] = -1;
            v[r.length() + 1] = namer.classify(f).name();
            return RowFactory.create(v);
        });
        return spark.createDataFrame(rows, schema);
    }

    private static Row profileRow(Row r, SeriesQuality quality, int windowMinutes) {
        int observed = r.<Integer>getAs(ParamsSchema.OBSERVED_MINUTES);
        double cv = r.<Double>getAs(ParamsSchema.CV);
        Pattern pattern = Pattern.valueOf(r.<String>getAs(ParamsSchema.PATTERN));
        double q = quality.of((double) observed / windowMinutes, cv, pattern);
        return RowFactory.create(r.getAs(ParamsSchema.SERIES_KEY), r.getAs(ParamsSchema.IP), r.getAs(ParamsSchema.SCENARIO),
                r.getAs(ParamsSchema.TYPE), r.getAs(ParamsSchema.FREQUENCY_LEVEL), r.getAs(ParamsSchema.FREQ_SHARE), observed,
                r.getAs(ParamsSchema.NONZERO_MINUTES), pattern.name(), r.<Integer>getAs(ParamsSchema.CLUSTER), cv,
                r.getAs(ParamsSchema.SEASONALITY), r.getAs(ParamsSchema.MEAN_SHIFT), r.getAs(ParamsSchema.TREND), q);
    }

    /** level → pattern → number of series, every level and pattern present (zeros included). */
    static Map<String, Map<String, Long>> patternMix(Dataset<Row> profile) {
        Map<String, Map<String, Long>> mix = new TreeMap<>();
        for (FrequencyLevel l : FrequencyLevel.values()) {
            Map<String, Long> m = new java.util.LinkedHashMap<>();
            for (Pattern p : Pattern.values()) {
                m.put(p.name(), 0L);
            }
            mix.put(l.name(), m);
        }
        for (Row r : profile.groupBy(ParamsSchema.FREQUENCY_LEVEL, ParamsSchema.PATTERN).count().collectAsList()) {
            mix.get(r.getString(0)).put(r.getString(1), r.getLong(2));
        }
        // Keep level order (ULTRA_LOW..HIGH) rather than alphabetical.
        Map<String, Map<String, Long>> ordered = new java.util.LinkedHashMap<>();
        for (FrequencyLevel l : FrequencyLevel.values()) {
            ordered.put(l.name(), mix.get(l.name()));
        }
        return ordered;
    }

    static ObjectNode mixJson(Map<String, Map<String, Long>> mix) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        mix.forEach((level, patterns) -> {
            ObjectNode l = root.putObject(level);
            patterns.forEach(l::put);
        });
        return root;
    }

    private static void logMix(Map<String, Map<String, Long>> mix) {
        Map<Pattern, Long> total = new EnumMap<>(Pattern.class);
        long all = 0;
        for (Map.Entry<String, Map<String, Long>> e : mix.entrySet()) {
            long n = e.getValue().values().stream().mapToLong(Long::longValue).sum();
            all += n;
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, Long> p : e.getValue().entrySet()) {
                total.merge(Pattern.valueOf(p.getKey()), p.getValue(), Long::sum);
                sb.append(String.format(Locale.ROOT, "  %s %d (%.1f %%)", p.getKey(), p.getValue(), n == 0 ? 0.0 : 100.0 * p.getValue() / n));
            }
            LOG.info("profile: pattern mix {} ({} series):{}", e.getKey(), n, sb);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Pattern, Long> p : total.entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %s %d (%.1f %%)", p.getKey(), p.getValue(), all == 0 ? 0.0 : 100.0 * p.getValue() / all));
        }
        LOG.info("profile: pattern mix ALL ({} series):{}", all, sb);
    }
}
