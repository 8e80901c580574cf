package io.andiag.datasets.replay;

import io.andiag.model.codec.CounterCodec;
import io.andiag.model.codec.DetailCodec;
import io.andiag.model.codec.TimestampBounds;
import io.andiag.model.lake.LakeLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Builds the time-ordered source for a lake (some days) or for JSON-lines files. */
public final class ReplaySources {

    private ReplaySources() {
    }

    /** True when {@code path} looks like a lake: it has a {@code retx_counters} table. */
    public static boolean isLake(Path path) {
        return Files.isDirectory(LakeLayout.tableDir(path, LakeLayout.RETX_COUNTERS));
    }

    /**
     * The counters and details of {@code days} (all complete days when empty), merged by event time, day after day.
     *
     * @throws IllegalArgumentException naming the day when a requested partition is missing
     */
    public static ReplaySource lake(Path lake, List<LocalDate> days, boolean withDetails) {
        List<LocalDate> selected = days.isEmpty() ? LakeLayout.partitions(lake, LakeLayout.RETX_COUNTERS, true) : days;
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no complete retx_counters partition under " + lake);
        }
        CounterCodec counters = new CounterCodec(TimestampBounds.historical());
        DetailCodec details = new DetailCodec(TimestampBounds.historical());
        List<ReplaySource> perDay = new ArrayList<>();
        for (LocalDate day : selected) {
            Path counterDir = LakeLayout.partitionDir(lake, LakeLayout.RETX_COUNTERS, day);
            if (!LakeLayout.isComplete(counterDir)) {
                throw new IllegalArgumentException("retx_counters partition " + day + " is missing or incomplete (no _SUCCESS) in " + lake);
            }
            perDay.add(new LazyDay(() -> {
                List<ReplaySource> files = new ArrayList<>();
                LakeLayout.dataFiles(counterDir).forEach(f -> files.add(new LakeFileSource(f, LakeFileSource.Kind.COUNTERS, counters, details)));
                Path detailDir = LakeLayout.partitionDir(lake, LakeLayout.RETX_DETAILS, day);
                if (withDetails && Files.isDirectory(detailDir)) {
                    LakeLayout.dataFiles(detailDir).forEach(f -> files.add(new LakeFileSource(f, LakeFileSource.Kind.DETAILS, counters, details)));
                }
                return new MergedSource(files);
            }));
        }
        return new Concatenated(perDay);
    }

    /** JSON-lines files or directories of them ({@code *.jsonl}, {@code *.jsonl.gz}), merged by event time. */
    public static ReplaySource jsonLines(List<Path> paths) {
        List<ReplaySource> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().matches(".*\\.jsonl(\\.gz)?"))
                            .sorted()
                            .forEach(f -> files.add(new JsonLinesSource(f)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p, e);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(new JsonLinesSource(p));
            } else {
                throw new IllegalArgumentException("no such file or directory: " + p);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no *.jsonl or *.jsonl.gz file under " + paths);
        }
        return new MergedSource(files);
    }

    /** Opens a day's files only when the previous day is done, so a week does not hold hundreds of open readers. */
    private static final class LazyDay implements ReplaySource {
        private final java.util.function.Supplier<ReplaySource> open;
        private ReplaySource source;

        LazyDay(java.util.function.Supplier<ReplaySource> open) {
            this.open = open;
        }

        @Override
        public ReplayRecord next() {
            if (source == null) {
                source = open.get();
            }
            return source.next();
        }

        @Override
        public void close() {
            if (source != null) {
                source.close();
            }
        }
    }

    private static final class Concatenated implements ReplaySource {
        private final List<ReplaySource> parts;
        private int current;

        Concatenated(List<ReplaySource> parts) {
            this.parts = parts;
        }

        @Override
        public ReplayRecord next() {
            while (current < parts.size()) {
                ReplayRecord r = parts.get(current).next();
                if (r != null) {
                    return r;
                }
                parts.get(current).close();
                current++;
            }
            return null;
        }

        @Override
        public void close() {
            for (int i = current; i < parts.size(); i++) {
                parts.get(i).close();
            }
        }
    }
}
