package io.andiag.model.routing;

import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One abnormal source IP in a region-minute: which of its series (scenario x retx type) were abnormal, and how many
 * retransmissions they carried. The light form of the {@link AbnormalSeries} of one IP.
 *
 * @param ip       source IP
 * @param slotMask bit {@code RetxCounts.slot(scenario, type)} is set for every abnormal series of this IP
 * @param observed retransmissions observed in the abnormal series, summed
 */
public record AbnormalSource(String ip, int slotMask, int observed) {

    private static final int ALL_SLOTS = (1 << RetxCounts.SLOTS) - 1;

    public AbnormalSource {
        Objects.requireNonNull(ip, "ip");
        if (slotMask == 0 || (slotMask & ~ALL_SLOTS) != 0) {
            throw new IllegalArgumentException("slotMask of " + ip + " must name 1.." + RetxCounts.SLOTS
                    + " series, got 0x" + Integer.toHexString(slotMask));
        }
        if (observed < 0) {
            throw new IllegalArgumentException("observed of " + ip + " must be >= 0, got " + observed);
        }
    }

    /** One source with a single abnormal series. */
    public static AbnormalSource of(String ip, Scenario scenario, RetxType type, int observed) {
        return new AbnormalSource(ip, 1 << RetxCounts.slot(scenario, type), observed);
    }

    /** Number of abnormal series of this IP. */
    public int seriesCount() {
        return Integer.bitCount(slotMask);
    }

    public boolean has(Scenario scenario, RetxType type) {
        return (slotMask & (1 << RetxCounts.slot(scenario, type))) != 0;
    }

    /** True when any abnormal series of this IP is in {@code scenario}. */
    public boolean has(Scenario scenario) {
        return has(scenario, RetxType.SYN) || has(scenario, RetxType.RTO);
    }

    /** This source with another abnormal series merged in. */
    public AbnormalSource merge(AbnormalSource other) {
        if (!ip.equals(other.ip)) {
            throw new IllegalArgumentException("cannot merge sources " + ip + " and " + other.ip);
        }
        return new AbnormalSource(ip, slotMask | other.slotMask, observed + other.observed);
    }

    /** The abnormal series grouped by source IP, sorted by IP. */
    public static List<AbnormalSource> group(Iterable<AbnormalSeries> series) {
        Map<String, AbnormalSource> byIp = new TreeMap<>();
        for (AbnormalSeries s : series) {
            AbnormalSource one = of(s.key().ip(), s.key().scenario(), s.key().type(), Math.max(0, s.observed()));
            byIp.merge(one.ip(), one, AbnormalSource::merge);
        }
        return new ArrayList<>(byIp.values());
    }
}
