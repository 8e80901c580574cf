package io.andiag.speed.stream;

import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.MonitoredCount;

import java.util.List;
import java.util.Objects;

/**
 * What the scorer emits: per IP-minute with at least one abnormal series, those series and the IP's sampled details
 * of that minute; and per region the monitored-IP count of each closed minute.
 */
public sealed interface ScorerOutput {

    /** The region the record belongs to (the key of the region-minute repartition). */
    String region();

    /**
     * @param series  the IP's abnormal series of that minute (at least one), in slot order
     * @param details the IP's sampled details of that minute (capped), in arrival order
     */
    record AbnormalIp(String ip, long minute, String region, List<AbnormalSeries> series, List<DetailRecord> details)
            implements ScorerOutput {
        public AbnormalIp {
            Objects.requireNonNull(ip, "ip");
            Objects.requireNonNull(region, "region");
            series = List.copyOf(series);
            details = List.copyOf(details);
            if (series.isEmpty()) {
                throw new IllegalArgumentException("an abnormal IP-minute needs at least one abnormal series: " + ip);
            }
        }
    }

    record Monitored(MonitoredCount count) implements ScorerOutput {
        @Override
        public String region() {
            return count.region();
        }
    }
}
