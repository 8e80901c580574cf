package io.andiag.speed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SpeedCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SpeedCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldListTheBrokerSubcommandInTheTopLevelHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: andiag", "broker");
    }

    @Test
    void shouldOfferHelpOnEverySubcommand() {
        for (String sub : SpeedCli.commandLine().getSubcommands().keySet()) {
            out.getBuffer().setLength(0);
            assertThat(run(sub, "--help")).as(sub).isZero();
            assertThat(out.toString()).as(sub).contains("Usage: andiag " + sub);
        }
        out.getBuffer().setLength(0);
        run("broker", "--help");
        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("--data-dir=DIR", "--port=N", "--partitions=N", "Default: 9092", "Default: 6");
        out.getBuffer().setLength(0);
        run("speed", "--help");
        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("--bootstrap=HOST:PORT", "--lake=DIR", "Default: and-speed", "Default: 9464");
        out.getBuffer().setLength(0);
        run("alerts", "--help");
        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("--bootstrap=HOST:PORT", "--from-beginning", "--alertmanager=URL", "/api/v2/alerts", "Default: PT1M");
    }

    @Test
    void shouldRejectANonHttpAlertmanagerUrlBeforeConnecting() {
        assertThat(run("alerts", "--bootstrap", "127.0.0.1:1", "--alertmanager", "ftp://am:9093")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--alertmanager", "ftp://am:9093");
    }

    @Test
    void shouldPrintTheProjectAndKafkaVersions() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("andiag ", "Kafka 4.1.2");
        assertThat(out.toString()).doesNotContain("${");
    }

    @Test
    void shouldFailWithUsageWithoutASubcommand() {
        assertThat(run()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Missing subcommand");
    }

    @Test
    void shouldRejectAnOutOfRangePortOrPartitionCountBeforeStartingAnything() {
        assertThat(run("broker", "--port", "70000")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--port", "70000");
        assertThat(run("broker", "--partitions", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--partitions", "0");
        assertThat(out.toString()).isEmpty();
    }
}
