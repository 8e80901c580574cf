package io.andiag.batch.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.andiag.batch.BatchException;
import io.andiag.batch.StepReport;
import io.andiag.batch.spark.LakeTables;
import io.andiag.model.codec.Decoded;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

/**
 * Step {@code ingest}: wire-format JSON lines (what Kafka carries, dumped to files) into the lake's
 * {@code retx_counters} / {@code retx_details} partitions, one {@code dt=} partition per UTC day of the records.
 * Decoding is common-model's {@code CounterCodec}/{@code DetailCodec} with historical timestamp bounds, called inside
 * Spark. Bad lines are counted and kept in {@code <lake>/_rejected/<table>/dt=.../} with reason code, detail, file
 * and line number; their {@code dt} is the day most of the file's good lines fall on (the run's date when none).
 *
 * <p>A run replaces exactly the partitions it writes (dynamic partition overwrite), so re-running it on the same
 * files is idempotent; give it all the files of a day in one run. Each input file is read by one task, in order, so
 * line numbers are exact; the files are decoded twice (once to write the good rows, once to collect rejects and
 * counts) rather than held in memory.
 */
public final class IngestJob {

    public static final String STEP = "ingest";
    public static final String REJECTED_DIR = "_rejected";
    static final int MAX_TEXT = 1024;

