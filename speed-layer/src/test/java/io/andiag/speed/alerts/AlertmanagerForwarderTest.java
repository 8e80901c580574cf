package io.andiag.speed.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class AlertmanagerForwarderTest {

    private final AtomicLong now = new AtomicLong(1_000_000L);
    private final List<ArrayNode> posts = new ArrayList<>();
    private final AlertmanagerForwarder forwarder = new AlertmanagerForwarder(alerts -> posts.add(alerts),
            "andiag://incident/", Duration.ofMinutes(1), now::get);

    @Test
    void shouldEndThePreviousLabelSetWhenAnUpdateChangesTheSeverity() {
        forwarder.accept(Alerts.open());
        forwarder.accept(Alerts.updateL6());

        ArrayNode update = posts.get(1);
        assertThat(update).hasSize(2);
        JsonNode ended = update.get(0);
        assertThat(ended.get("labels").get("severity").asText()).isEqualTo("L2");
        assertThat(ended.get("labels").get("incident_id").asText()).isEqualTo(Alerts.ID);
        assertThat(ended.get("endsAt").asText()).isEqualTo("2026-11-20T10:02:00Z");
        assertThat(update.get(1).get("labels").get("severity").asText()).isEqualTo("L6");
        assertThat(update.get(1).has("endsAt")).isFalse();
    }

    @Test
    void shouldLabelALowConfidenceRouteNeedsReview() {
        forwarder.accept(Alerts.needsReview());
        assertThat(posts.get(0).get(0).get("labels").get("team").asText()).isEqualTo("NEEDS_REVIEW");
        assertThat(posts.get(0).get(0).get("annotations").get("route").asText()).startsWith("NEEDS_REVIEW (0.42");
    }

    @Test
    void shouldResendOpenIncidentsUntilTheyResolve() {
        forwarder.accept(Alerts.open());
        forwarder.tick();
        assertThat(posts).as("not due yet").hasSize(1);

        now.addAndGet(60_000);
        forwarder.tick();
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).get(0).get("labels").get("incident_id").asText()).isEqualTo(Alerts.ID);

        forwarder.accept(Alerts.updateL6());
        forwarder.accept(Alerts.resolved());
        assertThat(posts.get(3)).as("the resolved change keeps the last labels").hasSize(1);
        assertThat(posts.get(3).get(0).get("endsAt").asText()).isEqualTo("2026-11-20T10:05:00Z");
        assertThat(forwarder.firing()).isZero();
        now.addAndGet(60_000);
        forwarder.tick();
        assertThat(posts).as("nothing left to resend").hasSize(4);
    }
}
