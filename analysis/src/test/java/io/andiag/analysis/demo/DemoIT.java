package io.andiag.analysis.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/andiag demo} end to end at small scale: real simulator, Spark batch, Kafka broker, speed layer, archive and
 * scorecard, each in its own JVM, exactly as a user runs it. Runs in {@code ./mvnw verify} after the other modules
 * were packaged (analysis comes after datasets, offline-batch and speed-layer in the reactor); the demo refuses to
 * build (ANDIAG_NO_BUILD=1).
 */
@Tag("integration")
class DemoIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final List<String> JARS = List.of("datasets/target/and-datasets.jar",
            "offline-batch/target/and-offline-batch.jar", "speed-layer/target/and-speed-layer.jar",
            "analysis/target/and-analysis.jar");

    @Test
    void demoShouldEndWithAScorecardAndLeaveNoProcessRunning() throws Exception {
        for (String jar : JARS) {
            assertThat(ROOT.resolve(jar)).as("the demo runs the packaged jars: build the whole reactor (./mvnw verify)")
                    .exists();
        }
        Path scratch = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        Path work = Files.createTempDirectory(scratch, "andiag-demo-it-");
        Files.delete(work);          // the demo wants an empty or absent work directory
        Path log = Files.createTempFile(scratch, "andiag-demo-it-", ".log");
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/andiag").toString(), "demo", "--work-dir", work.toString(),
                // a 300-IP region: below 1 / 0.002 = 500 IPs the demo's calibration target would allow no flag at all
                "--ips", "300", "--window", "06:00-07:30", "--target-share", "0.005")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("ANDIAG_NO_BUILD", "1");
        pb.environment().put("ANDIAG_JAVA_OPTS", "-Xmx2g");
        Process demo = pb.start();
        if (!demo.waitFor(10, TimeUnit.MINUTES)) {
            demo.destroy();                               // SIGTERM: the demo stops what it started
            demo.waitFor(60, TimeUnit.SECONDS);
            demo.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(demo.exitValue()).as("demo output:%n%s", output).isZero();
        assertThat(output).contains("7/7 scorecard").contains("| incident recall |");

        JsonNode card = new ObjectMapper().readTree(work.resolve("scorecard.json").toFile());
        assertThat(card.at("/window/minutes").asInt()).as("minutes of 06:00-07:30 closed").isBetween(80, 90);
        assertThat(card.at("/detection/incidents").asInt() + card.at("/detection/benignBursts").asInt())
                .as("36 incidents + 12 bursts a day put a few in 90 minutes").isGreaterThanOrEqualTo(2);
        assertThat(card.at("/routing/levels").size()).isEqualTo(10);
        assertThat(work.resolve("scorecard.md")).exists();
        assertThat(work.resolve("lake/params/LATEST")).exists();
        assertThat(work.resolve("lake/monitored")).isDirectory();

        List<String> leftovers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(work.toString())).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        assertThat(leftovers).as("processes the demo started").isEmpty();
        deleteQuietly(work);
        Files.deleteIfExists(log);
    }

    private static void deleteQuietly(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
