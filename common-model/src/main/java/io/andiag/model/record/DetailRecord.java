package io.andiag.model.record;

import java.util.Objects;

/**
 * One sampled retransmission on {@code and.retx.details} (the agent keeps the first 23 per IP and interval).
 *
 * @param ts       when it happened, epoch milliseconds
 * @param ip       source IP (the Kafka key)
 * @param sport    source port
 * @param dip      destination IP
 * @param dport    destination port
 * @param type     SYN or RTO
 * @param scenario traffic scenario of the destination
 * @param pid      process id of the socket owner, 0 when unknown
 * @param comm     process name of the socket owner, empty when unknown
 */
public record DetailRecord(long ts, String ip, int sport, String dip, int dport, RetxType type, Scenario scenario,
                           int pid, String comm) {

    public static final int VERSION = 1;

    /** Samples an agent keeps per IP and interval. */
    public static final int SAMPLES_PER_INTERVAL = 23;

    public DetailRecord {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(dip, "dip");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(comm, "comm");
        if (sport < 0 || sport > 65_535 || dport < 0 || dport > 65_535) {
            throw new IllegalArgumentException("ports must be in 0..65535, got sport=" + sport + " dport=" + dport);
        }
    }
}
