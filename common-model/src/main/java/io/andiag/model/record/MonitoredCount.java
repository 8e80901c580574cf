package io.andiag.model.record;

import java.util.Objects;

/**
 * How many IPs of a region sent a heartbeat in a minute: the denominator of severity. Partial counts from several
 * speed-layer partitions are summed per (region, minute).
 *
 * @param minute       epoch ms, minute-aligned
 * @param region       region name
 * @param monitoredIps IPs observed in that minute
 * @param partition    the input partition that counted them, so partial counts can be summed without double counting
 */
public record MonitoredCount(long minute, String region, int monitoredIps, int partition) {

    public MonitoredCount {
        Objects.requireNonNull(region, "region");
        if (monitoredIps < 0) {
            throw new IllegalArgumentException("monitoredIps must be >= 0, got " + monitoredIps);
        }
    }
}
