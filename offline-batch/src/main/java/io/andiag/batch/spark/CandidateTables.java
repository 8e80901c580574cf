package io.andiag.batch.spark;

import io.andiag.batch.BatchException;
import io.andiag.batch.BatchRun;
import io.andiag.batch.StepReport;
import io.andiag.batch.series.ProfileLookup;
import io.andiag.model.params.ParamsSchema;
import io.andiag.model.record.SeriesKey;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the tables earlier steps wrote into the candidate directory. */
public final class CandidateTables {

    private CandidateTables() {
    }

    /**
     * @throws BatchException naming the step to run when the table is missing or incomplete
     */
    public static Dataset<Row> read(SparkSession spark, BatchRun run, String table, StepReport report) {
        Path p = run.candidateTable(table);
        if (!Files.isRegularFile(p.resolve("_SUCCESS"))) {
            throw new BatchException("candidate table " + table + " for serve date " + run.serveDate() + " is missing or incomplete ("
                    + p + "): run the step that writes it first (" + writer(table) + ")");
        }
        Dataset<Row> df = spark.read().parquet(p.toString());
        report.read(table, p.toString(), df.count());
        return df;
    }

    static String writer(String table) {
        return switch (table) {
            case "series_profile" -> "andiag batch profile";
            case "series_noise" -> "andiag batch noise";
            default -> "andiag batch train-detector";
        };
    }

    /** The profiled series of every IP, for a join with the IP's minute series. */
    public static JavaPairRDD<String, Iterable<ProfileLookup>> profilesByIp(Dataset<Row> profile) {
        return profile.select(ParamsSchema.SERIES_KEY, ParamsSchema.FREQUENCY_LEVEL, ParamsSchema.PATTERN, ParamsSchema.QUALITY)
                .javaRDD()
                .mapToPair(r -> {
                    SeriesKey key = SeriesKey.parse(r.getString(0));
                    return new Tuple2<>(key.ip(), new ProfileLookup(key.slot(), r.getString(0), r.getString(1), r.getString(2), r.getDouble(3)));
                })
                .groupByKey();
    }
}
