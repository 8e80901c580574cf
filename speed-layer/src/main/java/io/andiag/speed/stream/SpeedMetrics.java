package io.andiag.speed.stream;

import io.andiag.model.codec.RejectReason;
import io.andiag.model.incident.AlertStatus;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The application's own counters, shared by every stream thread (Kafka's client metrics are exported next to
 * them). Names and meanings are documented in docs/operations.md; the Prometheus endpoint renders them.
 */
public final class SpeedMetrics {

    private final LongAdder countersIn = new LongAdder();
    private final LongAdder detailsIn = new LongAdder();
    private final LongAdder detailsStored = new LongAdder();
    private final LongAdder detailsOverCap = new LongAdder();
    private final LongAdder abnormalWithoutDetails = new LongAdder();
    private final Map<RegionMinuteClose, LongAdder> regionMinutesClosed = new EnumMap<>(RegionMinuteClose.class);
    private final LongAdder regionEventsLate = new LongAdder();
    private final LongAdder diagnosisNanos = new LongAdder();
    private final LongAdder diagnosisFailures = new LongAdder();
    private final Map<AlertStatus, LongAdder> alertsOut = new EnumMap<>(AlertStatus.class);
    private final Map<RejectReason, LongAdder> deadLetters = new EnumMap<>(RejectReason.class);
    private final LongAdder ipMinutesClosed = new LongAdder();
    private final LongAdder seriesScored = new LongAdder();
    private final LongAdder coldStartScored = new LongAdder();
    private final LongAdder abnormalOut = new LongAdder();
    private final LongAdder scoringNanos = new LongAdder();
    private final LongAdder paramSetsRefused = new LongAdder();
    private final LongAdder paramSetsLoaded = new LongAdder();
    private final AtomicReference<String> paramVersion = new AtomicReference<>("");

    public SpeedMetrics() {
        for (RejectReason r : RejectReason.values()) {
            deadLetters.put(r, new LongAdder());
        }
        for (AlertStatus s : AlertStatus.values()) {
            alertsOut.put(s, new LongAdder());
        }
        for (RegionMinuteClose c : RegionMinuteClose.values()) {
            regionMinutesClosed.put(c, new LongAdder());
        }
    }

    public void counterIn() {
        countersIn.increment();
    }

    public void detailIn() {
        detailsIn.increment();
    }

    public void detailStored() {
        detailsStored.increment();
    }

    public void detailOverCap() {
        detailsOverCap.increment();
    }

    /** An abnormal IP-minute went to the diagnosis without any sampled detail of that minute. */
    public void abnormalIpMinuteWithoutDetails() {
        abnormalWithoutDetails.increment();
    }

    /** A region-minute diagnosed, and how it was closed. */
    public void regionMinuteClosed(RegionMinuteClose how, long nanos) {
        regionMinutesClosed.get(how).increment();
        diagnosisNanos.add(nanos);
    }

    /** An abnormal or monitored record for a region-minute that was already diagnosed. */
    public void regionEventLate() {
        regionEventsLate.increment();
    }

    /** A region-minute whose diagnosis threw (a bug): it counted as a quiet minute. */
    public void diagnosisFailed() {
        diagnosisFailures.increment();
    }

    public void alertOut(AlertStatus status) {
        alertsOut.get(status).increment();
    }

    public void deadLetter(RejectReason reason) {
        deadLetters.get(reason).increment();
    }

    public void ipMinuteClosed() {
        ipMinutesClosed.increment();
    }

    public void scored(int series, int coldStart, long nanos) {
        seriesScored.add(series);
        coldStartScored.add(coldStart);
        scoringNanos.add(nanos);
    }

    public void abnormalOut() {
        abnormalOut.increment();
    }

    public void paramSetLoaded(String version) {
        paramSetsLoaded.increment();
        paramVersion.set(version);
    }

    public void paramSetRefused() {
        paramSetsRefused.increment();
    }

    public long countersIn() {
        return countersIn.sum();
    }

    public long detailsIn() {
        return detailsIn.sum();
    }

    public long detailsStored() {
        return detailsStored.sum();
    }

    public long detailsOverCap() {
        return detailsOverCap.sum();
    }

    public long abnormalIpMinutesWithoutDetails() {
        return abnormalWithoutDetails.sum();
    }

    public long regionMinutesClosed(RegionMinuteClose how) {
        return regionMinutesClosed.get(how).sum();
    }

    public long regionEventsLate() {
        return regionEventsLate.sum();
    }

    public long diagnosisNanos() {
        return diagnosisNanos.sum();
    }

    public long diagnosisFailures() {
        return diagnosisFailures.sum();
    }

    public long alertsOut(AlertStatus status) {
        return alertsOut.get(status).sum();
    }

    public long deadLetters(RejectReason reason) {
        return deadLetters.get(reason).sum();
    }

    public long deadLettersTotal() {
        long s = 0;
        for (LongAdder a : deadLetters.values()) {
            s += a.sum();
        }
        return s;
    }

    public long ipMinutesClosed() {
        return ipMinutesClosed.sum();
    }

    public long seriesScored() {
        return seriesScored.sum();
    }

    public long coldStartScored() {
        return coldStartScored.sum();
    }

    public long abnormalOutTotal() {
        return abnormalOut.sum();
    }

    public long scoringNanos() {
        return scoringNanos.sum();
    }

    public long paramSetsLoaded() {
        return paramSetsLoaded.sum();
    }

    public long paramSetsRefused() {
        return paramSetsRefused.sum();
    }

    public String paramVersion() {
        return paramVersion.get();
    }
}
