package io.andiag.speed.archive;

import io.andiag.model.codec.AbnormalCodec;
import io.andiag.model.codec.AlertCodec;
import io.andiag.model.codec.Decoded;
import io.andiag.model.codec.MonitoredCountCodec;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.lake.Archived;
import io.andiag.model.lake.LakeEncoders;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeSchemas;
import io.andiag.model.lake.RowEncoder;
import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.MonitoredCount;
import io.andiag.speed.topics.AndTopics;
import org.apache.parquet.schema.MessageType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One speed-layer output topic and the lake table it is archived to: how a record is decoded, which minute decides
 * its {@code dt} partition, and how it is written. Declared once for the three archived topics ({@link #ALL}).
 *
 * @param <T> the record type
 */
public record ArchiveTable<T>(String topic, String table, MessageType schema, Function<byte[], Decoded<T>> decoder,
                              ToLongFunction<T> minuteOf, RowEncoder<Archived<T>> encoder) {

    public static final ArchiveTable<AbnormalSeries> ABNORMAL = new ArchiveTable<>(AndTopics.ABNORMAL.name(),
            LakeLayout.ABNORMAL, LakeSchemas.ABNORMAL, new AbnormalCodec()::decode, AbnormalSeries::minute,
            LakeEncoders.ABNORMAL);
    public static final ArchiveTable<IncidentAlert> INCIDENTS = new ArchiveTable<>(AndTopics.ALERTS.name(),
            LakeLayout.INCIDENTS, LakeSchemas.INCIDENTS, new AlertCodec()::decode, IncidentAlert::minute,
            LakeEncoders.INCIDENT);
    public static final ArchiveTable<MonitoredCount> MONITORED = new ArchiveTable<>(AndTopics.MONITORED.name(),
            LakeLayout.MONITORED, LakeSchemas.MONITORED, new MonitoredCountCodec()::decode, MonitoredCount::minute,
            LakeEncoders.MONITORED);

    /** Every archived topic. */
    public static final List<ArchiveTable<?>> ALL = List.of(ABNORMAL, INCIDENTS, MONITORED);

    public static Optional<ArchiveTable<?>> forTopic(String topic) {
        return ALL.stream().filter(t -> t.topic().equals(topic)).findFirst();
    }

    /** The UTC day of an epoch-ms minute: the record's {@code dt}. */
    public static LocalDate dayOf(long minute) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(minute), ZoneOffset.UTC);
    }
}
