package io.andiag.model.severity;

import java.util.Optional;

/**
 * Severity of a region-minute: level Lk means the abnormal IPs exceed (k+1)/1000 of the monitored IPs,
 * from L0 (0.1 %) to L9 (1 % and above).
 */
public enum SeverityLevel {
    L0, L1, L2, L3, L4, L5, L6, L7, L8, L9;

    private static final SeverityLevel[] VALUES = values();

    public int level() {
        return ordinal();
    }

    /** Smallest number of abnormal IPs that reaches this level among {@code monitored} IPs. */
    public long minAbnormal(long monitored) {
        // abnormal * 1000 > (k + 1) * monitored, in integers
        return (long) (ordinal() + 1) * monitored / 1000 + 1;
    }

    /**
     * The level of {@code abnormal} abnormal IPs among {@code monitored}, or empty when below L0
     * (or when nothing is monitored).
     */
    public static Optional<SeverityLevel> of(long abnormal, long monitored) {
        if (abnormal < 0 || monitored < 0) {
            throw new IllegalArgumentException("counts must be non-negative: abnormal=" + abnormal + " monitored=" + monitored);
        }
        if (monitored == 0) {
            return Optional.empty();
        }
        SeverityLevel found = null;
        for (SeverityLevel l : VALUES) {
            if (abnormal * 1000 > (long) (l.ordinal() + 1) * monitored) {
                found = l;
            } else {
                break;
            }
        }
        return Optional.ofNullable(found);
    }

    public static SeverityLevel ofLevel(int k) {
        if (k < 0 || k >= VALUES.length) {
            throw new IllegalArgumentException("severity level must be 0..9, got " + k);
        }
        return VALUES[k];
    }
}
