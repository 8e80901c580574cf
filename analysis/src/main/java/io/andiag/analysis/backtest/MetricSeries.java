package io.andiag.analysis.backtest;

import java.util.Objects;

/**
 * One series of a metric CSV, in file order (strictly increasing timestamps).
 *
 * @param name      the value of the series column, or the file's name when it has none
 * @param timestamp epoch ms of each point
 * @param value     each point's value, NaN for an empty value (a missing point)
 * @param line      1-based line of each point in the file
 * @param rawTimestamp the timestamp text as written (echoed in the output)
 * @param rawValue  the value text as written (echoed in the output)
 */
public record MetricSeries(String name, long[] timestamp, double[] value, int[] line, String[] rawTimestamp,
                           String[] rawValue) {

    public MetricSeries {
        Objects.requireNonNull(name, "name");
        int n = timestamp.length;
        if (value.length != n || line.length != n || rawTimestamp.length != n || rawValue.length != n) {
            throw new IllegalArgumentException("series " + name + ": column arrays differ in length");
        }
    }

    public int size() {
        return timestamp.length;
    }
}
