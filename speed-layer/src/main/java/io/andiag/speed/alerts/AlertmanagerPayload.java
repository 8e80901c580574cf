package io.andiag.speed.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.andiag.model.incident.AlertStatus;
import io.andiag.model.incident.IncidentAlert;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@link IncidentAlert} as one element of Alertmanager's v2 {@code POST /api/v2/alerts} body (the
 * {@code postableAlert} of Alertmanager's OpenAPI spec): labels identify the alert (Alertmanager deduplicates and
 * routes on them), annotations carry the details, {@code startsAt} is the incident's first minute and {@code endsAt}
 * is set once it is resolved. Label values: {@code team} is the routed team or {@code NEEDS_REVIEW}, {@code severity}
 * is {@code L0}..{@code L9} or {@code below_L0} (an incident concentrated on one host, VIP or gateway).
 */
public final class AlertmanagerPayload {

    public static final String ALERTNAME = "AND incident";
    public static final String NEEDS_REVIEW = "NEEDS_REVIEW";

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertmanagerPayload() {
    }

    /** The labels of {@code a}: what Alertmanager identifies the alert by. */
    public static Map<String, String> labels(IncidentAlert a) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", ALERTNAME);
        labels.put("team", a.route().needsReview() || a.route().team().isEmpty() ? NEEDS_REVIEW : a.route().team().get().name());
        labels.put("region", a.region());
        labels.put("severity", a.severity().map(Enum::name).orElse("below_L0"));
        labels.put("incident_id", a.incidentId());
        return labels;
    }

    /**
     * The postable alert of {@code a}; {@code endsAt} is set for a RESOLVED change.
     *
     * @param generatorUrl link back to the source of the alert
     */
    public static ObjectNode of(IncidentAlert a, String generatorUrl) {
        ObjectNode alert = JSON.createObjectNode();
        ObjectNode labels = alert.putObject("labels");
        labels(a).forEach(labels::put);
        ObjectNode ann = alert.putObject("annotations");
        ann.put("summary", a.status() + " " + a.incidentId() + ": " + a.abnormalIps() + "/" + a.monitoredIps()
                + " IPs abnormal in " + a.region() + (a.scope().isEmpty() ? "" : " at " + a.scopeText()) + ", route "
                + AlertFormatter.route(a.route()));
        ann.put("status", a.status().name());
        ann.put("scope", a.scope().isEmpty() ? "region-wide" : a.scopeText());
        ann.put("route", AlertFormatter.route(a.route()));
        ann.put("route_path", String.join(" > ", a.route().path()));
        ann.put("abnormal_ips", Integer.toString(a.abnormalIps()));
        ann.put("monitored_ips", Integer.toString(a.monitoredIps()));
        ann.put("services", Integer.toString(a.services()));
        StringBuilder apps = new StringBuilder();
        a.apps().forEach(app -> apps.append(apps.length() == 0 ? "" : ", ").append(app.app()).append(" (").append(app.abnormalIps()).append(')'));
        ann.put("apps", apps.toString());
        StringBuilder features = new StringBuilder();
        a.evidence().topFeatures().forEach((k, v) -> features.append(features.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        ann.put("top_features", features.toString());
        ann.put("samples", String.join("\n", a.evidence().samples()));
        ann.put("minute", Instant.ofEpochMilli(a.minute()).toString());
        ann.put("param_version", a.paramVersion());
        alert.put("startsAt", Instant.ofEpochMilli(a.firstMinute()).toString());
        if (a.status() == AlertStatus.RESOLVED) {
            alert.put("endsAt", Instant.ofEpochMilli(a.minute()).toString());
        }
        alert.put("generatorURL", generatorUrl);
        return alert;
    }

    /** An alert that ends the label set {@code labels} at {@code endsAt} (used when an incident's labels change). */
    public static ObjectNode ended(Map<String, String> labels, long startsAt, long endsAt, String generatorUrl) {
        ObjectNode alert = JSON.createObjectNode();
        ObjectNode l = alert.putObject("labels");
        labels.forEach(l::put);
        alert.putObject("annotations").put("summary", "superseded: the incident's team or severity changed");
        alert.put("startsAt", Instant.ofEpochMilli(startsAt).toString());
        alert.put("endsAt", Instant.ofEpochMilli(endsAt).toString());
        alert.put("generatorURL", generatorUrl);
        return alert;
    }
}
