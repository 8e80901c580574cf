package io.andiag.model.series;

/**
 * A series aggregated per UTC clock hour: the sum of counts and the number of observed minutes in each hour that
 * overlaps the window. The hourly mean is over observed minutes only (a gap is not a zero); it is NaN for an hour
 * with no observed minute. Hour {@code h} covers epoch hour {@code firstEpochHour() + h}; the first and last hours
 * may be partial when the window is not hour-aligned.
 */
public final class HourlyAggregate {

    public static final long HOUR_MS = 3_600_000L;
    public static final int HOURS_PER_DAY = 24;

    private final long firstEpochHour;
    private final double[] sum;
    private final int[] observed;

    private HourlyAggregate(long firstEpochHour, double[] sum, int[] observed) {
        this.firstEpochHour = firstEpochHour;
        this.sum = sum;
        this.observed = observed;
    }

    static HourlyAggregate of(SparseMinuteSeries s) {
        long firstHour = Math.floorDiv(s.startMs(), HOUR_MS);
        long lastHour = Math.floorDiv(s.endMs() - 1, HOUR_MS);
        int hours = (int) (lastHour - firstHour + 1);
        // minute index of the start of hour 0 relative to the window start (<= 0)
        int offset = (int) ((firstHour * HOUR_MS - s.startMs()) / SparseMinuteSeries.MINUTE_MS);
        double[] sum = new double[hours];
        int[] observed = new int[hours];
        for (int m = s.nextObserved(0); m >= 0; m = s.nextObserved(m + 1)) {
            observed[(m - offset) / 60]++;
        }
        for (int i = 0; i < s.nonZeroCount(); i++) {
            sum[(s.nonZeroMinute(i) - offset) / 60] += s.nonZeroValue(i);
        }
        return new HourlyAggregate(firstHour, sum, observed);
    }

    public int hours() {
        return sum.length;
    }

    /** Hours since the epoch of hour 0. */
    public long firstEpochHour() {
        return firstEpochHour;
    }

    public double sum(int h) {
        return sum[h];
    }

    public int observed(int h) {
        return observed[h];
    }

    /** Mean count per observed minute in hour {@code h}; NaN when the hour has no observed minute. */
    public double mean(int h) {
        return observed[h] == 0 ? Double.NaN : sum[h] / observed[h];
    }

    /** UTC hour of day (0..23) of hour {@code h}. */
    public int hourOfDay(int h) {
        return (int) Math.floorMod(firstEpochHour + h, (long) HOURS_PER_DAY);
    }
}
