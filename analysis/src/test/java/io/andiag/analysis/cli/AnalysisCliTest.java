package io.andiag.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnalysisCliTest {

    @Test
    void helpExitsZeroAndUnknownCommandsAreUsageErrors() {
        assertThat(AnalysisCli.execute("--help")).isZero();
        assertThat(AnalysisCli.execute("no-such-command")).isEqualTo(2);
    }
}
