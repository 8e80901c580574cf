package io.andiag.batch.ingest;

import io.andiag.batch.BatchException;
import io.andiag.batch.StepReport;
import io.andiag.batch.TestSpark;
import io.andiag.model.codec.RejectReason;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("integration")
class IngestJobTest {

    /** 2026-11-21T23:59:45Z and 2026-11-22T00:00:00Z: two records either side of midnight. */
    static final long LATE_21 = 1_795_305_585_000L;
    static final long EARLY_22 = 1_795_305_600_000L;

    static SparkSession spark;

    @BeforeAll
    static void spark() {
        spark = TestSpark.get();
    }

    static final String[] GOOD_COUNTERS = {
            "{\"v\":1,\"ts\":" + LATE_21 + ",\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"INTRANET\":{\"syn\":0,\"rto\":4},\"SLB\":{\"syn\":2}}}",
            "{\"v\":1,\"ts\":" + LATE_21 + ",\"ip\":\"10.0.0.2\",\"interval_s\":15}",
            "{\"v\":1,\"ts\":" + EARLY_22 + ",\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"INTERNET_IN\":{\"rto\":7}}}",
            "{\"v\":1,\"ts\":" + EARLY_22 + ",\"ip\":\"10.0.0.2\",\"interval_s\":15,\"counts\":{}}",
            "{\"v\":1,\"ts\":" + (EARLY_22 + 15_000) + ",\"ip\":\"10.0.0.2\",\"interval_s\":15,\"counts\":{\"CROSS_REGION\":{\"syn\":1,\"rto\":3}}}",
    };

    /** One bad line per reject reason (reason code -> line), in the order they are written after the good lines. */
    static final Map<String, String> BAD_COUNTERS = new java.util.LinkedHashMap<>();

    static {
        BAD_COUNTERS.put(RejectReason.UNPARSEABLE.code(), "{not json");
        BAD_COUNTERS.put(RejectReason.MISSING_FIELD.code(), "{\"v\":1,\"ts\":" + EARLY_22 + ",\"interval_s\":15}");
        BAD_COUNTERS.put(RejectReason.UNSUPPORTED_VERSION.code(), "{\"v\":2,\"ts\":" + EARLY_22 + ",\"ip\":\"10.0.0.1\",\"interval_s\":15}");
        BAD_COUNTERS.put(RejectReason.NEGATIVE_COUNT.code(),
                "{\"v\":1,\"ts\":" + EARLY_22 + ",\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"SLB\":{\"syn\":-1}}}");
        BAD_COUNTERS.put(RejectReason.UNKNOWN_SCENARIO.code(),
                "{\"v\":1,\"ts\":" + EARLY_22 + ",\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"MARS\":{\"syn\":1}}}");
        BAD_COUNTERS.put(RejectReason.UNKNOWN_RETX_TYPE.code(),
                "{\"v\":1,\"ts\":" + EARLY_22 + ",\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"SLB\":{\"tlp\":1}}}");
        BAD_COUNTERS.put(RejectReason.TIMESTAMP_OUT_OF_RANGE.code(), "{\"v\":1,\"ts\":1795305600,\"ip\":\"10.0.0.1\",\"interval_s\":15}");
        BAD_COUNTERS.put(RejectReason.INVALID_FIELD.code(), "{\"v\":1,\"ts\":" + EARLY_22 + ",\"ip\":\"10.0.0.1\",\"interval_s\":0}");
    }

