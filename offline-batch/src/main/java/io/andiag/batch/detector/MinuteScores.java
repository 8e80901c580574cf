package io.andiag.batch.detector;

import scala.Tuple2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/** IP scores per calibration minute, in growable primitive arrays (one per minute that has any). */
final class MinuteScores {

    private final double[][] values;
    private final int[] size;

    MinuteScores(int minutes) {
        this.values = new double[minutes][];
        this.size = new int[minutes];
    }

    void add(int minute, double score) {
        double[] v = values[minute];
        if (v == null) {
            v = values[minute] = new double[64];
        } else if (size[minute] == v.length) {
            v = values[minute] = Arrays.copyOf(v, v.length * 2);
        }
        v[size[minute]++] = score;
    }

    /** (minute, scores) of every minute with a score. */
    Iterator<Tuple2<Integer, double[]>> drain() {
        List<Tuple2<Integer, double[]>> out = new ArrayList<>();
        for (int m = 0; m < values.length; m++) {
            if (size[m] > 0) {
                out.add(new Tuple2<>(m, Arrays.copyOf(values[m], size[m])));
                values[m] = null;
            }
        }
        return out.iterator();
    }

    static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
