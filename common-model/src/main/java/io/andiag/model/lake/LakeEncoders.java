package io.andiag.model.lake;

import io.andiag.model.label.IncidentLabel;
import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.routing.Team;

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

    private LakeEncoders() {
    }
}
