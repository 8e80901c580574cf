package io.andiag.bench.speed;

import io.andiag.model.severity.SeverityLevel;

import java.util.BitSet;

/**
 * The incident the paced (latency) run injects so that {@code and.alerts} carries an alert for nearly every closed
 * minute: a +30 burst on the first series of {@code SeverityLevel.minAbnormal} IPs for the chosen level, spread evenly
 * over the region (no single host, VIP or gateway: a region-wide incident), on even minutes all of them and on odd
 * minutes every second one. The severity alternates (L3 and L1 by default), so the speed layer opens the incident and
 * then sends an UPDATE each minute — the minute-close → alert latency an operator sees.
 */
final class InjectedIncident {

    static final int BURST = 30;

    private final BitSet everyMinute;
    private final BitSet evenMinutesOnly;
    private final int size;

    private InjectedIncident(BitSet everyMinute, BitSet evenMinutesOnly, int size) {
        this.everyMinute = everyMinute;
        this.evenMinutesOnly = evenMinutesOnly;
        this.size = size;
    }

    static InjectedIncident none() {
        return new InjectedIncident(new BitSet(), new BitSet(), 0);
    }

    /**
     * @param firstSlot per IP of the region, its first profiled slot or -1 (an IP without series cannot be hurt)
     * @param level     the severity level reached on even minutes, 0..9
     */
    static InjectedIncident atLevel(int[] firstSlot, int level) {
        int monitored = firstSlot.length;
        int wanted = (int) SeverityLevel.ofLevel(level).minAbnormal(monitored);
        int[] candidates = new int[monitored];
        int n = 0;
        for (int i = 0; i < monitored; i++) {
            if (firstSlot[i] >= 0) {
                candidates[n++] = i;
            }
        }
        if (n < wanted) {
            throw new IllegalArgumentException("an L" + level + " incident among " + monitored + " IPs needs " + wanted
                    + " IPs with a profiled series, the region has " + n);
        }
        BitSet every = new BitSet(monitored);
        BitSet even = new BitSet(monitored);
        for (int j = 0; j < wanted; j++) {
            int ip = candidates[(int) ((long) j * n / wanted)];
            (j % 2 == 0 ? every : even).set(ip);
        }
        return new InjectedIncident(every, even, wanted);
    }

    /** Whether IP {@code ip} bursts in the run's minute {@code k}. */
    boolean hits(int k, int ip) {
        return everyMinute.get(ip) || (k % 2 == 0 && evenMinutesOnly.get(ip));
    }

    /** IPs hurt on even minutes (on odd minutes, half of them rounded up). */
    int size() {
        return size;
    }
}
