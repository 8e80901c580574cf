package io.andiag.batch.ingest;

import io.andiag.model.codec.CounterCodec;
import io.andiag.model.codec.Decoded;
import io.andiag.model.codec.DetailCodec;
import io.andiag.model.codec.TimestampBounds;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeSchemas;
import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.RetxCounts;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one wire JSON line into one row of its lake table, with common-model's codecs (the same ones the speed
 * layer uses; there is no second parser). Accepted rows carry the table's columns then {@code dt}; the schemas here
 * use the lake's column names ({@code Scenario.columnPrefix() + "_" + RetxType.wireName()} for counters).
 */
final class LineDecoder implements Serializable {

    private static final long serialVersionUID = 1L;
    static final long DAY_MS = 86_400_000L;

    private final IngestKind kind;
    private transient CounterCodec counters;
    private transient DetailCodec details;

    LineDecoder(IngestKind kind) {
        this.kind = kind;
    }

    /** The accepted-row schema of the kind (table columns, then the partition column {@code dt}). */
    static StructType acceptedSchema(IngestKind kind) {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField(LakeSchemas.TS, DataTypes.LongType, false));
        f.add(DataTypes.createStructField(LakeSchemas.IP, DataTypes.StringType, false));
        if (kind == IngestKind.COUNTERS) {
            f.add(DataTypes.createStructField(LakeSchemas.INTERVAL_S, DataTypes.IntegerType, false));
            for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
                f.add(DataTypes.createStructField(counterColumn(slot), DataTypes.IntegerType, false));
            }
        } else {
            f.add(DataTypes.createStructField(LakeSchemas.SPORT, DataTypes.IntegerType, false));
            f.add(DataTypes.createStructField(LakeSchemas.DIP, DataTypes.StringType, false));
            f.add(DataTypes.createStructField(LakeSchemas.DPORT, DataTypes.IntegerType, false));
            f.add(DataTypes.createStructField(LakeSchemas.TYPE, DataTypes.StringType, false));
            f.add(DataTypes.createStructField(LakeSchemas.SCENARIO, DataTypes.StringType, false));
            f.add(DataTypes.createStructField(LakeSchemas.PID, DataTypes.IntegerType, false));
            f.add(DataTypes.createStructField(LakeSchemas.COMM, DataTypes.StringType, false));
        }
        f.add(DataTypes.createStructField(LakeLayout.PARTITION_COLUMN, DataTypes.StringType, false));
        return DataTypes.createStructType(f);
    }

    /** {@code intranet_syn}, ... {@code internet_in_rto}: the lake column of a counter slot. */
    static String counterColumn(int slot) {
        return LakeSchemas.counterColumn(slot);
    }

    static String dt(long ts) {
        return LocalDate.ofEpochDay(Math.floorDiv(ts, DAY_MS)).toString();
    }

    /** The row of an accepted line, or the rejection. */
    Decoded<Row> decode(byte[] line) {
        if (kind == IngestKind.COUNTERS) {
            if (counters == null) {
                counters = new CounterCodec(TimestampBounds.historical());
            }
            return counters.decode(line).map(LineDecoder::counterRow);
        }
        if (details == null) {
            details = new DetailCodec(TimestampBounds.historical());
        }
        return details.decode(line).map(LineDecoder::detailRow);
    }

    private static Row counterRow(CounterRecord r) {
        Object[] v = new Object[3 + RetxCounts.SLOTS + 1];
        v[0] = r.ts();
        v[1] = r.ip();
        v[2] = r.intervalS();
        RetxCounts c = r.counts();
        for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
            v[3 + slot] = c.get(slot);
        }
        v[v.length - 1] = dt(r.ts());
        return RowFactory.create(v);
    }

    private static Row detailRow(DetailRecord r) {
        return RowFactory.create(r.ts(), r.ip(), r.sport(), r.dip(), r.dport(), r.type().wireName(),
                r.scenario().wireName(), r.pid(), r.comm(), dt(r.ts()));
    }
}
