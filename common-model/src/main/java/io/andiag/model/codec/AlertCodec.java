package io.andiag.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.andiag.model.incident.AlertStatus;
import io.andiag.model.incident.AppImpact;
import io.andiag.model.incident.Evidence;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.incident.Route;
import io.andiag.model.incident.ScopeTerm;
import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code and.alerts} JSON (v1), one object per incident change. Field by field in docs/wire.md. Example:
 * <pre>{"v":1,"incident_id":"region-a-20261123-0007","status":"OPEN","region":"region-a",
 * "first_minute":...,"minute":...,"severity":"L3","abnormal_ips":9,"monitored_ips":2000,
 * "route":{"team":"SLB_NAT_GATEWAY","confidence":0.93,"needs_review":false,"path":["INTRANET","NETWORK","SLB_NAT_GATEWAY"]},
 * "scope":[{"dimension":"vip","value":"10.200.0.8"}],"scope_text":"vip=10.200.0.8",
 * "apps":[{"app":"app-17","abnormal_ips":5}],"services":3,
 * "evidence":{"top_features":{"dst_top_vip_share":0.92},"samples":["10.3.7.21:41822 -> 10.200.0.8:443 rto SLB"]},
 * "param_version":"20261123T0210Z"}</pre>
 */
public final class AlertCodec {

    public byte[] encode(IncidentAlert a) {
        return WireJson.encode(512, g -> {
            g.writeStartObject();
            g.writeNumberField("v", IncidentAlert.VERSION);
            g.writeStringField("incident_id", a.incidentId());
            g.writeStringField("status", a.status().name());
            g.writeStringField("region", a.region());
            g.writeNumberField("first_minute", a.firstMinute());
            g.writeNumberField("minute", a.minute());
            if (a.severity().isPresent()) {
                g.writeStringField("severity", a.severity().get().name());
            } else {
                g.writeNullField("severity");
            }
            g.writeNumberField("abnormal_ips", a.abnormalIps());
            g.writeNumberField("monitored_ips", a.monitoredIps());
            g.writeObjectFieldStart("route");
            if (a.route().team().isPresent()) {
                g.writeStringField("team", a.route().team().get().name());
            } else {
                g.writeNullField("team");
            }
            g.writeNumberField("confidence", a.route().confidence());
            g.writeBooleanField("needs_review", a.route().needsReview());
            g.writeArrayFieldStart("path");
            for (String step : a.route().path()) {
                g.writeString(step);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeArrayFieldStart("scope");
            for (ScopeTerm t : a.scope()) {
                g.writeStartObject();
                g.writeStringField("dimension", t.dimension());
                g.writeStringField("value", t.value());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("scope_text", a.scopeText());
            g.writeArrayFieldStart("apps");
            for (AppImpact app : a.apps()) {
                g.writeStartObject();
                g.writeStringField("app", app.app());
                g.writeNumberField("abnormal_ips", app.abnormalIps());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("services", a.services());
            g.writeObjectFieldStart("evidence");
            g.writeObjectFieldStart("top_features");
            for (Map.Entry<String, Double> e : a.evidence().topFeatures().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("samples");
            for (String s : a.evidence().samples()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeStringField("param_version", a.paramVersion());
            g.writeEndObject();
        });
    }

    public Decoded<IncidentAlert> decode(byte[] json) {
        return JsonTree.decode(json, "an alert", root -> {
            JsonTree.version(root, IncidentAlert.VERSION);
            JsonNode sev = root.get("severity");
            Optional<SeverityLevel> severity = sev == null || sev.isNull()
                    ? Optional.empty() : Optional.of(SeverityLevel.valueOf(sev.asText()));
            JsonNode r = JsonTree.required(root, "route");
            JsonNode teamNode = r.get("team");
            Optional<Team> team = Optional.empty();
            if (teamNode != null && !teamNode.isNull()) {
                String name = teamNode.asText();
                team = Optional.of(Team.fromName(name).orElseThrow(() ->
                        new WireJson.Reject(RejectReason.INVALID_FIELD, "unknown team '" + name + "'")));
            }
            List<String> path = new ArrayList<>();
            JsonTree.required(r, "path").forEach(n -> path.add(n.asText()));
            Route route = new Route(team, JsonTree.number(r, "confidence"), JsonTree.bool(r, "needs_review"), path);
            List<ScopeTerm> scope = new ArrayList<>();
            for (JsonNode t : JsonTree.required(root, "scope")) {
                scope.add(new ScopeTerm(JsonTree.text(t, "dimension"), JsonTree.text(t, "value")));
            }
            List<AppImpact> apps = new ArrayList<>();
            for (JsonNode app : JsonTree.required(root, "apps")) {
                apps.add(new AppImpact(JsonTree.text(app, "app"), (int) JsonTree.integer(app, "abnormal_ips")));
            }
            JsonNode ev = JsonTree.required(root, "evidence");
            Map<String, Double> top = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = JsonTree.required(ev, "top_features").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                top.put(e.getKey(), e.getValue().asDouble());
            }
            List<String> samples = new ArrayList<>();
            JsonTree.required(ev, "samples").forEach(n -> samples.add(n.asText()));
            return new IncidentAlert(JsonTree.text(root, "incident_id"), AlertStatus.valueOf(JsonTree.text(root, "status")),
                    JsonTree.text(root, "region"), JsonTree.integer(root, "first_minute"), JsonTree.integer(root, "minute"),
                    severity, (int) JsonTree.integer(root, "abnormal_ips"), (int) JsonTree.integer(root, "monitored_ips"),
                    route, scope, apps, (int) JsonTree.integer(root, "services"), new Evidence(top, samples),
                    JsonTree.text(root, "param_version"));
        });
    }
}
