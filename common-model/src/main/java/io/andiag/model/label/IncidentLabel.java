package io.andiag.model.label;

import io.andiag.model.routing.Team;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the {@code labels} table: what really happened (simulator ground truth or an operator verdict).
 *
 * @param incidentId    unique id, e.g. {@code sim-7-0042}
 * @param kind          incident or benign burst
 * @param team          the team that must act; empty for benign bursts
 * @param cause         a short machine-readable cause, e.g. {@code tor_link_flap}, {@code rolling_restart}
 * @param region        region of the affected IPs
 * @param scope         the dimension values the anomaly converges to, e.g. {@code az=az-2 & tor=tor-17}
 * @param startTs       first affected minute, epoch ms (inclusive)
 * @param endTs         end of the last affected minute, epoch ms (exclusive)
 * @param severity      intended peak severity level 0..9, or -1 when below L0 (benign bursts)
 * @param affectedIps   the source IPs whose retransmissions the event raised
 * @param source        who produced the label
 */
public record IncidentLabel(String incidentId, LabelKind kind, Optional<Team> team, String cause, String region,
                            String scope, long startTs, long endTs, int severity, List<String> affectedIps,
                            LabelSource source) {

    public IncidentLabel {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(source, "source");
        affectedIps = List.copyOf(affectedIps);
        if (endTs <= startTs) {
            throw new IllegalArgumentException("label " + incidentId + ": end " + endTs + " must be after start " + startTs);
        }
        if (severity < -1 || severity > 9) {
            throw new IllegalArgumentException("label " + incidentId + ": severity must be -1..9, got " + severity);
        }
        if (kind == LabelKind.INCIDENT && team.isEmpty()) {
            throw new IllegalArgumentException("label " + incidentId + ": an incident needs a team");
        }
    }

    public boolean covers(long minuteTs) {
        return minuteTs >= startTs && minuteTs < endTs;
    }
}
