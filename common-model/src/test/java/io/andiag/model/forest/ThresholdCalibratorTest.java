package io.andiag.model.forest;

import io.andiag.model.forest.ThresholdCalibrator.Calibration;
import io.andiag.model.forest.ThresholdCalibrator.ScoredRow;
import io.andiag.model.testing.SeriesGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThresholdCalibratorTest {

    /** The algorithm at a fixed target (0.5 %), independent of the default. */
    private static final CalibrationSettings SETTINGS = new CalibrationSettings(0.005, 1.0, 0.5);
    private final ThresholdCalibrator calibrator = new ThresholdCalibrator(SETTINGS);

    @Test
    void minuteThresholdSitsJustAboveTheFirstScoreNotAllowed() {
        // 400 IPs scoring 0.300 .. 0.699; target 0.5 % allows floor(2.0) = 2 flags: the threshold is just above the
        // 3rd highest score (0.697), so exactly 0.699 and 0.698 are flagged
        double[] scores = new double[400];
        for (int i = 0; i < 400; i++) {
            scores[i] = 0.300 + i / 1000.0;
        }
        double t = calibrator.minuteThreshold(scores);
        assertThat(t).isEqualTo(Math.nextUp(0.300 + 397 / 1000.0));
        assertThat(ThresholdCalibrator.flagged(scores, t)).isEqualTo(2);
    }

    @Test
    void thresholdNeverGoesBelowTheMinimum() {
        Calibration c = calibrator.calibrate(List.of(new ScoredRow(0, "a", 0.3), new ScoredRow(0, "b", 0.35)));
        // floor(0.005 * 2) = 0 flags allowed -> nextUp(0.35), raised to detection.threshold.min = 0.5
        assertThat(c.threshold()).isEqualTo(0.5);
        assertThat(c.maxFlaggedShare()).isZero();
    }

    @Test
    void ipIsScoredByItsHighestSeries() {
        List<ScoredRow> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(new ScoredRow(60_000, "ip" + i, 0.4));
            rows.add(new ScoredRow(60_000, "ip" + i, i == 7 ? 0.9 : 0.45));
        }
        // 200 IPs, one allowed flag: ip7 (0.9) is the only one above the 2nd highest IP score 0.45
        Calibration c = calibrator.calibrate(rows);
        assertThat(c.threshold()).isEqualTo(0.5);
        assertThat(c.ipMinutes()).isEqualTo(200);
        assertThat(c.maxFlaggedShare()).isEqualTo(1 / 200.0);
    }

    @Test
    void minuteQuantileUsesNearestRank() {
        ThresholdCalibrator median = new ThresholdCalibrator(
                CalibrationSettings.from(Map.of("detection.threshold.minute_quantile", "0.5")));
        // ceil(0.5 * 4) = 2nd smallest of {0.9, 0.6, 0.8, 0.7}
        assertThat(median.combine(new double[] {0.9, 0.6, 0.8, 0.7})).isEqualTo(0.7);
        assertThat(calibrator.combine(new double[] {0.9, 0.6, 0.8, 0.7})).isEqualTo(0.9);
        assertThatThrownBy(() -> calibrator.combine(new double[0])).hasMessage("cannot calibrate a threshold on an empty history");
    }

    @Test
    void flagsAtMostTheTargetShareOfIpsEveryMinuteOnNormalHistory() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<ScoredRow> rows = new ArrayList<>();
        int ips = 3000;
        int minutes = 60;
        for (int m = 0; m < minutes; m++) {
            for (int ip = 0; ip < ips; ip++) {
                for (int series = 0; series < 2; series++) {
                    double score = 0.42 + 0.04 * Math.abs(SeriesGenerator.gaussian(rnd)) + (rnd.nextDouble() < 0.001 ? 0.2 : 0);
                    rows.add(new ScoredRow(m * 60_000L, "10.0." + (ip / 256) + "." + (ip % 256), score));
                }
            }
        }
        Calibration c = calibrator.calibrate(rows);
        assertThat(c.minutes()).isEqualTo(minutes);
        assertThat(c.ipMinutes()).isEqualTo((long) ips * minutes);
        assertThat(c.maxFlaggedShare()).isLessThanOrEqualTo(SETTINGS.targetShare());
        assertThat(c.meanFlaggedShare()).isLessThanOrEqualTo(c.maxFlaggedShare()).isPositive();
        assertThat(c.threshold()).isGreaterThan(0.5);
    }
}
