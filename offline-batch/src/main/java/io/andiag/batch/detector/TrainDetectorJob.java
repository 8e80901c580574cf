package io.andiag.batch.detector;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.andiag.batch.BatchException;
import io.andiag.batch.BatchRun;
import io.andiag.batch.DetectionConfig;
import io.andiag.batch.StepReport;
import io.andiag.batch.profile.ProfileJob;
import io.andiag.batch.series.IpSeries;
import io.andiag.batch.series.SeriesStore;
import io.andiag.batch.spark.CandidateTables;
import io.andiag.batch.spark.LakeTables;
import io.andiag.model.features.FeatureExtractor;
import io.andiag.model.features.FeatureReplay;
import io.andiag.model.features.FeatureSchema;
import io.andiag.model.features.ScoringProfile;
import io.andiag.model.forest.CalibrationSettings;
import io.andiag.model.forest.ForestNode;
import io.andiag.model.forest.ForestSettings;
import io.andiag.model.forest.IsolationForest;
import io.andiag.model.forest.IsolationTreeBuilder;
import io.andiag.model.forest.ThresholdCalibrator;
import io.andiag.model.label.IncidentLabel;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReaders;
import io.andiag.model.noise.ColdStartPrior;
import io.andiag.model.noise.ColdStartSettings;
import io.andiag.model.params.ParamsLayout;
import io.andiag.model.params.ParamsSchema;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.series.FrequencyLevel;
import io.andiag.batch.spark.SparkArrays;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.Optional;
import org.apache.spark.broadcast.Broadcast;
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
import scala.Tuple2;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

/**
 * Step {@code train-detector} (paper §6, detection):
 * <ol>
 *   <li>Feature replay of the history with common-model's {@link FeatureExtractor} over every profiled series, in
 *       minute order per series ({@link FeatureReplay}).</li>
 *   <li>A seeded Bernoulli sample of the replayed vectors of normal history (about {@code --pool-size}), plus the
 *       vectors of labelled incidents ({@code labels} of the history, when present; at most {@code --labelled-share}
 *       of the pool).</li>
 *   <li>An isolation forest built on Spark, one task per group of trees ({@link ForestBuilder}).</li>
 *   <li>The threshold, with {@link ThresholdCalibrator} on normal history: IP-minutes inside labelled incidents are
 *       left out; an IP's score in a minute is the highest of its series (its silent series count as the cold-start
 *       score of a zero count). For large inputs only a seeded subset of minutes is scored
 *       ({@code --calibration-minutes}); the replay still runs over every minute so windows are warm.</li>
 * </ol>
 * Writes {@code detector_forest} (one row per node) and {@code detector} (one row, with the cold-start prior).
 */
public final class TrainDetectorJob {

    public static final String STEP = "train-detector";
    private static final Logger LOG = LoggerFactory.getLogger(TrainDetectorJob.class);

