package io.andiag.batch.series;

import io.andiag.batch.BatchException;
import io.andiag.batch.BatchRun;
import io.andiag.batch.spark.SparkArrays;
import io.andiag.model.lake.LakeSchemas;
import io.andiag.model.record.RetxCounts;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The minute series of every IP of the history, built once from {@code retx_counters} by the profile step and kept
 * in the candidate directory ({@code _work/ip_series}, not published) so the noise and train-detector steps read a
 * few bytes per IP instead of the raw 15-s counters again.
 *
 * <p>Building: each input partition folds its interval rows into one {@link IpSeries.Builder} per IP (a row belongs
 * to the minute its interval starts in; rows outside the history window are ignored), then the partitions' builders
 * of an IP are merged. Nothing is ever expanded to one value per minute per series: a silent slot costs nothing.
 */
public final class SeriesStore {

    public static final String WORK_DIR = "_work";
    public static final String IP_SERIES = "ip_series";

    static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("ip", DataTypes.StringType, false),
            DataTypes.createStructField("start_ms", DataTypes.LongType, false),
            DataTypes.createStructField("minutes", DataTypes.IntegerType, false),
            DataTypes.createStructField("observed", DataTypes.createArrayType(DataTypes.LongType, false), false),
            DataTypes.createStructField("nz_minute", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.IntegerType, false), false), false),
            DataTypes.createStructField("nz_count", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.IntegerType, false), false), false)));

    private SeriesStore() {
    }

    public static Path path(BatchRun run) {
        return run.candidateDir().resolve(WORK_DIR).resolve(IP_SERIES);
    }

    /** Builds the series of every IP from counter rows (lake columns {@code ts}, {@code ip} and the ten counts). */
    public static JavaRDD<IpSeries> build(Dataset<Row> counters, long startMs, int minutes, int partitions) {
        List<String> cols = new ArrayList<>();
        cols.add(LakeSchemas.TS);
        for (int s = 0; s < RetxCounts.SLOTS; s++) {
            cols.add(LakeSchemas.counterColumn(s));
        }
        Dataset<Row> selected = counters.select(LakeSchemas.IP, cols.toArray(new String[0]));
        // Why not combineByKey: it allocated a key-value pair and two count arrays per interval row and updated
        // Spark's size-tracking map for each, about a fifth of the profile step's CPU samples (JFR at 10 k IPs,
        // docs/BENCHMARKS.md). A plain map of builders per partition does the same map-side combine.
        return selected.javaRDD()
                .mapPartitionsToPair(rows -> foldPartition(rows, startMs, minutes))
                .reduceByKey(IpSeries.Builder::merge, partitions)
                .map(t -> t._2().build(t._1()));
    }

    /** One builder per IP of a partition's rows ({@code ip, ts,} ten counts). */
    static Iterator<Tuple2<String, IpSeries.Builder>> foldPartition(Iterator<Row> rows, long startMs, int minutes) {
        Map<String, IpSeries.Builder> byIp = new HashMap<>();
        int[] counts = new int[RetxCounts.SLOTS];
        while (rows.hasNext()) {
            Row row = rows.next();
            long m = Math.floorDiv(row.getLong(1) - startMs, 60_000L);
            if (m < 0 || m >= minutes) {
                continue;
            }
            for (int s = 0; s < RetxCounts.SLOTS; s++) {
                counts[s] = row.getInt(2 + s);
            }
            byIp.computeIfAbsent(row.getString(0), ip -> new IpSeries.Builder(startMs, minutes)).add((int) m, counts);
        }
        List<Tuple2<String, IpSeries.Builder>> out = new ArrayList<>(byIp.size());
        byIp.forEach((ip, b) -> out.add(new Tuple2<>(ip, b)));
        return out.iterator();
    }

    public static void write(SparkSession spark, JavaRDD<IpSeries> series, Path target) {
        JavaRDD<Row> rows = series.map(SeriesStore::toRow);
        spark.createDataFrame(rows, SCHEMA).write().mode(SaveMode.Overwrite).parquet(target.toString());
    }

    /**
     * The series the profile step stored for this run.
     *
     * @throws BatchException when they are missing or were built for another history window
     */
    public static JavaRDD<IpSeries> read(SparkSession spark, BatchRun run) {
        Path p = path(run);
        if (!Files.isRegularFile(p.resolve("_SUCCESS"))) {
            throw new BatchException("no minute series for serve date " + run.serveDate() + " (" + p
                    + " is missing or incomplete): run the profile step for --date " + run.date() + " first");
        }
        Dataset<Row> df = spark.read().schema(SCHEMA).parquet(p.toString());
        Row first = df.select("start_ms", "minutes").limit(1).collectAsList().stream().findFirst().orElse(null);
        if (first != null && (first.getLong(0) != run.historyStartMs() || first.getInt(1) != run.historyMinutes())) {
            throw new BatchException("the minute series in " + p + " were built for another history (start "
                    + java.time.Instant.ofEpochMilli(first.getLong(0)) + ", " + first.getInt(1) / 1440 + " days) than --date "
                    + run.date() + " --history-days " + run.historyDays() + ": re-run the profile step");
        }
        return df.javaRDD().map(SeriesStore::fromRow);
    }

    static Row toRow(IpSeries s) {
        int[][] minutes = new int[RetxCounts.SLOTS][];
        int[][] counts = new int[RetxCounts.SLOTS][];
        for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
            minutes[slot] = s.nonZeroMinutes(slot);
            counts[slot] = s.nonZeroCounts(slot);
        }
        return RowFactory.create(s.ip(), s.startMs(), s.minutes(), s.observedWords(), minutes, counts);
    }

    static IpSeries fromRow(Row r) {
        List<Object> obs = r.getList(3);
        long[] observed = new long[obs.size()];
        for (int i = 0; i < observed.length; i++) {
            observed[i] = ((Number) obs.get(i)).longValue();
        }
        List<Object> minutes = r.getList(4);
        List<Object> counts = r.getList(5);
        int[][] m = new int[RetxCounts.SLOTS][];
        int[][] c = new int[RetxCounts.SLOTS][];
        for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
            m[slot] = SparkArrays.ints(minutes.get(slot));
            c[slot] = SparkArrays.ints(counts.get(slot));
        }
        return new IpSeries(r.getString(0), r.getLong(1), r.getInt(2), observed, m, c);
    }
}
