package io.andiag.bench.peers;

import io.andiag.bench.Options;
import io.andiag.model.forest.CalibrationSettings;
import io.andiag.model.forest.ThresholdCalibrator;
import io.andiag.model.label.IncidentLabel;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReaders;
import io.andiag.model.params.ParameterSet;
import io.andiag.model.params.ParameterSetLoader;
import org.openjdk.jol.info.GraphLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * AND's detector, Random Cut Forest and a windowed Gaussian side by side, in one run, on the same minute series of a
 * simulated lake and the same scorecard ({@link Scorecard}). Prints a human summary and, last, one JSON line
 * starting with {@code RESULT }.
 *
 * <pre>
 * java -cp and-bench.jar io.andiag.bench.peers.PeerComparison --lake DIR --day YYYY-MM-DD [options]
 * </pre>
 * The lake needs the evaluation day and the day before (warm-up) in retx_counters, series_truth and labels of the
 * day, and a published parameter set (params/LATEST) trained on days before the evaluation day.
 */
public final class PeerComparison {

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("lake", null);
        DEFAULTS.put("day", null);
        DEFAULTS.put("warm-minutes", "480");
        DEFAULTS.put("ip-stride", "1");
        DEFAULTS.put("calibration-minutes", "240");
        DEFAULTS.put("rcf-trees", "50");
        DEFAULTS.put("rcf-sample-size", "256");
        DEFAULTS.put("rcf-shingle", "4");
        DEFAULTS.put("gaussian-window", "60");
        DEFAULTS.put("gaussian-sigma-floor", "1.0");
        DEFAULTS.put("gaussian-k", "3.0");
        DEFAULTS.put("state-samples", "100");
        DEFAULTS.put("seed", "7");
    }

    private PeerComparison() {
    }

    /** What one detector did over the whole region. */
    /**
     * What one detector did over the whole region. Speed is per CPU second of the scoring thread: the machine is
     * shared, and wall time would mostly measure the other jobs; wall seconds are reported too.
     */
    record Run(SeriesDetector detector, float[][] ipMax, long points, long cpuNanos, long wallNanos,
               double heapStateBytes, double serializedStateBytes) {

        double pointsPerSecond() {
            return points / (cpuNanos / 1e9);
        }
    }

    public static void main(String[] args) {
        Options o = Options.parse(args, DEFAULTS);
        Path lake = Path.of(o.get("lake"));
        LocalDate day = LocalDate.parse(o.get("day"));
        int warm = o.getInt("warm-minutes");
        int calibration = o.getInt("calibration-minutes");
        if (calibration < 1 || calibration > warm) {
            throw new IllegalArgumentException("--calibration-minutes must be in [1, --warm-minutes], got " + calibration);
        }

        long t0 = System.nanoTime();
        ParameterSet set = ParameterSetLoader.loadLatest(lake);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        MinuteMatrix m = MinuteMatrix.load(lake, day, warm, o.getInt("ip-stride"));
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        List<IncidentLabel> labels = LakeReaders.readLabels(lake.resolve(LakeLayout.LABELS).resolve("dt=" + day));
        Scorecard card = new Scorecard(m, labels);
        System.out.printf(Locale.ROOT, "region: %d IPs, %d series, %d minutes (%d warm-up), %d counter rows read in "
                        + "%.1f s; parameter set %s loaded in %.2f s (%d series); %d incident IP-minutes%n",
                m.ipCount(), m.seriesCount(), m.minutes(), warm, m.rowsRead(), readSeconds, set.version(),
                loadSeconds, set.noiseModels().size(), card.positives());

        long seed = o.getLong("seed");
        IsolationForestDetector ours = new IsolationForestDetector(set);
        RandomCutForestDetector rcf = new RandomCutForestDetector(o.getInt("rcf-trees"),
                o.getInt("rcf-sample-size"), o.getInt("rcf-shingle"), seed);
        int gaussianWindow = o.getInt("gaussian-window");
        WindowedGaussianDetector gaussian = new WindowedGaussianDetector(gaussianWindow,
                o.getDouble("gaussian-sigma-floor"));
        int samples = o.getInt("state-samples");

        Run runOurs = run(m, ours, samples, s -> {
            IsolationForestDetector.State st = ours.lastState();
            return st.window().serializedSize();
        });
        Run runRcf = run(m, rcf, samples, s -> RandomCutForestDetector.serializedStateBytes(rcf.lastState()));
        // ring of ints + sum, sum of squares (longs) + fill count (int)
        Run runGauss = run(m, gaussian, samples, s -> 4 * gaussianWindow + 8 + 8 + 4);

        double paramBytesPerSeries = (double) directoryBytes(lake.resolve("params").resolve(set.version()))
                / set.noiseModels().size();

        // thresholds: ours as published; the peers calibrated by the same rule (ThresholdCalibrator, defaults) on
        // the last calibration minutes of the warm-up; and every peer again at our alarm budget
        double oursThreshold = set.detector().threshold();
        Scorecard.Result oursResult = card.at(evalView(m, runOurs.ipMax()), oursThreshold);
        Map<String, Scorecard.Result> results = new LinkedHashMap<>();
        results.put("and", oursResult);
        for (Run r : List.of(runRcf, runGauss)) {
            float[][] eval = evalView(m, r.ipMax());
            results.put(r.detector().name() + "_calibrated", card.at(eval, calibrate(m, r.ipMax(), calibration)));
            results.put(r.detector().name() + "_same_budget",
                    card.at(eval, Scorecard.thresholdForBudget(eval, oursResult.flagged())));
        }
        results.put("gaussian_k", card.at(evalView(m, runGauss.ipMax()), o.getDouble("gaussian-k")));
        // and the other way round: ours at the alarm budget of the calibrated Gaussian (which flags fewer)
        float[][] oursEval = evalView(m, runOurs.ipMax());
        results.put("and_at_gaussian_calibrated_budget", card.at(oursEval,
                Scorecard.thresholdForBudget(oursEval, results.get("gaussian_calibrated").flagged())));

        System.out.println();
        System.out.printf(Locale.ROOT, "%-22s %12s %14s %14s%n", "detector", "points/s", "heap B/series",
                "stored B/series");
        for (Run r : List.of(runOurs, runRcf, runGauss)) {
            System.out.printf(Locale.ROOT, "%-22s %12.0f %14.0f %14.0f   %s%n", r.detector().name(),
                    r.pointsPerSecond(), r.heapStateBytes(), r.serializedStateBytes(), r.detector().settings());
        }
        System.out.printf(Locale.ROOT, "and parameters on disk: %.0f B/series%n%n", paramBytesPerSeries);
        System.out.printf(Locale.ROOT, "%-22s %10s %9s %9s %7s %11s %8s %10s%n", "scorecard", "threshold",
                "precision", "recall", "F1", "incidents", "benign", "normal%");
        results.forEach((name, r) -> System.out.printf(Locale.ROOT, "%-22s %10.4g %9.3f %9.3f %7.3f %5d / %-3d %3d / %-3d %9.4f%n",
                name, r.threshold(), r.precision(), r.recall(), r.f1(), r.incidentsFound(), r.incidents(),
                r.benignAlerted(), r.benign(), 100 * r.normalFlagShare()));

        StringBuilder json = new StringBuilder();
        json.append(String.format(Locale.ROOT, "{\"bench\":\"peers\",\"lake\":\"%s\",\"day\":\"%s\",\"ips\":%d,"
                        + "\"ip_stride\":%d,\"series\":%d,\"minutes\":%d,\"warm_minutes\":%d,\"param_version\":\"%s\","
                        + "\"param_load_s\":%.3f,\"param_bytes_per_series\":%.1f,\"incident_ip_minutes\":%d,",
                lake, day, m.ipCount(), o.getInt("ip-stride"), m.seriesCount(), m.minutes(), warm, set.version(), loadSeconds,
                paramBytesPerSeries, card.positives()));
        json.append("\"detectors\":{");
        List<String> parts = new ArrayList<>();
        for (Run r : List.of(runOurs, runRcf, runGauss)) {
            parts.add(String.format(Locale.ROOT, "\"%s\":{\"settings\":\"%s\",\"points\":%d,\"cpu_s\":%.3f,\"wall_s\":%.3f,"
                            + "\"points_per_s\":%.1f,\"heap_state_bytes_per_series\":%.1f,"
                            + "\"stored_state_bytes_per_series\":%.1f}", r.detector().name(), r.detector().settings(),
                    r.points(), r.cpuNanos() / 1e9, r.wallNanos() / 1e9, r.pointsPerSecond(), r.heapStateBytes(), r.serializedStateBytes()));
        }
        json.append(String.join(",", parts)).append("},\"ratios_ours_over_peer\":{");
        parts.clear();
        for (Run r : List.of(runRcf, runGauss)) {
            parts.add(String.format(Locale.ROOT, "\"%s\":{\"points_per_s\":%.3f,\"heap_state_bytes\":%.5f,"
                            + "\"stored_state_bytes\":%.5f}", r.detector().name(),
                    runOurs.pointsPerSecond() / r.pointsPerSecond(), runOurs.heapStateBytes() / r.heapStateBytes(),
                    runOurs.serializedStateBytes() / r.serializedStateBytes()));
        }
        json.append(String.join(",", parts)).append("},\"quality\":{");
        parts.clear();
        results.forEach((name, r) -> parts.add("\"" + name + "\":" + r.json()));
        json.append(String.join(",", parts)).append("}}");
        System.out.println();
        System.out.println("RESULT " + json);
    }

    interface StoredBytes {
        double of(int series);
    }

    private static Run run(MinuteMatrix m, SeriesDetector d, int samples, StoredBytes stored) {
        int minutes = m.minutes();
        float[][] ipMax = new float[m.ipCount()][minutes];
        for (float[] row : ipMax) {
            Arrays.fill(row, Float.NaN);
        }
        float[] scores = new float[minutes];
        int stride = Math.max(1, m.seriesCount() / Math.max(1, samples));
        double heap = 0;
        double bytes = 0;
        int sampled = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = 0;
        long wall = 0;
        for (int s = 0; s < m.seriesCount(); s++) {
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            d.run(m, s, scores);
            wall += System.nanoTime() - t;
            cpu += threads.getCurrentThreadCpuTime() - c;
            float[] row = ipMax[m.ipOf(s)];
            for (int i = 0; i < minutes; i++) {
                float v = scores[i];
                if (!Float.isNaN(v) && (Float.isNaN(row[i]) || v > row[i])) {
                    row[i] = v;
                }
            }
            if (s % stride == 0) {
                heap += GraphLayout.parseInstance(d.lastState()).totalSize();
                bytes += stored.of(s);
                sampled++;
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d series x %d minutes in %.1f CPU s (%.1f s wall)%n", d.name(),
                m.seriesCount(), minutes, cpu / 1e9, wall / 1e9);
        return new Run(d, ipMax, (long) m.seriesCount() * minutes, cpu, wall, heap / sampled, bytes / sampled);
    }

    /** The peer's threshold by AND's own rule, on the last {@code minutes} minutes of the warm-up. */
    private static double calibrate(MinuteMatrix m, float[][] ipMax, int minutes) {
        ThresholdCalibrator calibrator = new ThresholdCalibrator(new CalibrationSettings(
                CalibrationSettings.TARGET_SHARE.defaultValue(), CalibrationSettings.MINUTE_QUANTILE.defaultValue(),
                0.0));
        double[] perMinute = new double[minutes];
        double[] ipScores = new double[m.ipCount()];
        for (int k = 0; k < minutes; k++) {
            int minute = m.warmMinutes() - minutes + k;
            for (int i = 0; i < ipScores.length; i++) {
                float v = ipMax[i][minute];
                ipScores[i] = Float.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
            }
            perMinute[k] = calibrator.minuteThreshold(ipScores);
        }
        return calibrator.combine(perMinute);
    }

    private static float[][] evalView(MinuteMatrix m, float[][] ipMax) {
        float[][] out = new float[ipMax.length][];
        for (int i = 0; i < ipMax.length; i++) {
            out[i] = Arrays.copyOfRange(ipMax[i], m.warmMinutes(), m.warmMinutes() + 1440);
        }
        return out;
    }

    private static long directoryBytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
