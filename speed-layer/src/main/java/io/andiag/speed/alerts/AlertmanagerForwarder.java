package io.andiag.speed.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.andiag.model.incident.AlertStatus;
import io.andiag.model.incident.IncidentAlert;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Keeps Alertmanager in step with {@code and.alerts}. Each change is posted at once. Alertmanager resolves a firing
 * alert it has not heard of for its {@code resolve_timeout} (5 min by default), while {@code and.alerts} only carries
 * changes: so the open incidents are posted again every {@code resend} (1 min by default) until they resolve. When an
 * UPDATE changes an incident's team or severity — labels, by which Alertmanager identifies an alert — the previous
 * label set is ended in the same post, so it does not linger as a second firing alert.
 */
public final class AlertmanagerForwarder {

    public static final Duration DEFAULT_RESEND = Duration.ofMinutes(1);

    /** Where the alerts go: {@link AlertmanagerClient#post} (tests record them instead). */
    @FunctionalInterface
    public interface Poster {
        /** Posts a JSON array of postable alerts; true when delivered. Never throws. */
        boolean post(ArrayNode alerts);
    }

    private final Poster client;
    private final String generatorUrlPrefix;
    private final long resendMs;
    private final LongSupplier clock;
    private final Map<String, IncidentAlert> firing = new LinkedHashMap<>();
    private long lastResend;

    /**
     * @param generatorUrlPrefix each alert's generatorURL is this followed by the incident id
     * @param clock              wall clock, epoch ms (for the resend interval only)
     */
    public AlertmanagerForwarder(Poster client, String generatorUrlPrefix, Duration resend, LongSupplier clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.generatorUrlPrefix = Objects.requireNonNull(generatorUrlPrefix, "generatorUrlPrefix");
        this.resendMs = resend.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lastResend = clock.getAsLong();
    }

    /** Posts one change; true when delivered. */
    public boolean accept(IncidentAlert a) {
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        IncidentAlert previous = firing.get(a.incidentId());
        if (previous != null && !AlertmanagerPayload.labels(previous).equals(AlertmanagerPayload.labels(a))) {
            body.add(AlertmanagerPayload.ended(AlertmanagerPayload.labels(previous), previous.firstMinute(), a.minute(), url(a)));
        }
        body.add(AlertmanagerPayload.of(a, url(a)));
        if (a.status() == AlertStatus.RESOLVED) {
            firing.remove(a.incidentId());
        } else {
            firing.put(a.incidentId(), a);
        }
        return client.post(body);
    }

    /** Posts the open incidents again when the resend interval has passed since the last time. */
    public void tick() {
        long now = clock.getAsLong();
        if (now - lastResend < resendMs) {
            return;
        }
        lastResend = now;
        if (!firing.isEmpty()) {
            ArrayNode body = JsonNodeFactory.instance.arrayNode();
            firing.values().forEach(a -> body.add(AlertmanagerPayload.of(a, url(a))));
            client.post(body);
        }
    }

    /** Incidents currently firing in Alertmanager's view. */
    public int firing() {
        return firing.size();
    }

    private String url(IncidentAlert a) {
        return generatorUrlPrefix + a.incidentId();
    }
}
