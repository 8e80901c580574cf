package io.andiag.speed.alerts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertFormatterTest {

    @Test
    void shouldPrintAnIncidentChangeOnTwoLines() {
        assertThat(AlertFormatter.format(Alerts.open()).lines()).containsExactly(
                "2026-11-20 10:00Z  OPEN      region-a-20261120-1000-1  L2  PHYSICAL_NETWORK (0.93)",
                "    scope az=az-0 & tor=tor-1 | 8/2000 IPs abnormal | apps app-3 (3), app-1 (2), app-0 (1) +2 more");
    }

    @Test
    void shouldShowNeedsReviewWithTheConfidenceAndTheBestGuess() {
        assertThat(AlertFormatter.format(Alerts.needsReview()).lines().findFirst().orElseThrow())
                .endsWith("L0  NEEDS_REVIEW (0.42, guess INTRANET > NETWORK > PHYSICAL_NETWORK)");
    }

    @Test
    void shouldPrintTheResolvedMinute() {
        assertThat(AlertFormatter.format(Alerts.resolved())).startsWith("2026-11-20 10:05Z  RESOLVED  region-a-20261120-1000-1  L6");
    }
}
