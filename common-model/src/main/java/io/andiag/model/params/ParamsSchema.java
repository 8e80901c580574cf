package io.andiag.model.params;

import java.util.List;

/**
 * Column names of the parameter tables, declared once for the Spark jobs that write them and
 * {@link ParameterSetLoader} that reads them; docs/lake.md documents every column. Types are plain Parquet types
 * (string, int32, int64, double, list of double, list of string) so parquet-java, DuckDB and pyarrow read them.
 */
public final class ParamsSchema {

    private ParamsSchema() {
    }

    // series_profile (one row per profiled series: at least one retransmission in the history)
    public static final String SERIES_KEY = "series_key";
    public static final String IP = "ip";
    public static final String SCENARIO = "scenario";
    public static final String TYPE = "type";
    public static final String FREQUENCY_LEVEL = "frequency_level";
    public static final String FREQ_SHARE = "freq_share";
    public static final String OBSERVED_MINUTES = "observed_minutes";
    public static final String NONZERO_MINUTES = "nonzero_minutes";
    public static final String PATTERN = "pattern";
    public static final String CLUSTER = "cluster";
    public static final String CV = "cv";
    public static final String SEASONALITY = "seasonality";
    public static final String MEAN_SHIFT = "mean_shift";
    public static final String TREND = "trend";
    public static final String QUALITY = "quality";

    public static final List<String> SERIES_PROFILE_COLUMNS = List.of(SERIES_KEY, IP, SCENARIO, TYPE, FREQUENCY_LEVEL, FREQ_SHARE,
            OBSERVED_MINUTES, NONZERO_MINUTES, PATTERN, CLUSTER, CV, SEASONALITY, MEAN_SHIFT, TREND, QUALITY);

    // series_noise (one row per profiled series)
    public static final String KIND = "kind";
    public static final String SLOTS = "slots";
    public static final String BASELINE = "baseline";
    public static final String SPREAD = "spread";
    public static final String PENALTY = "penalty";
    public static final String SCALE = "scale";

    public static final List<String> SERIES_NOISE_COLUMNS = List.of(SERIES_KEY, KIND, SLOTS, BASELINE, SPREAD, PENALTY, SCALE);

    // detector_forest (one row per node)
    public static final String TREE_ID = "tree_id";
    public static final String NODE_ID = "node_id";
    public static final String FEATURE = "feature";
    public static final String THRESHOLD = "threshold";
    public static final String LEFT = "left";
    public static final String RIGHT = "right";
    public static final String SIZE = "size";

    public static final List<String> DETECTOR_FOREST_COLUMNS = List.of(TREE_ID, NODE_ID, FEATURE, THRESHOLD, LEFT, RIGHT, SIZE);

    // detector (exactly one row)
    public static final String FEATURE_NAMES = "feature_names";
    public static final String FEATURE_SCHEMA_VERSION = "feature_schema_version";
    public static final String NUM_TREES = "num_trees";
    public static final String SAMPLE_SIZE = "sample_size";
    public static final String SEED = "seed";
    public static final String TARGET_SHARE = "target_share";
    public static final String FLAGGED_SHARE_IP_MINUTE = "flagged_share_ip_minute";
    public static final String MAX_FLAGGED_SHARE_IP_MINUTE = "max_flagged_share_ip_minute";
    public static final String TRAINED_ROWS = "trained_rows";
    public static final String LABELLED_ROWS = "labelled_rows";
    public static final String CALIBRATION_MINUTES = "calibration_minutes";
    public static final String CALIBRATION_IP_MINUTES = "calibration_ip_minutes";
    public static final String FEATURE_MEANS = "feature_means";
    public static final String FEATURE_STDS = "feature_stds";
    public static final String WINDOW_MINUTES = "window_minutes";
    public static final String COLD_START_BASELINE = "cold_start_baseline";
    public static final String COLD_START_SPREAD = "cold_start_spread";
    public static final String COLD_START_PENALTY = "cold_start_penalty";
    public static final String COLD_START_QUALITY = "cold_start_quality";
    public static final String COLD_START_LEVEL = "cold_start_level";

    public static final List<String> DETECTOR_COLUMNS = List.of(THRESHOLD, FEATURE_NAMES, FEATURE_SCHEMA_VERSION, NUM_TREES,
            SAMPLE_SIZE, SEED, TARGET_SHARE, FLAGGED_SHARE_IP_MINUTE, MAX_FLAGGED_SHARE_IP_MINUTE, TRAINED_ROWS, LABELLED_ROWS,
            CALIBRATION_MINUTES, CALIBRATION_IP_MINUTES, FEATURE_MEANS, FEATURE_STDS, WINDOW_MINUTES, COLD_START_BASELINE,
            COLD_START_SPREAD, COLD_START_PENALTY, COLD_START_QUALITY, COLD_START_LEVEL);

    /** The columns of a parameter table named in {@link ParamsLayout}. */
    public static List<String> columns(String table) {
        return switch (table) {
            case ParamsLayout.SERIES_PROFILE -> SERIES_PROFILE_COLUMNS;
            case ParamsLayout.SERIES_NOISE -> SERIES_NOISE_COLUMNS;
            case ParamsLayout.DETECTOR_FOREST -> DETECTOR_FOREST_COLUMNS;
            case ParamsLayout.DETECTOR -> DETECTOR_COLUMNS;
            default -> throw new IllegalArgumentException("unknown parameter table '" + table + "', known: " + ParamsLayout.TABLES);
        };
    }
}
