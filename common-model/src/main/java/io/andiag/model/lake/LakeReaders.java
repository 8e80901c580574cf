package io.andiag.model.lake;

import io.andiag.model.incident.AlertStatus;
import io.andiag.model.incident.AppImpact;
import io.andiag.model.incident.Evidence;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.incident.Route;
import io.andiag.model.incident.ScopeTerm;
import io.andiag.model.label.IncidentLabel;
import io.andiag.model.label.LabelKind;
import io.andiag.model.label.LabelSource;
import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import io.andiag.model.record.MonitoredCount;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Typed readers of the lake tables, by column name (so files written by Spark with the same columns read too). */
public final class LakeReaders {

    private LakeReaders() {
    }

    public static List<IpAttributes> readIpAttributes(Path path) {
        List<IpAttributes> out = new ArrayList<>();
        LakeReader.forEach(path, r -> out.add(new IpAttributes(
                r.getString(LakeSchemas.IP),
                IpKind.valueOf(r.getString(LakeSchemas.KIND)),
                r.getString(LakeSchemas.APP),
                r.getString(LakeSchemas.APP_TEAM),
                r.getString(LakeSchemas.VM),
                r.getString(LakeSchemas.HOST),
                r.getString(LakeSchemas.TOR),
                r.getString(LakeSchemas.VSWITCH),
                r.getString(LakeSchemas.VPC),
                r.getString(LakeSchemas.AZ),
                r.getString(LakeSchemas.REGION),
                r.getString(LakeSchemas.GATEWAY_CLUSTER))));
        return out;
    }

    public static List<IncidentLabel> readLabels(Path path) {
        List<IncidentLabel> out = new ArrayList<>();
        LakeReader.forEach(path, r -> {
            String team = r.getString(LakeSchemas.TEAM);
            List<String> ips = r.getStringList(LakeSchemas.AFFECTED_IPS);
            out.add(new IncidentLabel(
                    r.getString(LakeSchemas.INCIDENT_ID),
                    LabelKind.valueOf(r.getString(LakeSchemas.KIND)),
                    team == null ? Optional.empty() : Optional.of(Team.valueOf(team)),
                    r.getString(LakeSchemas.CAUSE),
                    r.getString(LakeSchemas.REGION),
                    r.getString(LakeSchemas.SCOPE),
                    r.getLong(LakeSchemas.START_TS),
                    r.getLong(LakeSchemas.END_TS),
                    r.getInt(LakeSchemas.SEVERITY),
                    ips == null ? List.of() : ips,
                    LabelSource.valueOf(r.getString(LakeSchemas.SOURCE))));
        });
        return out;
    }

    public static List<SeriesTruth> readSeriesTruth(Path path) {
        List<SeriesTruth> out = new ArrayList<>();
        LakeReader.forEach(path, r -> out.add(new SeriesTruth(
                r.getString(LakeSchemas.IP),
                scenario(r.getString(LakeSchemas.SCENARIO)),
                type(r.getString(LakeSchemas.TYPE)),
                r.getString(LakeSchemas.FREQUENCY_LEVEL),
                r.getString(LakeSchemas.PATTERN),
                r.getDouble(LakeSchemas.BASE_RATE))));
        return out;
    }

    /** Every row of an {@code abnormal} table, partition or file (the archive's output). */
    public static List<Archived<AbnormalSeries>> readAbnormal(Path path) {
        List<Archived<AbnormalSeries>> out = new ArrayList<>();
        LakeReader.forEach(path, r -> out.add(new Archived<>(new AbnormalSeries(
                r.getLong(LakeSchemas.MINUTE),
                new SeriesKey(r.getString(LakeSchemas.IP), scenario(r.getString(LakeSchemas.SCENARIO)),
                        type(r.getString(LakeSchemas.TYPE))),
                r.getString(LakeSchemas.REGION),
                r.getInt(LakeSchemas.OBSERVED),
                r.getDouble(LakeSchemas.EXPECTED),
                r.getDouble(LakeSchemas.SPREAD),
                r.getDouble(LakeSchemas.SCORE),
                r.getDouble(LakeSchemas.THRESHOLD),
                r.getBoolean(LakeSchemas.COLD_START),
                zip(r.getStringList(LakeSchemas.FEATURE_NAMES), r.getList(LakeSchemas.FEATURE_VALUES)),
                r.getString(LakeSchemas.PARAM_VERSION)), r.getInt(LakeSchemas.KAFKA_PARTITION),
                r.getLong(LakeSchemas.KAFKA_OFFSET), r.getLong(LakeSchemas.ARCHIVED_AT))));
        return out;
    }

