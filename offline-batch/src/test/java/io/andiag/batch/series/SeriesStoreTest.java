package io.andiag.batch.series;

import io.andiag.batch.TestSpark;
import io.andiag.model.lake.LakeSchemas;
import io.andiag.model.record.RetxCounts;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesStoreTest {

    private static final long START = 1_763_683_200_000L; // 2026-11-21T00:00Z
    private static final int MINUTES = 1440;
    private static final long MIN = 60_000L;

    @Test
    void foldsIntervalsIntoMinutesSummingCountsAndIgnoringRowsOutsideTheWindow() {
        List<Row> rows = List.of(
                row("10.0.0.1", START, 0, 2),
                row("10.0.0.1", START + 15_000, 0, 3),       // same minute: summed
                row("10.0.0.1", START + MIN + 1, -1, 0),     // a heartbeat: observed, no counts
                row("10.0.0.1", START - 1, 0, 100),          // before the window
                row("10.0.0.1", START + MINUTES * MIN, 0, 100), // after it
                row("10.0.0.2", START + 2 * MIN + 59_999, 3, 7));

        List<IpSeries> built = new ArrayList<>();
        SeriesStore.foldPartition(rows.iterator(), START, MINUTES).forEachRemaining(t -> built.add(t._2().build(t._1())));
        built.sort(Comparator.comparing(IpSeries::ip));

        assertThat(built).containsExactly(expectedA(), expectedB());
    }

    @Test
    void mergesTheBuildersOfOneIpFromEveryPartition() {
        List<Row> rows = new ArrayList<>();
        for (int m = 0; m < 120; m++) {
            rows.add(row("10.0.0.1", START + m * MIN, m % 2 == 0 ? 0 : -1, 1)); // 60 minutes with 1 retransmission
            rows.add(row("10.0.0.1", START + m * MIN + 30_000, 0, m == 7 ? 4 : 0));
        }
        Dataset<Row> counters = TestSpark.get().createDataFrame(rows, schema()).repartition(5); // rows of the IP everywhere

        List<IpSeries> built = SeriesStore.build(counters, START, MINUTES, 3).collect();

        assertThat(built).hasSize(1);
        IpSeries s = built.get(0);
        assertThat(s.observedCount()).isEqualTo(120);
        int[] minutes = s.nonZeroMinutes(0);
        int[] counts = s.nonZeroCounts(0);
        assertThat(minutes).hasSize(61).startsWith(0, 2, 4, 6, 7, 8);
        assertThat(counts[4]).as("minute 7: only the second interval").isEqualTo(4);
        assertThat(counts[0]).isEqualTo(1);
        assertThat(s.isActive(1)).isFalse();
    }

    private static IpSeries expectedA() {
        int[][] m = new int[RetxCounts.SLOTS][];
        int[][] c = new int[RetxCounts.SLOTS][];
        m[0] = new int[] {0};
        c[0] = new int[] {5};
        long[] observed = new long[(MINUTES + 63) / 64];
        observed[0] = 0b11;
        return new IpSeries("10.0.0.1", START, MINUTES, observed, m, c);
    }

    private static IpSeries expectedB() {
        int[][] m = new int[RetxCounts.SLOTS][];
        int[][] c = new int[RetxCounts.SLOTS][];
        m[3] = new int[] {2};
        c[3] = new int[] {7};
        long[] observed = new long[(MINUTES + 63) / 64];
        observed[0] = 0b100;
        return new IpSeries("10.0.0.2", START, MINUTES, observed, m, c);
    }

    /** A counter row: {@code ip, ts}, ten counts, {@code count} in {@code slot} (none when slot is -1). */
    private static Row row(String ip, long ts, int slot, int count) {
        Object[] v = new Object[2 + RetxCounts.SLOTS];
        v[0] = ip;
        v[1] = ts;
        for (int s = 0; s < RetxCounts.SLOTS; s++) {
            v[2 + s] = s == slot ? count : 0;
        }
        return RowFactory.create(v);
    }

    private static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(LakeSchemas.IP, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(LakeSchemas.TS, DataTypes.LongType, false));
        for (int s = 0; s < RetxCounts.SLOTS; s++) {
            fields.add(DataTypes.createStructField(LakeSchemas.counterColumn(s), DataTypes.IntegerType, false));
        }
        return DataTypes.createStructType(fields);
    }
}
