package io.andiag.speed.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up refusals that happen before any Kafka server is started (fast). */
class EmbeddedKafkaBrokerTest {

    @Test
    void shouldRefuseAPortInUseWithAClearMessage() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(taken.getLocalPort()).start())
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("port " + taken.getLocalPort()).hasMessageContaining("in use");
        }
    }

    @Test
    void shouldRefuseToFormatANonEmptyForeignDirectory(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "my files");
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().dataDir(tmp).start())
                .isInstanceOf(BrokerStartException.class).hasMessageContaining("not empty");
        assertThat(tmp.resolve("notes.txt")).exists();
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(65536))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");
    }

    @Test
    void shouldRejectABadStartupTimeout() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().startupTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startupTimeout");
    }
}
