package io.andiag.batch.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.andiag.batch.BatchException;
import io.andiag.batch.BatchRun;
import io.andiag.batch.Pipeline;
import io.andiag.batch.SimLake;
import io.andiag.batch.StepReport;
import io.andiag.batch.TestSpark;
import io.andiag.batch.noise.NoiseJob;
import io.andiag.batch.spark.LakeTables;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.params.InvalidParameterSetException;
import io.andiag.model.params.ParameterSetLoader;
import io.andiag.model.params.ParamsLayout;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Publish and its refusals, on copies of the candidate the shared pipeline run left behind. */
@Tag("integration")
class PublishJobTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final PublishSettings LENIENT = new PublishSettings(50, 50, 0.01, 3.0, 0.95);

    static Path source;

    @BeforeAll
    static void pipeline() {
        assertThat(Pipeline.exitCode()).isZero();
        source = Pipeline.run().candidateDir();
    }

    /** A lake with the simulated inputs and a copy of the pipeline's candidate. */
    static BatchRun lakeWithCandidate(Path dir, int second) throws IOException {
        Path lake = SimLake.copyInputs(dir.resolve("lake"));
        BatchRun run = new BatchRun(lake, SimLake.DATE, SimLake.HISTORY_DAYS, Instant.parse("2026-11-23T02:00:00Z").plusSeconds(second));
        PublishJob.copyTree(source, run.candidateDir());
        return run;
    }

    static BatchRun again(BatchRun run, int second) {
        return new BatchRun(run.lake(), run.date(), run.historyDays(), Instant.parse("2026-11-23T02:00:00Z").plusSeconds(second));
    }

    static String latest(BatchRun run) throws IOException {
        return Files.readString(ParamsLayout.latestFile(run.lake()), StandardCharsets.UTF_8).trim();
    }

    @Test
    void shouldPublishAVersionWithItsManifestAndPointLatestAtIt(@TempDir Path tmp) throws IOException {
        BatchRun run = lakeWithCandidate(tmp, 0);
        String version = PublishJob.run(run, LENIENT, new StepReport("publish"));

        assertThat(version).isEqualTo(run.serveDate() + "-20261123T020000Z");
        assertThat(latest(run)).isEqualTo(version);
        Path dir = ParamsLayout.versionDir(run.lake(), version);
        for (String table : ParamsLayout.TABLES) {
            assertThat(dir.resolve(table)).isDirectory();
        }
        assertThat(dir.resolve(ParamsLayout.MANIFEST)).isRegularFile();
        try (var listing = Files.list(ParamsLayout.paramsDir(run.lake()))) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".staging") || n.startsWith(".LATEST"));
        }
        assertThat(ParameterSetLoader.loadLatest(run.lake()).version()).isEqualTo(version);
    }

    @Test
    void shouldRefuseAGrosslyWorseSetAndLeaveLatestUntouched(@TempDir Path tmp) throws IOException {
        BatchRun run = lakeWithCandidate(tmp, 0);
        String first = PublishJob.run(run, LENIENT, new StepReport("publish"));

        assertThatThrownBy(() -> PublishJob.run(again(run, 1), new PublishSettings(50, 50, 1e-9, 3.0, 0.95), new StepReport("publish")))
                .isInstanceOf(BatchException.class).hasMessageContaining("--max-flagged-share");
        assertThatThrownBy(() -> PublishJob.run(again(run, 2), new PublishSettings(50, 50, 0.01, 3.0, 0.30), new StepReport("publish")))
                .isInstanceOf(BatchException.class).hasMessageContaining("pattern-mix collapse");
        assertThatThrownBy(() -> PublishJob.run(again(run, 3), new PublishSettings(100_000, 50, 0.01, 3.0, 0.95), new StepReport("publish")))
                .isInstanceOf(BatchException.class).hasMessageContaining("insufficient input").hasMessageContaining("--min-ips");

        assertThat(latest(run)).isEqualTo(first);
        try (var listing = Files.list(ParamsLayout.paramsDir(run.lake()))) {
            assertThat(listing.filter(p -> ParamsLayout.isVersion(p.getFileName().toString()))).hasSize(1);
        }
    }

    @Test
    void shouldValidateWithoutTouchingTheLakeAndRecordTheDecision(@TempDir Path tmp) throws IOException {
        BatchRun run = lakeWithCandidate(tmp, 0);

        QualityGate.Decision d = ValidateJob.run(run, LENIENT, new StepReport(ValidateJob.STEP));

        assertThat(d.passed()).isTrue();
        assertThat(d.latest()).isEmpty();
        assertThat(ParamsLayout.latestFile(run.lake())).doesNotExist();
        JsonNode saved = JSON.readTree(ParamsLayout.stepReport(run.candidateDir(), ValidateJob.STEP).toFile());
        assertThat(saved.path("stats").path("decision").asText()).isEqualTo("PASS");
        assertThat(saved.path("stats").path("gate").path("checks")).hasSize(5);
    }

    @Test
    void shouldBlockATamperedCandidateInValidateAndPublishAndRecordTheGateInTheManifest(@TempDir Path tmp) throws IOException {
        BatchRun run = lakeWithCandidate(tmp, 0);
        String first = PublishJob.run(run, LENIENT, new StepReport("publish"));
        JsonNode manifest = JSON.readTree(ParamsLayout.versionDir(run.lake(), first).resolve(ParamsLayout.MANIFEST).toFile());
        assertThat(manifest.path(QualityGate.MANIFEST_FIELD).path("decision").asText()).isEqualTo("PASS");
        double flagged = manifest.path(QualityGate.MANIFEST_FIELD).path("metrics").path("flagged_share_ip_minute").asDouble();
        assertThat(flagged).isPositive().isLessThan(0.003);

        // The same candidate with a flagged share far worse than the published one's (and above half the limit).
        Path report = ParamsLayout.stepReport(run.candidateDir(), "train-detector");
        String text = Files.readString(report);
        Files.writeString(report, text.replaceFirst("\"flagged_share_ip_minute\" : [0-9.eE-]+", "\"flagged_share_ip_minute\" : 0.009"));

        assertThatThrownBy(() -> ValidateJob.run(again(run, 1), LENIENT, new StepReport(ValidateJob.STEP)))
                .isInstanceOf(BatchException.class).hasMessageContaining("quality gate").hasMessageContaining("--max-flagged-ratio")
                .hasMessageContaining(first);
        JsonNode saved = JSON.readTree(ParamsLayout.stepReport(run.candidateDir(), ValidateJob.STEP).toFile());
        assertThat(saved.path("stats").path("decision").asText()).isEqualTo("BLOCKED");
        assertThat(saved.path("stats").path("gate").path("compared_with").asText()).isEqualTo(first);
        assertThatThrownBy(() -> PublishJob.run(again(run, 2), LENIENT, new StepReport("publish")))
                .isInstanceOf(BatchException.class).hasMessageContaining("--max-flagged-ratio");
        assertThat(latest(run)).isEqualTo(first);
    }

    @Test
    void shouldRefuseWhenAnInputPartitionIsMissing(@TempDir Path tmp) throws IOException {
        BatchRun run = lakeWithCandidate(tmp, 0);
        Path counters = run.lake().resolve(LakeLayout.RETX_COUNTERS);
        Files.delete(counters); // the symbolic link; rebuild it without the first history day
        for (LocalDate d : run.historyDates().subList(1, run.historyDays())) {
            Path part = LakeLayout.partitionDir(run.lake(), LakeLayout.RETX_COUNTERS, d);
            Files.createDirectories(part.getParent());
            Files.createSymbolicLink(part, LakeLayout.partitionDir(SimLake.get(), LakeLayout.RETX_COUNTERS, d));
        }

        assertThatThrownBy(() -> PublishJob.run(run, LENIENT, new StepReport("publish")))
                .isInstanceOf(BatchException.class)
                .hasMessageContaining("dt=" + run.historyStart()).hasMessageContaining("absent");
        assertThat(ParamsLayout.latestFile(run.lake())).doesNotExist();
    }

    @Test
    void shouldRefuseAnEmptyTable(@TempDir Path tmp) throws IOException {
        BatchRun run = lakeWithCandidate(tmp, 0);
        Path detector = run.candidateTable(ParamsLayout.DETECTOR);
        var spark = TestSpark.get();
        var schema = spark.read().parquet(detector.toString()).schema();
        spark.createDataFrame(java.util.List.of(), schema).write().mode(SaveMode.Overwrite).parquet(detector.toString());

        assertThatThrownBy(() -> PublishJob.run(run, LENIENT, new StepReport("publish")))
                .isInstanceOf(BatchException.class).hasMessageContaining("detector is empty");
        assertThat(ParamsLayout.latestFile(run.lake())).doesNotExist();
    }

    @Test
    void shouldRefuseWhenAStepHasNotRun(@TempDir Path tmp) throws IOException {
        BatchRun run = lakeWithCandidate(tmp, 0);
        Files.delete(ParamsLayout.stepReport(run.candidateDir(), NoiseJob.STEP));

        assertThatThrownBy(() -> PublishJob.run(run, LENIENT, new StepReport("publish")))
                .isInstanceOf(BatchException.class).hasMessageContaining("step noise has not run");
    }

    @Test
    void shouldRefuseHalfWrittenSetsWhenLoading(@TempDir Path tmp) throws IOException {
        BatchRun run = lakeWithCandidate(tmp, 0);
        String good = PublishJob.run(run, LENIENT, new StepReport("publish"));
        Path lake = run.lake();

        // A version directory without its manifest (a publish that died before writing it).
        String half = "2026-11-23-20261123T030000Z";
        PublishJob.copyTree(run.candidateTable(ParamsLayout.SERIES_PROFILE), ParamsLayout.versionDir(lake, half).resolve(ParamsLayout.SERIES_PROFILE));
        assertThatThrownBy(() -> ParameterSetLoader.load(lake, half))
                .isInstanceOf(InvalidParameterSetException.class).hasMessageContaining(half).hasMessageContaining("no manifest.json");

        // LATEST naming a directory that does not exist.
        Files.writeString(ParamsLayout.latestFile(lake), "2026-11-30-20261129T020000Z\n");
        assertThatThrownBy(() -> ParameterSetLoader.loadLatest(lake))
                .isInstanceOf(InvalidParameterSetException.class).hasMessageContaining("2026-11-30-20261129T020000Z")
                .hasMessageContaining("does not exist");

        // LATEST holding garbage.
        Files.writeString(ParamsLayout.latestFile(lake), "../../etc\n");
        assertThatThrownBy(() -> ParameterSetLoader.loadLatest(lake))
                .isInstanceOf(InvalidParameterSetException.class).hasMessageContaining("does not hold a version");

        // A manifest whose row counts do not match the tables.
        Path manifest = ParamsLayout.versionDir(lake, good).resolve(ParamsLayout.MANIFEST);
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.replaceFirst("\"detector\" : 1", "\"detector\" : 2"));
        assertThatThrownBy(() -> ParameterSetLoader.load(lake, good))
                .isInstanceOf(InvalidParameterSetException.class).hasMessageContaining(good)
                .hasMessageContaining("table detector has 1 rows, the manifest says 2");

        // A forest node table that is not a forest.
        Files.writeString(manifest, text);
        LakeTables.deleteRecursively(ParamsLayout.versionDir(lake, good).resolve(ParamsLayout.DETECTOR_FOREST));
        assertThatThrownBy(() -> ParameterSetLoader.load(lake, good))
                .isInstanceOf(InvalidParameterSetException.class).hasMessageContaining("detector_forest is missing");
    }
}
