package io.andiag.model.profile;

import io.andiag.model.series.HourlyAggregate;
import io.andiag.model.series.SparseMinuteSeries;

import java.io.Serializable;
import java.util.Objects;

/**
 * Computes {@link ShapeFeatures} (definitions there and in docs/detection.md): cv and trend from the series' hourly
 * means, seasonality and mean_shift from its hourly event counts ({@link RateShape}), because hourly means of a
 * sparse series (a few events in three days) carry almost no shape; and the hourly decomposition the noise fitter's
 * change points run on ({@link #decompose}). Deterministic; allocates a few arrays of the window's hour count per call
 * (batch only), never a dense minute array.
 */
public final class ShapeAnalyzer implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int DAY = HourlyAggregate.HOURS_PER_DAY;
    private static final int HALF_DAY = DAY / 2;
    /** Share of the 2x24 moving-average weight that must be present for the trend of an hour to be defined. */
    private static final double MIN_MA_WEIGHT = 0.75 * DAY;

    private final ShapeSettings settings;

    public ShapeAnalyzer(ShapeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public ShapeSettings settings() {
        return settings;
    }

    public ShapeFeatures analyze(SparseMinuteSeries series) {
        HourlyAggregate agg = series.hourly();
        HourlyShape hourly = decompose(agg);
        int n = hourly.size();
        if (n < 2 || series.nonZeroCount() == 0) {
            return ShapeFeatures.NONE;
        }
        double[] mean = hourly.mean();
        double mu = 0;
        for (double v : mean) {
            mu += v;
        }
        mu /= n;
        double var = 0;
        for (double v : mean) {
            var += (v - mu) * (v - mu);
        }
        double cv = mu > 0 ? Math.sqrt(var / n) / mu : 0.0;
        double trend = mu > 0 ? slope(hourly.validHour(), mean) * agg.hours() / mu : 0.0;
        RateShape.Result rate = new RateShape(settings.minSegmentHours(), settings.sparseShareMax()).fit(series, agg);
        return new ShapeFeatures(cv, rate.amplitudeLow(), rate.shiftLow(), trend);
    }

    /** Valid hourly means and their deseasonalised values (the input of the noise fitter's change points). */
    public HourlyShape decompose(HourlyAggregate agg) {
        int hours = agg.hours();
        double[] m = new double[hours];
        int n = 0;
        for (int h = 0; h < hours; h++) {
            m[h] = agg.observed(h) >= settings.minMinutesPerHour() ? agg.mean(h) : Double.NaN;
            if (!Double.isNaN(m[h])) {
                n++;
            }
        }
        int[] validHour = new int[n];
        double[] mean = new double[n];
        for (int h = 0, j = 0; h < hours; h++) {
            if (!Double.isNaN(m[h])) {
                validHour[j] = h;
                mean[j++] = m[h];
            }
        }
        if (n < 2) {
            return new HourlyShape(validHour, mean, mean.clone());
        }
        double[] seasonal = new double[DAY];
        hourOfDayComponent(agg, m, seasonal);
        double[] deseasonalized = new double[n];
        for (int j = 0; j < n; j++) {
            deseasonalized[j] = mean[j] - seasonal[agg.hourOfDay(validHour[j])];
        }
        return new HourlyShape(validHour, mean, deseasonalized);
    }

    /**
     * Fills {@code seasonal} with the centred hour-of-day component of the hourly means detrended by a centred 2x24
     * moving average (0 for hours of day that have no detrended value).
     */
    private static void hourOfDayComponent(HourlyAggregate agg, double[] m, double[] seasonal) {
        int hours = m.length;
        double[] sumByHod = new double[DAY];
        int[] countByHod = new int[DAY];
        for (int h = 0; h < hours; h++) {
            if (Double.isNaN(m[h]) || h < HALF_DAY || h + HALF_DAY >= hours) {
                continue;
            }
            double weight = 0;
            double weighted = 0;
            for (int d = -HALF_DAY; d <= HALF_DAY; d++) {
                double v = m[h + d];
                if (!Double.isNaN(v)) {
                    double w = Math.abs(d) == HALF_DAY ? 0.5 : 1.0;
                    weight += w;
                    weighted += w * v;
                }
            }
            if (weight < MIN_MA_WEIGHT) {
                continue;
            }
            int hod = agg.hourOfDay(h);
            sumByHod[hod] += m[h] - weighted / weight;
            countByHod[hod]++;
        }
        int nD = 0;
        int k = 0;
        for (int hod = 0; hod < DAY; hod++) {
            nD += countByHod[hod];
            if (countByHod[hod] > 0) {
                k++;
            }
        }
        if (nD - k < 1) {
            return;
        }
        double seasonalMean = 0;
        for (int hod = 0; hod < DAY; hod++) {
            if (countByHod[hod] > 0) {
                seasonalMean += sumByHod[hod] / countByHod[hod];
            }
        }
        seasonalMean /= k;
        for (int hod = 0; hod < DAY; hod++) {
            seasonal[hod] = countByHod[hod] > 0 ? sumByHod[hod] / countByHod[hod] - seasonalMean : 0.0;
        }
    }

    /** OLS slope of {@code y} against {@code x}. */
    private static double slope(int[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxx == 0 ? 0.0 : sxy / sxx;
    }
}
