package io.andiag.speed.scoring;

import io.andiag.speed.stream.SpeedMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hot swap against real files: the committed sample parameter set (published by the real batch, see
 * datasets/sample/README.md), then broken copies of it published on top.
 */
class LakeModelSourceTest {

    private static final Path SAMPLE = Path.of("..", "datasets", "sample", "lake").toAbsolutePath().normalize();

    @TempDir
    Path lake;

    private String good;
    private final SpeedMetrics metrics = new SpeedMetrics();

    @BeforeEach
    void copySample() throws IOException {
        copy(SAMPLE, lake);
        good = Files.readString(lake.resolve("params/LATEST")).strip();
    }

    @Test
    void shouldServeTheSampleSetPublishedByTheBatch() {
        ScoringModelHolder holder = new ParamsWatcher(new LakeModelSource(lake), metrics).start();

        assertThat(holder.latest().version()).isEqualTo(good);
        assertThat(((IndexedScoringModel) holder.latest()).seriesCount()).isPositive();
        assertThat(holder.latest().threshold()).isBetween(0.5, 1.0);
    }

    @Test
    void shouldRefuseASetWithAMissingTableAndKeepServingThePreviousOne() throws IOException {
        ParamsWatcher watcher = new ParamsWatcher(new LakeModelSource(lake), metrics);
        ScoringModelHolder holder = watcher.start();

        String broken = publishCopy("2099-01-01-20990101T000000Z");
        delete(lake.resolve("params").resolve(broken).resolve("detector_forest"));

        assertThat(watcher.poll()).isFalse();
        assertThat(holder.latest().version()).isEqualTo(good);
        assertThat(metrics.paramSetsRefused()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAHalfWrittenSetWithoutManifest() throws IOException {
        ParamsWatcher watcher = new ParamsWatcher(new LakeModelSource(lake), metrics);
        ScoringModelHolder holder = watcher.start();

        String half = publishCopy("2099-01-02-20990102T000000Z");
        Files.delete(lake.resolve("params").resolve(half).resolve("manifest.json"));

        assertThat(watcher.poll()).isFalse();
        assertThat(holder.latest().version()).isEqualTo(good);
    }

    @Test
    void shouldRefuseAnUnreadableLatestOnceAndKeepServing() throws IOException {
        ParamsWatcher watcher = new ParamsWatcher(new LakeModelSource(lake), metrics);
        ScoringModelHolder holder = watcher.start();

        Files.writeString(lake.resolve("params/LATEST"), "not a version\n");

        assertThat(watcher.poll()).isFalse();
        assertThat(watcher.poll()).isFalse();
        assertThat(holder.latest().version()).isEqualTo(good);
        assertThat(metrics.paramSetsRefused()).as("counted once, not every poll").isEqualTo(1);
    }

    @Test
    void shouldSwapToAValidNewerSet() throws IOException {
        ParamsWatcher watcher = new ParamsWatcher(new LakeModelSource(lake), metrics);
        ScoringModelHolder holder = watcher.start();

        String next = publishCopy("2099-01-03-20990103T000000Z");
        // a copy under another name is a valid set only if the manifest names that version; rewrite it
        Path manifest = lake.resolve("params").resolve(next).resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace(good, next));

        assertThat(watcher.poll()).as("refused: " + metrics.paramSetsRefused()).isTrue();
        assertThat(holder.latest().version()).isEqualTo(next);
    }

    private String publishCopy(String version) throws IOException {
        copy(lake.resolve("params").resolve(good), lake.resolve("params").resolve(version));
        Files.writeString(lake.resolve("params/LATEST"), version + "\n");
        return version;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
