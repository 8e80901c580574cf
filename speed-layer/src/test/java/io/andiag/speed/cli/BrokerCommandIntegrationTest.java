package io.andiag.speed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.andiag.speed.topics.AndTopics;
import io.andiag.speed.topics.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs {@code andiag broker} as a real process (the test classpath, SpeedCli's main) and stops it
 * with SIGTERM, as a user or a launcher script would.
 */
@Tag("integration")
class BrokerCommandIntegrationTest {

    @Test
    @Timeout(90)
    void shouldPrintOnlyTheBootstrapAddressAndExitZeroOnSigterm() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                SpeedCli.class.getName(), "broker", "--port", "0", "--partitions", "2")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<String> firstLine = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = stdout.readLine()) != null; ) {
                    lines.add(line);
                    firstLine.complete(line);
                }
            } catch (IOException e) {
                firstLine.completeExceptionally(e);
            }
            firstLine.completeExceptionally(new AssertionError("stdout closed without a line"));
        }, "broker-stdout-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            String first = firstLine.get(60, TimeUnit.SECONDS);
            assertThat(first).matches("127\\.0\\.0\\.1:\\d+");
            int port = Integer.parseInt(first.substring(first.indexOf(':') + 1));

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, first))) {
                var described = admin.describeTopics(AndTopics.ALL.stream().map(Topic::name).toList())
                        .allTopicNames().get(30, TimeUnit.SECONDS);
                assertThat(described.get("and.retx.counters").partitions()).hasSize(2);
                assertThat(described.get("and.retx.details").partitions()).hasSize(2);
                assertThat(described.get("and.alerts").partitions()).hasSize(AndTopics.DERIVED_PARTITIONS);
            }

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("process stopped within 30 s").isTrue();
            assertThat(process.exitValue()).isZero();
            reader.join(5_000);
            assertThat(lines).as("everything the command printed on stdout").containsExactly(first);
            assertThat(accepts(port)).isFalse();
        } finally {
            process.destroyForcibly();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
