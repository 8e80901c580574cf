package io.andiag.analysis.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The scorecard for people (Markdown, also what the command prints) and for machines (JSON). */
public final class ScorecardReport {

    public static final String JSON_FILE = "scorecard.json";
    public static final String MARKDOWN_FILE = "scorecard.md";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private ScorecardReport() {
    }

    public static String json(Scorecard s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the scorecard", e);
        }
    }

    /** Writes scorecard.json and scorecard.md into {@code dir}. */
    public static void write(Scorecard s, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(JSON_FILE), json(s) + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(MARKDOWN_FILE), markdown(s), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scorecard into " + dir, e);
        }
    }

    public static String markdown(Scorecard s) {
        StringBuilder b = new StringBuilder();
        Scorecard.Window w = s.window();
        Scorecard.Detection d = s.detection();
        Scorecard.Routing r = s.routing();
        Scorecard.Timing t = s.timing();
        b.append("## Scorecard ").append(s.date()).append("\n\n");
        b.append(String.format(Locale.ROOT, "Evaluated: %d region-minutes closed by the speed layer (%s–%s UTC), "
                        + "%d incidents and %d benign bursts starting in them (%d labels of the day outside).%n%n",
                w.minutes(), time(w.fromMinute()), time(w.toMinute()), w.incidentLabels(), w.benignLabels(),
                w.labelsOutsideWindow()));
        b.append("| detection | value |\n|---|---|\n");
        row(b, "incident recall", pct(d.incidentRecall()) + " (" + d.incidentsDetected() + "/" + d.incidents() + ")");
        row(b, "incident precision", pct(d.incidentPrecision()) + " (" + d.alertedOnIncidents() + " alerted incidents on"
                + " true incidents, " + d.falseAlerts() + " on nothing)");
        row(b, "alerted incidents on benign bursts", d.alertedOnBenign() + " (" + d.benignBurstsAlerted() + " of "
                + d.benignBursts() + " bursts alerted; precision counting them as false: "
                + pct(d.precisionCountingBenignAsFalse()) + ")");
        row(b, "IP precision inside incidents", pct(d.ipPrecision()) + " (" + d.ipsFlaggedAndAffected() + "/"
                + d.ipsFlaggedInIncidents() + " flagged IPs were affected)");
        row(b, "IP recall inside incidents", pct(d.ipRecall()) + " (" + d.ipsFlaggedAndAffected() + "/"
                + d.ipsAffected() + " affected IPs flagged)");
        row(b, "IPs flagged on quiet minutes", "mean " + pct3(d.quietFlaggedShareMean()) + ", max "
                + pct3(d.quietFlaggedShareMax()) + " over " + d.quietMinutes() + " quiet minutes");
        b.append("\n| routing | value |\n|---|---|\n");
        row(b, "accuracy (detected incidents routed to the right team)", pct(r.accuracy()) + " (" + r.routedCorrectly()
                + "/" + r.detected() + ", " + r.needsReview() + " marked for review)");
        row(b, "recall (incidents routed to the right team)", pct(r.recall()));
        row(b, "accuracy at the incident's last alert (route on its accumulated evidence)", pct(r.settledAccuracy())
                + " (" + r.settledCorrectly() + "/" + r.detected() + ")");
        b.append("\n| team | incidents | detected | routed here | correct | recall | accuracy |\n|---|---|---|---|---|---|---|\n");
        for (Scorecard.TeamRow tr : r.teams()) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %s | %s |%n", tr.team(), tr.incidents(),
                    tr.detected(), tr.routedHere(), tr.correct(), pct(tr.recall()), pct(tr.accuracy())));
        }
        b.append("\n| level | incidents | detected | correct | recall | accuracy | network incidents | network recall |"
                + " network accuracy |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Scorecard.LevelRow lr : r.levels()) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s | %s | %d | %s | %s |%n", lr.level(),
                    lr.incidents(), lr.detected(), lr.correct(), pct(lr.recall()), pct(lr.accuracy()),
                    lr.networkIncidents(), pct(lr.networkRecall()), pct(lr.networkAccuracy())));
        }
        b.append("\n| time | value |\n|---|---|\n");
        row(b, "minutes from incident start to first alert", "median " + num(t.minutesToFirstAlertMedian()) + ", mean "
                + num(t.minutesToFirstAlertMean()) + ", max " + (t.minutesToFirstAlertMax() == null ? "–"
                : t.minutesToFirstAlertMax()));
        row(b, "minute close → alert latency", "p50 " + ms(t.closeToAlertP50Ms()) + ", p99 " + ms(t.closeToAlertP99Ms())
                + ", max " + ms(t.closeToAlertMaxMs()) + " (" + t.alertsWithCloseTime() + " of " + t.alerts()
                + " alert records)");
        b.append("\n| label | kind | team | cause | level | IPs | start | min | alerted as | routed to | min to alert |"
                + " flagged (affected) |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Scorecard.IncidentRow ir : s.incidents()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %s | %d | %s | %s | %s | %d (%d) |%n",
                    ir.labelId(), ir.kind(), dash(ir.team()), ir.cause(), ir.severity() == null ? "–" : "L" + ir.severity(),
                    ir.affectedIps(), time(ir.startMinute()), ir.durationMinutes(),
                    ir.alertedAs().isEmpty() ? "–" : String.join(", ", ir.alertedAs()), dash(ir.routedTo()),
                    ir.minutesToFirstAlert() == null ? "–" : ir.minutesToFirstAlert().toString(), ir.ipsFlagged(),
                    ir.ipsFlaggedAndAffected()));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String pct(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    private static String pct3(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.3f %%", 100 * v);
    }

    private static String num(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ms(Long v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.2f s", v / 1000.0);
    }

    private static String dash(String v) {
        return v == null ? "–" : v;
    }

    private static String time(Long epochMs) {
        return epochMs == null ? "–" : HH_MM.format(Instant.ofEpochMilli(epochMs));
    }
}
