package io.andiag.batch.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.andiag.batch.BatchException;
import io.andiag.batch.BatchRun;
import io.andiag.batch.DetectionConfig;
import io.andiag.batch.StepReport;
import io.andiag.batch.detector.SeriesScoring;
import io.andiag.batch.detector.TrainDetectorJob;
import io.andiag.batch.profile.ProfileJob;
import io.andiag.batch.series.IpSeries;
import io.andiag.batch.series.SeriesStore;
import io.andiag.batch.spark.CandidateTables;
import io.andiag.batch.spark.LakeTables;
import io.andiag.model.features.FeatureExtractor;
import io.andiag.model.forest.AnomalyDetector;
import io.andiag.model.forest.ForestNode;
import io.andiag.model.forest.IsolationForest;
import io.andiag.model.incident.DiagnosisSettings;
import io.andiag.model.label.IncidentLabel;
import io.andiag.model.lake.LakeEncoders;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReaders;
import io.andiag.model.lake.LakeSchemas;
import io.andiag.model.lake.LakeWriter;
import io.andiag.model.params.ParamsLayout;
import io.andiag.model.params.ParamsSchema;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.routing.HierarchicalRouter;
import io.andiag.model.routing.Router;
import io.andiag.model.routing.RouterModel;
import io.andiag.model.routing.RouterModelIo;
import io.andiag.model.routing.RoutingFeatureSchema;
import io.andiag.model.routing.RuleRouter;
import io.andiag.model.routing.RuleRouterSettings;
import io.andiag.model.routing.Team;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Step {@code train-router} (paper §7, routing), after train-detector and before publish:
 * <ol>
 *   <li><b>Replay</b> ({@link CandidateReplay}): the history scored with the candidate's detector, exactly as the speed
 *       layer scores it; the abnormal IPs of each region-minute with their sampled details, the attributes of sources
 *       and destinations, the monitored count and the region's population, diagnosed by common-model's
 *       {@code Diagnoser}; only the minutes the {@code EmissionRule} emits are kept ({@code _work/router_candidates}).</li>
 *   <li><b>Labels</b> ({@link LabelIndex}): {@code labels} of the history and {@code labels_self} of the history days
 *       before {@code --date}; an emitted minute takes the team of the INCIDENT label it overlaps; benign-overlapping and
 *       unlabelled minutes are "no incident" and are not used to train the router (it routes alerts, it does not decide
 *       whether to alert).</li>
 *   <li><b>Training</b> ({@link RouterTrainer}): with at least {@code --min-labelled-incidents} labelled incidents of at
 *       least two teams, the hierarchy is trained with MLlib GBTs on a seeded split by incident ({@link HoldoutSplit})
 *       and evaluated on the held-out incidents ({@link RouterEvaluation}), next to the rule router and the bootstrap
 *       router on the same minutes. With fewer labels the bundled {@link BootstrapRouter} is used
 *       ({@code router_source = bootstrap}); without one, no router is written and the speed layer keeps the rules
 *       ({@code router_source = rules}). The router goes to {@code <candidate>/router/} (flat format, read back with
 *       {@link RouterModelIo} before anything else uses it).</li>
 *   <li><b>Self-labels</b> ({@link SelfLabeler}): the emitted minutes of {@code --date} routed with that router;
 *       unlabelled ones at or above {@code --self-label-bar} are written to {@code labels_self/dt=<date>/}
 *       (source SELF), the others to {@code review/dt=<date>/}.</li>
 * </ol>
 */
public final class TrainRouterJob {

    public static final String STEP = "train-router";
    /** Lake table of the system's own confident routes (same columns as {@code labels}, source SELF). */
    public static final String LABELS_SELF = "labels_self";
    /** Lake table of the minutes the router was not sure about, for operators to label. */
    public static final String REVIEW = "review";
    /** Work table (not published): every emitted region-minute of the history with its features and label. */
    public static final String CANDIDATES = "router_candidates";
    /** Work directory (not published): the MLlib models as Spark saved them. */
    public static final String MLLIB_MODELS = "router_mllib";

    public enum Source { TRAINED, BOOTSTRAP, RULES;

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TrainRouterJob.class);

