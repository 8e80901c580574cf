package io.andiag.batch.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.andiag.batch.BatchException;
import io.andiag.batch.BatchRun;
import io.andiag.batch.BuildInfo;
import io.andiag.batch.series.SeriesStore;
import io.andiag.batch.spark.LakeTables;
import io.andiag.model.incident.DiagnosisSettings;
import io.andiag.model.routing.HierarchicalRouter;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReaders;
import io.andiag.model.routing.RouterModelIo;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code andiag batch train-bootstrap-router}: one router for regions without labels, trained on the pooled labelled
 * candidates of several regions (simulated ones, in practice: see {@code offline-batch/scripts/train-bootstrap-router.sh}).
 * Each source is a lake and a date on which {@code train-router} ran, so its {@code _work/router_candidates} holds the
 * emitted region-minutes with their labels; the routing features are scale-free, so minutes of regions of different
 * sizes pool. All pooled labelled minutes are trained on, with each source's synthetic incidents ({@link FaultInjector},
 * {@code --synthetic-per-team} per team, on the topology of its {@code ip_attributes} of that date) (the evaluation that matters is on a region never seen, with
 * train-router there, which reports this router next to the in-region one). Writes {@code --out}: the router
 * (router.json + flat models), {@value BootstrapRouter#INFO} and {@value BootstrapRouter#INDEX}: the layout of the
 * bootstrap resource.
 */
public final class TrainBootstrapRouterJob {

    public static final String COMMAND = "train-bootstrap-router";
    private static final Logger LOG = LoggerFactory.getLogger(TrainBootstrapRouterJob.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private TrainBootstrapRouterJob() {
    }

    /** Trains, writes {@code out}, and returns the lines to print. */
    public static List<String> run(SparkSession spark, List<BatchRun> sources, Path out, RouterSettings settings, Instant start) {
        if (sources.isEmpty()) {
            throw new BatchException("no --from source: give at least one LAKE:DATE on which train-router ran");
        }
        requireReplaceable(out);
        List<RouterTrainer.Example> pooled = new ArrayList<>();
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        String version = "bootstrap-" + STAMP.format(start);
        info.put("format", "andiag.bootstrap_router");
        info.put("version", version);
        info.put("code_version", BuildInfo.codeVersion());
        info.set("router_settings", TrainRouterJob.settingsJson(settings));
        ArrayNode srcs = info.putArray("sources");
        for (int i = 0; i < sources.size(); i++) {
            BatchRun run = sources.get(i);
            Path table = run.candidateDir().resolve(SeriesStore.WORK_DIR).resolve(TrainRouterJob.CANDIDATES);
            if (!Files.isRegularFile(table.resolve("_SUCCESS"))) {
                throw new BatchException("no router candidates in " + table + ": run `andiag batch train-router --lake " + run.lake()
                        + " --date " + run.date() + " --history-days " + run.historyDays() + "` first");
            }
            List<RouterCandidate> candidates = spark.read().schema(RouterCandidate.SCHEMA).parquet(table.toString()).collectAsList()
                    .stream().map(RouterCandidate::fromRow).toList();
            String prefix = "s" + i + ":";
            List<RouterTrainer.Example> examples = new ArrayList<>();
            for (RouterTrainer.Example e : TrainRouterJob.examples(candidates)) {
                examples.add(new RouterTrainer.Example(e.features(), e.team(), prefix + e.incident()));
            }
            pooled.addAll(examples);
            List<RouterTrainer.Example> synthetic = TrainRouterJob.synthetic(sourceAttributes(run), candidates, settings);
            pooled.addAll(synthetic);
            ObjectNode s = srcs.addObject();
            s.put("lake", run.lake().toString());
            s.put("date", run.date().toString());
            s.put("history_days", run.historyDays());
            s.put("emitted_region_minutes", candidates.size());
            s.put("labelled_minutes", examples.size());
            s.put("incidents", examples.stream().map(RouterTrainer.Example::incident).distinct().count());
            s.put("synthetic_examples", synthetic.size());
            s.put("monitored_ips_max", candidates.stream().mapToInt(RouterCandidate::monitoredIps).max().orElse(0));
            LOG.info("{}: {} (date {}): {} emitted minutes, {} labelled with a team", COMMAND, run.lake(), run.date(), candidates.size(),
                    examples.size());
        }
        if (pooled.stream().map(RouterTrainer.Example::team).distinct().count() < 2) {
            throw new BatchException("the sources hold labelled minutes of fewer than 2 teams: nothing to route between");
        }
        List<RouterTrainer.Example> real = pooled.stream().filter(e -> !HoldoutSplit.isSynthetic(e)).toList();
        info.putPOJO("candidates_per_team", RouterTrainer.teamCounts(real));
        info.put("synthetic_per_team", settings.syntheticPerTeam());
        info.put("synthetic_examples", pooled.size() - real.size());
        Path mllib;
        try {
            mllib = Files.createTempDirectory("andiag-bootstrap-mllib");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
        try {
            RouterTrainer.Trained trained = RouterTrainer.train(spark, pooled, settings, version, mllib);
            info.set("models", trained.models());
            clear(out);
            RouterModelIo.write(trained.model(), out);
        } finally {
            LakeTables.deleteRecursively(mllib);
        }
        RouterEvaluation inSample = RouterEvaluation.of(new HierarchicalRouter(RouterModelIo.read(out)), real,
                DiagnosisSettings.DEFAULTS.confidenceBar());
        info.set("in_sample", inSample.toJson());
        try {
            Files.writeString(out.resolve(BootstrapRouter.INFO), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(info), StandardCharsets.UTF_8);
            Files.writeString(out.resolve(BootstrapRouter.INDEX), String.join("\n", BootstrapRouter.listFiles(out)) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        List<String> lines = new ArrayList<>();
        lines.add(COMMAND + ": wrote " + version + " to " + out + " (" + real.size() + " labelled minutes of " + sources.size()
                + " region(s) and " + (pooled.size() - real.size()) + " synthetic incidents, " + dirBytes(out) / 1024 + " KiB)");
        lines.addAll(inSample.table(COMMAND + ": in-sample, labelled minutes (optimistic; evaluate on an unseen region with train-router)"));
        lines.forEach(l -> LOG.info("{}", l));
        return lines;
    }

    /** The {@code ip_attributes} snapshot of a source's date, the topology its synthetic incidents are injected on. */
    static AttributeSnapshots.Day sourceAttributes(BatchRun run) {
        Path dir = LakeTables.partitionDir(run.lake(), LakeLayout.IP_ATTRIBUTES, run.date());
        if (!Files.isDirectory(dir)) {
            throw new BatchException("no " + LakeLayout.IP_ATTRIBUTES + " partition for " + run.date() + " in " + run.lake()
                    + ": the synthetic incidents of that source need its topology");
        }
        return AttributeSnapshots.of(Map.of(run.date().toString(), LakeReaders.readIpAttributes(dir))).day(run.date().toString());
    }

    /** {@code out} must be absent, empty, or an earlier router (it is replaced). */
    static void requireReplaceable(Path out) {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new BatchException("--out " + out + " is a file");
        }
        try (Stream<Path> s = Files.list(out)) {
            boolean empty = s.findAny().isEmpty();
            if (!empty && !RouterModelIo.exists(out)) {
                throw new BatchException("--out " + out + " is neither empty nor a router directory (no router.json): refusing to replace it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + out, e);
        }
    }

    private static void clear(Path out) {
        LakeTables.deleteRecursively(out);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
    }

    static long dirBytes(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }
}
