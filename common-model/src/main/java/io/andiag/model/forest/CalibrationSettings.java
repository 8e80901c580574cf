package io.andiag.model.forest;

import io.andiag.model.config.Param;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** How the detector's score threshold is chosen on normal history (see {@link ThresholdCalibrator}). */
public record CalibrationSettings(double targetShare, double minuteQuantile, double minThreshold) implements Serializable {

    public static final Param<Double> TARGET_SHARE = Param.closedOpen("detection.threshold.target_share", 0.005, 0, 1,
            "largest share of a minute's IPs the threshold may flag on normal history");
    public static final Param<Double> MINUTE_QUANTILE = Param.openClosed("detection.threshold.minute_quantile", 1.0, 0, 1,
            "share of history minutes that must meet target_share (1 = every minute)");
    public static final Param<Double> MIN = Param.closed("detection.threshold.min", 0.5, 0, 1,
            "lowest threshold ever used (a score <= 0.5 has no distinct anomaly)");

    public static final List<Param<?>> PARAMS = List.of(TARGET_SHARE, MINUTE_QUANTILE, MIN);

    private static final CalibrationSettings DEFAULTS = from(Map.of());

    public CalibrationSettings {
        TARGET_SHARE.check(targetShare);
        MINUTE_QUANTILE.check(minuteQuantile);
        MIN.check(minThreshold);
    }

    public static CalibrationSettings defaults() {
        return DEFAULTS;
    }

    public static CalibrationSettings from(Map<String, ?> props) {
        return new CalibrationSettings(TARGET_SHARE.read(props), MINUTE_QUANTILE.read(props), MIN.read(props));
    }
}
