package io.andiag.model.lake;

import io.andiag.model.label.IncidentLabel;
import io.andiag.model.label.LabelKind;
import io.andiag.model.label.LabelSource;
import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import io.andiag.model.routing.Team;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
