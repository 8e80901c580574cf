package io.andiag.model.params;

import io.andiag.model.features.FeatureSchema;
import io.andiag.model.features.ScoringProfile;
import io.andiag.model.forest.AnomalyDetector;
import io.andiag.model.forest.ForestNode;
import io.andiag.model.forest.IsolationForest;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReader;
import io.andiag.model.lake.LakeRow;
import io.andiag.model.noise.ColdStartPrior;
import io.andiag.model.noise.NoiseModel;
import io.andiag.model.profile.Pattern;
import io.andiag.model.profile.ShapeFeatures;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.series.FrequencyLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads parameter sets without Spark (parquet-java through the lake reader) and refuses any set that is not complete
 * and consistent, with an {@link InvalidParameterSetException} naming the version and the problem:
 * <ul>
 *   <li>{@code params/LATEST} missing, not a version, or naming a directory that does not exist;</li>
 *   <li>no {@code manifest.json} (a half-written set: the manifest is written last), or a manifest of another
 *       version or format;</li>
 *   <li>a table missing or empty, or with another row count than the manifest says;</li>
 *   <li>a row that does not parse (unknown level, pattern, kind; an invalid noise model), duplicate series keys, a
 *       profiled series without a noise model or the reverse;</li>
 *   <li>a forest that is not a forest (node ids, children, reachability), another number of trees than the detector
 *       row says, or feature names other than {@link FeatureSchema#NAMES}; not exactly one detector row.</li>
 * </ul>
 */
public final class ParameterSetLoader {

    private ParameterSetLoader() {
    }

    /** The version {@code params/LATEST} names, or empty when there is no LATEST yet. */
    public static Optional<String> latestVersion(Path lake) {
        Path latest = ParamsLayout.latestFile(lake);
        if (!Files.isRegularFile(latest)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(latest, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new InvalidParameterSetException(latest.toString(), "cannot read " + latest + ": " + e.getMessage(), e);
        }
        if (!ParamsLayout.isVersion(text)) {
            throw new InvalidParameterSetException(latest.toString(), "LATEST does not hold a version: '" + abbreviate(text) + "'");
        }
        return Optional.of(text);
    }

    /**
     * The set {@code params/LATEST} names.
     *
     * @throws InvalidParameterSetException when there is no LATEST, or the set it names is missing or invalid
     */
    public static ParameterSet loadLatest(Path lake) {
        String version = latestVersion(lake).orElseThrow(() -> new InvalidParameterSetException(
                ParamsLayout.latestFile(lake).toString(), "no published parameter set: " + ParamsLayout.latestFile(lake) + " does not exist"));
        Path dir = ParamsLayout.versionDir(lake, version);
        if (!Files.isDirectory(dir)) {
            throw new InvalidParameterSetException(version, "LATEST names " + version + " but " + dir + " does not exist");
        }
        return load(lake, version);
    }

    /** The set {@code params/<version>}. */
    public static ParameterSet load(Path lake, String version) {
        if (!ParamsLayout.isVersion(version)) {
            throw new InvalidParameterSetException(String.valueOf(version), "not a parameter-set version");
        }
        ParameterSet set = loadDir(ParamsLayout.versionDir(lake, version));
        if (!set.version().equals(version)) {
            throw new InvalidParameterSetException(version, "its manifest says version " + set.version());
        }
        return set;
    }

    /** The set in {@code dir} (a published version, or a staged one before publish moves it in place). */
    public static ParameterSet loadDir(Path dir) {
        String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        if (!Files.isDirectory(dir)) {
            throw new InvalidParameterSetException(name, dir + " does not exist");
        }
        Path manifestFile = dir.resolve(ParamsLayout.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new InvalidParameterSetException(name, "no " + ParamsLayout.MANIFEST + " in " + dir
                    + " (the manifest is written last: the set is half-written or was never completed)");
        }
        Manifest manifest;
        try {
            manifest = Manifest.parse(Files.readString(manifestFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidParameterSetException(name, "cannot read " + manifestFile + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterSetException(name, e.getMessage(), e);
        }
        String version = manifest.version();
        try {
            return read(dir, version, manifest);
        } catch (IllegalArgumentException | UncheckedIOException | ClassCastException | ArithmeticException e) {
            throw new InvalidParameterSetException(version, e.getMessage(), e);
        }
    }

    private static ParameterSet read(Path dir, String version, Manifest manifest) {
        for (String table : ParamsLayout.TABLES) {
            Path t = dir.resolve(table);
            if (!Files.isDirectory(t) || LakeLayout.dataFiles(t).isEmpty()) {
                throw new InvalidParameterSetException(version, "table " + table + " is missing (" + t + ")");
            }
            Long expected = manifest.tableRows().get(table);
            if (expected == null) {
                throw new InvalidParameterSetException(version, "the manifest has no row count for table " + table);
            }
            long rows = LakeReader.count(t);
            if (rows != expected) {
                throw new InvalidParameterSetException(version, "table " + table + " has " + rows + " rows, the manifest says " + expected);
            }
            if (rows == 0) {
                throw new InvalidParameterSetException(version, "table " + table + " is empty");
            }
        }

        Map<SeriesKey, SeriesProfile> profiles = new HashMap<>();
        LakeReader.forEach(dir.resolve(ParamsLayout.SERIES_PROFILE), ParamsSchema.SERIES_PROFILE_COLUMNS, r -> {
            SeriesProfile p = profileOf(r);
            if (profiles.put(p.key(), p) != null) {
                throw new IllegalArgumentException("series_profile has series " + p.key() + " twice");
            }
        });

        Map<SeriesKey, NoiseModel> noise = new HashMap<>();
        LakeReader.forEach(dir.resolve(ParamsLayout.SERIES_NOISE), ParamsSchema.SERIES_NOISE_COLUMNS, r -> {
            SeriesKey key = SeriesKey.parse(r.getString(ParamsSchema.SERIES_KEY));
            NoiseModel m = noiseOf(key, r);
            if (noise.put(key, m) != null) {
                throw new IllegalArgumentException("series_noise has series " + key + " twice");
            }
        });
        if (!profiles.keySet().equals(noise.keySet())) {
            Set<SeriesKey> onlyProfile = new HashSet<>(profiles.keySet());
            onlyProfile.removeAll(noise.keySet());
            Set<SeriesKey> onlyNoise = new HashSet<>(noise.keySet());
            onlyNoise.removeAll(profiles.keySet());
            throw new InvalidParameterSetException(version, "series_profile and series_noise disagree: " + onlyProfile.size()
                    + " profiled series without a noise model (e.g. " + first(onlyProfile) + "), " + onlyNoise.size()
                    + " noise models without a profile (e.g. " + first(onlyNoise) + ")");
        }

        List<LakeRow> detectorRows = LakeReader.readAll(dir.resolve(ParamsLayout.DETECTOR), ParamsSchema.DETECTOR_COLUMNS);
        if (detectorRows.size() != 1) {
            throw new InvalidParameterSetException(version, "table detector must have exactly one row, has " + detectorRows.size());
        }
        LakeRow d = detectorRows.get(0);
        DetectorInfo info = detectorInfoOf(d);
        FeatureSchema.requireCompatible(info.featureNames());

        List<ForestNode> nodes = new ArrayList<>();
        Set<Integer> trees = new HashSet<>();
        LakeReader.forEach(dir.resolve(ParamsLayout.DETECTOR_FOREST), ParamsSchema.DETECTOR_FOREST_COLUMNS, r -> {
            ForestNode n = new ForestNode(r.getInt(ParamsSchema.TREE_ID), r.getInt(ParamsSchema.NODE_ID), r.getInt(ParamsSchema.FEATURE),
                    r.getDouble(ParamsSchema.THRESHOLD), r.getInt(ParamsSchema.LEFT), r.getInt(ParamsSchema.RIGHT), r.getInt(ParamsSchema.SIZE));
            nodes.add(n);
            trees.add(n.treeId());
        });
        if (trees.size() != info.trees()) {
            throw new InvalidParameterSetException(version, "detector_forest holds " + trees.size() + " trees, the detector row says "
                    + info.trees());
        }
        IsolationForest forest = IsolationForest.of(nodes, info.sampleSize(), info.featureNames());
        AnomalyDetector detector = new AnomalyDetector(forest, info.threshold());

        ColdStartPrior prior = ColdStartPrior.of(doubles(d, ParamsSchema.COLD_START_BASELINE), doubles(d, ParamsSchema.COLD_START_SPREAD),
                d.getDouble(ParamsSchema.COLD_START_PENALTY), d.getDouble(ParamsSchema.COLD_START_QUALITY),
                FrequencyLevel.valueOf(d.getString(ParamsSchema.COLD_START_LEVEL)));

        Map<SeriesKey, ScoringProfile> scoring = new HashMap<>(profiles.size() * 2);
        for (SeriesProfile p : profiles.values()) {
            scoring.put(p.key(), new ScoringProfile(noise.get(p.key()), p.level(), p.quality()));
        }
        return new ParameterSet(version, manifest, profiles, noise, scoring, detector, info, prior);
    }

    static SeriesProfile profileOf(LakeRow r) {
        SeriesKey key = SeriesKey.parse(r.getString(ParamsSchema.SERIES_KEY));
        if (!key.ip().equals(r.getString(ParamsSchema.IP)) || !key.scenario().wireName().equals(r.getString(ParamsSchema.SCENARIO))
                || !key.type().wireName().equals(r.getString(ParamsSchema.TYPE))) {
            throw new IllegalArgumentException("series_profile row " + key + " disagrees with its ip/scenario/type columns");
        }
        return new SeriesProfile(key, enumOf(FrequencyLevel.class, r.getString(ParamsSchema.FREQUENCY_LEVEL), key),
                r.getDouble(ParamsSchema.FREQ_SHARE), r.getInt(ParamsSchema.OBSERVED_MINUTES), r.getInt(ParamsSchema.NONZERO_MINUTES),
                enumOf(Pattern.class, r.getString(ParamsSchema.PATTERN), key), r.getInt(ParamsSchema.CLUSTER),
                new ShapeFeatures(r.getDouble(ParamsSchema.CV), r.getDouble(ParamsSchema.SEASONALITY), r.getDouble(ParamsSchema.MEAN_SHIFT),
                        r.getDouble(ParamsSchema.TREND)),
                r.getDouble(ParamsSchema.QUALITY));
    }

    static NoiseModel noiseOf(SeriesKey key, LakeRow r) {
        NoiseModel.Kind kind = enumOf(NoiseModel.Kind.class, r.getString(ParamsSchema.KIND), key);
        double[] baseline = doubles(r, ParamsSchema.BASELINE);
        double[] spread = doubles(r, ParamsSchema.SPREAD);
        if (baseline.length != r.getInt(ParamsSchema.SLOTS)) {
            throw new IllegalArgumentException("series_noise row " + key + ": slots " + r.getInt(ParamsSchema.SLOTS) + " but "
                    + baseline.length + " baselines");
        }
        try {
            return NoiseModel.of(kind, baseline, spread, r.getDouble(ParamsSchema.PENALTY), r.getDouble(ParamsSchema.SCALE));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("series_noise row " + key + ": " + e.getMessage(), e);
        }
    }

    static DetectorInfo detectorInfoOf(LakeRow d) {
        return new DetectorInfo(d.getDouble(ParamsSchema.THRESHOLD), d.getStringList(ParamsSchema.FEATURE_NAMES),
                d.getInt(ParamsSchema.FEATURE_SCHEMA_VERSION), d.getInt(ParamsSchema.NUM_TREES), d.getInt(ParamsSchema.SAMPLE_SIZE),
                d.getLong(ParamsSchema.SEED), d.getDouble(ParamsSchema.TARGET_SHARE), d.getDouble(ParamsSchema.FLAGGED_SHARE_IP_MINUTE),
                d.getDouble(ParamsSchema.MAX_FLAGGED_SHARE_IP_MINUTE), d.getLong(ParamsSchema.TRAINED_ROWS),
                d.getLong(ParamsSchema.LABELLED_ROWS), d.getInt(ParamsSchema.CALIBRATION_MINUTES),
                d.getLong(ParamsSchema.CALIBRATION_IP_MINUTES), boxed(doubles(d, ParamsSchema.FEATURE_MEANS)),
                boxed(doubles(d, ParamsSchema.FEATURE_STDS)), d.getInt(ParamsSchema.WINDOW_MINUTES));
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String text, Object where) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(where + ": unknown " + type.getSimpleName() + " '" + text + "'");
        }
    }

    static double[] doubles(LakeRow r, String column) {
        List<Object> list = r.getList(column);
        if (list == null) {
            throw new IllegalArgumentException("column " + column + " is null");
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = list.get(i);
            if (!(o instanceof Number n)) {
                throw new IllegalArgumentException("column " + column + " element " + i + " is not a number: " + o);
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    private static List<Double> boxed(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(x);
        }
        return out;
    }

    private static String first(Set<SeriesKey> keys) {
        return keys.isEmpty() ? "-" : keys.iterator().next().toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
