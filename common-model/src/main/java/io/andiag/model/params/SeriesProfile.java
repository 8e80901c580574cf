package io.andiag.model.params;

import io.andiag.model.profile.Pattern;
import io.andiag.model.profile.ShapeFeatures;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.series.FrequencyLevel;

import java.util.Objects;

/**
 * One row of {@code series_profile}: what the nightly batch learnt about a series' shape.
 *
 * @param key             the series
 * @param level           level 1: frequency level of retransmission
 * @param freqShare       share of the observed (heartbeat) minutes with retx &gt; 0
 * @param observedMinutes minutes of the history with a heartbeat from the IP
 * @param nonzeroMinutes  minutes with retx &gt; 0
 * @param pattern         level 2: the name of its cluster (or its own pattern, for levels too small to cluster)
 * @param cluster         k-means cluster id within its frequency level, -1 when classified on its own
 * @param shape           shape features of its hourly means
 * @param quality         quality in (0, 1] the residual features are multiplied by
 */
public record SeriesProfile(SeriesKey key, FrequencyLevel level, double freqShare, int observedMinutes, int nonzeroMinutes,
                            Pattern pattern, int cluster, ShapeFeatures shape, double quality) {

    public SeriesProfile {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(shape, "shape");
        if (!(freqShare >= 0 && freqShare <= 1)) {
            throw new IllegalArgumentException(key + ": freq_share must be in [0, 1], got " + freqShare);
        }
        if (observedMinutes < 0 || nonzeroMinutes < 0 || nonzeroMinutes > observedMinutes) {
            throw new IllegalArgumentException(key + ": need 0 <= nonzero_minutes <= observed_minutes, got " + nonzeroMinutes
                    + " and " + observedMinutes);
        }
        if (!(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException(key + ": quality must be in (0, 1], got " + quality);
        }
    }
}
