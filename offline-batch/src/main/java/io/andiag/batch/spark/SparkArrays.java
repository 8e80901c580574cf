package io.andiag.batch.spark;

import java.util.List;

/** Array values of Spark rows (a {@code java.util.List} at the top level, a Scala {@code Seq} when nested) as Java arrays. */
public final class SparkArrays {

    private SparkArrays() {
    }

    public static int[] ints(Object value) {
        if (value instanceof int[] a) {
            return a;
        }
        if (value instanceof List<?> list) {
            int[] out = new int[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) list.get(i)).intValue();
            }
            return out;
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            int[] out = new int[seq.size()];
            scala.collection.Iterator<?> it = seq.iterator();
            for (int i = 0; it.hasNext(); i++) {
                out[i] = ((Number) it.next()).intValue();
            }
            return out;
        }
        throw new IllegalArgumentException("not an array of int: " + (value == null ? "null" : value.getClass().getName()));
    }

    public static String[] strings(Object value) {
        if (value instanceof String[] a) {
            return a;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(o -> (String) o).toArray(String[]::new);
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            String[] out = new String[seq.size()];
            scala.collection.Iterator<?> it = seq.iterator();
            for (int i = 0; it.hasNext(); i++) {
                out[i] = (String) it.next();
            }
            return out;
        }
        throw new IllegalArgumentException("not an array of string: " + (value == null ? "null" : value.getClass().getName()));
    }

    public static double[] doubles(Object value) {
        if (value instanceof double[] a) {
            return a;
        }
        if (value instanceof List<?> list) {
            double[] out = new double[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) list.get(i)).doubleValue();
            }
            return out;
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            double[] out = new double[seq.size()];
            scala.collection.Iterator<?> it = seq.iterator();
            for (int i = 0; it.hasNext(); i++) {
                out[i] = ((Number) it.next()).doubleValue();
            }
            return out;
        }
        throw new IllegalArgumentException("not an array of double: " + (value == null ? "null" : value.getClass().getName()));
    }
}
