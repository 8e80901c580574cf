package io.andiag.speed.stream;

import io.andiag.model.codec.AbnormalCodec;
import io.andiag.model.codec.AlertCodec;
import io.andiag.model.codec.DeadLetterCodec;
import io.andiag.model.codec.MonitoredCountCodec;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.DeadLetter;
import io.andiag.model.record.MonitoredCount;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.util.function.Function;

/** The serdes of the speed layer's internal and output values, built on common-model's codecs. */
public final class SpeedSerdes {

    private SpeedSerdes() {
    }

    public static Serde<MinuteCounts> minuteCounts() {
        return of(MinuteCounts::toBytes, MinuteCounts::fromBytes);
    }

    public static Serde<IpMinute> ipMinute() {
        return of(IpMinute::toBytes, IpMinute::fromBytes);
    }

    public static Serde<DeadLetter> deadLetter() {
        DeadLetterCodec codec = new DeadLetterCodec();
        return of(codec::encode, bytes -> codec.decode(bytes).value());
    }

    public static Serde<AbnormalSeries> abnormal() {
        AbnormalCodec codec = new AbnormalCodec();
        return of(codec::encode, bytes -> codec.decode(bytes).value());
    }

    public static Serde<MonitoredCount> monitoredCount() {
        MonitoredCountCodec codec = new MonitoredCountCodec();
        return of(codec::encode, bytes -> codec.decode(bytes).value());
    }

    /** {@code and.alerts} values: common-model's alert JSON. */
    public static Serde<IncidentAlert> alert() {
        AlertCodec codec = new AlertCodec();
        return of(codec::encode, bytes -> codec.decode(bytes).value());
    }

    private static <T> Serde<T> of(Function<T, byte[]> encode, Function<byte[], T> decode) {
        Serializer<T> ser = (topic, value) -> value == null ? null : encode.apply(value);
        Deserializer<T> de = (topic, bytes) -> bytes == null ? null : decode.apply(bytes);
        return Serdes.serdeFrom(ser, de);
    }
}