    static Path writeCounters(Path dir) throws IOException {
        Path file = dir.resolve("in").resolve("counters-2026-11-22.jsonl");
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder();
        for (String s : GOOD_COUNTERS) {
            sb.append(s).append('\n');
        }
        sb.append('\n'); // an empty line is skipped, but counts as a line
        for (String s : BAD_COUNTERS.values()) {
            sb.append(s).append("\r\n");
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void shouldWriteGoodCountersToTheirDayAndEveryRejectWithItsReasonAndLine(@TempDir Path tmp) throws IOException {
        Path input = writeCounters(tmp);
        Path lake = tmp.resolve("lake");

        Map<IngestKind, IngestJob.KindResult> results = IngestJob.run(spark, lake,
                new IngestJob.Options(List.of(input.getParent().toString()), null, LocalDate.parse("2026-11-22")), new StepReport("ingest"));

        IngestJob.KindResult r = results.get(IngestKind.COUNTERS);
        assertThat(r.acceptedByDt()).containsExactly(Map.entry("2026-11-21", 2L), Map.entry("2026-11-22", 3L));
        assertThat(r.rejectedByReason()).hasSize(BAD_COUNTERS.size());
        assertThat(r.rejectedByReason().values()).allMatch(n -> n == 1L);

        Path day21 = lake.resolve("retx_counters/dt=2026-11-21");
        Path day22 = lake.resolve("retx_counters/dt=2026-11-22");
        assertThat(day21.resolve("_SUCCESS")).exists();
        assertThat(day22.resolve("_SUCCESS")).exists();
        Dataset<Row> d22 = spark.read().parquet(day22.toString());
        assertThat(d22.columns()).containsExactly("ts", "ip", "interval_s", "intranet_syn", "intranet_rto", "slb_syn", "slb_rto",
                "cross_region_syn", "cross_region_rto", "internet_out_syn", "internet_out_rto", "internet_in_syn", "internet_in_rto");
        Row cross = d22.filter("ts = " + (EARLY_22 + 15_000)).first();
        assertThat(cross.<String>getAs("ip")).isEqualTo("10.0.0.2");
        assertThat(cross.<Integer>getAs("cross_region_syn")).isEqualTo(1);
        assertThat(cross.<Integer>getAs("cross_region_rto")).isEqualTo(3);
        Row first = spark.read().parquet(day21.toString()).filter("ip = '10.0.0.1'").first();
        assertThat(first.<Integer>getAs("intranet_rto")).isEqualTo(4);
        assertThat(first.<Integer>getAs("slb_syn")).isEqualTo(2);
        assertThat(first.<Integer>getAs("slb_rto")).isZero();

        // The simulator's plain-Java lake reader reads what Spark wrote, by the same column names.
        List<io.andiag.model.record.CounterRecord> back = new java.util.ArrayList<>();
        io.andiag.model.lake.LakeReaders.forEachCounter(day22, back::add);
        assertThat(back).hasSize(3);
        assertThat(back).anySatisfy(c -> {
            assertThat(c.ip()).isEqualTo("10.0.0.1");
            assertThat(c.counts().get(io.andiag.model.record.Scenario.INTERNET_IN, io.andiag.model.record.RetxType.RTO)).isEqualTo(7);
        });

        // Rejects land in the day most good lines of the file fall on, with reason, detail, file and line number.
        Dataset<Row> rejected = spark.read().parquet(lake.resolve("_rejected/retx_counters/dt=2026-11-22").toString());
        Map<String, Long> lineByReason = rejected.collectAsList().stream()
                .collect(Collectors.toMap(x -> x.<String>getAs("reason"), x -> x.<Long>getAs("line")));
        long expectedLine = GOOD_COUNTERS.length + 2; // the empty line is line 6
        for (String reason : BAD_COUNTERS.keySet()) {
            assertThat(lineByReason).containsEntry(reason, expectedLine++);
        }
        Row neg = rejected.filter("reason = 'negative_count'").first();
        assertThat(neg.<String>getAs("detail")).contains("counts.SLB.syn");
        assertThat(neg.<String>getAs("file")).endsWith("counters-2026-11-22.jsonl");
        assertThat(neg.<String>getAs("text")).isEqualTo(BAD_COUNTERS.get("negative_count"));
    }

    @Test
    void shouldReplaceOnlyItsOwnPartitionsOnReRun(@TempDir Path tmp) throws IOException {
        Path input = writeCounters(tmp);
        Path lake = tmp.resolve("lake");
        Path other = lake.resolve("retx_counters/dt=2026-11-20");
        Files.createDirectories(other);
        Files.writeString(other.resolve("keep.txt"), "a partition this run does not touch");
        IngestJob.Options options = new IngestJob.Options(List.of(input.toString()), IngestKind.COUNTERS, null);

        IngestJob.run(spark, lake, options, new StepReport("ingest"));
        IngestJob.run(spark, lake, options, new StepReport("ingest"));

        assertThat(spark.read().parquet(lake.resolve("retx_counters/dt=2026-11-22").toString()).count()).isEqualTo(3);
        assertThat(spark.read().parquet(lake.resolve("_rejected/retx_counters/dt=2026-11-22").toString()).count())
                .isEqualTo(BAD_COUNTERS.size());
        assertThat(other.resolve("keep.txt")).exists();
    }

    @Test
    void shouldReadGzippedDetails(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("details.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(("{\"v\":1,\"ts\":" + EARLY_22 + ",\"ip\":\"10.0.0.1\",\"sport\":41822,\"dip\":\"10.9.0.5\",\"dport\":6379,"
                    + "\"type\":\"rto\",\"scenario\":\"INTRANET\",\"pid\":811,\"comm\":\"java\"}\n"
                    + "{\"v\":1,\"ts\":" + EARLY_22 + ",\"ip\":\"10.0.0.1\",\"sport\":70000,\"dip\":\"10.9.0.5\",\"dport\":6379,"
                    + "\"type\":\"rto\",\"scenario\":\"INTRANET\"}\n").getBytes(StandardCharsets.UTF_8));
        }
        Path lake = tmp.resolve("lake");

        IngestJob.KindResult r = IngestJob.run(spark, lake, new IngestJob.Options(List.of(file.toString()), null, null),
                new StepReport("ingest")).get(IngestKind.DETAILS);

        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.rejectedByReason()).containsExactly(Map.entry("invalid_field", 1L));
        Row row = spark.read().parquet(lake.resolve("retx_details/dt=2026-11-22").toString()).first();
        assertThat(Arrays.asList(row.schema().fieldNames()))
                .containsExactly("ts", "ip", "sport", "dip", "dport", "type", "scenario", "pid", "comm");
        assertThat(row.<String>getAs("type")).isEqualTo("rto");
        assertThat(row.<String>getAs("scenario")).isEqualTo("INTRANET");
        assertThat(row.<String>getAs("comm")).isEqualTo("java");
    }

    @Test
    void shouldRefuseAFileWhoseKindItCannotTell(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("dump.jsonl");
        Files.writeString(file, GOOD_COUNTERS[0] + "\n");
        assertThatThrownBy(() -> IngestJob.run(spark, tmp.resolve("lake"), new IngestJob.Options(List.of(file.toString()), null, null),
                new StepReport("ingest")))
                .isInstanceOf(BatchException.class).hasMessageContaining("--kind");
    }
}