    static final StructType FOREST_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField(ParamsSchema.TREE_ID, DataTypes.IntegerType, false),
            DataTypes.createStructField(ParamsSchema.NODE_ID, DataTypes.IntegerType, false),
            DataTypes.createStructField(ParamsSchema.FEATURE, DataTypes.IntegerType, false),
            DataTypes.createStructField(ParamsSchema.THRESHOLD, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.LEFT, DataTypes.IntegerType, false),
            DataTypes.createStructField(ParamsSchema.RIGHT, DataTypes.IntegerType, false),
            DataTypes.createStructField(ParamsSchema.SIZE, DataTypes.IntegerType, false)));

    static final StructType DETECTOR_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField(ParamsSchema.THRESHOLD, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.FEATURE_NAMES, DataTypes.createArrayType(DataTypes.StringType, false), false),
            DataTypes.createStructField(ParamsSchema.FEATURE_SCHEMA_VERSION, DataTypes.IntegerType, false),
            DataTypes.createStructField(ParamsSchema.NUM_TREES, DataTypes.IntegerType, false),
            DataTypes.createStructField(ParamsSchema.SAMPLE_SIZE, DataTypes.IntegerType, false),
            DataTypes.createStructField(ParamsSchema.SEED, DataTypes.LongType, false),
            DataTypes.createStructField(ParamsSchema.TARGET_SHARE, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.FLAGGED_SHARE_IP_MINUTE, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.MAX_FLAGGED_SHARE_IP_MINUTE, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.TRAINED_ROWS, DataTypes.LongType, false),
            DataTypes.createStructField(ParamsSchema.LABELLED_ROWS, DataTypes.LongType, false),
            DataTypes.createStructField(ParamsSchema.CALIBRATION_MINUTES, DataTypes.IntegerType, false),
            DataTypes.createStructField(ParamsSchema.CALIBRATION_IP_MINUTES, DataTypes.LongType, false),
            DataTypes.createStructField(ParamsSchema.FEATURE_MEANS, DataTypes.createArrayType(DataTypes.DoubleType, false), false),
            DataTypes.createStructField(ParamsSchema.FEATURE_STDS, DataTypes.createArrayType(DataTypes.DoubleType, false), false),
            DataTypes.createStructField(ParamsSchema.WINDOW_MINUTES, DataTypes.IntegerType, false),
            DataTypes.createStructField(ParamsSchema.COLD_START_BASELINE, DataTypes.createArrayType(DataTypes.DoubleType, false), false),
            DataTypes.createStructField(ParamsSchema.COLD_START_SPREAD, DataTypes.createArrayType(DataTypes.DoubleType, false), false),
            DataTypes.createStructField(ParamsSchema.COLD_START_PENALTY, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.COLD_START_QUALITY, DataTypes.DoubleType, false),
            DataTypes.createStructField(ParamsSchema.COLD_START_LEVEL, DataTypes.StringType, false)));

    /** What the step produced (also in its report). */
    public record Result(IsolationForest forest, ThresholdCalibrator.Calibration calibration, ColdStartPrior prior, long normalRows,
                         long labelledRows) {
    }

    private TrainDetectorJob() {
    }

    public static Result run(SparkSession spark, BatchRun run, DetectionConfig config, DetectorSettings settings, StepReport report) {
        report.stat("settings", ProfileJob.settingsJson(config));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ForestSettings forestSettings = config.forest();
        CalibrationSettings calibrationSettings = config.calibration();
        FeatureExtractor extractor = new FeatureExtractor(config.features());

        Dataset<Row> profile = CandidateTables.read(spark, run, ParamsLayout.SERIES_PROFILE, report);
        Dataset<Row> noise = CandidateTables.read(spark, run, ParamsLayout.SERIES_NOISE, report);
        IncidentWindows incidents = incidents(run, report);

        ColdStartPrior prior = coldStartPrior(profile, noise, config.coldStart());
        report.stat("cold_start_prior", priorJson(prior));

        // Every IP with its profiled series (IPs without any are still monitored: they count in the calibration).
        JavaPairRDD<String, Iterable<SeriesScoring>> scoringByIp = scoring(profile, noise);
        JavaPairRDD<String, Tuple2<IpSeries, Optional<Iterable<SeriesScoring>>>> ips = SeriesStore.read(spark, run)
                .mapToPair(s -> new Tuple2<>(s.ip(), s))
                .leftOuterJoin(scoringByIp)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());

        // 1.-2. Replay and sample the training pool.
        long totalVectors = profile.agg(org.apache.spark.sql.functions.sum(ParamsSchema.OBSERVED_MINUTES)).first().getLong(0);
        double rate = Math.min(1.0, (double) settings.poolSize() / Math.max(1, totalVectors));
        Broadcast<IncidentWindows> incidentsB = jsc.broadcast(incidents);
        long seed = forestSettings.seed();
        List<PoolRow> sampled = ips.flatMap(t -> sample(t._2()._1(), t._2()._2(), extractor, rate, seed, incidentsB.value()).iterator())
                .collect();
        double[][] pool = pool(sampled, settings, seed, report);
        long labelled = sampled.stream().filter(PoolRow::labelled).count();
        long labelledKept = pool.length - sampled.stream().filter(r -> !r.labelled()).count();
        LOG.info("{}: replayed {} series-minutes, sampled {} normal vectors (rate {}) and kept {} of {} labelled-incident vectors",
                STEP, totalVectors, pool.length - labelledKept, String.format(java.util.Locale.ROOT, "%.4g", rate), labelledKept, labelled);
        if (pool.length < 2) {
            throw new BatchException("only " + pool.length + " feature vector(s) in the history: too little to train a detector");
        }

        // 3. The forest, trees built in parallel.
        List<ForestNode> nodes = ForestBuilder.build(jsc, pool, forestSettings);
        int psi = Math.min(forestSettings.sampleSize(), pool.length);
        IsolationForest forest = IsolationForest.of(nodes, psi, FeatureSchema.NAMES);

        // 4. Threshold on normal history.
        int minutes = run.historyMinutes();
        boolean[] calMask = calibrationMask(minutes, settings.calibrationMinutes(), seed);
        int calMinutes = 0;
        for (boolean b : calMask) {
            calMinutes += b ? 1 : 0;
        }
        if (calMinutes < minutes) {
            LOG.info("{}: calibrating the threshold on a seeded subset of {} of the {} history minutes (--calibration-minutes)",
                    STEP, calMinutes, minutes);
        }
        double zeroScore = forest.score(coldStartZeroVector(extractor, prior, run.historyStartMs()));
        Broadcast<IsolationForest> forestB = jsc.broadcast(forest);
        Broadcast<boolean[]> maskB = jsc.broadcast(calMask);
        int partitions = spark.sparkContext().conf().getInt("spark.sql.shuffle.partitions", 8);
        // Per calibration minute, the scores of every IP observed in it, as primitive arrays (no boxing per IP-minute).
        JavaPairRDD<Integer, double[]> ipScores = ips.mapPartitionsToPair(it -> {
            MinuteScores acc = new MinuteScores(minutes);
            while (it.hasNext()) {
                Tuple2<String, Tuple2<IpSeries, Optional<Iterable<SeriesScoring>>>> t = it.next();
                ipMinuteScores(t._2()._1(), t._2()._2(), extractor, forestB.value(), maskB.value(), incidentsB.value(), zeroScore, acc);
            }
            return acc.drain();
        }).reduceByKey(MinuteScores::concat, partitions).persist(StorageLevel.MEMORY_AND_DISK_SER());
        ThresholdCalibrator calibrator = new ThresholdCalibrator(calibrationSettings);
        List<Tuple2<Integer, Double>> perMinuteThresholds = new ArrayList<>(
                ipScores.mapToPair(t -> new Tuple2<>(t._1(), calibrator.minuteThreshold(t._2()))).collect());
        if (perMinuteThresholds.isEmpty()) {
            throw new BatchException("no IP-minute of normal history to calibrate the threshold on");
        }
        double[] perMinute = perMinuteThresholds.stream().sorted(Comparator.comparingInt(Tuple2::_1)).mapToDouble(Tuple2::_2).toArray();
        double threshold = calibrator.combine(perMinute);
        List<Tuple2<Integer, long[]>> flaggedPerMinute = new ArrayList<>(ipScores
                .mapToPair(t -> new Tuple2<>(t._1(), new long[] {ThresholdCalibrator.flagged(t._2(), threshold), t._2().length}))
                .collect());
        flaggedPerMinute.sort(Comparator.comparingInt(Tuple2::_1));
        double sumShare = 0;
        double maxShare = 0;
        long ipMinutes = 0;
        for (Tuple2<Integer, long[]> f : flaggedPerMinute) {
            double share = (double) f._2()[0] / f._2()[1];
            sumShare += share;
            maxShare = Math.max(maxShare, share);
            ipMinutes += f._2()[1];
        }
        ThresholdCalibrator.Calibration calibration = new ThresholdCalibrator.Calibration(threshold, sumShare / flaggedPerMinute.size(),
                maxShare, flaggedPerMinute.size(), ipMinutes);
        ipScores.unpersist();
        ips.unpersist();
        forestB.destroy();

        // Tables.
        Path forestPath = run.candidateTable(ParamsLayout.DETECTOR_FOREST);
        List<Row> nodeRows = new ArrayList<>(nodes.size());
        for (ForestNode n : nodes) {
            nodeRows.add(RowFactory.create(n.treeId(), n.nodeId(), n.feature(), n.threshold(), n.left(), n.right(), n.size()));
        }
        spark.createDataFrame(nodeRows, FOREST_SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(forestPath.toString());
        report.wrote(ParamsLayout.DETECTOR_FOREST, forestPath.toString(), nodeRows.size());

        double[][] moments = moments(pool);
        Row detector = RowFactory.create(threshold, FeatureSchema.NAMES.toArray(new String[0]), FeatureSchema.VERSION,
                forestSettings.trees(), psi, seed, calibrationSettings.targetShare(), calibration.meanFlaggedShare(),
                calibration.maxFlaggedShare(), (long) pool.length, labelledKept, calibration.minutes(), calibration.ipMinutes(),
                moments[0], moments[1], config.features().windowMinutes(), prior.baselines(), prior.spreads(), prior.penalty(),
                prior.quality(), prior.level().name());
        Path detectorPath = run.candidateTable(ParamsLayout.DETECTOR);
        spark.createDataFrame(List.of(detector), DETECTOR_SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(detectorPath.toString());
        report.wrote(ParamsLayout.DETECTOR, detectorPath.toString(), 1);

        ObjectNode training = JsonNodeFactory.instance.objectNode();
        training.put("replayed_series_minutes", totalVectors);
        training.put("sample_rate", rate);
        training.put("trained_rows", pool.length);
        training.put("labelled_rows", labelledKept);
        training.put("labelled_rows_available", labelled);
        training.put("incident_labels", incidents.labels());
        training.put("trees", forestSettings.trees());
        training.put("sample_size", psi);
        training.put("seed", seed);
        report.stat("training", training);
        ObjectNode cal = JsonNodeFactory.instance.objectNode();
        cal.put("threshold", threshold);
        cal.put("target_share", calibrationSettings.targetShare());
        cal.put("flagged_share_ip_minute", calibration.meanFlaggedShare());
        cal.put("max_flagged_share_ip_minute", calibration.maxFlaggedShare());
        cal.put("minutes", calibration.minutes());
        cal.put("history_minutes", minutes);
        cal.put("subset", calMinutes < minutes);
        cal.put("ip_minutes", calibration.ipMinutes());
        cal.put("cold_start_zero_score", zeroScore);
        report.stat("calibration", cal);
        return new Result(forest, calibration, prior, pool.length - labelledKept, labelledKept);
    }

    /**
     * The replayed feature vectors of every profiled series of {@code ips} over the whole history, as the training
     * replay computes them (for inspection and the parity test): (series_key, minute_ts, count, features).
     */
    public static List<Row> replayVectors(SparkSession spark, BatchRun run, DetectionConfig config, java.util.Set<String> ips) {
        FeatureExtractor extractor = new FeatureExtractor(config.features());
        StepReport quiet = new StepReport("replay");
        Dataset<Row> profile = CandidateTables.read(spark, run, ParamsLayout.SERIES_PROFILE, quiet);
        Dataset<Row> noise = CandidateTables.read(spark, run, ParamsLayout.SERIES_NOISE, quiet);
        java.util.Set<String> wanted = new java.util.HashSet<>(ips);
        return SeriesStore.read(spark, run)
                .filter(s -> wanted.contains(s.ip()))
                .mapToPair(s -> new Tuple2<>(s.ip(), s))
                .join(scoring(profile, noise))
                .flatMap(t -> {
                    List<Row> out = new ArrayList<>();
                    for (SeriesScoring s : t._2()._2()) {
                        FeatureReplay.replay(t._2()._1().series(s.slot()), s.profile(), extractor,
                                (m, ts, count, f) -> out.add(RowFactory.create(s.key(), ts, count, f.clone())));
                    }
                    return out.iterator();
                })
                .collect();
    }

    private static IncidentWindows incidents(BatchRun run, StepReport report) {
        List<LocalDate> present = LakeTables.present(run.lake(), LakeLayout.LABELS, run.historyDates());
        if (present.isEmpty()) {
            LOG.info("{}: no labels partition in the history: training on sampled history only", STEP);
            return IncidentWindows.none();
        }
        List<IncidentLabel> labels = new ArrayList<>();
        for (LocalDate d : present) {
            List<IncidentLabel> day = LakeReaders.readLabels(LakeTables.partitionDir(run.lake(), LakeLayout.LABELS, d));
            report.read(LakeLayout.LABELS, LakeLayout.partitionName(d), day.size());
            labels.addAll(day);
        }
        return IncidentWindows.of(labels);
    }

    /** The cold-start prior: per level, the configured quantile of the fitted series' mean baseline and scale. */
    static ColdStartPrior coldStartPrior(Dataset<Row> profile, Dataset<Row> noise, ColdStartSettings settings) {
        ColdStartPrior fallback = ColdStartPrior.fallback(settings);
        double[] base = fallback.baselines();
        double[] spread = fallback.spreads();
        double q = settings.quantile();
        Dataset<Row> joined = noise.join(profile.select(ParamsSchema.SERIES_KEY, ParamsSchema.FREQUENCY_LEVEL), ParamsSchema.SERIES_KEY)
                .select(col(ParamsSchema.FREQUENCY_LEVEL),
                        expr("aggregate(" + ParamsSchema.BASELINE + ", 0D, (acc, x) -> acc + x) / size(" + ParamsSchema.BASELINE + ")")
                                .as("mean_baseline"),
                        col(ParamsSchema.SCALE));
        for (Row r : joined.groupBy(ParamsSchema.FREQUENCY_LEVEL)
                .agg(expr("percentile(mean_baseline, " + q + ")"), expr("percentile(" + ParamsSchema.SCALE + ", " + q + ")"))
                .collectAsList()) {
            int level = FrequencyLevel.valueOf(r.getString(0)).ordinal();
            base[level] = r.getDouble(1);
            spread[level] = r.getDouble(2);
        }
        return ColdStartPrior.of(base, spread, settings.penalty(), settings.quality(), settings.level());
    }

    static JavaPairRDD<String, Iterable<SeriesScoring>> scoring(Dataset<Row> profile, Dataset<Row> noise) {
        return profile.select(ParamsSchema.SERIES_KEY, ParamsSchema.FREQUENCY_LEVEL, ParamsSchema.QUALITY)
                .join(noise, ParamsSchema.SERIES_KEY)
                .select(ParamsSchema.SERIES_KEY, ParamsSchema.FREQUENCY_LEVEL, ParamsSchema.QUALITY, ParamsSchema.KIND, ParamsSchema.BASELINE,
                        ParamsSchema.SPREAD, ParamsSchema.PENALTY, ParamsSchema.SCALE)
                .javaRDD()
                .mapToPair(r -> {
                    SeriesKey key = SeriesKey.parse(r.getString(0));
                    return new Tuple2<>(key.ip(), new SeriesScoring(key.slot(), r.getString(0), r.getString(1), r.getDouble(2), r.getString(3),
                            SparkArrays.doubles(r.get(4)), SparkArrays.doubles(r.get(5)), r.getDouble(6), r.getDouble(7)));
                })
                .groupByKey();
    }

    /** Seed of a series' sampling generator: stable across JVMs and partitionings. */
    static long seriesSeed(long seed, String key) {
        return IsolationTreeBuilder.treeSeed(seed ^ 0x5DEECE66DL, key.hashCode());
    }

    static List<PoolRow> sample(IpSeries ip, Optional<Iterable<SeriesScoring>> scoring, FeatureExtractor extractor, double rate,
                                long seed, IncidentWindows incidents) {
        List<PoolRow> out = new ArrayList<>();
        if (!scoring.isPresent()) {
            return out;
        }
        long[] ranges = incidents.of(ip.ip());
        for (SeriesScoring s : scoring.get()) {
            SplittableRandom rnd = new SplittableRandom(seriesSeed(seed, s.key()));
            FeatureReplay.replay(ip.series(s.slot()), s.profile(), extractor, (m, ts, count, f) -> {
                boolean take = rnd.nextDouble() < rate;
                if (IncidentWindows.covers(ranges, ts)) {
                    if (count > 0) {
                        out.add(new PoolRow(s.key(), m, true, f.clone()));
                    }
                } else if (take) {
                    out.add(new PoolRow(s.key(), m, false, f.clone()));
                }
            });
        }
        return out;
    }

    /** Normal rows in (key, minute) order, then the labelled ones, capped by a seeded draw. */
    static double[][] pool(List<PoolRow> sampled, DetectorSettings settings, long seed, StepReport report) {
        Comparator<PoolRow> order = Comparator.comparing(PoolRow::key).thenComparingInt(PoolRow::minute);
        List<PoolRow> normal = new ArrayList<>(sampled.stream().filter(r -> !r.labelled()).sorted(order).toList());
        List<PoolRow> labelled = new ArrayList<>(sampled.stream().filter(PoolRow::labelled).sorted(order).toList());
        int cap = (int) Math.floor(settings.labelledShare() * settings.poolSize());
        if (labelled.size() > cap) {
            SplittableRandom rnd = new SplittableRandom(seed ^ 0x1ABE11EDL);
            for (int i = 0; i < cap; i++) {
                int j = i + rnd.nextInt(labelled.size() - i);
                PoolRow tmp = labelled.get(i);
                labelled.set(i, labelled.get(j));
                labelled.set(j, tmp);
            }
            labelled = new ArrayList<>(labelled.subList(0, cap));
        }
        double[][] pool = new double[normal.size() + labelled.size()][];
        int i = 0;
        for (PoolRow r : normal) {
            pool[i++] = r.features();
        }
        for (PoolRow r : labelled) {
            pool[i++] = r.features();
        }
        return pool;
    }

    /** Adds (minute, IP score) of every calibration minute the IP was observed in, outside labelled incidents. */
    static void ipMinuteScores(IpSeries ip, Optional<Iterable<SeriesScoring>> scoring, FeatureExtractor extractor, IsolationForest forest,
                               boolean[] mask, IncidentWindows incidents, double zeroScore, MinuteScores out) {
        int minutes = ip.minutes();
        double[] best = new double[minutes];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        int profiled = 0;
        if (scoring.isPresent()) {
            for (SeriesScoring s : scoring.get()) {
                profiled++;
                FeatureReplay.replay(ip.series(s.slot()), s.profile(), extractor, (m, ts, count, f) -> {
                    if (mask[m]) {
                        best[m] = Math.max(best[m], forest.score(f));
                    }
                });
            }
        }
        boolean hasSilentSeries = profiled < RetxCounts.SLOTS;
        long[] ranges = incidents.of(ip.ip());
        long[] words = ip.observedWords();
        for (int m = 0; m < minutes; m++) {
            if (!mask[m] || (words[m >>> 6] & (1L << m)) == 0) {
                continue;
            }
            if (IncidentWindows.covers(ranges, ip.startMs() + m * 60_000L)) {
                continue;
            }
            out.add(m, hasSilentSeries ? Math.max(best[m], zeroScore) : best[m]);
        }
    }

    /** The feature vector of a silent minute of a series without a profile (cold start, count 0). */
    static double[] coldStartZeroVector(FeatureExtractor extractor, ColdStartPrior prior, long minuteTs) {
        double[] f = FeatureSchema.newVector();
        extractor.extract(0, minuteTs, ScoringProfile.coldStart(prior), extractor.newWindow(), f);
        return f;
    }

    /** Which minutes are scored for the calibration: all, or {@code wanted} drawn with the seed. */
    static boolean[] calibrationMask(int minutes, int wanted, long seed) {
        boolean[] mask = new boolean[minutes];
        if (wanted == 0 || wanted >= minutes) {
            java.util.Arrays.fill(mask, true);
            return mask;
        }
        int[] idx = new int[minutes];
        for (int i = 0; i < minutes; i++) {
            idx[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0xCA11B8A7EL);
        for (int i = 0; i < wanted; i++) {
            int j = i + rnd.nextInt(minutes - i);
            int tmp = idx[i];
            idx[i] = idx[j];
            idx[j] = tmp;
            mask[idx[i]] = true;
        }
        return mask;
    }

    /** Mean and population standard deviation of each feature over the pool. */
    static double[][] moments(double[][] pool) {
        int d = FeatureSchema.SIZE;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (double[] row : pool) {
            for (int f = 0; f < d; f++) {
                mean[f] += row[f];
            }
        }
        for (int f = 0; f < d; f++) {
            mean[f] /= pool.length;
        }
        for (double[] row : pool) {
            for (int f = 0; f < d; f++) {
                std[f] += (row[f] - mean[f]) * (row[f] - mean[f]);
            }
        }
        for (int f = 0; f < d; f++) {
            std[f] = Math.sqrt(std[f] / pool.length);
        }
        return new double[][] {mean, std};
    }

    static ObjectNode priorJson(ColdStartPrior prior) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        ObjectNode b = p.putObject("baseline");
        ObjectNode s = p.putObject("spread");
        double[] base = prior.baselines();
        double[] spr = prior.spreads();
        for (FrequencyLevel l : FrequencyLevel.values()) {
            b.put(l.name(), base[l.ordinal()]);
            s.put(l.name(), spr[l.ordinal()]);
        }
        p.put("penalty", prior.penalty());
        p.put("quality", prior.quality());
        p.put("level", prior.level().name());
        return p;
    }
}
