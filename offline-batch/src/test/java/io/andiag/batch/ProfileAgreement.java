package io.andiag.batch;

import io.andiag.model.lake.SeriesTruth;
import io.andiag.model.profile.Pattern;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.series.FrequencyLevel;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well a profile (level and pattern per series) agrees with the simulator's {@code series_truth}, per TRUE
 * frequency level. A series is profiled correctly when its level is the true level and, except at ULTRA_LOW, its
 * pattern is the true pattern. At ULTRA_LOW the pattern is not scored: the noise model is CONSTANT whatever the
 * pattern (paper §6, {@code NoiseFitter.kindFor}), and with a median of 11 retx minutes in 3 days the generated
 * pattern is not identifiable (docs/detection.md, "What the profile can identify"); the strict pattern agreement is
 * still counted and printed for every level.
 */
public final class ProfileAgreement {

    /** What the profile said about one series. */
    public record Profiled(FrequencyLevel level, Pattern pattern) {
    }

    private final Map<FrequencyLevel, int[]> tally = new EnumMap<>(FrequencyLevel.class);
    private final Map<String, Integer> confusion = new TreeMap<>();

    private static final int SERIES = 0;
    private static final int CORRECT = 1;
    private static final int SAME_PATTERN = 2;

    public ProfileAgreement(Map<SeriesKey, Profiled> profiled, Collection<SeriesTruth> truth) {
        for (FrequencyLevel l : FrequencyLevel.values()) {
            tally.put(l, new int[3]);
        }
        for (SeriesTruth t : truth) {
            Profiled p = profiled.get(t.key());
            if (p == null) {
                continue; // no retx in the history: not profiled (cold start)
            }
            FrequencyLevel level = FrequencyLevel.valueOf(t.frequencyLevel());
            int[] c = tally.get(level);
            c[SERIES]++;
            boolean samePattern = p.pattern().name().equals(t.pattern());
            if (samePattern) {
                c[SAME_PATTERN]++;
            }
            if (p.level() == level && (level == FrequencyLevel.ULTRA_LOW || samePattern)) {
                c[CORRECT]++;
            }
            confusion.merge(level + " " + t.pattern() + "->" + p.level() + " " + p.pattern(), 1, Integer::sum);
        }
    }

    public int series(FrequencyLevel level) {
        return tally.get(level)[SERIES];
    }

    public int series() {
        return sum(SERIES);
    }

    /** Share of all compared series profiled correctly (definition in the class comment). */
    public double correctShare() {
        return (double) sum(CORRECT) / sum(SERIES);
    }

    public double correctShare(FrequencyLevel level) {
        int[] c = tally.get(level);
        return (double) c[CORRECT] / c[SERIES];
    }

    /** Share of the series of {@code levels} whose pattern is the true pattern. */
    public double patternAgreement(FrequencyLevel... levels) {
        int n = 0;
        int same = 0;
        for (FrequencyLevel l : levels) {
            n += tally.get(l)[SERIES];
            same += tally.get(l)[SAME_PATTERN];
        }
        return (double) same / n;
    }

    private int sum(int field) {
        int s = 0;
        for (int[] c : tally.values()) {
            s += c[field];
        }
        return s;
    }

    /** Per true level: correct share and strict pattern agreement; then all; then the confusion. */
    public String report(String title) {
        StringBuilder sb = new StringBuilder(title).append(" vs series_truth, by true level:");
        for (FrequencyLevel l : FrequencyLevel.values()) {
            int[] c = tally.get(l);
            sb.append(String.format(Locale.ROOT, "%n  %-9s %4d series: correct %5.1f %%, same pattern %5.1f %%", l, c[SERIES],
                    100.0 * c[CORRECT] / c[SERIES], 100.0 * c[SAME_PATTERN] / c[SERIES]));
        }
        sb.append(String.format(Locale.ROOT, "%n  ALL       %4d series: correct %5.1f %%, same pattern %5.1f %%", series(),
                100.0 * correctShare(), 100.0 * sum(SAME_PATTERN) / series()));
        sb.append(String.format(Locale.ROOT, "%n  true level pattern -> profiled level pattern: %s", confusion));
        return sb.toString();
    }
}
