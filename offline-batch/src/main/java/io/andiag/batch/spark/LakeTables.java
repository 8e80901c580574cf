package io.andiag.batch.spark;

import io.andiag.batch.BatchException;
import io.andiag.model.lake.LakeLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.lit;

/**
 * Reading and writing lake partitions from Spark: {@code <lake>/<table>/dt=YYYY-MM-DD/}, complete when it holds
 * {@code _SUCCESS}. A missing partition of the history is an error that names it, never a silently shorter window.
 */
public final class LakeTables {

    private static final String SUCCESS = LakeLayout.SUCCESS_MARKER;

    private LakeTables() {
    }

    public static Path partitionDir(Path lake, String table, LocalDate day) {
        return LakeLayout.partitionDir(lake, table, day);
    }

    public static boolean isComplete(Path partitionDir) {
        return LakeLayout.isComplete(partitionDir);
    }

    public static void markComplete(Path partitionDir) {
        LakeLayout.markSuccess(partitionDir);
    }

    /** The partitions of {@code days} that are missing or incomplete, as text for an error message; empty when all are there. */
    public static List<String> missing(Path lake, String table, List<LocalDate> days) {
        List<String> missing = new ArrayList<>();
        for (LocalDate d : days) {
            Path p = partitionDir(lake, table, d);
            if (!Files.isDirectory(p)) {
                missing.add(p + " (absent)");
            } else if (!isComplete(p)) {
                missing.add(p + " (no " + SUCCESS + ": incomplete)");
            }
        }
        return missing;
    }

    /**
     * The rows of {@code days} of {@code table} with a {@code dt} column (the day as {@code YYYY-MM-DD}).
     *
     * @throws BatchException naming every missing or incomplete partition
     */
    public static Dataset<Row> read(SparkSession spark, Path lake, String table, List<LocalDate> days) {
        List<String> missing = missing(lake, table, days);
        if (!missing.isEmpty()) {
            throw new BatchException("input partition(s) of " + table + " missing for the history " + days.get(0) + ".."
                    + days.get(days.size() - 1) + ": " + String.join(", ", missing));
        }
        Dataset<Row> all = null;
        for (LocalDate d : days) {
            Dataset<Row> one = spark.read().parquet(partitionDir(lake, table, d).toString()).withColumn(LakeLayout.PARTITION_COLUMN, lit(d.toString()));
            all = all == null ? one : all.unionByName(one);
        }
        return all;
    }

    /** The days of {@code days} whose partition of {@code table} exists and is complete. */
    public static List<LocalDate> present(Path lake, String table, List<LocalDate> days) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d : days) {
            if (isComplete(partitionDir(lake, table, d))) {
                out.add(d);
            }
        }
        return out;
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    if (exc != null) {
                        throw exc;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
