package io.andiag.model.profile;

import io.andiag.model.series.HourlyAggregate;
import io.andiag.model.series.SparseMinuteSeries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The daily cycle and the level changes of a series, estimated from its hourly EVENT COUNTS with a Poisson rate
 * model instead of from its hourly means, so that a sparse series (a few dozen retransmission minutes in three days)
 * is judged by what its events can and cannot show.
 *
 * <p>Events: for a sparse series (share of observed minutes with retx below {@code sparseShareMax}) an event is a
 * minute with retx &gt; 0, which makes the statistic immune to the size of bursts; for a dense series it is one
 * retransmission (minute indicators saturate when most minutes have retx). Model of the expected events in hour h:
 * <pre>  mu_h = n_h * L_seg(h) * max(0.05, 1 + a cos(x_h) + b sin(x_h) + a2 cos(2 x_h) + b2 sin(2 x_h)),  x_h = 2 pi hod_h / 24</pre>
 * n_h = observed minutes of the hour (a gap is no evidence), L piecewise constant between change points, (a, b) one
 * daily harmonic (the amplitude sqrt(a^2 + b^2) is relative to the level; a 12-hour harmonic, not reported, lets a
 * peaked cycle fit). Fit by alternating: levels given the
 * harmonic (maximum likelihood per segment), harmonic given the levels (one weighted least-squares step of the
 * Poisson likelihood), change points given the harmonic (binary segmentation on the Poisson likelihood ratio of two
 * rates, each side at least {@code minSegmentHours} observed hours). Hours whose count is far in the Poisson upper
 * tail of the first fit (an incident, a restart storm) are left out, so a 30-minute burst is not a regime.
 * Dispersion phi = max(1, deviance / degrees of freedom) of the final fit scales every standard error
 * (bursty or autocorrelated counts are less informative than Poisson ones).
 *
 * <p>Both outputs are LOWER CONFIDENCE BOUNDS of an effect size, so that they are large only when the effect is both
 * big and visible in the data: a handful of events gives wide bounds and scores 0, a dense series scores its real
 * effect. Deterministic; allocates a few arrays of the window's hour count (batch only).
 */
final class RateShape {

    /** z of the amplitude's bound: P(Rayleigh amplitude of pure noise &gt; 3 sigma) = exp(-4.5) = 1.1 %. */
    static final double AMPLITUDE_Z = 3.0;
    /** z of the log-ratio's bound; the best of ~70 splits of noise has |z| of about 3 (the max of a Brownian bridge). */
    static final double SHIFT_Z = 3.5;
    /** Likelihood-ratio (over phi) a split needs to become a change point of the level path. */
    static final double SPLIT_MIN_LR = 16.0;
    /** An hour is an outlier when P(Y &gt;= y | mu / phi) is below this (and y &gt;= 4 events). */
    static final double OUTLIER_P = 1e-6;
    private static final int MAX_CHANGES = 8;
    /** Floor of the fitted daily factor: a two-harmonic fit of a peaked cycle may dip below zero between peaks. */
    private static final double MIN_SEASON = 0.05;
    private static final int ITERATIONS = 3;
    private static final double TWO_PI = 2 * Math.PI;

    /**
     * @param amplitudeLow lower bound of the relative daily amplitude, in [0, 1]
     * @param shiftLow     lower bound of 1 - (smaller rate / larger rate) over the most significant change point, in
     *                     [0, 1): 0.5 for a doubling, 0.75 for a factor 4
     * @param changes      accepted change points (hour indices, ascending)
     * @param dispersion   phi of the fit
     */
    record Result(double amplitudeLow, double shiftLow, int[] changes, double dispersion) {
    }

    private final int minSegmentHours;
    private final double sparseShareMax;

    RateShape(int minSegmentHours, double sparseShareMax) {
        this.minSegmentHours = minSegmentHours;
        this.sparseShareMax = sparseShareMax;
    }

