package io.andiag.batch.profile;

import io.andiag.batch.BatchRun;
import io.andiag.batch.PlainSeries;
import io.andiag.batch.ProfileAgreement;
import io.andiag.batch.SimLake;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReaders;
import io.andiag.model.lake.SeriesTruth;
import io.andiag.model.profile.PatternNamer;
import io.andiag.model.profile.PatternSettings;
import io.andiag.model.profile.ShapeAnalyzer;
import io.andiag.model.profile.ShapeSettings;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.series.FrequencyLevel;
import io.andiag.model.series.FrequencySettings;
import io.andiag.model.series.SparseMinuteSeries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known answers for the profile's shape statistics, in plain Java (no Spark): every series of the shared simulated
 * region ({@link SimLake}: 400 IPs, 3 days of history, the paper's pattern mix) is profiled by common-model's
 * {@link ShapeAnalyzer} and named by {@link PatternNamer#classify} (the rule that names the batch's k-means clusters)
 * and compared with the simulator's {@code series_truth}. The batch's k-means path is held to the same bar in
 * {@code PipelineTest}.
 */
class ProfileKnownAnswerTest {

    private static ProfileAgreement agreement;

    @BeforeAll
    static void profileTheRegion() {
        BatchRun run = new BatchRun(SimLake.get(), SimLake.DATE, SimLake.HISTORY_DAYS, Instant.now());
        List<SeriesTruth> truth = LakeReaders.readSeriesTruth(LakeLayout.partitionDir(run.lake(), LakeLayout.SERIES_TRUTH, SimLake.DATE));
        Set<String> ips = new HashSet<>();
        truth.forEach(t -> ips.add(t.ip()));
        ShapeAnalyzer shapes = new ShapeAnalyzer(ShapeSettings.defaults());
        PatternNamer namer = new PatternNamer(PatternSettings.defaults());
        FrequencySettings frequency = FrequencySettings.defaults();
        Map<SeriesKey, ProfileAgreement.Profiled> profiled = new HashMap<>();
        for (Map.Entry<SeriesKey, SparseMinuteSeries> e : PlainSeries.of(run, ips).entrySet()) {
            SparseMinuteSeries s = e.getValue();
            if (s.nonZeroCount() > 0) {
                profiled.put(e.getKey(), new ProfileAgreement.Profiled(s.level(frequency), namer.classify(shapes.analyze(s))));
            }
        }
        agreement = new ProfileAgreement(profiled, truth);
        System.out.println(agreement.report("per-series profile (ShapeAnalyzer + PatternNamer.classify)"));
    }

    @Test
    void shouldProfileAtLeastNinetyPercentOfTheGeneratedMixCorrectly() {
        assertThat(agreement.series()).isGreaterThan(SimLake.IPS);
        assertThat(agreement.correctShare()).as("series profiled correctly").isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void shouldRecoverThePatternOfEveryIdentifiableLevel() {
        for (FrequencyLevel l : new FrequencyLevel[] {FrequencyLevel.LOW, FrequencyLevel.MEDIUM, FrequencyLevel.HIGH}) {
            assertThat(agreement.series(l)).as("series of level " + l).isGreaterThan(30);
        }
        assertThat(agreement.patternAgreement(FrequencyLevel.MEDIUM, FrequencyLevel.HIGH)).as("pattern agreement MEDIUM + HIGH")
                .isGreaterThanOrEqualTo(0.88);
        assertThat(agreement.patternAgreement(FrequencyLevel.LOW)).as("pattern agreement LOW").isGreaterThanOrEqualTo(0.82);
        assertThat(agreement.patternAgreement(FrequencyLevel.LOW, FrequencyLevel.MEDIUM, FrequencyLevel.HIGH))
                .as("pattern agreement LOW + MEDIUM + HIGH").isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void shouldPutUltraLowSeriesAtTheirLevel() {
        // their pattern is not scored (not identifiable from a dozen events), so their level must be right
        assertThat(agreement.series(FrequencyLevel.ULTRA_LOW)).isGreaterThan(SimLake.IPS);
        assertThat(agreement.correctShare(FrequencyLevel.ULTRA_LOW)).as("ULTRA_LOW series at the right level").isGreaterThanOrEqualTo(0.95);
    }
}
