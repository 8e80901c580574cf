package io.andiag.batch.publish;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.andiag.batch.BatchException;
import io.andiag.batch.BatchRun;
import io.andiag.model.params.ParamsLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Publish carries a candidate's router/ only when train-router trained it on the replay of the candidate's detector. */
class PublishRouterCheckTest {

    static BatchRun run(Path lake) {
        return new BatchRun(lake, LocalDate.parse("2026-11-21"), 3, Instant.parse("2026-11-22T02:00:00Z"));
    }

    static ObjectNode detectorReport(double threshold) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.putObject("stats").putObject("calibration").put("threshold", threshold);
        return r;
    }

    static ObjectNode routerReport(double threshold) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.putObject("stats").put("detector_threshold", threshold);
        return r;
    }

    @Test
    void shouldAcceptNoRouterOrARouterOfTheCandidatesDetector(@TempDir Path lake) throws IOException {
        BatchRun run = run(lake);
        assertThatCode(() -> PublishJob.checkRouter(run, null, detectorReport(0.71))).as("no router/: the rules").doesNotThrowAnyException();
        Files.createDirectories(run.candidateDir().resolve(ParamsLayout.ROUTER));
        assertThatCode(() -> PublishJob.checkRouter(run, routerReport(0.71), detectorReport(0.71))).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseARouterOfAnotherDetectorOrWithoutItsReport(@TempDir Path lake) throws IOException {
        BatchRun run = run(lake);
        Files.createDirectories(run.candidateDir().resolve(ParamsLayout.ROUTER));
        assertThatThrownBy(() -> PublishJob.checkRouter(run, routerReport(0.70), detectorReport(0.71)))
                .isInstanceOf(BatchException.class)
                .hasMessageContaining("another detector (threshold 0.7, the candidate's is 0.71)")
                .hasMessageContaining("andiag batch train-router --lake " + run.lake() + " --date 2026-11-21");
        assertThatThrownBy(() -> PublishJob.checkRouter(run, null, detectorReport(0.71)))
                .isInstanceOf(BatchException.class).hasMessageContaining("no report of step train-router");
    }
}