    Result fit(SparseMinuteSeries series, HourlyAggregate agg) {
        int hours = agg.hours();
        double[] y = new double[hours];
        double[] n = new double[hours];
        double[] cos = new double[hours];
        double[] sin = new double[hours];
        for (int h = 0; h < hours; h++) {
            n[h] = agg.observed(h);
            double angle = TWO_PI * (agg.hourOfDay(h) + 0.5) / HourlyAggregate.HOURS_PER_DAY;
            cos[h] = Math.cos(angle);
            sin[h] = Math.sin(angle);
        }
        if (series.activeShare() < sparseShareMax) {
            int offset = (int) ((agg.firstEpochHour() * HourlyAggregate.HOUR_MS - series.startMs()) / SparseMinuteSeries.MINUTE_MS);
            for (int i = 0; i < series.nonZeroCount(); i++) {
                y[(series.nonZeroMinute(i) - offset) / 60]++;
            }
        } else {
            for (int h = 0; h < hours; h++) {
                y[h] = agg.sum(h);
            }
        }
        double total = 0;
        for (int h = 0; h < hours; h++) {
            total += y[h];
        }
        if (total == 0) {
            return new Result(0, 0, new int[0], 1);
        }

        Fit fit = new Fit(y, n, cos, sin);
        fit.run();
        fit.dropOutliers();
        fit.run();
        return new Result(fit.amplitudeLow(), fit.shiftLow(), fit.changes.stream().mapToInt(Integer::intValue).toArray(),
                fit.phi);
    }

    /** The alternating fit over one series' hourly counts. */
    private final class Fit {
        final double[] y;
        final double[] n;
        final double[] cos;
        final double[] sin;
        final double[] cos2;
        final double[] sin2;
        final int hours;
        final double[] season;
        final double[] level;
        final List<Integer> changes = new ArrayList<>();
        double a;
        double b;
        double phi = 1;
        /** Information (Poisson, per unit phi) of a and b at the last harmonic step. */
        double infoA;
        double infoB;

        Fit(double[] y, double[] n, double[] cos, double[] sin) {
            this.y = y;
            this.n = n;
            this.cos = cos;
            this.sin = sin;
            this.hours = y.length;
            this.cos2 = new double[hours];
            this.sin2 = new double[hours];
            for (int h = 0; h < hours; h++) {
                cos2[h] = cos[h] * cos[h] - sin[h] * sin[h];
                sin2[h] = 2 * sin[h] * cos[h];
            }
            this.season = new double[hours];
            this.level = new double[hours];
            Arrays.fill(season, 1.0);
        }

        void run() {
            a = 0;
            b = 0;
            Arrays.fill(season, 1.0);
            changes.clear();
            // the cycle first: change points found before it would cut a daily peak into "regimes"
            levels();
            for (int it = 0; it < ITERATIONS; it++) {
                harmonic();
                segment();
                levels();
            }
            harmonic();
            levels();
            phi = dispersion();
        }

        /** Binary segmentation of the deseasonalised counts into regimes. */
        void segment() {
            changes.clear();
            List<int[]> todo = new ArrayList<>();
            todo.add(new int[] {0, hours});
            while (!todo.isEmpty() && changes.size() < MAX_CHANGES) {
                int[] seg = todo.remove(todo.size() - 1);
                Split s = bestSplit(seg[0], seg[1]);
                if (s != null && s.lr / phi >= SPLIT_MIN_LR) {
                    changes.add(s.index);
                    todo.add(new int[] {seg[0], s.index});
                    todo.add(new int[] {s.index, seg[1]});
                }
            }
            changes.sort(null);
        }

        /** Poisson likelihood-ratio best split of [from, to) against the expected counts n * season. */
        Split bestSplit(int from, int to) {
            double yAll = 0;
            double eAll = 0;
            int obsAll = 0;
            for (int h = from; h < to; h++) {
                yAll += y[h];
                eAll += n[h] * season[h];
                obsAll += n[h] > 0 ? 1 : 0;
            }
            if (yAll == 0 || obsAll < 2 * minSegmentHours) {
                return null;
            }
            double rate = yAll / eAll;
            double y1 = 0;
            double e1 = 0;
            int obs1 = 0;
            Split best = null;
            for (int k = from + 1; k < to; k++) {
                y1 += y[k - 1];
                e1 += n[k - 1] * season[k - 1];
                obs1 += n[k - 1] > 0 ? 1 : 0;
                if (obs1 < minSegmentHours || obsAll - obs1 < minSegmentHours || n[k] == 0) {
                    continue;
                }
                double y2 = yAll - y1;
                double e2 = eAll - e1;
                double lr = 2 * (xlogx(y1, e1 * rate) + xlogx(y2, e2 * rate));
                if (best == null || lr > best.lr) {
                    best = new Split(k, lr, y1, e1, y2, e2);
                }
            }
            return best;
        }