    /** Every row of an {@code incidents} table, partition or file (the archive's output). */
    public static List<Archived<IncidentAlert>> readIncidents(Path path) {
        List<Archived<IncidentAlert>> out = new ArrayList<>();
        LakeReader.forEach(path, r -> {
            String team = r.getString(LakeSchemas.TEAM);
            int severity = r.getInt(LakeSchemas.SEVERITY);
            List<ScopeTerm> scope = new ArrayList<>();
            for (String term : r.getStringList(LakeSchemas.SCOPE_TERMS)) {
                int eq = term.indexOf('=');
                scope.add(eq < 0 ? new ScopeTerm(term, "") : new ScopeTerm(term.substring(0, eq), term.substring(eq + 1)));
            }
            List<String> appNames = r.getStringList(LakeSchemas.APPS);
            List<Object> appIps = r.getList(LakeSchemas.APP_ABNORMAL_IPS);
            List<AppImpact> apps = new ArrayList<>();
            for (int i = 0; i < appNames.size(); i++) {
                apps.add(new AppImpact(appNames.get(i), ((Number) appIps.get(i)).intValue()));
            }
            IncidentAlert alert = new IncidentAlert(
                    r.getString(LakeSchemas.INCIDENT_ID),
                    AlertStatus.valueOf(r.getString(LakeSchemas.STATUS)),
                    r.getString(LakeSchemas.REGION),
                    r.getLong(LakeSchemas.FIRST_MINUTE),
                    r.getLong(LakeSchemas.MINUTE),
                    severity < 0 ? Optional.empty() : Optional.of(SeverityLevel.ofLevel(severity)),
                    r.getInt(LakeSchemas.ABNORMAL_IPS),
                    r.getInt(LakeSchemas.MONITORED_IPS),
                    new Route(team == null ? Optional.empty() : Optional.of(Team.valueOf(team)),
                            r.getDouble(LakeSchemas.CONFIDENCE), r.getBoolean(LakeSchemas.NEEDS_REVIEW),
                            r.getStringList(LakeSchemas.ROUTE_PATH)),
                    scope,
                    apps,
                    r.getInt(LakeSchemas.SERVICES),
                    new Evidence(zip(r.getStringList(LakeSchemas.EVIDENCE_FEATURES), r.getList(LakeSchemas.EVIDENCE_VALUES)),
                            r.getStringList(LakeSchemas.EVIDENCE_SAMPLES)),
                    r.getString(LakeSchemas.PARAM_VERSION));
            out.add(new Archived<>(alert, r.getInt(LakeSchemas.KAFKA_PARTITION), r.getLong(LakeSchemas.KAFKA_OFFSET),
                    r.getLong(LakeSchemas.ARCHIVED_AT)));
        });
        return out;
    }

    /** Every row of a {@code monitored} table, partition or file (the archive's output). */
    public static List<Archived<MonitoredCount>> readMonitored(Path path) {
        List<Archived<MonitoredCount>> out = new ArrayList<>();
        LakeReader.forEach(path, r -> out.add(new Archived<>(new MonitoredCount(
                r.getLong(LakeSchemas.MINUTE), r.getString(LakeSchemas.REGION), r.getInt(LakeSchemas.MONITORED_IPS),
                r.getInt(LakeSchemas.PARTITION)), r.getInt(LakeSchemas.KAFKA_PARTITION),
                r.getLong(LakeSchemas.KAFKA_OFFSET), r.getLong(LakeSchemas.ARCHIVED_AT))));
        return out;
    }

    private static Map<String, Double> zip(List<String> names, List<Object> values) {
        if (names.size() != values.size()) {
            throw new IllegalStateException("name and value lists differ in length: " + names + " / " + values);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), ((Number) values.get(i)).doubleValue());
        }
        return m;
    }

    /** Streams {@code retx_counters} rows as wire records (one allocation per row). */
    public static long forEachCounter(Path path, Consumer<CounterRecord> action) {
        return LakeReader.forEach(path, r -> action.accept(counter(r)));
    }

    public static long forEachDetail(Path path, Consumer<DetailRecord> action) {
        return LakeReader.forEach(path, r -> action.accept(detail(r)));
    }

    /** One {@code retx_counters} row as a wire record. */
    public static CounterRecord counter(LakeRow r) {
        int[] counts = new int[RetxCounts.SLOTS];
        for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
            counts[slot] = r.getInt(LakeSchemas.counterColumn(slot));
        }
        return new CounterRecord(r.getLong(LakeSchemas.TS), r.getString(LakeSchemas.IP),
                r.getInt(LakeSchemas.INTERVAL_S), RetxCounts.of(counts));
    }

    /** One {@code retx_details} row as a wire record. */
    public static DetailRecord detail(LakeRow r) {
        return new DetailRecord(
                r.getLong(LakeSchemas.TS),
                r.getString(LakeSchemas.IP),
                r.getInt(LakeSchemas.SPORT),
                r.getString(LakeSchemas.DIP),
                r.getInt(LakeSchemas.DPORT),
                type(r.getString(LakeSchemas.TYPE)),
                scenario(r.getString(LakeSchemas.SCENARIO)),
                r.getInt(LakeSchemas.PID),
                r.getString(LakeSchemas.COMM));
    }

    private static Scenario scenario(String s) {
        return Scenario.fromWire(s).orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + s + "'"));
    }

    private static RetxType type(String s) {
        return RetxType.fromWire(s).orElseThrow(() -> new IllegalArgumentException("unknown retx type '" + s + "'"));
    }
}
