package io.andiag.batch.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.andiag.batch.BatchException;
import io.andiag.batch.BatchRun;
import io.andiag.batch.BuildInfo;
import io.andiag.batch.StepReport;
import io.andiag.batch.detector.TrainDetectorJob;
import io.andiag.batch.noise.NoiseJob;
import io.andiag.batch.profile.ProfileJob;
import io.andiag.batch.spark.LakeTables;
import io.andiag.model.features.FeatureSchema;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReader;
import io.andiag.model.noise.NoiseModel;
import io.andiag.model.params.InvalidParameterSetException;
import io.andiag.model.params.Manifest;
import io.andiag.model.params.ParameterSet;
import io.andiag.model.params.ParameterSetLoader;
import io.andiag.model.params.ParamsLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Step {@code publish} (plain Java, no Spark): checks the candidate of the serve date and makes it the published set.
 *
 * <ol>
 *   <li>Refuses, leaving the published sets and {@code LATEST} untouched, when: a step has not run for this candidate
 *       or ran for another history or with other settings; an input partition of the history is missing; a table is
 *       missing, incomplete, empty or has another row count than its step wrote; too few IPs or series were seen
 *       ({@link #inspect}); the {@link QualityGate} blocks it (the same gate {@code validate} runs on its own).</li>
 *   <li>Copies the tables to {@code params/.staging-<version>/}, writes {@code manifest.json} last, and loads the
 *       staged set with {@link ParameterSetLoader} exactly as the speed layer will (refusing on any problem). The
 *       manifest records the gate's metrics and checks ({@code quality}), which the next night's gate compares with.</li>
 *   <li>Renames the staged directory to {@code params/<version>} (atomic on one file system), then replaces
 *       {@code params/LATEST} atomically (temp file + atomic move).</li>
 * </ol>
 */
public final class PublishJob {

    public static final String STEP = "publish";
    private static final Logger LOG = LoggerFactory.getLogger(PublishJob.class);
    static final String STAGING_PREFIX = ".staging-";

    private PublishJob() {
    }

    /**
     * A candidate that passed the structural checks: its step reports (profile, noise, train-detector, and the router
     * step's when it ran), the row count of each table, and the metrics the quality gate compares.
     */
    record Inspected(Map<String, ObjectNode> reports, Map<String, Long> rows, QualityGate.Metrics metrics) {
    }

    /**
     * Everything publish checks before the quality gate, shared with {@code validate}: the candidate exists, every step
     * ran on this history with the same settings, the input partitions and the candidate tables are complete, and
     * there was enough input. Throws a {@link BatchException} naming the problem.
     */
    static Inspected inspect(BatchRun run, PublishSettings settings) {
        Path candidate = run.candidateDir();
        if (!Files.isDirectory(candidate)) {
            throw new BatchException("no candidate for serve date " + run.serveDate() + " (" + candidate
                    + " does not exist): run the profile, noise and train-detector steps for --date " + run.date() + " first");
        }
        Map<String, ObjectNode> reports = new LinkedHashMap<>();
        for (String step : List.of(ProfileJob.STEP, NoiseJob.STEP, TrainDetectorJob.STEP)) {
            ObjectNode r = StepReport.load(candidate, step);
            if (r == null) {
                throw new BatchException("step " + step + " has not run for serve date " + run.serveDate() + " (no "
                        + ParamsLayout.stepReport(candidate, step) + "): run `andiag batch " + step + " --lake " + run.lake()
                        + " --date " + run.date() + "` first");
            }
            reports.put(step, r);
        }
        ObjectNode profile = reports.get(ProfileJob.STEP);
        ObjectNode detector = reports.get(TrainDetectorJob.STEP);
        checkHistory(run, profile);
        checkSameSettings(reports);

        List<String> missing = LakeTables.missing(run.lake(), LakeLayout.RETX_COUNTERS, run.historyDates());
        if (!missing.isEmpty()) {
            throw new BatchException("input partition(s) of the history are missing: " + String.join(", ", missing));
        }

        Map<String, Long> rows = checkTables(run, reports);
        long ips = profile.path("stats").path("ips_observed").asLong(-1);
        long series = profile.path("stats").path("series_profiled").asLong(-1);
        if (ips < settings.minIps()) {
            throw new BatchException("insufficient input: " + ips + " IPs with a heartbeat in the history " + run.historyStart() + ".."
                    + run.date() + ", at least " + settings.minIps() + " required (--min-ips)");
        }
        if (series < settings.minSeries()) {
            throw new BatchException("insufficient input: " + series + " series with retransmissions in the history, at least "
                    + settings.minSeries() + " required (--min-series)");
        }
        ObjectNode router = StepReport.load(candidate, QualityGate.ROUTER_STEP);
        return new Inspected(reports, rows, QualityGate.Metrics.fromReports(profile, detector, router));
    }

    /**
     * Runs the quality gate on an inspected candidate against the current LATEST, logs every check and the decision.
     */
    static QualityGate.Decision gate(String step, BatchRun run, PublishSettings settings, Inspected inspected) {
        QualityGate.Decision d = QualityGate.evaluate(inspected.metrics(), latestBaseline(run.lake()), settings);
        for (QualityGate.Check c : d.checks()) {
            LOG.info("{}: gate check {} {}: {}", step, c.name(), c.outcome(), c.detail());
        }
        String against = d.latest().map(b -> "LATEST " + b.version()).orElse("no LATEST");
        if (d.passed()) {
            LOG.info("{}: gate decision PASS for serve date {} (compared with {})", step, run.serveDate(), against);
        } else {
            LOG.warn("{}: gate decision BLOCKED for serve date {} (compared with {}): {}", step, run.serveDate(), against, d.refusal());
        }
        return d;
    }

    /** Publishes the candidate of {@code run}; returns the new version. */
    public static String run(BatchRun run, PublishSettings settings, StepReport report) {
        Path candidate = run.candidateDir();
        Inspected inspected = inspect(run, settings);
        Map<String, ObjectNode> reports = inspected.reports();
        Map<String, Long> rows = inspected.rows();
        double flagged = inspected.metrics().flaggedShare();
        QualityGate.Decision decision = gate(STEP, run, settings, inspected);
        report.stat("flagged_share_ip_minute", flagged);
        decision.latest().ifPresent(b -> report.stat("latest_flagged_share_ip_minute", b.metrics().flaggedShare()));
        if (!decision.passed()) {
            throw new BatchException(decision.refusal());
        }

        String version = ParamsLayout.version(run.serveDate(), run.runStart());
        Path params = ParamsLayout.paramsDir(run.lake());
        Path target = params.resolve(version);
        if (Files.exists(target)) {
            throw new BatchException("version " + version + " already exists (" + target + "); publish again in a second");
        }
        Path staging = params.resolve(STAGING_PREFIX + version);
        try {
            LakeTables.deleteRecursively(staging);
            Files.createDirectories(staging);
            for (String table : ParamsLayout.TABLES) {
                copyTree(run.candidateTable(table), staging.resolve(table));
            }
            ObjectNode details = details(run, reports, flagged);
            details.set(QualityGate.MANIFEST_FIELD, decision.toJson());
            ArrayNode extras = details.putArray("optional_dirs");
            for (String dir : ParamsLayout.OPTIONAL_DIRS) {
                if (Files.isDirectory(candidate.resolve(dir))) {
                    copyTree(candidate.resolve(dir), staging.resolve(dir));
                    extras.add(dir);
                    LOG.info("{}: carrying {}/ of the candidate into the set", STEP, dir);
                }
            }
            Manifest manifest = Manifest.of(version, run.serveDate(), Instant.now(), BuildInfo.codeVersion(), rows, details);
            Files.writeString(staging.resolve(ParamsLayout.MANIFEST), manifest.toJson(), StandardCharsets.UTF_8);
            ParameterSet loaded;
            try {
                loaded = ParameterSetLoader.loadDir(staging);
            } catch (InvalidParameterSetException e) {
                throw new BatchException("the candidate does not load as a parameter set: " + e.getMessage(), e);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("{}: {} is in place ({})", STEP, target, loaded);
            writeLatest(run.lake(), version);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + version + " under " + params, e);
        } finally {
            LakeTables.deleteRecursively(staging);
        }
        report.stat("version", version);
        rows.forEach((t, n) -> report.wrote(t, target.resolve(t).toString(), n));
        LOG.info("{}: LATEST -> {}", STEP, version);
        return version;
    }

    private static void checkHistory(BatchRun run, ObjectNode profile) {
        JsonNode h = profile.path("stats").path("history");
        if (!run.historyStart().toString().equals(h.path("start").asText()) || !run.date().toString().equals(h.path("end").asText())) {
            throw new BatchException("the candidate for " + run.serveDate() + " was profiled on the history " + h.path("start").asText()
                    + ".." + h.path("end").asText() + ", not " + run.historyStart() + ".." + run.date()
                    + ": re-run the steps with the same --date and --history-days");
        }
    }

    private static void checkSameSettings(Map<String, ObjectNode> reports) {
        JsonNode first = null;
        String firstStep = null;
        for (Map.Entry<String, ObjectNode> e : reports.entrySet()) {
            JsonNode s = e.getValue().path("stats").path("settings");
            if (first == null) {
                first = s;
                firstStep = e.getKey();
            } else if (!first.equals(s)) {
                throw new BatchException("steps " + firstStep + " and " + e.getKey() + " ran with different detection settings (--conf): "
                        + "re-run them with the same settings");
            }
        }
    }

    private static Map<String, Long> checkTables(BatchRun run, Map<String, ObjectNode> reports) {
        Map<String, Long> written = new LinkedHashMap<>();
        for (ObjectNode r : reports.values()) {
            for (JsonNode w : r.path("wrote")) {
                written.put(w.path("table").asText(), w.path("rows").asLong());
            }
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : ParamsLayout.TABLES) {
            Path dir = run.candidateTable(table);
            if (!Files.isRegularFile(dir.resolve(LakeLayout.SUCCESS_MARKER))) {
                throw new BatchException("candidate table " + table + " is missing or incomplete (" + dir + ")");
            }
            long n = LakeReader.count(dir);
            if (n == 0) {
                throw new BatchException("candidate table " + table + " is empty (" + dir + ")");
            }
            Long expected = written.get(table);
            if (expected == null || expected != n) {
                throw new BatchException("candidate table " + table + " has " + n + " rows but its step reported " + expected
                        + ": it was rewritten by another run; re-run the steps");
            }
            rows.put(table, n);
        }
        return rows;
    }

    /** The set LATEST names and its metrics, from its manifest; empty when there is none or it cannot be read. */
    static Optional<QualityGate.Baseline> latestBaseline(Path lake) {
        try {
            Optional<String> latest = ParameterSetLoader.latestVersion(lake);
            if (latest.isEmpty()) {
                return Optional.empty();
            }
            Path manifest = ParamsLayout.versionDir(lake, latest.get()).resolve(ParamsLayout.MANIFEST);
            Manifest m = Manifest.parse(Files.readString(manifest, StandardCharsets.UTF_8));
            return Optional.of(new QualityGate.Baseline(m.version(), QualityGate.Metrics.fromManifest(m.details())));
        } catch (RuntimeException | IOException e) {
            LOG.warn("{}: cannot read the current LATEST to compare with ({}); comparing with nothing", STEP, e.getMessage());
            return Optional.empty();
        }
    }

    private static ObjectNode details(BatchRun run, Map<String, ObjectNode> reports, double flagged) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode d = f.objectNode();
        ObjectNode profileStats = (ObjectNode) reports.get(ProfileJob.STEP).path("stats");
        ObjectNode detectorStats = (ObjectNode) reports.get(TrainDetectorJob.STEP).path("stats");
        ObjectNode history = d.putObject("history");
        history.put("start", run.historyStart().toString());
        history.put("end", run.date().toString());
        history.put("days", run.historyDays());
        ArrayNode dates = history.putArray("dates");
        run.historyDates().forEach(x -> dates.add(x.toString()));
        ArrayNode inputs = d.putArray("inputs");
        for (ObjectNode r : reports.values()) {
            for (JsonNode read : r.path("read")) {
                String table = read.path("table").asText();
                if (!table.startsWith("series_")) {
                    ObjectNode in = inputs.addObject();
                    in.put("step", r.path("step").asText());
                    in.put("table", table);
                    in.put("partition", read.path("what").asText());
                    in.put("rows", read.path("rows").asLong());
                }
            }
        }
        d.put("ips_observed", profileStats.path("ips_observed").asLong());
        d.put("ips_with_retx", profileStats.path("ips_with_retx").asLong());
        d.put("series_profiled", profileStats.path("series_profiled").asLong());
        d.set("pattern_mix", profileStats.path("pattern_mix").deepCopy());
        d.set("clustering", profileStats.path("clustering").deepCopy());
        d.set("noise_kinds", reports.get(NoiseJob.STEP).path("stats").path("kind_mix").deepCopy());
        ObjectNode det = d.putObject("detector");
        JsonNode cal = detectorStats.path("calibration");
        det.put("threshold", cal.path("threshold").asDouble());
        det.put("flagged_share_ip_minute", flagged);
        det.put("max_flagged_share_ip_minute", cal.path("max_flagged_share_ip_minute").asDouble());
        det.put("target_share", cal.path("target_share").asDouble());
        d.set("calibration", cal.deepCopy());
        d.set("training", detectorStats.path("training").deepCopy());
        d.set("cold_start_prior", detectorStats.path("cold_start_prior").deepCopy());
        d.set("settings", profileStats.path("settings").deepCopy());
        ObjectNode formats = d.putObject("formats");
        formats.put("feature_schema", FeatureSchema.VERSION);
        formats.put("noise_model", NoiseModel.FORMAT_VERSION);
        ObjectNode steps = d.putObject("steps");
        reports.forEach((step, r) -> {
            ObjectNode s = steps.putObject(step);
            s.put("wall_ms", r.path("wall_ms").asLong());
            s.set("read", r.path("read").deepCopy());
            s.set("wrote", r.path("wrote").deepCopy());
        });
        return d;
    }

    /** Copies a directory tree (data files, markers, checksums). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Replaces {@code params/LATEST} atomically: a reader sees the old version or the new one, never a partial file. */
    static void writeLatest(Path lake, String version) throws IOException {
        ParamsLayout.requireVersion(version);
        Path latest = ParamsLayout.latestFile(lake);
        Path tmp = Files.createTempFile(latest.getParent(), ".LATEST-", ".tmp");
        try {
            Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, latest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
