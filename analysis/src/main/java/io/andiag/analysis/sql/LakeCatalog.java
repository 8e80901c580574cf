package io.andiag.analysis.sql;

import io.andiag.model.lake.LakeLayout;
import io.andiag.model.params.ParamsLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds the tables of a lake, generically, so tables added later (e.g. {@code abnormal}, {@code incidents}) appear
 * as soon as they are written:
 * <ul>
 *   <li>every directory directly under the lake, except {@code params/} and names starting with {@code _} or
 *       {@code .}, that holds Parquet data files ({@link LakeLayout#dataFiles}: markers, checksums and hidden
 *       in-progress files are skipped) is a view of the same name; {@code dt=} partitions become a {@code dt} column;</li>
 *   <li>the parameter set {@code params/LATEST} names: each of its directories with Parquet files is a view
 *       {@code params_<name>}; a directory that only holds subdirectories (e.g. {@code router/}) gives one view per
 *       subdirectory with files, {@code params_router_<sub>...}.</li>
 * </ul>
 * A table without data files, a missing params directory or a missing/invalid LATEST is skipped with a note.
 */
public final class LakeCatalog {

    /** Prefix of the views of the LATEST parameter set. */
    public static final String PARAMS_PREFIX = "params_";
    private static final int MAX_PARAMS_DEPTH = 4;

    private final List<LakeView> views;
    private final List<String> notes;
    private final String paramsVersion;

    private LakeCatalog(List<LakeView> views, List<String> notes, String paramsVersion) {
        this.views = List.copyOf(views);
        this.notes = List.copyOf(notes);
        this.paramsVersion = paramsVersion;
    }

    public static LakeCatalog scan(Path lake) {
        if (!Files.isDirectory(lake)) {
            throw new SqlException("no lake directory at " + lake);
        }
        List<LakeView> views = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path dir : children(lake)) {
            String name = dir.getFileName().toString();
            if (name.equals(ParamsLayout.PARAMS_DIR)) {
                continue;
            }
            List<Path> files = parquetFiles(dir);
            if (files.isEmpty()) {
                notes.add("skipped " + name + "/: no Parquet data files yet");
            } else {
                views.add(new LakeView(sqlName(name), dir, files, hasPartitionDirs(dir, files)));
            }
        }
        String version = latestParams(lake, views, notes);
        return new LakeCatalog(views, notes, version);
    }

    public List<LakeView> views() {
        return views;
    }

    /** Why some tables are not there (for the prompt's banner and {@code .tables}). */
    public List<String> notes() {
        return notes;
    }

    /** The version LATEST names, or null when no parameter set was registered. */
    public String paramsVersion() {
        return paramsVersion;
    }

    private static String latestParams(Path lake, List<LakeView> views, List<String> notes) {
        Path latest = ParamsLayout.latestFile(lake);
        if (!Files.isRegularFile(latest)) {
            notes.add("no parameter set: " + lake.relativize(latest) + " does not exist");
            return null;
        }
        String version;
        try {
            version = Files.readString(latest, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            notes.add("no parameter set: cannot read " + latest + ": " + e.getMessage());
            return null;
        }
        if (!ParamsLayout.isVersion(version)) {
            notes.add("no parameter set: " + latest + " does not name a version: '" + version + "'");
            return null;
        }
        Path dir = ParamsLayout.versionDir(lake, version);
        if (!Files.isDirectory(dir)) {
            notes.add("no parameter set: LATEST names " + version + " but " + dir + " does not exist");
            return null;
        }
        addParams(dir, PARAMS_PREFIX, 1, views, notes);
        return version;
    }

    private static void addParams(Path dir, String prefix, int depth, List<LakeView> views, List<String> notes) {
        for (Path child : children(dir)) {
            String name = prefix + sqlName(child.getFileName().toString());
            List<Path> direct = directParquet(child);
            if (!direct.isEmpty()) {
                views.add(new LakeView(name, child, direct, false));
            } else if (depth < MAX_PARAMS_DEPTH) {
                addParams(child, name + "_", depth + 1, views, notes);
            }
        }
    }

    /** Parquet files directly in {@code dir} or in its {@code key=value} partition directories. */
    private static List<Path> directParquet(Path dir) {
        List<Path> files = new ArrayList<>();
        for (Path f : parquetFiles(dir)) {
            Path rel = dir.relativize(f);
            boolean partitioned = true;
            for (int i = 0; i < rel.getNameCount() - 1; i++) {
                partitioned &= rel.getName(i).toString().contains("=");
            }
            if (partitioned) {
                files.add(f);
            }
        }
        return files;
    }

    private static List<Path> parquetFiles(Path dir) {
        return LakeLayout.dataFiles(dir).stream()
                .filter(p -> p.getFileName().toString().endsWith(LakeLayout.PARQUET_SUFFIX))
                .toList();
    }

    private static boolean hasPartitionDirs(Path dir, List<Path> files) {
        return files.stream().anyMatch(f -> {
            Path rel = dir.relativize(f);
            return rel.getNameCount() > 1 && rel.getName(0).toString().contains("=");
        });
    }

    /** Visible subdirectories, sorted. */
    private static List<Path> children(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("_") && !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** A directory name as an SQL identifier: lower case, anything but letters, digits and '_' becomes '_'. */
    static String sqlName(String dirName) {
        String s = dirName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "t_" + s : s;
    }
}