    private static final StructType SIDE_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("row_type", DataTypes.StringType, false),
            DataTypes.createStructField("dt", DataTypes.StringType, false),
            DataTypes.createStructField("reason", DataTypes.StringType, true),
            DataTypes.createStructField("detail", DataTypes.StringType, true),
            DataTypes.createStructField("file", DataTypes.StringType, false),
            DataTypes.createStructField("line", DataTypes.LongType, false),
            DataTypes.createStructField("text", DataTypes.StringType, true),
            DataTypes.createStructField("count", DataTypes.LongType, false)));
    private static final String ROW_ACCEPTED = "accepted";
    private static final String ROW_REJECTED = "rejected";

    /**
     * @param inputs       files or directories (searched for {@code .jsonl}/{@code .jsonl.gz})
     * @param kind         what every file holds, or null to infer it from each file name
     * @param fallbackDate the {@code dt} of rejects from a file with no good line
     */
    public record Options(List<String> inputs, IngestKind kind, LocalDate fallbackDate) {
        public Options {
            if (inputs == null || inputs.isEmpty()) {
                throw new IllegalArgumentException("ingest needs at least one --input");
            }
            inputs = List.copyOf(inputs);
        }
    }

    /** Counts of one kind: accepted rows per dt, rejected lines per reason. */
    public record KindResult(IngestKind kind, int files, Map<String, Long> acceptedByDt, Map<String, Long> rejectedByReason) {
        public long accepted() {
            return acceptedByDt.values().stream().mapToLong(Long::longValue).sum();
        }

        public long rejected() {
            return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private IngestJob() {
    }

    public static Map<IngestKind, KindResult> run(SparkSession spark, Path lake, Options options, StepReport report) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<String> files;
        try {
            files = JsonLines.expand(options.inputs(), jsc.hadoopConfiguration());
        } catch (IllegalArgumentException e) {
            throw new BatchException(e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new BatchException("no .jsonl or .jsonl.gz file under --input " + options.inputs());
        }
        Map<IngestKind, List<String>> byKind = new EnumMap<>(IngestKind.class);
        for (String f : files) {
            IngestKind k = options.kind() != null ? options.kind()
                    : IngestKind.infer(new org.apache.hadoop.fs.Path(f).getName()).orElseThrow(() -> new BatchException(
                            "cannot tell whether " + f + " holds counters or details from its name; pass --kind counters|details"));
            byKind.computeIfAbsent(k, x -> new ArrayList<>()).add(f);
        }
        String fallbackDt = (options.fallbackDate() != null ? options.fallbackDate() : LocalDate.now(java.time.ZoneOffset.UTC)).toString();
        Map<IngestKind, KindResult> results = new EnumMap<>(IngestKind.class);
        for (Map.Entry<IngestKind, List<String>> e : byKind.entrySet()) {
            results.put(e.getKey(), ingest(spark, jsc, lake, e.getKey(), e.getValue(), fallbackDt, report));
        }
        return results;
    }

    private static KindResult ingest(SparkSession spark, JavaSparkContext jsc, Path lake, IngestKind kind, List<String> files,
                                     String fallbackDt, StepReport report) {
        String table = kind.table();
        JavaRDD<String> fileRdd = jsc.parallelize(files, files.size());

        // Pass 2 first (small): rejects and per-file accepted counts, to know which partitions this run owns.
        JavaRDD<Row> side = fileRdd.flatMap(f -> new SideIterator(f, kind, fallbackDt));
        Dataset<Row> sideDf = spark.createDataFrame(side, SIDE_SCHEMA).persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Long> acceptedByDt = new TreeMap<>();
        Map<String, Long> rejectedByReason = new TreeMap<>();
        for (Row r : sideDf.groupBy("row_type", "dt", "reason").agg(sum("count").as("n")).collectAsList()) {
            if (ROW_ACCEPTED.equals(r.getString(0))) {
                acceptedByDt.merge(r.getString(1), r.getLong(3), Long::sum);
            } else {
                rejectedByReason.merge(r.getString(2), r.getLong(3), Long::sum);
            }
        }

        long lines = acceptedByDt.values().stream().mapToLong(Long::longValue).sum()
                + rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        report.read("json-lines:" + kind.name().toLowerCase(java.util.Locale.ROOT), files.size() + " file(s): " + abbreviate(files), lines);

        // Pass 1: the good rows, into the dt partitions they belong to (only those partitions are replaced).
        Path tableDir = lake.resolve(table);
        if (!acceptedByDt.isEmpty()) {
            JavaRDD<Row> accepted = fileRdd.flatMap(f -> new AcceptedIterator(f, kind));
            spark.createDataFrame(accepted, LineDecoder.acceptedSchema(kind))
                    .write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic")
                    .partitionBy("dt").parquet(tableDir.toString());
            for (Map.Entry<String, Long> d : acceptedByDt.entrySet()) {
                Path part = LakeTables.partitionDir(lake, table, LocalDate.parse(d.getKey()));
                LakeTables.markComplete(part);
                report.wrote(table, part.toString(), d.getValue());
            }
        }

        // Rejects, partitioned the same way; this run's partitions are cleared first so a clean re-run leaves none.
        Path rejectedDir = lake.resolve(REJECTED_DIR).resolve(table);
        Dataset<Row> rejects = sideDf.filter(col("row_type").equalTo(ROW_REJECTED))
                .select(col("reason"), col("detail"), col("file"), col("line"), col("text"), col("dt"));
        TreeSet<String> owned = new TreeSet<>(acceptedByDt.keySet());
        Map<String, Long> rejectedByDt = new TreeMap<>();
        for (Row r : rejects.groupBy("dt").count().collectAsList()) {
            rejectedByDt.put(r.getString(0), r.getLong(1));
            owned.add(r.getString(0));
        }
        for (String dt : owned) {
            LakeTables.deleteRecursively(rejectedDir.resolve("dt=" + dt));
        }
        if (!rejectedByDt.isEmpty()) {
            rejects.write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic")
                    .partitionBy("dt").parquet(rejectedDir.toString());
            rejectedByDt.forEach((dt, n) -> report.wrote(REJECTED_DIR + "/" + table, rejectedDir.resolve("dt=" + dt).toString(), n));
        }
        sideDf.unpersist();

        KindResult result = new KindResult(kind, files.size(), Collections.unmodifiableMap(acceptedByDt),
                Collections.unmodifiableMap(rejectedByReason));
        ObjectNode stat = JsonNodeFactory.instance.objectNode();
        stat.put("files", files.size());
        stat.put("accepted", result.accepted());
        stat.put("rejected", result.rejected());
        ObjectNode byDt = stat.putObject("accepted_by_dt");
        acceptedByDt.forEach(byDt::put);
        ObjectNode byReason = stat.putObject("rejected_by_reason");
        rejectedByReason.forEach(byReason::put);
        report.stat(table, stat);
        return result;
    }

    private static String abbreviate(List<String> files) {
        return files.size() <= 3 ? files.toString() : files.subList(0, 3) + " and " + (files.size() - 3) + " more";
    }

    /** The accepted rows of one file, streamed. */
    private static final class AcceptedIterator implements Iterator<Row> {
        private final JsonLines.LineReader reader;
        private final LineDecoder decoder;
        private Row next;

        AcceptedIterator(String file, IngestKind kind) throws IOException {
            this.reader = new JsonLines.LineReader(JsonLines.open(file));
            this.decoder = new LineDecoder(kind);
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null) {
                    byte[] line = reader.next();
                    if (line == null) {
                        reader.close();
                        return false;
                    }
                    Decoded<Row> d = decoder.decode(line);
                    if (d.isOk()) {
                        next = d.value();
                    }
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row r = next;
            next = null;
            return r;
        }
    }

    /**
     * Reads a whole file, then yields one count row per accepted day and one row per rejected line (with the file's
     * dominant day as its {@code dt}).
     */
    private static final class SideIterator implements Iterator<Row> {
        private final Iterator<Row> rows;

        SideIterator(String file, IngestKind kind, String fallbackDt) throws IOException {
            LineDecoder decoder = new LineDecoder(kind);
            Map<String, Long> perDt = new HashMap<>();
            List<Object[]> rejects = new ArrayList<>();
            try (JsonLines.LineReader reader = new JsonLines.LineReader(JsonLines.open(file))) {
                byte[] line;
                while ((line = reader.next()) != null) {
                    Decoded<Row> d = decoder.decode(line);
                    if (d.isOk()) {
                        Row r = d.value();
                        perDt.merge(r.getString(r.length() - 1), 1L, Long::sum);
                    } else {
                        String text = new String(line, StandardCharsets.UTF_8);
                        if (text.length() > MAX_TEXT) {
                            text = text.substring(0, MAX_TEXT);
                        }
                        rejects.add(new Object[] {d.rejection().reason().code(), d.rejection().detail(), reader.lineNo(), text});
                    }
                }
            } catch (java.util.zip.ZipException e) {
                throw new IOException("cannot read " + file + " as gzip: " + e.getMessage(), e);
            }
            String dominant = perDt.entrySet().stream()
                    .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).orElse(fallbackDt);
            List<Row> out = new ArrayList<>(perDt.size() + rejects.size());
            new LinkedHashMap<>(perDt).forEach((dt, n) -> out.add(RowFactory.create(ROW_ACCEPTED, dt, null, null, file, 0L, null, n)));
            for (Object[] r : rejects) {
                out.add(RowFactory.create(ROW_REJECTED, dominant, r[0], r[1], file, r[2], r[3], 1L));
            }
            this.rows = out.iterator();
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public Row next() {
            return rows.next();
        }
    }
}