    /** What the step did (also in its report); {@code summary} is what the CLI prints. */
    public record Result(Source source, String version, List<RouterCandidate> candidates, RouterEvaluation heldOut,
                         SelfLabeler.Result selfLabels, List<String> summary) {
    }

    private TrainRouterJob() {
    }

    public static Result run(SparkSession spark, BatchRun run, DetectionConfig config, RouterSettings settings, StepReport report) {
        ObjectNode detectorReport = requireDetectorStep(run, config);
        report.stat("settings", ProfileJob.settingsJson(config));
        report.stat("router_settings", settingsJson(settings));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());

        // Inputs.
        AnomalyDetector detector = candidateDetector(spark, run, report);
        report.stat("detector_threshold", detector.threshold());
        double reportedThreshold = detectorReport.path("stats").path("calibration").path("threshold").asDouble(Double.NaN);
        if (reportedThreshold != detector.threshold()) {
            throw new BatchException("the candidate's detector table (threshold " + detector.threshold() + ") is not the one step "
                    + TrainDetectorJob.STEP + " reported (" + reportedThreshold + "): re-run train-detector");
        }
        LabelIndex labels = readLabels(run, report);
        AttributeSnapshots attributes = readAttributes(run, report);
        Dataset<Row> profile = CandidateTables.read(spark, run, ParamsLayout.SERIES_PROFILE, report);
        Dataset<Row> noise = CandidateTables.read(spark, run, ParamsLayout.SERIES_NOISE, report);
        Dataset<Row> details = LakeTables.read(spark, run.lake(), LakeLayout.RETX_DETAILS, run.historyDates());
        for (Row r : details.groupBy(LakeLayout.PARTITION_COLUMN).count().orderBy(LakeLayout.PARTITION_COLUMN).collectAsList()) {
            report.read(LakeLayout.RETX_DETAILS, LakeLayout.partitionName(LocalDate.parse(r.getString(0))), r.getLong(1));
        }

        // 1. Replay.
        JavaRDD<IpSeries> series = SeriesStore.read(spark, run).persist(StorageLevel.MEMORY_AND_DISK_SER());
        JavaPairRDD<String, Iterable<SeriesScoring>> scoring = TrainDetectorJob.scoring(profile, noise);
        Broadcast<AnomalyDetector> detectorB = jsc.broadcast(detector);
        Broadcast<AttributeSnapshots> attributesB = jsc.broadcast(attributes);
        FeatureExtractor extractor = new FeatureExtractor(config.features());
        JavaRDD<CandidateReplay.AbnormalIpMinute> abnormal = CandidateReplay.abnormal(
                series.mapToPair(s -> new Tuple2<>(s.ip(), s)).join(scoring), extractor, detectorB)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        Map<String, int[]> monitored = CandidateReplay.monitored(series, attributesB, run.historyStartMs(), run.historyMinutes());
        Broadcast<CandidateReplay.Context> ctx = jsc.broadcast(new CandidateReplay.Context(attributes, monitored, run.historyStartMs(), labels));
        LongAccumulator notEmitted = jsc.sc().longAccumulator("router.not_emitted");
        JavaRDD<RouterCandidate> emitted = CandidateReplay.candidates(spark, abnormal, details, ctx, notEmitted);
        Dataset<Row> table = spark.createDataFrame(emitted.map(RouterCandidate::toRow), RouterCandidate.SCHEMA);
        Path candidatesPath = run.candidateDir().resolve(SeriesStore.WORK_DIR).resolve(CANDIDATES);
        table.coalesce(1).write().mode(SaveMode.Overwrite).parquet(candidatesPath.toString());
        List<RouterCandidate> candidates = spark.read().schema(RouterCandidate.SCHEMA).parquet(candidatesPath.toString())
                .collectAsList().stream().map(RouterCandidate::fromRow)
                .sorted(java.util.Comparator.comparing(RouterCandidate::region).thenComparingLong(RouterCandidate::minute)).toList();
        report.wrote(CANDIDATES, candidatesPath.toString(), candidates.size());
        long abnormalIpMinutes = abnormal.count();
        abnormal.unpersist();
        series.unpersist();
        detectorB.destroy();
        report.stat("replay", replayJson(abnormalIpMinutes, candidates, notEmitted.value()));

