package io.andiag.speed.alerts;

import io.andiag.model.codec.AlertCodec;
import io.andiag.model.codec.Decoded;
import io.andiag.model.incident.IncidentAlert;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads {@code and.alerts}: prints each incident change ({@link AlertFormatter}) and, when configured, forwards it to
 * Alertmanager. A record that does not decode is reported on the error stream with its partition and offset and
 * counted; it never stops the feed.
 */
public final class AlertFeed {

    private final Consumer<String, byte[]> consumer;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Optional<AlertmanagerForwarder> forwarder;
    private final AlertCodec codec = new AlertCodec();
    private long printed;
    private long undecodable;

    public AlertFeed(Consumer<String, byte[]> consumer, PrintWriter out, PrintWriter err, Optional<AlertmanagerForwarder> forwarder) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.forwarder = Objects.requireNonNull(forwarder, "forwarder");
    }

    /** Polls once, prints and forwards what arrived, and lets the forwarder resend open incidents when due. */
    public int pollOnce(Duration timeout) {
        int n = 0;
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            n++;
            Decoded<IncidentAlert> alert = codec.decode(r.value());
            if (!alert.isOk()) {
                undecodable++;
                err.println("andiag alerts: skipping undecodable record " + r.topic() + "/" + r.partition() + "@" + r.offset()
                        + " (" + alert.rejection().reason().code() + ": " + alert.rejection().detail() + ")");
                err.flush();
                continue;
            }
            out.println(AlertFormatter.format(alert.value()));
            out.flush();
            printed++;
            forwarder.ifPresent(f -> f.accept(alert.value()));
        }
        forwarder.ifPresent(AlertmanagerForwarder::tick);
        return n;
    }

    public long printed() {
        return printed;
    }

    public long undecodable() {
        return undecodable;
    }
}
