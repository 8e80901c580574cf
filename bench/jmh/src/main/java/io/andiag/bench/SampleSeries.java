package io.andiag.bench;

import io.andiag.model.features.ScoringProfile;
import io.andiag.model.params.ParameterSet;
import io.andiag.model.record.SeriesKey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The series of a published parameter set with seeded, realistic minute counts: Poisson draws around each series'
 * own expected value, and every {@code burstEvery}-th series-minute raised by +20 retransmissions (a burst the
 * detector should flag). The benchmarks score exactly the mix the set was trained for.
 */
public final class SampleSeries {

    private final SeriesKey[] keys;
    private final ScoringProfile[] profiles;
    private final int[][] counts;
    private final long firstMinuteTs;

    private SampleSeries(SeriesKey[] keys, ScoringProfile[] profiles, int[][] counts, long firstMinuteTs) {
        this.keys = keys;
        this.profiles = profiles;
        this.counts = counts;
        this.firstMinuteTs = firstMinuteTs;
    }

    /**
     * @param minutes    minutes of counts per series (the benchmarks cycle through them)
     * @param burstEvery one series-minute in this many gets a burst (0: none)
     */
    public static SampleSeries of(ParameterSet set, long firstMinuteTs, int minutes, int burstEvery, long seed) {
        List<SeriesKey> sorted = new ArrayList<>(set.noiseModels().keySet());
        sorted.sort(Comparator.comparing(SeriesKey::asString));
        int n = sorted.size();
        SeriesKey[] keys = sorted.toArray(new SeriesKey[0]);
        ScoringProfile[] profiles = new ScoringProfile[n];
        int[][] counts = new int[n][minutes];
        SplittableRandom random = new SplittableRandom(seed);
        long drawn = 0;
        for (int s = 0; s < n; s++) {
            profiles[s] = set.scoringProfile(keys[s]);
            for (int m = 0; m < minutes; m++) {
                long ts = firstMinuteTs + m * 60_000L;
                int c = poisson(random, profiles[s].noise().expected(ts));
                if (burstEvery > 0 && ++drawn % burstEvery == 0) {
                    c += 20;
                }
                counts[s][m] = c;
            }
        }
        return new SampleSeries(keys, profiles, counts, firstMinuteTs);
    }

    /** Knuth's method; fine for the small means of retransmission series. */
    public static int poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 50) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }

    public int size() {
        return keys.length;
    }

    public int minutes() {
        return counts[0].length;
    }

    public SeriesKey key(int series) {
        return keys[series];
    }

    public ScoringProfile profile(int series) {
        return profiles[series];
    }

    public int count(int series, int minute) {
        return counts[series][minute];
    }

    public long minuteTs(int minute) {
        return firstMinuteTs + minute * 60_000L;
    }
}
