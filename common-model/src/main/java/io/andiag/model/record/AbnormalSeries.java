package io.andiag.model.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One abnormal series-minute on {@code and.abnormal}: what was observed, what the noise model expected, the
 * isolation-forest score against its threshold, the feature vector, and the parameter set that scored it.
 *
 * @param minute       the scored minute, epoch ms (minute-aligned)
 * @param key          the series
 * @param region       region of the source IP, empty when its attributes are unknown
 * @param observed     retransmissions in that minute
 * @param expected     the noise model's baseline for that minute
 * @param spread       the noise model's spread for that minute
 * @param score        isolation-forest anomaly score in (0, 1]
 * @param threshold    the detector threshold the score exceeded
 * @param coldStart    true when the series was unknown to the parameter set (scored with the cold-start model)
 * @param features     feature name to value, in the detector's order
 * @param paramVersion version of the parameter set that scored it
 */
public record AbnormalSeries(long minute, SeriesKey key, String region, int observed, double expected, double spread,
                             double score, double threshold, boolean coldStart, Map<String, Double> features,
                             String paramVersion) {

    public static final int VERSION = 1;

    public AbnormalSeries {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(paramVersion, "paramVersion");
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }
}
