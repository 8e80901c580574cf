package io.andiag.speed.it;

import io.andiag.datasets.sim.RegionSimulator;
import io.andiag.datasets.sim.SimConfig;
import io.andiag.model.label.IncidentLabel;
import io.andiag.model.label.LabelKind;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReaders;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The region of datasets/sample (see its README and make-sample.sh): its published parameter set is committed, and
 * the region itself is simulated again here, deterministically, to replay its fourth day.
 */
final class SampleRegion {

    static final int IPS = 300;
    static final long SEED = 11;
    static final LocalDate START = LocalDate.of(2026, 11, 16);
    static final LocalDate LIVE_DAY = LocalDate.of(2026, 11, 19);
    static final Path SAMPLE_LAKE = Path.of("..", "datasets", "sample", "lake").toAbsolutePath().normalize();

    private SampleRegion() {
    }

    /** Copies the committed sample (parameter set + ip_attributes) into {@code lake}. */
    static void copySampleInto(Path lake) {
        try (Stream<Path> walk = Files.walk(SAMPLE_LAKE)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = lake.resolve(SAMPLE_LAKE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the sample lake " + SAMPLE_LAKE, e);
        }
    }

    /** Simulates the sample region (all four days, so it is the very region the sample was trained on). */
    static Path simulate(Path dir) {
        RegionSimulator.run(SimConfig.defaults(dir).withIps(IPS).withDays(4).withStart(START).withSeed(SEED),
                new PrintStream(OutputStream.nullOutputStream()), 2);
        return dir;
    }

    static List<IncidentLabel> incidentsOfLiveDay(Path simulated) {
        return LakeReaders.readLabels(LakeLayout.partitionDir(simulated, LakeLayout.LABELS, LIVE_DAY)).stream()
                .filter(l -> l.kind() == LabelKind.INCIDENT)
                .sorted(Comparator.comparingLong(IncidentLabel::startTs))
                .toList();
    }
}
