package io.andiag.analysis.backtest;

import io.andiag.model.series.SparseMinuteSeries;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A regular metric series placed on AND's minute clock, the way the speed layer sees retransmission counters.
 *
 * <p><b>Interval.</b> The interval is the most common step between consecutive timestamps (the smaller one on a tie).
 * The series is regular when every step is a whole multiple of it; a larger multiple means the points in between are
 * missing. A step that is not a multiple is refused with its line. The interval must divide a minute (1, 2, 3, 4, 5,
 * 6, 10, 12, 15, 20, 30 s) or be a whole number of minutes (1 min, 5 min, 1 h, 1 day, ...), because the detector
 * works on minutes.
 *
 * <p><b>Placement.</b> Each point falls into the UTC minute that contains its timestamp. Sub-minute points are summed
 * into their minute (as the speed layer sums the 15 s counters); a minute is observed when at least one of its points
 * has a value. With an interval of several minutes, the minutes between two points are not observed: they are gaps,
 * which take part in no statistic (docs/detection.md §1), so time of day, clock hours and slots stay real UTC time.
 * A missing point (a skipped step or an empty value) is a gap, never a zero. The count of a minute is its value times
 * {@code scale}, rounded to the nearest integer.
 *
 * @param intervalMs    the detected interval
 * @param series        the minute series (counts), starting at the first point's minute
 * @param minuteOfPoint minute index of each point of the input
 * @param missingPoints grid positions between the first and the last point without a value
 * @param roundedPoints minutes whose scaled value was not an integer and was rounded
 */
public record SeriesGrid(long intervalMs, SparseMinuteSeries series, int[] minuteOfPoint, int missingPoints, int roundedPoints) {

    public static final long MINUTE_MS = SparseMinuteSeries.MINUTE_MS;
    /** Longest series accepted: ten years of minutes (the minute bitset stays a few MB). */
    public static final int MAX_MINUTES = 10 * 366 * 1440;

    /** Minutes between points: 1 for intervals of a minute or less. */
    public long stepMinutes() {
        return Math.max(1, intervalMs / MINUTE_MS);
    }

    /** Grid positions (expected points) in minutes {@code [from, to)}: how many observations full coverage means. */
    public double expectedPoints(int from, int to) {
        return Math.max(1.0, (double) (to - from) / stepMinutes());
    }

    public static SeriesGrid of(Path file, MetricSeries s, double scale) {
        int n = s.size();
        if (n < 2) {
            throw new BadInputException(file, n == 1 ? s.line()[0] : 0,
                    "series '" + s.name() + "' has " + n + " point(s): at least 2 are needed to find its interval");
        }
        long interval = mostCommonStep(s.timestamp());
        checkInterval(file, s, interval);
        long missing = 0;
        for (int i = 1; i < n; i++) {
            long d = s.timestamp()[i] - s.timestamp()[i - 1];
            if (d % interval != 0) {
                throw new BadInputException(file, s.line()[i], "series '" + s.name() + "' is not regular: timestamp "
                        + s.rawTimestamp()[i] + " is " + seconds(d) + " after the point of line " + s.line()[i - 1]
                        + ", not a multiple of its interval " + seconds(interval) + " (the most common step)");
            }
            missing += d / interval - 1;
        }
        long start = Math.floorDiv(s.timestamp()[0], MINUTE_MS) * MINUTE_MS;
        long span = (Math.floorDiv(s.timestamp()[n - 1], MINUTE_MS) * MINUTE_MS - start) / MINUTE_MS + 1;
        if (span > MAX_MINUTES) {
            throw new BadInputException(file, s.line()[n - 1], "series '" + s.name() + "' spans " + span
                    + " minutes; at most " + MAX_MINUTES + " (ten years) are supported");
        }
        int minutes = (int) span;
        int[] minuteOf = new int[n];
        double[] sum = new double[minutes];
        boolean[] observed = new boolean[minutes];
        for (int i = 0; i < n; i++) {
            minuteOf[i] = (int) ((Math.floorDiv(s.timestamp()[i], MINUTE_MS) * MINUTE_MS - start) / MINUTE_MS);
            if (Double.isNaN(s.value()[i])) {
                missing++;
            } else {
                sum[minuteOf[i]] += s.value()[i];
                observed[minuteOf[i]] = true;
            }
        }
        SparseMinuteSeries.Builder b = SparseMinuteSeries.builder(start, minutes);
        int rounded = 0;
        for (int m = 0; m < minutes; m++) {
            if (!observed[m]) {
                continue;
            }
            double scaled = sum[m] * scale;
            long count = Math.round(scaled);
            if (count > Integer.MAX_VALUE) {
                throw new BadInputException(file, 0, "series '" + s.name() + "': value " + sum[m] + " x scale " + scale
                        + " exceeds the largest count (" + Integer.MAX_VALUE + "); lower --scale");
            }
            if (Math.abs(scaled - count) > 1e-9 * Math.max(1, Math.abs(scaled))) {
                rounded++;
            }
            b.add(m, (int) count);
        }
        return new SeriesGrid(interval, b.build(), minuteOf, (int) Math.min(Integer.MAX_VALUE, missing), rounded);
    }

    static long mostCommonStep(long[] ts) {
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 1; i < ts.length; i++) {
            counts.merge(ts[i] - ts[i - 1], 1, Integer::sum);
        }
        long best = 0;
        int bestCount = 0;
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount || e.getValue() == bestCount && e.getKey() < best) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    private static void checkInterval(Path file, MetricSeries s, long interval) {
        boolean ok = interval < MINUTE_MS ? interval >= 1000 && interval % 1000 == 0 && MINUTE_MS % interval == 0
                : interval % MINUTE_MS == 0;
        if (!ok) {
            throw new BadInputException(file, 0, "series '" + s.name() + "' has the interval " + seconds(interval)
                    + " (its most common step); the detector works on minutes, so the interval must divide a minute "
                    + "(e.g. 10 s, 15 s, 30 s) or be a whole number of minutes (e.g. 1 min, 5 min, 1 h)");
        }
    }

    static String seconds(long ms) {
        if (ms % 3_600_000L == 0) {
            return ms / 3_600_000L + " h";
        }
        if (ms % MINUTE_MS == 0) {
            return ms / MINUTE_MS + " min";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