        // 2.-3. Labels and training.
        List<RouterTrainer.Example> examples = examples(candidates);
        Set<String> incidents = new HashSet<>();
        Set<Team> teams = new HashSet<>();
        examples.forEach(e -> {
            incidents.add(e.incident());
            teams.add(e.team());
        });
        List<String> summary = new ArrayList<>();
        Path routerDir = run.candidateDir().resolve(ParamsLayout.ROUTER);
        Source source;
        String version;
        Router router;
        RouterEvaluation heldOutEval = null;
        Router bootstrap = BootstrapRouter.available() ? new HierarchicalRouter(BootstrapRouter.load()) : null;
        double bar = DiagnosisSettings.DEFAULTS.confidenceBar();
        if (incidents.size() >= settings.minLabelledIncidents() && teams.size() >= 2) {
            source = Source.TRAINED;
            version = "router-" + ParamsLayout.version(run.serveDate(), run.runStart());
            HoldoutSplit split = HoldoutSplit.of(examples, settings.holdoutShare(), settings.seed());
            Path mllib = run.candidateDir().resolve(SeriesStore.WORK_DIR).resolve(MLLIB_MODELS);
            LakeTables.deleteRecursively(mllib);
            List<RouterTrainer.Example> synthetic = synthetic(attributes.day(run.date().toString()), candidates, settings);
            RouterTrainer.Trained trained = RouterTrainer.train(spark, split.trainWith(synthetic), settings, version, mllib);
            replaceRouter(routerDir, tmp -> RouterModelIo.write(trained.model(), tmp));
            router = new HierarchicalRouter(RouterModelIo.read(routerDir));
            ObjectNode training = JsonNodeFactory.instance.objectNode();
            training.put("labelled_candidates", examples.size());
            training.put("labelled_incidents", incidents.size());
            training.put("train_candidates", split.train().size());
            training.put("heldout_candidates", split.heldOut().size());
            training.put("heldout_incidents", split.heldOutIncidents().size());
            training.putPOJO("candidates_per_team", RouterTrainer.teamCounts(examples));
            training.put("synthetic_per_team", settings.syntheticPerTeam());
            training.put("synthetic_examples", synthetic.size());
            training.set("models", trained.models());
            report.stat("training", training);
            heldOutEval = RouterEvaluation.of(router, split.heldOut(), bar);
            report.stat("heldout", heldOutEval.toJson());
            report.stat("team_recall", teamRecallForGate(heldOutEval));
            summary.addAll(heldOutEval.table("train-router: held-out incidents, trained router " + version));
            RouterEvaluation rules = RouterEvaluation.of(new RuleRouter(RuleRouterSettings.DEFAULTS), split.heldOut(), bar);
            report.stat("heldout_rules", rules.toJson());
            summary.addAll(rules.table("train-router: same held-out minutes, rule router"));
            if (bootstrap != null) {
                RouterEvaluation b = RouterEvaluation.of(bootstrap, split.heldOut(), bar);
                report.stat("heldout_bootstrap", b.toJson());
                summary.addAll(b.table("train-router: same held-out minutes, bootstrap router " + bootstrap.version()));
                RouterEvaluation all = RouterEvaluation.of(bootstrap, examples, bar);
                report.stat("labelled_bootstrap", all.toJson());
                summary.addAll(all.table("train-router: every labelled minute, bootstrap router " + bootstrap.version()
                        + " (in-sample if this region was one of its sources)"));
            }
        } else {
            String why = incidents.isEmpty() ? "the history has no labelled incident" : "the history has " + incidents.size()
                    + " labelled incident(s) of " + teams.size() + " team(s), fewer than --min-labelled-incidents "
                    + settings.minLabelledIncidents() + " of at least 2 teams";
            if (bootstrap != null) {
                source = Source.BOOTSTRAP;
                version = bootstrap.version();
                LOG.info("{}: {}: using the bundled bootstrap router {} (router_source = bootstrap)", STEP, why, version);
                replaceRouter(routerDir, BootstrapRouter::copyTo);
                router = new HierarchicalRouter(RouterModelIo.read(routerDir));
                BootstrapRouter.info().ifPresent(i -> report.stat("bootstrap", i));
            } else {
                source = Source.RULES;
                version = new RuleRouter(RuleRouterSettings.DEFAULTS).version();
                LOG.warn("{}: {} and this build carries no bootstrap router: no router/ is written, the speed layer keeps the rule router",
                        STEP, why);
                LakeTables.deleteRecursively(routerDir);
                router = new RuleRouter(RuleRouterSettings.DEFAULTS);
            }
            report.stat("router_source_reason", why);
            if (!examples.isEmpty()) {
                RouterEvaluation all = RouterEvaluation.of(router, examples, bar);
                report.stat("labelled_" + source.text(), all.toJson());
                summary.addAll(all.table("train-router: all labelled minutes, " + source.text() + " router " + version));
            }
        }
        report.stat("router_source", source.text());
        report.stat("router_version", version);
        if (source != Source.RULES) {
            report.wrote(ParamsLayout.ROUTER, routerDir.toString(), ((HierarchicalRouter) router).model().ensembles().size());
        }
        summary.add(0, "train-router: router_source=" + source.text() + " version=" + version + " (" + candidates.size()
                + " emitted region-minutes, " + examples.size() + " labelled with a team, " + incidents.size() + " incidents)");

