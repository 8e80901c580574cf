package io.andiag.bench.speed;

import io.andiag.model.params.ParameterSet;
import io.andiag.model.params.ParameterSetLoader;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Parameter-set load time and heap per series: loads {@code <lake>/params/LATEST} with common-model's
 * {@link ParameterSetLoader} (what the speed layer does at start and on every new version) {@code repetitions}
 * times, and measures the heap the loaded set keeps (used heap after GC, with and without it).
 *
 * <pre>java -cp and-bench.jar io.andiag.bench.speed.ParamLoad LAKE [repetitions]</pre>
 */
public final class ParamLoad {

    private ParamLoad() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: ParamLoad LAKE [repetitions]");
        }
        Path lake = Path.of(args[0]);
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        double[] seconds = new double[reps];
        ParameterSet set = null;
        for (int r = 0; r < reps; r++) {
            set = null;
            long t = System.nanoTime();
            set = ParameterSetLoader.loadLatest(lake);
            seconds[r] = (System.nanoTime() - t) / 1e9;
        }
        long with = usedAfterGc(memory);
        int series = set.noiseModels().size();
        String version = set.version();
        set = null;
        long without = usedAfterGc(memory);
        double best = Double.MAX_VALUE;
        for (double s : seconds) {
            best = Math.min(best, s);
        }
        System.out.printf(Locale.ROOT, "RESULT {\"bench\":\"param_load\",\"lake\":\"%s\",\"version\":\"%s\","
                        + "\"series\":%d,\"repetitions\":%d,\"first_load_s\":%.3f,\"best_load_s\":%.3f,"
                        + "\"retained_heap_bytes\":%d,\"heap_bytes_per_series\":%.1f}%n", lake, version, series, reps,
                seconds[0], best, with - without, (double) (with - without) / series);
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
