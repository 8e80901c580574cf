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
 * <p>Only series that {@linkplain #retransmitting retransmitted in the minute} count. The detector's short window
 * still holds a burst for a few minutes after it ended, so a series can score abnormal in a minute without a single
 * retransmission: that IP is recovering, it hurts no traffic now. Counting it would keep incidents open after the
 * fault ended and would turn bursts that follow one another (a rolling restart of an app, one container at a time)
 * into an apparently simultaneous anomaly of several IPs. Such series stay on {@code and.abnormal}; they are left
 * out of the diagnosis, the same way online and offline.
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

    /** True when {@code s} carried retransmissions in its minute: only such series count in a diagnosis. */
    public static boolean retransmitting(AbnormalSeries s) {
        return s.observed() > 0;
    }

    /**
     * The {@linkplain #retransmitting retransmitting} abnormal series grouped by source IP, sorted by IP; empty when
     * none retransmitted.
     */
    public static List<AbnormalSource> group(Iterable<AbnormalSeries> series) {
        Map<String, AbnormalSource> byIp = new TreeMap<>();
        for (AbnormalSeries s : series) {
            if (!retransmitting(s)) {
                continue;
            }
            AbnormalSource one = of(s.key().ip(), s.key().scenario(), s.key().type(), Math.max(0, s.observed()));
            byIp.merge(one.ip(), one, AbnormalSource::merge);
        }
        return new ArrayList<>(byIp.values());
    }
}
