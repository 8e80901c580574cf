package io.andiag.datasets.replay;

import io.andiag.model.codec.CounterCodec;
import io.andiag.model.codec.DetailCodec;
import io.andiag.model.lake.LakeReader;
import io.andiag.model.lake.LakeReaders;
import io.andiag.model.lake.LakeRow;
import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.WireTopics;

import java.nio.file.Path;
import java.util.List;

/** One lake Parquet file of counters or details (rows ordered by ts), as wire JSON records. */
final class LakeFileSource implements ReplaySource {

    enum Kind { COUNTERS, DETAILS }

    private final LakeReader.Cursor cursor;
    private final Kind kind;
    private final CounterCodec counters;
    private final DetailCodec details;

    LakeFileSource(Path file, Kind kind, CounterCodec counters, DetailCodec details) {
        this.cursor = LakeReader.open(file, List.of());
        this.kind = kind;
        this.counters = counters;
        this.details = details;
    }

    @Override
    public ReplayRecord next() {
        LakeRow row = cursor.next();
        if (row == null) {
            return null;
        }
        if (kind == Kind.COUNTERS) {
            CounterRecord c = LakeReaders.counter(row);
            return new ReplayRecord(WireTopics.RETX_COUNTERS, c.ip(), counters.encode(c), c.ts());
        }
        DetailRecord d = LakeReaders.detail(row);
        return new ReplayRecord(WireTopics.RETX_DETAILS, d.ip(), details.encode(d), d.ts());
    }

    @Override
    public void close() {
        cursor.close();
    }
}