        void levels() {
            int start = 0;
            for (int c = 0; c <= changes.size(); c++) {
                int end = c < changes.size() ? changes.get(c) : hours;
                double ys = 0;
                double es = 0;
                for (int h = start; h < end; h++) {
                    ys += y[h];
                    es += n[h] * season[h];
                }
                double l = es > 0 ? ys / es : 0;
                for (int h = start; h < end; h++) {
                    level[h] = l;
                }
                start = end;
            }
        }

        /**
         * Weighted least squares of y / (n L) on (1, cos, sin, cos 2x, sin 2x), weights n L: the Poisson score step at
         * the levels. The 12-hour harmonic only shapes a peaked cycle (so that its misfit does not inflate phi); the
         * amplitude is the daily one.
         */
        void harmonic() {
            double[][] m = new double[5][5];
            double[] v = new double[5];
            for (int h = 0; h < hours; h++) {
                double w = n[h] * level[h];
                if (w <= 0) {
                    continue;
                }
                double r = y[h] / w;
                double[] x = {1, cos[h], sin[h], cos2[h], sin2[h]};
                for (int i = 0; i < 5; i++) {
                    v[i] += w * x[i] * r;
                    for (int j = 0; j < 5; j++) {
                        m[i][j] += w * x[i] * x[j];
                    }
                }
            }
            double[] beta = solve(m, v);
            if (beta == null || beta[0] <= 0) {
                a = 0;
                b = 0;
                infoA = 0;
                infoB = 0;
                return;
            }
            a = beta[1] / beta[0];
            b = beta[2] / beta[0];
            // information of (a, b) per unit of phi, on the relative scale: the diagonal of the Poisson information
            infoA = m[1][1] / beta[0];
            infoB = m[2][2] / beta[0];
            double a2 = beta[3] / beta[0];
            double b2 = beta[4] / beta[0];
            for (int h = 0; h < hours; h++) {
                season[h] = Math.max(MIN_SEASON, 1 + a * cos[h] + b * sin[h] + a2 * cos2[h] + b2 * sin2[h]);
            }
        }

        /** Deviance over degrees of freedom, at least 1 (deviance, not Pearson: robust to a tiny fitted mean). */
        double dispersion() {
            double chi2 = 0;
            int df = -(5 + changes.size());
            for (int h = 0; h < hours; h++) {
                double mu = n[h] * level[h] * season[h];
                if (n[h] > 0 && mu > 0) {
                    chi2 += 2 * xlogx(y[h], mu);
                    df++;
                }
            }
            return df <= 0 ? 1 : Math.max(1, chi2 / df);
        }

        /** Leaves out hours far in the upper tail of the fit (their exposure set to 0). */
        void dropOutliers() {
            for (int h = 0; h < hours; h++) {
                double mu = n[h] * level[h] * season[h] / phi;
                double obs = y[h] / phi;
                if (n[h] > 0 && y[h] >= 4 && obs > mu && poissonUpperTail(obs, mu) < OUTLIER_P) {
                    n[h] = 0;
                    y[h] = 0;
                }
            }
        }

        double amplitudeLow() {
            if (infoA <= 0 || infoB <= 0) {
                return 0;
            }
            double amp = Math.hypot(a, b);
            // standard error of the amplitude: the harmonic's information along the estimated direction
            double dirA = amp > 0 ? a / amp : 1;
            double dirB = amp > 0 ? b / amp : 0;
            double variance = phi * (dirA * dirA / infoA + dirB * dirB / infoB);
            double low = amp - AMPLITUDE_Z * Math.sqrt(variance);
            return Math.max(0, Math.min(1, low));
        }

