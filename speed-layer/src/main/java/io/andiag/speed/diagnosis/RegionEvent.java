package io.andiag.speed.diagnosis;

import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.MonitoredCount;
import io.andiag.model.routing.AbnormalSource;
import io.andiag.speed.stream.ScorerOutput;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What travels through the region-minute repartition topic, keyed by region: the abnormal IPs of a minute (with their
 * sampled details) and the per-partition monitored counts that tell the diagnosis a partition is done with a minute.
 * Serialized by {@link RegionEventSerde}.
 */
public sealed interface RegionEvent {

    String region();

    long minute();

    /**
     * The light form of the scorer's output for the diagnosis (no feature vectors, no scores); empty for an abnormal
     * IP none of whose abnormal series retransmitted in the minute ({@link AbnormalSource#retransmitting}: it is
     * recovering and is not diagnosed).
     */
    static Optional<RegionEvent> of(ScorerOutput out) {
        if (out instanceof ScorerOutput.AbnormalIp a) {
            List<AbnormalSource> source = AbnormalSource.group(a.series());
            return source.isEmpty() ? Optional.empty() : Optional.of(new Abnormal(a.region(), a.minute(), source.get(0),
                    a.series().get(0).paramVersion(), a.details()));
        }
        return Optional.of(new Monitored(((ScorerOutput.Monitored) out).count()));
    }

    /**
     * One abnormal source IP of a region-minute.
     *
     * @param source       the IP, its abnormal series (slot mask) and their retransmissions
     * @param paramVersion the parameter set that scored it
     * @param details      its sampled details of that minute
     */
    record Abnormal(String region, long minute, AbnormalSource source, String paramVersion, List<DetailRecord> details)
            implements RegionEvent {
        public Abnormal {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(paramVersion, "paramVersion");
            details = List.copyOf(details);
        }
    }

    /** One input partition's monitored-IP count of a region-minute: that partition is done with it. */
    record Monitored(MonitoredCount count) implements RegionEvent {
        public Monitored {
            Objects.requireNonNull(count, "count");
        }

        @Override
        public String region() {
            return count.region();
        }

        @Override
        public long minute() {
            return count.minute();
        }
    }
}
