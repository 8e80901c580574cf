package io.andiag.speed.ops;

import io.andiag.model.codec.RejectReason;
import io.andiag.model.incident.AlertStatus;
import io.andiag.speed.stream.RegionMinuteClose;
import io.andiag.speed.stream.SpeedMetrics;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.util.Locale;
import java.util.Map;

/**
 * Renders AND's metrics in the Prometheus text exposition format. The names are documented in
 * docs/speed-layer.md; renaming one breaks dashboards, so they are pinned by a test.
 */
public final class PrometheusText {

    private final StringBuilder out = new StringBuilder(4096);

    public static String render(SpeedMetrics m, String streamsState, Map<MetricName, ? extends Metric> kafkaMetrics) {
        PrometheusText p = new PrometheusText();
        p.counter("and_counters_in_total", "Counter records read from and.retx.counters.", m.countersIn());
        p.counter("and_details_in_total", "Detail records read from and.retx.details.", m.detailsIn());
        p.counter("and_details_stored_total", "Sampled details kept for the diagnosis.", m.detailsStored());
        p.counter("and_details_over_cap_total", "Valid details not kept: their IP-minute already held the maximum.", m.detailsOverCap());
        p.counter("and_abnormal_ip_minutes_without_details_total",
                "Abnormal IP-minutes sent to the diagnosis without a sampled detail of that minute (none sampled, or none stored in time).",
                m.abnormalIpMinutesWithoutDetails());
        p.header("and_deadletters_total", "Input records sent to and.deadletter, by reason.", "counter");
        for (RejectReason r : RejectReason.values()) {
            p.sample("and_deadletters_total{reason=\"" + r.code() + "\"}", m.deadLetters(r));
        }
        p.counter("and_ip_minutes_closed_total", "IP-minutes closed by the minute windows (heartbeats seen).", m.ipMinutesClosed());
        p.counter("and_series_scored_total", "Series-minutes scored by the isolation forest.", m.seriesScored());
        p.counter("and_series_cold_start_scored_total", "Series-minutes scored with the cold-start profile.", m.coldStartScored());
        p.counter("and_abnormal_out_total", "Abnormal series-minutes written to and.abnormal.", m.abnormalOutTotal());
        p.counter("and_scoring_seconds_total", "Time spent computing features and scores.", m.scoringNanos() / 1e9);
        p.header("and_region_minutes_closed_total", "Region-minutes diagnosed, by how they closed.", "counter");
        for (RegionMinuteClose how : RegionMinuteClose.values()) {
            p.sample("and_region_minutes_closed_total{how=\"" + how.label() + "\"}", m.regionMinutesClosed(how));
        }
        p.counter("and_region_events_late_total", "Abnormal or monitored records for a region-minute already diagnosed (not diagnosed).", m.regionEventsLate());
        p.counter("and_diagnosis_failures_total", "Region-minutes whose diagnosis failed (counted as quiet minutes; see the ERROR log).", m.diagnosisFailures());
        p.counter("and_diagnosis_seconds_total", "Time spent closing and diagnosing region-minutes.", m.diagnosisNanos() / 1e9);
        p.header("and_alerts_out_total", "Incident changes written to and.alerts, by status.", "counter");
        for (AlertStatus s : AlertStatus.values()) {
            p.sample("and_alerts_out_total{status=\"" + s.name() + "\"}", m.alertsOut(s));
        }
        p.counter("and_param_sets_loaded_total", "Parameter sets loaded and put into service.", m.paramSetsLoaded());
        p.counter("and_param_sets_refused_total", "Parameter sets that failed to load or validate (the previous one kept serving).", m.paramSetsRefused());
        p.header("and_param_set_info", "The parameter set in service.", "gauge");
        p.sample("and_param_set_info{version=\"" + escape(m.paramVersion()) + "\"}", 1);
        p.header("and_streams_state", "Kafka Streams client state (1 for the current one).", "gauge");
        p.sample("and_streams_state{state=\"" + escape(streamsState) + "\"}", 1);
        double lag = 0;
        boolean any = false;
        for (Map.Entry<MetricName, ? extends Metric> e : kafkaMetrics.entrySet()) {
            MetricName n = e.getKey();
            if ("records-lag".equals(n.name()) && "consumer-fetch-manager-metrics".equals(n.group())
                    && n.tags().containsKey("partition") && !n.tags().getOrDefault("client-id", "").contains("restore")) {
                Object v = e.getValue().metricValue();
                if (v instanceof Number num && !Double.isNaN(num.doubleValue())) {
                    lag += num.doubleValue();
                    any = true;
                }
            }
        }
        p.header("and_consumer_lag_records", "Records not yet consumed, summed over the assigned input partitions.", "gauge");
        p.sample("and_consumer_lag_records", any ? lag : 0);
        return p.out.toString();
    }

    private void counter(String name, String help, double value) {
        header(name, help, "counter");
        sample(name, value);
    }

    private void header(String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String series, double value) {
        out.append(series).append(' ');
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(String.format(Locale.ROOT, "%.6f", value));
        }
        out.append('\n');
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
