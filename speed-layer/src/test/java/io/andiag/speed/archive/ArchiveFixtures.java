package io.andiag.speed.archive;

import io.andiag.model.codec.AbnormalCodec;
import io.andiag.model.codec.AlertCodec;
import io.andiag.model.codec.MonitoredCountCodec;
import io.andiag.model.incident.AlertStatus;
import io.andiag.model.incident.Evidence;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.incident.Route;
import io.andiag.model.lake.Archived;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReaders;
import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.MonitoredCount;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Output records of the speed layer as the archive reads them, and the archived rows read back from the lake. */
final class ArchiveFixtures {

    /** 2026-11-22T23:58:00Z: records of minutes i = 0.. straddle midnight, so two dt partitions get written. */
    static final long MINUTE0 = 1_795_391_880_000L;

    private ArchiveFixtures() {
    }

    static long minute(int i) {
        return MINUTE0 + i * 60_000L;
    }

    static byte[] abnormal(int i) {
        return new AbnormalCodec().encode(new AbnormalSeries(minute(i % 5), new SeriesKey("10.16.0." + i, Scenario.SLB, RetxType.RTO),
                "region-a", 10 + i, 1.5, 0.8, 0.7, 0.6, false, Map.of("residual", (double) i), "v1"));
    }

    static byte[] alert(int i) {
        return new AlertCodec().encode(new IncidentAlert("region-a-" + i, AlertStatus.OPEN, "region-a", minute(i % 5),
                minute(i % 5), Optional.of(SeverityLevel.L2), 5, 1000,
                new Route(Optional.of(Team.END_HOST), 0.9, false, List.of("INTRANET", "HOST", "END_HOST")), List.of(), List.of(), 1,
                Evidence.none(), "v1"));
    }

    static byte[] monitored(int i) {
        return new MonitoredCountCodec().encode(new MonitoredCount(minute(i % 5), "region-a", 1000, i % 3));
    }

    /** Every archived row of the three tables, as "topic-table:partition@offset" keys, so duplicates show. */
    static List<String> archivedKeys(Path lake) {
        List<String> keys = new ArrayList<>();
        for (ArchiveTable<?> t : ArchiveTable.ALL) {
            Path dir = LakeLayout.tableDir(lake, t.table());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<? extends Archived<?>> rows = switch (t.table()) {
                case LakeLayout.ABNORMAL -> LakeReaders.readAbnormal(dir);
                case LakeLayout.INCIDENTS -> LakeReaders.readIncidents(dir);
                default -> LakeReaders.readMonitored(dir);
            };
            rows.forEach(a -> keys.add(t.table() + ":" + a.kafkaPartition() + "@" + a.kafkaOffset()));
        }
        return keys;
    }
}