        // 4. Self-labels and review of the last history day.
        String lastDay = run.date().toString();
        List<RouterCandidate> day = candidates.stream().filter(c -> c.dt().equals(lastDay)).toList();
        SelfLabeler.Result self = SelfLabeler.label(day, router, settings.selfLabelBar(), settings.selfLabelMinMinutes());
        writeSelfLabels(run, self.labels(), report);
        writeReview(spark, run, self.review(), version, report);
        ObjectNode sj = JsonNodeFactory.instance.objectNode();
        sj.put("day", lastDay);
        sj.put("bar", settings.selfLabelBar());
        sj.put("min_minutes", settings.selfLabelMinMinutes());
        sj.put("emitted", day.size());
        sj.put("already_labelled", self.alreadyLabelled());
        sj.put("confident", self.confident());
        sj.put("labels_written", self.labels().size());
        sj.put("review", self.review().size());
        sj.put("review_short_run", self.review().stream().filter(r -> SelfLabeler.SHORT_RUN.equals(r.reason())).count());
        Map<String, Integer> byTeam = new TreeMap<>();
        self.labels().forEach(l -> byTeam.merge(l.team().map(Team::name).orElse("?"), 1, Integer::sum));
        sj.putPOJO("labels_by_team", byTeam);
        report.stat("self_labels", sj);
        summary.add(String.format(java.util.Locale.ROOT,
                "train-router: %s: %d emitted minutes, %d already labelled, %d routed with confidence >= %.2f -> %d SELF label(s) %s, %d to review",
                lastDay, day.size(), self.alreadyLabelled(), self.confident(), settings.selfLabelBar(), self.labels().size(), byTeam,
                self.review().size()));
        summary.forEach(line -> LOG.info("{}", line));
        return new Result(source, version, candidates, heldOutEval, self, summary);
    }

    /**
     * The candidate must have a detector: train-detector's report and tables for this serve date, trained with the same
     * detection settings (the replay must score the history as that detector's training did).
     */
    static ObjectNode requireDetectorStep(BatchRun run, DetectionConfig config) {
        ObjectNode r = StepReport.load(run.candidateDir(), TrainDetectorJob.STEP);
        if (r == null || !Files.isRegularFile(run.candidateTable(ParamsLayout.DETECTOR).resolve(LakeLayout.SUCCESS_MARKER))
                || !Files.isRegularFile(run.candidateTable(ParamsLayout.DETECTOR_FOREST).resolve(LakeLayout.SUCCESS_MARKER))) {
            throw new BatchException("train-router needs the candidate's detector, but step " + TrainDetectorJob.STEP
                    + " has not run for serve date " + run.serveDate() + " (no " + ParamsLayout.stepReport(run.candidateDir(), TrainDetectorJob.STEP)
                    + " or no detector tables): run `andiag batch " + TrainDetectorJob.STEP + " --lake " + run.lake() + " --date " + run.date()
                    + "` first");
        }
        JsonNode used = r.path("stats").path("settings");
        if (!used.equals(ProfileJob.settingsJson(config))) {
            throw new BatchException("step " + TrainDetectorJob.STEP + " ran with other detection settings (--conf) than this "
                    + STEP + ": re-run it with the same settings, or pass its settings here");
        }
        return r;
    }

    /** The candidate's detector (forest + calibrated threshold), from the tables train-detector wrote. */
    static AnomalyDetector candidateDetector(SparkSession spark, BatchRun run, StepReport report) {
        Row d = CandidateTables.read(spark, run, ParamsLayout.DETECTOR, report).first();
        List<ForestNode> nodes = new ArrayList<>();
        for (Row r : CandidateTables.read(spark, run, ParamsLayout.DETECTOR_FOREST, report)
                .select(ParamsSchema.TREE_ID, ParamsSchema.NODE_ID, ParamsSchema.FEATURE, ParamsSchema.THRESHOLD, ParamsSchema.LEFT,
                        ParamsSchema.RIGHT, ParamsSchema.SIZE).collectAsList()) {
            nodes.add(new ForestNode(r.getInt(0), r.getInt(1), r.getInt(2), r.getDouble(3), r.getInt(4), r.getInt(5), r.getInt(6)));
        }
        List<String> names = d.getList(d.fieldIndex(ParamsSchema.FEATURE_NAMES));
        IsolationForest forest = IsolationForest.of(nodes, d.getInt(d.fieldIndex(ParamsSchema.SAMPLE_SIZE)), names);
        return new AnomalyDetector(forest, d.getDouble(d.fieldIndex(ParamsSchema.THRESHOLD)));
    }

    /**
     * {@code labels} of every history day, and {@code labels_self} of the history days before {@code --date} (the
     * {@code --date} partition of labels_self is this step's own output).
     */
    static LabelIndex readLabels(BatchRun run, StepReport report) {
        List<IncidentLabel> all = new ArrayList<>();
        for (LocalDate d : LakeTables.present(run.lake(), LakeLayout.LABELS, run.historyDates())) {
            List<IncidentLabel> day = LakeReaders.readLabels(LakeTables.partitionDir(run.lake(), LakeLayout.LABELS, d));
            report.read(LakeLayout.LABELS, LakeLayout.partitionName(d), day.size());
            all.addAll(day);
        }
        List<LocalDate> before = run.historyDates().stream().filter(d -> d.isBefore(run.date())).toList();
        for (LocalDate d : LakeTables.present(run.lake(), LABELS_SELF, before)) {
            List<IncidentLabel> day = LakeReaders.readLabels(LakeTables.partitionDir(run.lake(), LABELS_SELF, d));
            report.read(LABELS_SELF, LakeLayout.partitionName(d), day.size());
            all.addAll(day);
        }
        LabelIndex index = LabelIndex.of(all);
        if (index.isEmpty()) {
            LOG.info("{}: no labels in the history ({} and {} of {}..{})", STEP, LakeLayout.LABELS, LABELS_SELF, run.historyStart(), run.date());
        }
        return index;
    }

    /** The ip_attributes snapshot of every history day; a missing or incomplete day is refused, naming it. */
    static AttributeSnapshots readAttributes(BatchRun run, StepReport report) {
        List<String> missing = LakeTables.missing(run.lake(), LakeLayout.IP_ATTRIBUTES, run.historyDates());
        if (!missing.isEmpty()) {
            throw new BatchException("input partition(s) of " + LakeLayout.IP_ATTRIBUTES + " missing for the history: "
                    + String.join(", ", missing));
        }
        Map<String, List<IpAttributes>> byDay = new LinkedHashMap<>();
        for (LocalDate d : run.historyDates()) {
            List<IpAttributes> day = LakeReaders.readIpAttributes(LakeTables.partitionDir(run.lake(), LakeLayout.IP_ATTRIBUTES, d));
            report.read(LakeLayout.IP_ATTRIBUTES, LakeLayout.partitionName(d), day.size());
            byDay.put(d.toString(), day);
        }
        return AttributeSnapshots.of(byDay);
    }

    /**
     * The synthetic training examples ({@link FaultInjector}) of every region of the snapshot, {@code --synthetic-per-team}
     * per team; each region's severity denominator is the median monitored count of its emitted minutes (its container
     * count when it has none).
     */
    static List<RouterTrainer.Example> synthetic(AttributeSnapshots.Day day, List<RouterCandidate> candidates, RouterSettings settings) {
        List<IpAttributes> all = new ArrayList<>(day.byIp().values());
        all.sort(java.util.Comparator.comparing(IpAttributes::ip));
        List<RouterTrainer.Example> out = FaultInjector.examples(all, region -> medianMonitored(candidates, region),
                settings.syntheticPerTeam(), settings.seed());
        LOG.info("{}: {} synthetic training examples ({} per team and region)", STEP, out.size(), settings.syntheticPerTeam());
        return out;
    }

    static int medianMonitored(List<RouterCandidate> candidates, String region) {
        int[] m = candidates.stream().filter(c -> c.region().equals(region)).mapToInt(RouterCandidate::monitoredIps)
                .filter(x -> x > 0).sorted().toArray();
        return m.length == 0 ? 0 : m[m.length / 2];
    }

    /** The labelled candidates with a team (INCIDENT labels), as training examples. */
    static List<RouterTrainer.Example> examples(List<RouterCandidate> candidates) {
        List<RouterTrainer.Example> out = new ArrayList<>();
        for (RouterCandidate c : candidates) {
            c.team().ifPresent(t -> out.add(new RouterTrainer.Example(c.features(), t, c.labelId())));
        }
        return out;
    }

    @FunctionalInterface
    interface DirWriter {
        void write(Path dir);
    }

    /** Writes a new router next to the old one, then swaps it in (a reader never sees a half-written router.json). */
    static void replaceRouter(Path routerDir, DirWriter writer) {
        Path parent = routerDir.getParent();
        Path tmp = parent.resolve(".router-new-" + System.nanoTime());
        Path old = parent.resolve(".router-old-" + System.nanoTime());
        try {
            writer.write(tmp);
            if (Files.exists(routerDir)) {
                Files.move(routerDir, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, routerDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put the router in place at " + routerDir, e);
        } finally {
            LakeTables.deleteRecursively(tmp);
            LakeTables.deleteRecursively(old);
        }
    }

    /** Replaces {@code labels_self/dt=<date>/} (never touches {@code labels/}). */
    static void writeSelfLabels(BatchRun run, List<IncidentLabel> labels, StepReport report) {
        Path dir = LakeTables.partitionDir(run.lake(), LABELS_SELF, run.date());
        LakeTables.deleteRecursively(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        LakeWriter.writeAll(LakeLayout.partFile(dir, 0), LakeSchemas.LABELS, LakeEncoders.LABEL, labels);
        LakeTables.markComplete(dir);
        report.wrote(LABELS_SELF, dir.toString(), labels.size());
    }

    /** No {@code dt} column: the partition directory gives it (a column of the same name breaks Spark's and DuckDB's partition discovery). */
    static final List<String> REVIEW_COLUMNS = List.of("region", "minute", "severity", "abnormal_count", "abnormal_ips",
            "monitored_ips", "scope", "best_team", "confidence", "path", "reason", "rule_team", "rule_confidence", "router_version");

    static StructType reviewSchema() {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("region", DataTypes.StringType, false),
                DataTypes.createStructField("minute", DataTypes.LongType, false),
                DataTypes.createStructField("severity", DataTypes.IntegerType, false),
                DataTypes.createStructField("abnormal_count", DataTypes.IntegerType, false),
                DataTypes.createStructField("abnormal_ips", DataTypes.createArrayType(DataTypes.StringType, false), false),
                DataTypes.createStructField("monitored_ips", DataTypes.IntegerType, false),
                DataTypes.createStructField("scope", DataTypes.StringType, false),
                DataTypes.createStructField("best_team", DataTypes.StringType, false),
                DataTypes.createStructField("confidence", DataTypes.DoubleType, false),
                DataTypes.createStructField("path", DataTypes.StringType, false),
                DataTypes.createStructField("reason", DataTypes.StringType, false),
                DataTypes.createStructField("rule_team", DataTypes.StringType, false),
                DataTypes.createStructField("rule_confidence", DataTypes.DoubleType, false),
                DataTypes.createStructField("router_version", DataTypes.StringType, false)));
        for (String f : RoutingFeatureSchema.names()) {
            fields.add(DataTypes.createStructField(f, DataTypes.DoubleType, false));
        }
        return DataTypes.createStructType(fields);
    }

    /** Replaces {@code review/dt=<date>/}: the minutes below the bar with the router's best guess and their features. */
    static void writeReview(SparkSession spark, BatchRun run, List<SelfLabeler.Routed> review, String version, StepReport report) {
        List<Row> rows = new ArrayList<>(review.size());
        for (SelfLabeler.Routed r : review) {
            RouterCandidate c = r.candidate();
            Object[] v = new Object[REVIEW_COLUMNS.size() + RoutingFeatureSchema.size()];
            int i = 0;
            v[i++] = c.region();
            v[i++] = c.minute();
            v[i++] = c.severity();
            v[i++] = c.abnormalIps().length;
            v[i++] = c.abnormalIps();
            v[i++] = c.monitoredIps();
            v[i++] = c.scope();
            v[i++] = r.decision().team().name();
            v[i++] = r.decision().confidence();
            v[i++] = String.join("/", r.decision().path());
            v[i++] = r.reason();
            v[i++] = c.ruleTeam();
            v[i++] = c.ruleConfidence();
            v[i++] = version;
            for (double f : c.features()) {
                v[i++] = f;
            }
            rows.add(RowFactory.create(v));
        }
        Path dir = LakeTables.partitionDir(run.lake(), REVIEW, run.date());
        spark.createDataFrame(rows, reviewSchema()).coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir.toString());
        report.wrote(REVIEW, dir.toString(), rows.size());
    }

    static ObjectNode replayJson(long abnormalIpMinutes, List<RouterCandidate> candidates, long notEmitted) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("abnormal_ip_minutes", abnormalIpMinutes);
        n.put("region_minutes_not_emitted", notEmitted);
        n.put("emitted_region_minutes", candidates.size());
        Map<String, Integer> byLabel = new TreeMap<>();
        Map<String, Integer> bySource = new TreeMap<>();
        Map<Team, Set<String>> incidentsByTeam = new EnumMap<>(Team.class);
        Map<Team, Integer> minutesByTeam = new EnumMap<>(Team.class);
        for (RouterCandidate c : candidates) {
            byLabel.merge(c.labelKind() == null ? "NONE" : c.labelKind(), 1, Integer::sum);
            if (c.labelSource() != null) {
                bySource.merge(c.labelSource(), 1, Integer::sum);
            }
            c.team().ifPresent(t -> {
                incidentsByTeam.computeIfAbsent(t, k -> new HashSet<>()).add(c.labelId());
                minutesByTeam.merge(t, 1, Integer::sum);
            });
        }
        n.putPOJO("by_label", byLabel);
        n.putPOJO("by_label_source", bySource);
        ObjectNode teams = n.putObject("teams");
        minutesByTeam.forEach((t, m) -> teams.putObject(t.name()).put("minutes", m).put("incidents", incidentsByTeam.get(t).size()));
        return n;
    }

    /** Fewest held-out incidents of a team for its recall to reach the quality gate (validate/publish). */
    static final int GATE_MIN_HELDOUT_INCIDENTS = 3;

    /**
     * {@code team_recall} for the quality gate ({@code QualityGate}, check {@code team_recall}): the held-out recall of
     * the teams with at least {@link #GATE_MIN_HELDOUT_INCIDENTS} held-out incidents. A recall over one or two incidents
     * swings by tens of points from one night to the next (docs/routing.md), and the gate would block on noise; a team
     * left out is "not comparable" to the gate, never blocking.
     */
    static ObjectNode teamRecallForGate(RouterEvaluation heldOut) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        heldOut.teams().forEach((team, s) -> {
            if (s.incidents() >= GATE_MIN_HELDOUT_INCIDENTS && !Double.isNaN(s.recall())) {
                n.put(team.name(), s.recall());
            }
        });
        return n;
    }

    static ObjectNode settingsJson(RouterSettings s) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("max_iter", s.maxIter());
        n.put("max_depth", s.maxDepth());
        n.put("step_size", s.stepSize());
        n.put("seed", s.seed());
        n.put("holdout_share", s.holdoutShare());
        n.put("self_label_bar", s.selfLabelBar());
        n.put("self_label_min_minutes", s.selfLabelMinMinutes());
        n.put("min_labelled_incidents", s.minLabelledIncidents());
        n.put("synthetic_per_team", s.syntheticPerTeam());
        return n;
    }
}
