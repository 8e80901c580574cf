package io.andiag.analysis.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded metric CSVs with known anomalies: Poisson counts around a daily cycle 20 + 10 sin(2 pi hour / 24), a spike
 * of +120 at one point and a level shift of +60 from another point to the end.
 */
final class MetricCsvFixture {

    static final Instant START = Instant.parse("2026-08-01T00:00:00Z");

    final long stepMs;
    final int points;
    final int spikeIndex;
    final int shiftIndex;

    MetricCsvFixture(long stepMs, int days, double spikeAt, double shiftAt) {
        this.stepMs = stepMs;
        this.points = (int) (days * 86_400_000L / stepMs);
        this.spikeIndex = (int) (points * spikeAt);
        this.shiftIndex = (int) (points * shiftAt);
    }

    long ts(int i) {
        return START.toEpochMilli() + i * stepMs;
    }

    Path write(Path file, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>(points + 1);
        lines.add("timestamp,value");
        for (int i = 0; i < points; i++) {
            long t = ts(i);
            double hourOfDay = (t % 86_400_000L) / 3_600_000.0;
            int v = poisson(rnd, 20 + 10 * Math.sin(2 * Math.PI * hourOfDay / 24));
            if (i == spikeIndex) {
                v += 120;
            }
            if (i >= shiftIndex) {
                v += 60;
            }
            lines.add(Instant.ofEpochMilli(t) + "," + v);
        }
        return Files.write(file, lines);
    }

    /** Knuth's Poisson sampler (fine for the small means used here). */
    static int poisson(SplittableRandom rnd, double mean) {
        double limit = Math.exp(-mean);
        double p = 1;
        int k = 0;
        while (true) {
            p *= rnd.nextDouble();
            if (p < limit) {
                return k;
            }
            k++;
        }
    }
}
