package io.andiag.model.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where lake tables live on disk: {@code <lake>/<table>/dt=YYYY-MM-DD/part-NNNNN.parquet}, with an empty
 * {@code _SUCCESS} file written last when a partition is complete. The one place for table and file names.
 */
public final class LakeLayout {

    public static final String RETX_COUNTERS = "retx_counters";
    public static final String RETX_DETAILS = "retx_details";
    public static final String IP_ATTRIBUTES = "ip_attributes";
    public static final String LABELS = "labels";
    /** Simulator only: the generating frequency level and pattern of every series. */
    public static final String SERIES_TRUTH = "series_truth";

    /** Speed-layer output archived by {@code andiag archive}: one row per abnormal series-minute. */
    public static final String ABNORMAL = "abnormal";
    /** Speed-layer output archived by {@code andiag archive}: one row per incident change (alert). */
    public static final String INCIDENTS = "incidents";
    /** Speed-layer output archived by {@code andiag archive}: monitored-IP counts per region, minute and partition. */
    public static final String MONITORED = "monitored";

    /** Hive-style partition column of every table. */
    public static final String PARTITION_COLUMN = "dt";
    public static final String SUCCESS_MARKER = "_SUCCESS";
    public static final String PARQUET_SUFFIX = ".parquet";
    public static final String IN_PROGRESS_SUFFIX = ".inprogress";

    private static final String PARTITION_PREFIX = PARTITION_COLUMN + "=";

    private LakeLayout() {
    }

    public static Path tableDir(Path lake, String table) {
        return lake.resolve(table);
    }

    /** {@code dt=2026-11-23}. */
    public static String partitionName(LocalDate day) {
        return PARTITION_PREFIX + day;
    }

    public static Path partitionDir(Path lake, String table, LocalDate day) {
        return tableDir(lake, table).resolve(partitionName(day));
    }

    /** {@code part-00003.parquet}: the file of one writer (shard) in a partition. */
    public static String partFileName(int part) {
        if (part < 0 || part > 99_999) {
            throw new IllegalArgumentException("part number must be 0..99999, got " + part);
        }
        return String.format("part-%05d%s", part, PARQUET_SUFFIX);
    }

    /**
     * {@code part-<roll>-<n>.parquet}: file {@code n} of one roll of an appending writer (the archive), where
     * {@code roll} is the roll's UTC time as {@code yyyyMMdd'T'HHmmssSSS'Z'} followed by a per-process sequence, so
     * names sort by the time they were written and never collide across restarts.
     */
    public static String rollFileName(String roll, int n) {
        if (n < 0 || n > 99_999) {
            throw new IllegalArgumentException("file number must be 0..99999, got " + n);
        }
        return String.format("part-%s-%05d%s", roll, n, PARQUET_SUFFIX);
    }

    /**
     * The hidden name a file is written under before it is complete: {@code .<name>.inprogress}. Readers skip it
     * ({@link #isDataFile}: leading dot; globs like {@code *.parquet} do not match it either).
     */
    public static String inProgressName(String finalName) {
        return "." + finalName + IN_PROGRESS_SUFFIX;
    }

    /** True for a file written under {@link #inProgressName}. */
    public static boolean isInProgress(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(IN_PROGRESS_SUFFIX);
    }

    public static Path partFile(Path partitionDir, int part) {
        return partitionDir.resolve(partFileName(part));
    }

    /** The day of a {@code dt=YYYY-MM-DD} directory name, or empty when the name is not a partition. */
    public static Optional<LocalDate> parsePartition(String dirName) {
        if (!dirName.startsWith(PARTITION_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(dirName.substring(PARTITION_PREFIX.length())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Writes the empty {@code _SUCCESS} marker: call it after every file of the partition is closed. */
    public static void markSuccess(Path partitionDir) {
        try {
            Files.createDirectories(partitionDir);
            Files.write(partitionDir.resolve(SUCCESS_MARKER), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + SUCCESS_MARKER + " in " + partitionDir, e);
        }
    }

    public static boolean isComplete(Path partitionDir) {
        return Files.isRegularFile(partitionDir.resolve(SUCCESS_MARKER));
    }

    /** The days of the partitions of a table, ascending; only complete ones when {@code completeOnly}. */
    public static List<LocalDate> partitions(Path lake, String table, boolean completeOnly) {
        Path dir = tableDir(lake, table);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory)
                    .filter(p -> !completeOnly || isComplete(p))
                    .map(p -> parsePartition(p.getFileName().toString()))
                    .flatMap(Optional::stream)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * True for a file that holds table data: not a marker or hidden file ({@code _SUCCESS}, {@code _metadata},
     * {@code .part-0.crc}) and not a checksum. Spark's {@code part-00000-<uuid>-c000.snappy.parquet} qualifies.
     */
    public static boolean isDataFile(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith("_") && !name.startsWith(".") && !name.endsWith(".crc");
    }

    /**
     * The data files under {@code path} in a stable (sorted) order: the file itself, or every data file below a
     * directory (a partition, a table with {@code dt=} partitions, or a Spark output directory).
     */
    public static List<Path> dataFiles(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new UncheckedIOException(new IOException("no such file or directory: " + path));
        }
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> files = new ArrayList<>();
            walk.filter(Files::isRegularFile)
                    .filter(p -> isDataFile(p) && !hiddenDirBetween(path, p))
                    .forEach(files::add);
            files.sort(null);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    private static boolean hiddenDirBetween(Path root, Path file) {
        Path rel = root.relativize(file.getParent() == null ? root : file.getParent());
        for (Path part : rel) {
            String n = part.toString();
            if (n.startsWith("_") || n.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