        /**
         * The largest lower bound of 1 - min/max rate over the single best split of the window (a ramp's or a
         * hybrid's overall change) and each change point of the level path judged between its neighbours (a change
         * that was undone later).
         */
        double shiftLow() {
            Split whole = bestSplit(0, hours);
            double best = whole == null ? 0 : whole.shiftLow(phi);
            int[] bounds = new int[changes.size() + 2];
            for (int i = 0; i < changes.size(); i++) {
                bounds[i + 1] = changes.get(i);
            }
            bounds[bounds.length - 1] = hours;
            for (int i = 1; i < bounds.length - 1; i++) {
                best = Math.max(best, splitAt(bounds[i - 1], bounds[i], bounds[i + 1]).shiftLow(phi));
            }
            return best;
        }

        Split splitAt(int from, int at, int to) {
            double y1 = 0;
            double e1 = 0;
            double y2 = 0;
            double e2 = 0;
            for (int h = from; h < at; h++) {
                y1 += y[h];
                e1 += n[h] * season[h];
            }
            for (int h = at; h < to; h++) {
                y2 += y[h];
                e2 += n[h] * season[h];
            }
            return new Split(at, 0, y1, e1, y2, e2);
        }
    }

    private record Split(int index, double lr, double y1, double e1, double y2, double e2) {

        /** Lower bound of |ln(rate2 / rate1)| mapped to 1 - exp(-bound); 0.5 cannot be 0 events on one side. */
        double shiftLow(double phi) {
            if (e1 <= 0 || e2 <= 0) {
                return 0;
            }
            double c1 = Math.max(y1, 0.5);
            double c2 = Math.max(y2, 0.5);
            double logRatio = Math.abs(Math.log((c2 / e2) / (c1 / e1)));
            double se = Math.sqrt(phi * (1 / c1 + 1 / c2));
            double low = logRatio - SHIFT_Z * se;
            return low <= 0 ? 0 : 1 - Math.exp(-low);
        }
    }

    /** y ln(y / mu) with 0 ln 0 = 0, minus (y - mu): the Poisson deviance term (sums of the (y - mu) parts cancel). */
    private static double xlogx(double y, double mu) {
        return (y > 0 ? y * Math.log(y / mu) : 0) - (y - mu);
    }

    /** P(Y &gt;= y) for Y ~ Poisson(mu), by summing the log pmf upward (y real: rounded up). */
    static double poissonUpperTail(double y, double mu) {
        if (mu <= 0) {
            return y > 0 ? 0 : 1;
        }
        int k0 = (int) Math.ceil(y);
        double logP = k0 * Math.log(mu) - mu - logFactorial(k0);
        double sum = 0;
        double term = Math.exp(logP);
        for (int k = k0; k < k0 + 1000; k++) {
            sum += term;
            term *= mu / (k + 1);
            if (term < sum * 1e-12) {
                break;
            }
        }
        return Math.min(1, sum);
    }

    private static double logFactorial(int k) {
        double s = 0;
        for (int i = 2; i <= k; i++) {
            s += Math.log(i);
        }
        return s;
    }

    /** Solves m x = v by Gaussian elimination with partial pivoting; null when (numerically) singular. */
    private static double[] solve(double[][] m, double[] v) {
        int k = v.length;
        double[][] a = new double[k][];
        for (int i = 0; i < k; i++) {
            a[i] = Arrays.copyOf(m[i], k + 1);
            a[i][k] = v[i];
        }
        double scale = 0;
        for (int i = 0; i < k; i++) {
            scale = Math.max(scale, Math.abs(a[i][i]));
        }
        for (int c = 0; c < k; c++) {
            int pivot = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][c]) <= 1e-12 * scale) {
                return null;
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            for (int r = c + 1; r < k; r++) {
                double f = a[r][c] / a[c][c];
                for (int j = c; j <= k; j++) {
                    a[r][j] -= f * a[c][j];
                }
            }
        }
        double[] x = new double[k];
        for (int r = k - 1; r >= 0; r--) {
            double sum = a[r][k];
            for (int j = r + 1; j < k; j++) {
                sum -= a[r][j] * x[j];
            }
            x[r] = sum / a[r][r];
        }
        return x;
    }
}
