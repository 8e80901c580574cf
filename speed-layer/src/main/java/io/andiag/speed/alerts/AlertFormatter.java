package io.andiag.speed.alerts;

import io.andiag.model.incident.AppImpact;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.incident.Route;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One incident change as two lines of text for a terminal:
 * <pre>
 * 2026-11-20 10:00Z  OPEN      region-a-20261120-1000-1  L2  PHYSICAL_NETWORK (1.00)
 *     scope az=az-0 &amp; tor=tor-1 | 8/2000 IPs abnormal | apps app-0 (1), app-1 (1), app-10 (1) +5 more
 * </pre>
 * The time is the incident minute (event time, UTC). A route below the confidence bar reads
 * {@code NEEDS_REVIEW (0.42, guess INTRANET > NETWORK > PHYSICAL_NETWORK)}; an incident below L0 that is concentrated
 * on one host, VIP or gateway has severity {@code <L0}.
 */
public final class AlertFormatter {

    static final int TOP_APPS = 3;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    private AlertFormatter() {
    }

    public static String format(IncidentAlert a) {
        String first = String.format(Locale.ROOT, "%s  %-8s  %s  %s  %s", TIME.format(Instant.ofEpochMilli(a.minute())),
                a.status(), a.incidentId(), severity(a), route(a.route()));
        String second = "    scope " + (a.scope().isEmpty() ? "region-wide" : a.scopeText())
                + " | " + a.abnormalIps() + "/" + a.monitoredIps() + " IPs abnormal"
                + " | apps " + apps(a.apps());
        return first + System.lineSeparator() + second;
    }

    static String severity(IncidentAlert a) {
        return a.severity().map(Enum::name).orElse("<L0");
    }

    /** The team with its confidence, or NEEDS_REVIEW with the confidence and the router's best guess. */
    static String route(Route r) {
        String confidence = String.format(Locale.ROOT, "%.2f", r.confidence());
        if (r.team().isPresent() && !r.needsReview()) {
            return r.team().get().name() + " (" + confidence + ")";
        }
        return "NEEDS_REVIEW (" + confidence + (r.path().isEmpty() ? "" : ", guess " + String.join(" > ", r.path())) + ")";
    }

    private static String apps(List<AppImpact> apps) {
        if (apps.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(TOP_APPS, apps.size()); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(apps.get(i).app()).append(" (").append(apps.get(i).abnormalIps()).append(')');
        }
        if (apps.size() > TOP_APPS) {
            b.append(" +").append(apps.size() - TOP_APPS).append(" more");
        }
        return b.toString();
    }
}
