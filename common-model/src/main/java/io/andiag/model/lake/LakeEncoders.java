package io.andiag.model.lake;

import io.andiag.model.incident.AppImpact;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.incident.ScopeTerm;
import io.andiag.model.label.IncidentLabel;
import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.MonitoredCount;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;

import java.util.ArrayList;
import java.util.List;

/** One {@link RowEncoder} per lake table, writing the columns of {@link LakeSchemas} in order. */
public final class LakeEncoders {

    private static final int COUNTS_FIRST_COLUMN = 3;

    /** {@code retx_counters} from a reusable mutable row: the fast path for generators. */
    public static final RowEncoder<CounterRow> COUNTER_ROW = (r, s) -> {
        s.putLong(0, r.ts()).putString(1, r.ip()).putInt(2, r.intervalS());
        for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
            s.putInt(COUNTS_FIRST_COLUMN + slot, r.count(slot));
        }
    };

    /** {@code retx_counters} from the wire record. */
    public static final RowEncoder<CounterRecord> COUNTER = (r, s) -> {
        s.putLong(0, r.ts()).putString(1, r.ip()).putInt(2, r.intervalS());
        for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
            s.putInt(COUNTS_FIRST_COLUMN + slot, r.counts().get(slot));
        }
    };

    public static final RowEncoder<DetailRecord> DETAIL = (r, s) -> s
            .putLong(0, r.ts())
            .putString(1, r.ip())
            .putInt(2, r.sport())
            .putString(3, r.dip())
            .putInt(4, r.dport())
            .putString(5, r.type().wireName())
            .putString(6, r.scenario().wireName())
            .putInt(7, r.pid())
            .putString(8, r.comm());

    public static final RowEncoder<IpAttributes> IP_ATTRIBUTES = (r, s) -> s
            .putString(0, r.ip())
            .putString(1, r.kind().name())
            .putString(2, r.app())
            .putString(3, r.appTeam())
            .putString(4, r.vm())
            .putString(5, r.host())
            .putString(6, r.tor())
            .putString(7, r.vswitch())
            .putString(8, r.vpc())
            .putString(9, r.az())
            .putString(10, r.region())
            .putBoolean(11, r.isVip())
            .putString(12, r.gatewayCluster());

    public static final RowEncoder<IncidentLabel> LABEL = (r, s) -> s
            .putString(0, r.incidentId())
            .putString(1, r.kind().name())
            .putString(2, r.team().map(Team::name).orElse(null))
            .putString(3, r.cause())
            .putString(4, r.region())
            .putString(5, r.scope())
            .putLong(6, r.startTs())
            .putLong(7, r.endTs())
            .putInt(8, r.severity())
            .putStringList(9, r.affectedIps())
            .putString(10, r.source().name());

    public static final RowEncoder<SeriesTruth> SERIES_TRUTH = (r, s) -> s
            .putString(0, r.ip())
            .putString(1, r.scenario().wireName())
            .putString(2, r.type().wireName())
            .putString(3, r.frequencyLevel())
            .putString(4, r.pattern())
            .putDouble(5, r.baseRate());

    /** The {@code severity} of an incident change without a level (below L0, concentrated on one value). */
    public static final int NO_SEVERITY = -1;

    /** {@code abnormal}: one archived {@code and.abnormal} record; the feature map as two parallel lists. */
    public static final RowEncoder<Archived<AbnormalSeries>> ABNORMAL = (r, s) -> {
        AbnormalSeries a = r.record();
        s.putLong(0, a.minute())
                .putString(1, a.key().ip())
                .putString(2, a.key().scenario().wireName())
                .putString(3, a.key().type().wireName())
                .putString(4, a.region())
                .putInt(5, a.observed())
                .putDouble(6, a.expected())
                .putDouble(7, a.spread())
                .putDouble(8, a.score())
                .putDouble(9, a.threshold())
                .putBoolean(10, a.coldStart())
                .putStringList(11, new ArrayList<>(a.features().keySet()))
                .putDoubleList(12, new ArrayList<>(a.features().values()))
                .putString(13, a.paramVersion());
        provenance(r, s, 14);
    };

    /** {@code incidents}: one archived {@code and.alerts} record (an incident change). */
    public static final RowEncoder<Archived<IncidentAlert>> INCIDENT = (r, s) -> {
        IncidentAlert a = r.record();
        List<String> apps = new ArrayList<>();
        List<Integer> appIps = new ArrayList<>();
        for (AppImpact app : a.apps()) {
            apps.add(app.app());
            appIps.add(app.abnormalIps());
        }
        s.putString(0, a.incidentId())
                .putString(1, a.status().name())
                .putString(2, a.region())
                .putLong(3, a.firstMinute())
                .putLong(4, a.minute())
                .putInt(5, a.severity().map(SeverityLevel::level).orElse(NO_SEVERITY))
                .putInt(6, a.abnormalIps())
                .putInt(7, a.monitoredIps())
                .putString(8, a.route().team().map(Team::name).orElse(null))
                .putDouble(9, a.route().confidence())
                .putBoolean(10, a.route().needsReview())
                .putStringList(11, a.route().path())
                .putStringList(12, a.scope().stream().map(ScopeTerm::toString).toList())
                .putString(13, a.scopeText())
                .putStringList(14, apps)
                .putIntList(15, appIps)
                .putInt(16, a.services())
                .putStringList(17, new ArrayList<>(a.evidence().topFeatures().keySet()))
                .putDoubleList(18, new ArrayList<>(a.evidence().topFeatures().values()))
                .putStringList(19, a.evidence().samples())
                .putString(20, a.paramVersion());
        provenance(r, s, 21);
    };

    /** {@code monitored}: one archived {@code and.monitored} record. */
    public static final RowEncoder<Archived<MonitoredCount>> MONITORED = (r, s) -> {
        MonitoredCount m = r.record();
        s.putLong(0, m.minute())
                .putString(1, m.region())
                .putInt(2, m.monitoredIps())
                .putInt(3, m.partition());
        provenance(r, s, 4);
    };

    private static void provenance(Archived<?> r, RowSink s, int first) {
        s.putInt(first, r.kafkaPartition()).putLong(first + 1, r.kafkaOffset()).putLong(first + 2, r.archivedAt());
    }

    private LakeEncoders() {
    }
}
